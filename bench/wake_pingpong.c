/* Cross-CPU wake-up cost of this machine: two threads on two CPUs pass a byte back and forth
 * through pipes, each blocking in read(2), so every hop wakes a thread on the other CPU.
 * Prints the mean round trip in microseconds. The benchmarks print it beside their figures:
 * on a VM it is the host's price for a wake-up, which no code on the guest can change.
 *   wake_pingpong [cpu-a cpu-b [round-trips]]                               (default 0 1 20000) */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static int ping[2], pong[2], rounds = 20000;

static void pin(int cpu) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    pthread_setaffinity_np(pthread_self(), sizeof set, &set);
}

static void *answer(void *cpu) {
    pin(*(int *)cpu);
    char c;
    for (int i = 0; i < rounds; i++) {
        if (read(ping[0], &c, 1) != 1 || write(pong[1], &c, 1) != 1) break;
    }
    return NULL;
}

int main(int argc, char **argv) {
    int a = argc > 2 ? atoi(argv[1]) : 0, b = argc > 2 ? atoi(argv[2]) : 1;
    if (argc > 3) rounds = atoi(argv[3]);
    if (pipe(ping) || pipe(pong)) { perror("pipe"); return 1; }
    pthread_t t;
    pthread_create(&t, NULL, answer, &b);
    pin(a);
    struct timespec s, e;
    char c = 'x';
    clock_gettime(CLOCK_MONOTONIC, &s);
    for (int i = 0; i < rounds; i++) {
        if (write(ping[1], &c, 1) != 1 || read(pong[0], &c, 1) != 1) { perror("pipe"); return 1; }
    }
    clock_gettime(CLOCK_MONOTONIC, &e);
    pthread_join(t, NULL);
    printf("%.1f\n", ((e.tv_sec - s.tv_sec) * 1e9 + (e.tv_nsec - s.tv_nsec)) / 1e3 / rounds);
    return 0;
}
