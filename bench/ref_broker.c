// The floor any libzmq broker pays: a minimal MDP/0.2 broker in C (RFC 18 framing, DEALER peers)
// with no checks, no services table and no expiry. Workers: READY / FINAL / HEARTBEAT; clients:
// REQUEST. Bodies are forwarded as zmq_msg_t without copying, like reportq's broker.
// bench/broker.sh compiles it (cc -O2 … -lzmq) and runs it as system "c-floor".
//   ref_broker tcp://127.0.0.1:5555
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <zmq.h>

#define MAX_FRAMES 16
#define MAX_WORKERS 64
#define MAX_QUEUE 4096

typedef struct { unsigned char id[256]; size_t n; } peer_id;
typedef struct { peer_id client; zmq_msg_t body[MAX_FRAMES]; int frames; } request;

static peer_id workers[MAX_WORKERS];             // every worker, for heartbeats
static int worker_count;
static peer_id idle[MAX_WORKERS];                // ring of idle workers, least recently used first
static int idle_head, idle_count;
static request queue[MAX_QUEUE];                 // ring of requests waiting for a worker
static int queue_head, queue_count;
static unsigned char service[256];
static size_t service_n;
static volatile sig_atomic_t stop;

static void on_signal(int sig) { (void)sig; stop = 1; }

static long now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void send_bytes(void *s, const void *p, size_t n, int more) { zmq_send(s, p, n, (more ? ZMQ_SNDMORE : 0) | ZMQ_DONTWAIT); }

static void copy_id(peer_id *to, zmq_msg_t *m) {
    to->n = zmq_msg_size(m) < sizeof to->id ? zmq_msg_size(m) : sizeof to->id;
    memcpy(to->id, zmq_msg_data(m), to->n);
}

static void dispatch(void *s) {
    while (queue_count > 0 && idle_count > 0) {
        request *r = &queue[queue_head];
        peer_id *w = &idle[idle_head];
        queue_head = (queue_head + 1) % MAX_QUEUE; queue_count--;
        idle_head = (idle_head + 1) % MAX_WORKERS; idle_count--;
        send_bytes(s, w->id, w->n, 1);
        send_bytes(s, "MDPW02", 6, 1);
        send_bytes(s, "\x02", 1, 1);
        send_bytes(s, r->client.id, r->client.n, 1);
        send_bytes(s, "", 0, r->frames > 0);
        for (int i = 0; i < r->frames; i++) zmq_msg_send(&r->body[i], s, (i + 1 < r->frames ? ZMQ_SNDMORE : 0) | ZMQ_DONTWAIT);
    }
}

static void make_idle(zmq_msg_t *id) {
    if (idle_count == MAX_WORKERS) return;
    copy_id(&idle[(idle_head + idle_count) % MAX_WORKERS], id);
    idle_count++;
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: ref_broker ENDPOINT\n"); return 2; }
    signal(SIGINT, on_signal); signal(SIGTERM, on_signal);
    void *ctx = zmq_ctx_new(), *s = zmq_socket(ctx, ZMQ_ROUTER);
    int timeout = 100, zero = 0;
    zmq_setsockopt(s, ZMQ_RCVTIMEO, &timeout, sizeof timeout);
    zmq_setsockopt(s, ZMQ_LINGER, &zero, sizeof zero);
    if (zmq_bind(s, argv[1]) != 0) { fprintf(stderr, "bind: %s\n", zmq_strerror(zmq_errno())); return 1; }
    zmq_msg_t f[MAX_FRAMES];
    long heartbeat_at = now_ms() + 2500;
    while (!stop) {
        int n = 0, more = 1;
        while (more && n < MAX_FRAMES) {
            zmq_msg_init(&f[n]);
            if (zmq_msg_recv(&f[n], s, 0) < 0) { zmq_msg_close(&f[n]); break; }
            more = zmq_msg_more(&f[n]);
            n++;
        }
        if (n >= 3 && zmq_msg_size(&f[1]) == 6 && zmq_msg_size(&f[2]) == 1) {
            const char *tag = zmq_msg_data(&f[1]);
            unsigned char cmd = *(unsigned char *)zmq_msg_data(&f[2]);
            if (memcmp(tag, "MDPW02", 6) == 0 && cmd == 0x01 && n == 4) {          // READY service
                if (worker_count < MAX_WORKERS) copy_id(&workers[worker_count++], &f[0]);
                service_n = zmq_msg_size(&f[3]); memcpy(service, zmq_msg_data(&f[3]), service_n);
                make_idle(&f[0]);
                dispatch(s);
            } else if (memcmp(tag, "MDPW02", 6) == 0 && cmd == 0x04 && n >= 5) {   // FINAL client "" body…
                send_bytes(s, zmq_msg_data(&f[3]), zmq_msg_size(&f[3]), 1);
                send_bytes(s, "MDPC02", 6, 1);
                send_bytes(s, "\x03", 1, 1);
                send_bytes(s, service, service_n, n > 5);
                for (int i = 5; i < n; i++) zmq_msg_send(&f[i], s, (i + 1 < n ? ZMQ_SNDMORE : 0) | ZMQ_DONTWAIT);
                make_idle(&f[0]);
                dispatch(s);
            } else if (memcmp(tag, "MDPC02", 6) == 0 && cmd == 0x01 && n >= 4 && queue_count < MAX_QUEUE) {
                request *r = &queue[(queue_head + queue_count) % MAX_QUEUE];  // REQUEST service body…
                copy_id(&r->client, &f[0]);
                r->frames = 0;
                for (int i = 4; i < n; i++) { zmq_msg_init(&r->body[r->frames]); zmq_msg_move(&r->body[r->frames++], &f[i]); }
                queue_count++;
                dispatch(s);
            }
        }
        for (int i = 0; i < n; i++) zmq_msg_close(&f[i]);
        if (now_ms() >= heartbeat_at) {
            for (int i = 0; i < worker_count; i++) {
                send_bytes(s, workers[i].id, workers[i].n, 1);
                send_bytes(s, "MDPW02", 6, 1);
                send_bytes(s, "\x05", 1, 0);
            }
            heartbeat_at = now_ms() + 2500;
        }
    }
    zmq_close(s);
    zmq_ctx_term(ctx);
    return 0;
}
