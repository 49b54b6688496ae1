#!/usr/bin/env python3
"""MDP/0.2 (ZeroMQ RFC 18) test peers for reportq's broker, writing the RFC's frames literally.

  mdp_peer.py client ENDPOINT SERVICE COUNT      send COUNT requests, check each FINAL reply
  mdp_peer.py worker ENDPOINT SERVICE COUNT      serve COUNT requests (reply = body reversed), then DISCONNECT
  mdp_peer.py majortomo-worker ENDPOINT SERVICE  serve with Python majortomo's Worker until SIGTERM
  mdp_peer.py majortomo-client ENDPOINT SERVICE COUNT   requests through majortomo's Client
  mdp_peer.py job-control ENDPOINT -             titanic.list the failed jobs, titanic.show and titanic.retry each;
                                                 prints "failed ID CODE NAME" and "retried ID as NEW" lines

Exit status 0 when every exchange matched the RFC, 1 (with a message on stderr) otherwise.
"""
import signal
import sys
import time

import zmq

C_CLIENT, W_WORKER = b"MDPC02", b"MDPW02"
READY, REQUEST, PARTIAL, FINAL, HEARTBEAT, DISCONNECT = b"\x01", b"\x02", b"\x03", b"\x04", b"\x05", b"\x06"
C_REQUEST, C_PARTIAL, C_FINAL = b"\x01", b"\x02", b"\x03"
HEARTBEAT_S = 0.2


def fail(msg):
    sys.stderr.write("mdp_peer: " + msg + "\n")
    sys.exit(1)


def client(endpoint, service, count):
    ctx = zmq.Context()
    s = ctx.socket(zmq.DEALER)
    s.setsockopt(zmq.LINGER, 0)
    s.connect(endpoint)
    # MMI, RFC 8
    s.send_multipart([C_CLIENT, C_REQUEST, b"mmi.service", service])
    if not s.poll(5000):
        fail("client: no mmi reply")
    if s.recv_multipart() != [C_CLIENT, C_FINAL, b"mmi.service", b"200"]:
        fail("client: mmi.service should say 200")
    for i in range(count):
        body = [b"req-%d" % i, bytes(range(256)) * (i % 3)]
        s.send_multipart([C_CLIENT, C_REQUEST, service] + body)
        if not s.poll(10000):
            fail("client: no reply to request %d" % i)
        reply = s.recv_multipart()
        if reply[:3] != [C_CLIENT, C_FINAL, service]:
            fail("client: bad reply header %r" % reply[:3])
        expected = [f[::-1] for f in body] if service != b"echo" else body
        if reply[3:] != expected:
            fail("client: bad reply body %r" % reply[3:])
    print("client ok", count)


def worker(endpoint, service, count):
    ctx = zmq.Context()
    s = ctx.socket(zmq.DEALER)
    s.setsockopt(zmq.LINGER, 1000)
    s.connect(endpoint)
    s.send_multipart([W_WORKER, READY, service])
    served, next_hb, heard = 0, time.time() + HEARTBEAT_S, time.time()
    while served < count:
        if s.poll(int(HEARTBEAT_S * 1000)):
            msg = s.recv_multipart()
            heard = time.time()
            if msg[:2] == [W_WORKER, HEARTBEAT] and len(msg) == 2:
                pass
            elif msg[:2] == [W_WORKER, REQUEST]:
                if len(msg) < 4 or msg[3] != b"":
                    fail("worker: REQUEST without client address and empty frame: %r" % msg)
                client_addr, body = msg[2], msg[4:]
                s.send_multipart([W_WORKER, FINAL, client_addr, b""] + [f[::-1] for f in body])
                served += 1
            elif msg[:2] == [W_WORKER, DISCONNECT]:
                fail("worker: broker sent DISCONNECT")
            else:
                fail("worker: unexpected message %r" % msg)
        if time.time() >= next_hb:
            s.send_multipart([W_WORKER, HEARTBEAT])
            next_hb = time.time() + HEARTBEAT_S
        if time.time() - heard > 10 * HEARTBEAT_S:
            fail("worker: broker stopped heartbeating")
    s.send_multipart([W_WORKER, DISCONNECT])
    print("worker ok", served)


def majortomo_worker(endpoint, service):
    import majortomo
    w = majortomo.Worker(endpoint, service, heartbeat_interval=HEARTBEAT_S, heartbeat_timeout=HEARTBEAT_S * 10)
    it = majortomo.WorkerRequestsIterator(w)
    it.stop_on_signal()
    for request in it:
        it.send_reply_final([f[::-1] for f in request])


def majortomo_client(endpoint, service, count):
    import majortomo
    c = majortomo.Client(endpoint)
    c.connect()
    for i in range(count):
        c.send(service, b"mt-%d" % i)
        reply = c.recv_all_as_list(timeout=10)
        if reply != [(b"mt-%d" % i)[::-1]]:
            fail("majortomo client: bad reply %r" % reply)
    c.close()
    print("majortomo client ok", count)


def job_control(endpoint):
    """reportq's job control (protocols/titanic.md §2a) from a plain MDP client."""
    import json
    ctx = zmq.Context()
    s = ctx.socket(zmq.DEALER)
    s.setsockopt(zmq.LINGER, 0)
    s.connect(endpoint)

    def request(service, *body):
        s.send_multipart([C_CLIENT, C_REQUEST, service] + list(body))
        if not s.poll(5000):
            fail("job-control: no reply from " + service.decode())
        reply = s.recv_multipart()
        if reply[:3] != [C_CLIENT, C_FINAL, service]:
            fail("job-control: bad reply header %r" % reply[:3])
        return reply[3:]

    status, listing = request(b"titanic.list", json.dumps({"status": "error"}).encode())
    if status != b"200":
        fail("job-control: titanic.list answered %r" % status)
    listing = json.loads(listing)
    for job in listing["jobs"]:
        status, info = request(b"titanic.show", job["job_id"].encode())
        if status != b"200" or json.loads(info) != job:
            fail("job-control: titanic.show differs from titanic.list: %r" % info)
        print("failed", job["job_id"], job["error"]["code"], job["header"]["name"])
    for job in listing["jobs"]:
        status, outcomes = request(b"titanic.retry", job["job_id"].encode())
        outcome = json.loads(outcomes)[0]
        if status != b"200" or "retried_as" not in outcome:
            fail("job-control: titanic.retry answered %r %r" % (status, outcomes))
        print("retried", outcome["job_id"], "as", outcome["retried_as"])


def main():
    if len(sys.argv) < 4:
        fail(__doc__)
    mode, endpoint, service = sys.argv[1], sys.argv[2], sys.argv[3].encode()
    count = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    signal.signal(signal.SIGALRM, lambda *_: fail("timed out"))
    signal.alarm(60)
    if mode == "client":
        client(endpoint, service, count)
    elif mode == "worker":
        worker(endpoint, service, count)
    elif mode == "majortomo-worker":
        signal.alarm(0)
        majortomo_worker(endpoint, service)
    elif mode == "majortomo-client":
        majortomo_client(endpoint, service, count)
    elif mode == "job-control":
        job_control(endpoint)
    else:
        fail("unknown mode " + mode)


if __name__ == "__main__":
    main()
