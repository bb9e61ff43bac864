#!/usr/bin/env python3
"""bench_contain.py: can one participant degrade another negotiation's talks?

Starts `parley serve` on 127.0.0.1 (port 0, a temporary database), creates a
victim negotiation (a normal client: a party reading the current text and its
value, the mediator posting a message now and then and asking for the analysis)
and an attacker's negotiation, then runs each attack of issue 22 from the
attacker's tokens for a bounded time while the normal client works, and reports
for each: the fraction of the normal client's requests answered (2xx) within
1 s, its analyses' statuses, the attack's own statuses, the server's RSS before,
at its peak during and 3 s after the attack (/proc/PID/status), and the server's
CPU seconds.  Loopback only; every loop is bounded by a count and a time.

usage: python3 bench/bench_contain.py [path/to/parley] [seconds per attack]
"""
import http.client
import json
import multiprocessing
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

PARLEY = sys.argv[1] if len(sys.argv) > 1 else "build/parley"
SECONDS = float(sys.argv[2]) if len(sys.argv) > 2 else 10.0
MAX_REQUESTS = 200000  # per loop, besides the time bound
ATTACKER = "127.0.0.2"  # the attacker's address (loopback): the server's limits per address are not what is tested


def scenario(title, issues, values):
    """Buyer and Seller over `issues` integer issues of `values` values each; Broker mediates."""
    iss = [{"name": "i%d" % k, "type": "integer", "min": 0, "max": values - 1} for k in range(issues)]
    def prefs(up):
        return {"i%d" % k: {"weight": 1.0 / issues, "function": {"type": "linear", "at_min": 0 if up else 1,
                                                                  "at_max": 1 if up else 0}} for k in range(issues)}
    return {"title": title, "issues": iss, "parties": [
        {"name": "Buyer", "reservation": 0.2, "preferences": prefs(False)},
        {"name": "Seller", "reservation": 0.2, "preferences": prefs(True)},
        {"name": "Broker", "role": "mediator"}]}


class Client:
    def __init__(self, port, source=None):
        self.port, self.source = port, source

    def call(self, method, path, token=None, body=None, timeout=30):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout,
                                          source_address=(self.source, 0) if self.source else None)
        headers = {}
        if token:
            headers["Authorization"] = "Bearer " + token
        data = None
        if body is not None:
            data = body if isinstance(body, (bytes, str)) else json.dumps(body)
            headers["Content-Type"] = "application/json"
        try:
            conn.request(method, "/api/" + path, body=data, headers=headers)
            r = conn.getresponse()
            raw = r.read()
            try:
                js = json.loads(raw) if raw else None
            except ValueError:
                js = None
            return r.status, js
        except (OSError, http.client.HTTPException):
            return -1, None
        finally:
            conn.close()


def rss_mb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return 0.0


def cpu_seconds(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def setup_negotiation(c, sc, extra_mediators=0):
    st, js = c.call("POST", "negotiations", None, {"scenario": sc})
    assert st == 201, (st, js)
    n = js["negotiation"]["id"]
    med = js["participant"]["token"]
    toks = {"med": med}
    for name in ("Buyer", "Seller"):
        st, js = c.call("POST", "negotiations/%d/participants" % n, med, {"name": name, "role": "party"})
        assert st == 201, (st, js)
        toks[name] = js["token"]
    toks["mediators"] = [med]
    for k in range(extra_mediators):
        st, js = c.call("POST", "negotiations/%d/participants" % n, med, {"name": "M%d" % k, "role": "mediator"})
        assert st == 201, (st, js)
        toks["mediators"].append(js["token"])
    c.call("POST", "negotiations/%d/sessions" % n, med, {"venue": "loopback"})
    outcome = {i["name"]: 0 for i in sc["issues"]}
    st, _ = c.call("POST", "negotiations/%d/texts" % n, med, {"outcome": outcome})
    assert st == 201
    return n, toks


class Normal(threading.Thread):
    """The victim: a party reads, the mediator writes a message every 0.5 s and asks for the analysis every 2 s."""

    def __init__(self, c, n, toks, seconds):
        super().__init__(daemon=True)
        self.c, self.n, self.toks, self.seconds = c, n, toks, seconds
        self.total = self.fast = 0
        self.analyses, self.statuses = {}, {}
        self.analysis_seconds = 0.0

    def run(self):
        end = time.time() + self.seconds
        analyst = threading.Thread(target=self.analyses_loop, args=(end,), daemon=True)
        analyst.start()
        last_write = 0.0
        i = 0
        while time.time() < end and i < MAX_REQUESTS:
            i += 1
            now = time.time()
            if now - last_write >= 0.5:
                last_write = now
                req = ("POST", "negotiations/%d/messages" % self.n, self.toks["med"], {"body": "still here"})
            elif i % 2:
                req = ("GET", "negotiations/%d/texts/current/value" % self.n, self.toks["Buyer"], None)
            else:
                req = ("GET", "negotiations/%d" % self.n, self.toks["Seller"], None)
            t0 = time.time()
            st, _ = self.c.call(*req, timeout=10)
            dt = time.time() - t0
            self.total += 1
            self.fast += 200 <= st < 300 and dt < 1.0
            self.statuses[st] = self.statuses.get(st, 0) + 1
            time.sleep(0.02)
        analyst.join(timeout=40)

    def analyses_loop(self, end):
        """The mediator asks for the analysis every 2 s (on its own: a slow analysis holds up no read)."""
        while time.time() < end:
            t0 = time.time()
            st, _ = self.c.call("GET", "negotiations/%d/analysis" % self.n, self.toks["med"])
            self.analyses[st] = self.analyses.get(st, 0) + 1
            self.analysis_seconds = max(self.analysis_seconds, time.time() - t0)
            time.sleep(max(0.0, 2.0 - (time.time() - t0)))


def hammer(threads, seconds, fn):
    """Runs fn(k, stop_time) on `threads` threads in a process of its own (not sharing the normal client's
    interpreter lock); returns the process and a queue that gets {status: count} of what fn returned."""
    out = multiprocessing.Queue()

    def main():
        counts, lock = {}, threading.Lock()
        end = time.time() + seconds

        def loop(k):
            i = 0
            while time.time() < end and i < MAX_REQUESTS:
                i += 1
                st = fn(k, end)
                with lock:
                    counts[st] = counts.get(st, 0) + 1
        ts = [threading.Thread(target=loop, args=(k,), daemon=True) for k in range(threads)]
        for t in ts:
            t.start()
        for t in ts:
            t.join(timeout=seconds + 40)
        out.put(counts)
    proc = multiprocessing.Process(target=main, daemon=True)
    proc.start()
    return proc, out


def big_profile(red_lines, pad=0):
    p = {"preferences": {"i0": {"weight": 1, "function": {"type": "linear", "at_min": 1, "at_max": 0}}},
         "red_lines": [{"name": "r%d" % k, "rule": "i0 <= %d" % (9 - k % 3)} for k in range(red_lines)]}
    return json.dumps(p) + " " * pad


def raw_request(port, data, timeout=3):
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout, source_address=(ATTACKER, 0))
    try:
        s.sendall(data)
        out = b""
        while True:
            d = s.recv(65536)
            if not d:
                break
            out += d
    except OSError:
        out += b" (timeout)"
    finally:
        s.close()
    return out.split(b" ", 2)[1].decode() if out.startswith(b"HTTP/") else "none"


def main():
    tmp = tempfile.mkdtemp(prefix="bench-contain-")
    web = os.path.join(tmp, "web")
    os.mkdir(web)
    with open(os.path.join(web, "index.html"), "w") as f:
        f.write("<p>dashboard</p>")
    with open(os.path.join(tmp, "outside.txt"), "w") as f:
        f.write("secret")
    os.symlink(os.path.join(tmp, "outside.txt"), os.path.join(web, "leak.txt"))
    os.mkfifo(os.path.join(web, "pipe.txt"))
    port_file = os.path.join(tmp, "port")
    server = subprocess.Popen([PARLEY, "serve"] + os.environ.get("SERVE_OPTIONS", "").split() + [ "--db", os.path.join(tmp, "b.db"), "--listen", "127.0.0.1:0",
                               "--port-file", port_file, "--open", "--sync", "normal", "--web", web],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            if os.path.exists(port_file) and open(port_file).read().strip():
                break
            time.sleep(0.05)
        port = int(open(port_file).read())
        c = Client(port)
        a = Client(port, ATTACKER)
        victim, vt = setup_negotiation(c, scenario("victim", 3, 10))
        target, at = setup_negotiation(c, scenario("attacker", 6, 10), extra_mediators=9)
        print("bench_contain: nproc %d, load average %s, %g s per attack, server pid %d" %
              (os.cpu_count(), open("/proc/loadavg").read().split()[:3], SECONDS, server.pid))
        print("%-34s %9s %8s %8s %8s %8s  %s" % ("attack", "within1s", "rss0MB", "peakMB", "afterMB", "cpu_s",
                                                "normal analyses / attack statuses"))
        rss_start = rss_mb(server.pid)

        only = os.environ.get("ATTACKS")  # e.g. ATTACKS=1,3: run only those (the baseline always)

        def run(name, threads, fn, prepare=None):
            if only and name[0].isdigit() and name[0] not in only.split(","):
                return
            extra = prepare() if prepare else ""
            rss0, cpu0 = rss_mb(server.pid), cpu_seconds(server.pid)
            normal = Normal(c, victim, vt, SECONDS)
            proc, queue = hammer(threads, SECONDS, fn)
            normal.start()
            peak = rss0
            while normal.is_alive():
                peak = max(peak, rss_mb(server.pid))
                time.sleep(0.1)
            try:
                counts = queue.get(timeout=60)
            except Exception:
                counts = {"lost": 1}
            proc.join(timeout=5)
            time.sleep(3)
            after = rss_mb(server.pid)
            frac = normal.fast / normal.total if normal.total else 0.0
            print("%-34s %6.1f%% %9.1f %8.1f %8.1f %8.2f  %s / %s %s" % (
                name, 100 * frac, rss0, peak, after, cpu_seconds(server.pid) - cpu0,
                dict(sorted(normal.analyses.items())), dict(sorted(counts.items())), extra))
            print("   normal client: %d requests; its slowest analysis took %.1f s" % (normal.total,
                                                                                   normal.analysis_seconds))
            if normal.fast < normal.total:
                print("   normal client's statuses: %s" % dict(sorted(normal.statuses.items())))
            sys.stdout.flush()

        run("none (baseline)", 0, lambda k, end: 0)

        # 1. A large profile, then GET texts/current/value in a loop on four connections.
        def profile():
            assert len(big_profile(20000)) < (1 << 20)  # within --max-body: refused by the profile budgets
            st_big, _ = a.call("PUT", "negotiations/%d/profile" % target, at["Buyer"], big_profile(20000))
            st_max, _ = a.call("PUT", "negotiations/%d/profile" % target, at["Buyer"], big_profile(256))
            return "(20,000 red lines: %d; 256: %d)" % (st_big, st_max)
        run("1 profile + value loop x4", 4,
            lambda k, end: a.call("GET", "negotiations/%d/texts/current/value" % target, at["Buyer"])[0], profile)

        # 3. Ten mediators of one negotiation asking for analyses, four at a time each.
        def analyses(k, end):
            return a.call("GET", "negotiations/%d/analysis" % target, at["mediators"][k % 10], timeout=30)[0]
        run("3 ten mediators x4 analyses", 40, analyses)

        # 4. Messages of 10,000 bytes as fast as possible (write budget, storage budget).
        body = {"body": "x" * 10000}
        db_before = os.path.getsize(os.path.join(tmp, "b.db")) + os.path.getsize(os.path.join(tmp, "b.db-wal"))
        run("4 10 kB messages x4", 4,
            lambda k, end: a.call("POST", "negotiations/%d/messages" % target, at["Seller"], body)[0])
        db_after = os.path.getsize(os.path.join(tmp, "b.db")) + os.path.getsize(os.path.join(tmp, "b.db-wal"))
        if not only or "4" in only.split(","):
            print("   database grew by %.1f MB during attack 4" % ((db_after - db_before) / 1e6))

        # 5. Forty connections asking for the timeline and never reading (after the mediators' messages).
        for tok in at["mediators"]:
            for _ in range(30):
                a.call("POST", "negotiations/%d/messages" % target, tok, body)
        def slow_readers(k, end):
            s = socket.create_connection(("127.0.0.1", port), source_address=(ATTACKER, 0))
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            s.sendall(("GET /api/negotiations/%d/timeline?limit=1000 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                       "%s\r\n\r\n" % (target, at["med"])).encode())
            time.sleep(max(0.0, end - time.time()))
            s.close()
            return 0
        run("5 40 timeline readers never read", 40, slow_readers)

        # 6. Ambiguous request heads.
        heads = [b"POST /api/negotiations/%d/messages HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 5"
                 b"\r\n\r\n{}" % target,
                 b"POST /api/negotiations/%d/messages HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: "
                 b"chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n" % target,
                 b"POST /api/negotiations/%d/messages HTTP/1.1\r\nHost: x\r\nTransfer-Encoding : chunked\r\n\r\n"
                 b"2\r\n{}\r\n0\r\n\r\n" % target,
                 b"GET /api/health HTTP/1.1\r\n\r\n"]
        run("6 ambiguous heads x2", 2, lambda k, end: raw_request(port, heads[int(time.time() * 10) % 4]))

        # 7. The web folder: a link out and a FIFO.
        run("7 static link out + FIFO x4", 4,
            lambda k, end: raw_request(port, b"GET /%s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" %
                                       (b"pipe.txt" if k % 2 else b"leak.txt")))
        print("RSS: %.1f MB at the start, %.1f MB at the end (the target: within 50 MB)" %
              (rss_start, rss_mb(server.pid)))
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
