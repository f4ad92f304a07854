#!/usr/bin/env python3
"""Attacks a live eyecrest server as a hostile client would, and checks that it holds up.

Usage: hostile.py EYECREST_BINARY CORPUS_TAR_GZ [--json REPORT] [--only NAME ...]

Each attack starts its own server on a free loopback port (under `prlimit` where the
open-file limit matters), with short timeouts so the run takes about two minutes, and
stops it by PID. Seeded and bounded; only the standard library. Exit status 1 on the
first failed check. The figures go to standard output (and --json), for
docs/benchmarks.md.
"""
import argparse, http.client, json, os, random, resource, select, selectors, socket, subprocess, sys, tarfile, tempfile, threading, time

random.seed(14)
REPORT = {}


def check(condition, message):
    if not condition:
        print("FAILED:", message, flush=True)
        sys.exit(1)
    print("ok:", message, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`eyecrest serve` with `args`, under `prlimit --nofile=N` when `open_files` is given."""

    def __init__(self, binary, work, args, open_files=None, env=None):
        self.port = free_port()
        self.log = open(os.path.join(work, f"server-{self.port}.log"), "w")
        command = [binary, "serve", "--port", str(self.port), "--data-dir", os.path.join(work, f"data-{self.port}"), "--log-level", "warning"] + args
        if open_files:
            command = ["prlimit", f"--nofile={open_files}:{open_files}", "--"] + command
        self.process = subprocess.Popen(command, stdout=self.log, stderr=self.log, env={**os.environ, **(env or {})})
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                if self.get("/health")[0] == 200:
                    return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise SystemExit("server did not start")

    def request(self, method, path, body=None, headers=None, timeout=30):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, response.read(), dict(response.getheaders())
        finally:
            connection.close()

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def metric(self, sample):
        text = self.get("/metrics")[1].decode()
        for line in text.splitlines():
            if line.startswith(sample + " "):
                return float(line.split()[-1])
        return 0.0

    def rss_mb(self):
        with open(f"/proc/{self.process.pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return 0.0

    def open_files(self):
        return len(os.listdir(f"/proc/{self.process.pid}/fd"))

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
        return self.process.returncode


def seed(server, headers=None):
    """A small dataset to search: a few hundred sections of the corpus."""
    headers = {"Content-Type": "application/json", **(headers or {})}
    status, body, _ = server.request("POST", "/v1/datasets/book", body="{}", headers=headers)
    check(status in (200, 201), f"dataset created ({status} {body[:200]})")
    files = []
    with tarfile.open(ARGS.corpus) as archive:
        for member in archive.getmembers():
            if member.isfile() and member.name.endswith(".md") and len(files) < 60:
                files.append({"filename": member.name.split("/", 1)[-1], "content": archive.extractfile(member).read().decode("utf-8", "replace")})
    status, body, _ = server.request("PUT", "/v1/datasets/book/files", body=json.dumps({"files": files}), headers=headers)
    check(status == 200, f"{len(files)} files stored ({status} {body[:200]})")


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


def wait_closed(sockets, bound):
    """Reads each socket until the server closes it; returns (closed, first bytes of each)."""
    first = {s: b"" for s in sockets}
    selector = selectors.DefaultSelector()  # epoll: more than select()'s 1,024 descriptors
    for s in sockets:
        selector.register(s, selectors.EVENT_READ)
    remaining = len(sockets)
    deadline = time.time() + bound
    while remaining and time.time() < deadline:
        for key, _ in selector.select(0.5):
            s = key.fileobj
            try:
                data = s.recv(65536)
            except OSError:
                data = b""
            if data:
                first[s] = (first[s] + data)[:300]
            else:
                selector.unregister(s)
                remaining -= 1
    selector.close()
    return len(sockets) - remaining, first


# --- attacks ------------------------------------------------------------------------

def slowloris(work):
    """1,100 half-sent headers against a server with 1,024 open files."""
    server = Server(ARGS.binary, work, ["--header-timeout", "2"], open_files=1024)
    try:
        seed(server)
        start = time.time()
        sockets = []
        peak_files = 0
        for index in range(1100):
            s = socket.create_connection(("127.0.0.1", server.port))
            s.sendall(b"GET /health HTTP/1.1\r\nHost: eyecrest\r\nX-Slow: ")
            sockets.append(s)
            if index % 100 == 0:
                peak_files = max(peak_files, server.open_files())
        opened = time.time() - start
        peak_files = max(peak_files, server.open_files())
        closed, first = wait_closed(sockets, 30)
        elapsed = time.time() - start
        refused = sum(1 for data in first.values() if data.startswith(b"HTTP/1.1 503") and b"server_busy" in data)
        for s in sockets:
            s.close()
        check(closed == 1100, f"all 1,100 slow connections closed ({closed}) within {elapsed:.1f} s (opened in {opened:.1f} s, header timeout 2 s)")
        check(peak_files < 1024, f"server's open files peaked at {peak_files} < 1,024")
        health_start = time.time()
        status = server.get("/health", timeout=5)[0]
        health_seconds = time.time() - health_start
        check(status == 200 and health_seconds < 1, f"/health answers in {health_seconds * 1000:.0f} ms after the attack")
        status, body, _ = server.get("/v1/datasets/book/search?query=ownership")
        check(status == 200 and json.loads(body)["results"], "a normal search works after the attack")
        timed_out = server.metric('eyecrest_connections_closed_total{reason="header_timeout"}')
        check(timed_out + refused >= 1100, f"{timed_out:.0f} closed by the header timeout, {refused} refused with 503 server_busy at once")
        REPORT["slowloris"] = {"connections": 1100, "refused503": refused, "headerTimeouts": timed_out, "peakOpenFiles": peak_files,
                               "allClosedSeconds": round(elapsed, 1), "healthAfterMs": round(health_seconds * 1000, 1)}
    finally:
        check(server.stop() == 0, "server stopped cleanly")


def slow_bodies(work):
    """40 clients declare 30 MB, send 25 MB and stall, against a 256 MiB budget."""
    budget = 256 << 20
    server = Server(ARGS.binary, work, ["--max-body-bytes-in-flight", str(budget), "--body-timeout", "5"])
    try:
        server.request("POST", "/v1/datasets/up", body="{}", headers={"Content-Type": "application/json"})
        baseline = server.rss_mb()
        declared, sent_bytes = 30_000_000, 25_000_000
        outcome = {}
        chunk = b" " * (1 << 20)

        def upload(index):
            s = socket.create_connection(("127.0.0.1", server.port))
            head = f"PUT /v1/datasets/up/files HTTP/1.1\r\nHost: eyecrest\r\nContent-Type: application/json\r\nContent-Length: {declared}\r\n\r\n"
            s.sendall(head.encode() + b'{"files":[{"filename":"a.md","content":"')
            sent, answer, started = 0, b"", time.time()
            while sent < sent_bytes:
                if select.select([s], [], [], 0)[0]:
                    answer = s.recv(4096)
                    break
                s.sendall(chunk)
                sent += len(chunk)
            if not answer and select.select([s], [], [], 0.5)[0]:
                answer = s.recv(4096)
            outcome[index] = (s, answer, sent, time.time() - started)

        threads = [threading.Thread(target=upload, args=(i,)) for i in range(40)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        stalled_rss = max(server.rss_mb() for _ in range(5) if time.sleep(0.2) is None)
        in_flight = server.metric("eyecrest_body_bytes_in_flight")
        refused = [o for o in outcome.values() if o[1].startswith(b"HTTP/1.1 503") and b"server_busy" in o[1] and b"Retry-After" in o[1]]
        admitted = [o for o in outcome.values() if not o[1]]
        check(len(refused) + len(admitted) == 40, f"{len(admitted)} uploads admitted and stalled, {len(refused)} refused with 503 server_busy + Retry-After")
        check(len(admitted) <= budget // declared and in_flight <= budget, f"{in_flight / 1e6:.0f} MB of bodies in flight <= the {budget >> 20} MiB budget")
        refusal_mb = max(o[2] for o in refused) / 1e6 if refused else 0
        check(refused and refusal_mb <= 8, f"refusals came before the body was read (at most {refusal_mb:.0f} MB sent first)")
        overhead = 200
        check(stalled_rss <= baseline + (budget >> 20) + overhead, f"RSS while stalled {stalled_rss:.0f} MB <= {baseline:.0f} MB + budget {budget >> 20} MB + {overhead} MB")
        sockets = [o[0] for o in outcome.values()]
        start = time.time()
        closed, _ = wait_closed(sockets, 60)
        waited = time.time() - start
        check(closed == 40, f"every stalled upload closed ({closed}) {waited:.1f} s after the stall (body timeout 5 s)")
        time.sleep(0.5)
        check(server.metric("eyecrest_body_bytes_in_flight") == 0, "the budget is free again")
        status, body, _ = server.get("/v1/datasets/up/files")
        check(status == 200 and json.loads(body)["files"] == [], "no stalled upload stored anything")
        after = server.rss_mb()
        REPORT["slowBodies"] = {"clients": 40, "declaredMB": 30, "sentMB": 25, "budgetMiB": budget >> 20, "admitted": len(admitted),
                                "refused503": len(refused), "rssBaselineMB": round(baseline), "rssStalledMB": round(stalled_rss),
                                "rssAfterMB": round(after), "closedAfterStallSeconds": round(waited, 1)}
    finally:
        check(server.stop() == 0, "server stopped cleanly")


def idle_keep_alive(work):
    server = Server(ARGS.binary, work, ["--idle-timeout", "2"])
    try:
        s = socket.create_connection(("127.0.0.1", server.port))
        s.sendall(b"GET /health HTTP/1.1\r\nHost: eyecrest\r\n\r\n")
        answer = s.recv(4096)
        start = time.time()
        closed, _ = wait_closed([s], 30)
        waited = time.time() - start
        check(answer.startswith(b"HTTP/1.1 200") and closed == 1 and 1.5 <= waited <= 10, f"an idle keep-alive connection closed after {waited:.1f} s (idle timeout 2 s)")
        REPORT["idleKeepAlive"] = {"idleTimeoutSeconds": 2, "closedAfterSeconds": round(waited, 1)}
    finally:
        check(server.stop() == 0, "server stopped cleanly")


def search_latencies(server, headers, count, interval=0.0):
    """`count` searches one after another, at most one per `interval` seconds."""
    latencies, statuses = [], []
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    words = ["ownership", "borrow", "trait", "closure", "iterator", "lifetime", "macro", "enum", "struct", "thread"]
    for _ in range(count):
        start = time.time()
        connection.request("GET", "/v1/datasets/book/search?query=" + random.choice(words), headers=headers)
        response = connection.getresponse()
        response.read()
        latencies.append(time.time() - start)
        statuses.append(response.status)
        time.sleep(max(0.0, interval - (time.time() - start)))
    connection.close()
    return latencies, statuses


def rate_limits(work):
    """Org a floods; org b's searches keep their latency."""
    keys = os.path.join(work, "keys")
    subprocess.run([ARGS.binary, "keys", "generate", "--out", keys], check=True, capture_output=True)
    token = lambda org: subprocess.run([ARGS.binary, "token", "--private-key", os.path.join(keys, "private.pem"), "--org", org],
                                       check=True, capture_output=True, text=True).stdout.strip()
    flooder, victim = {"Authorization": "Bearer " + token("a")}, {"Authorization": "Bearer " + token("b")}
    server = Server(ARGS.binary, work, ["--auth-public-key", os.path.join(keys, "public.pem"), "--rate-limit-requests-per-second", "50"])
    try:
        seed(server, victim)
        server.request("POST", "/v1/datasets/book", body="{}", headers={"Content-Type": "application/json", **flooder})
        # Org b stays under its own limit (40 of 50 per second): a fast server would
        # otherwise rate-limit the victim itself.
        pace = 1 / 40
        search_latencies(server, victim, 20, pace)  # warm up
        unloaded, _ = search_latencies(server, victim, 200, pace)
        stop = threading.Event()
        flood = {"429": 0, "200": 0, "other": 0, "headers": None}

        def flood_worker():
            connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
            while not stop.is_set():
                connection.request("GET", "/v1/datasets/book/search?query=ownership", headers=flooder)
                response = connection.getresponse()
                response.read()
                key = str(response.status) if response.status in (200, 429) else "other"
                flood[key] += 1
                if response.status == 429 and flood["headers"] is None:
                    flood["headers"] = dict(response.getheaders())
            connection.close()

        workers = [threading.Thread(target=flood_worker) for _ in range(4)]
        for worker in workers:
            worker.start()
        time.sleep(1)
        loaded, statuses = search_latencies(server, victim, 200, pace)
        stop.set()
        for worker in workers:
            worker.join()
        headers = flood["headers"] or {}
        check(flood["429"] > 0 and flood["other"] == 0, f"org a's flood: {flood['200']} answered, {flood['429']} refused 429, 0 other")
        check(all(name in headers for name in ["Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"]), f"429 carries Retry-After and RateLimit-* ({headers})")
        check(all(status == 200 for status in statuses), "org b was never limited")
        p99_unloaded, p99_loaded = percentile(unloaded, 0.99) * 1000, percentile(loaded, 0.99) * 1000
        print(f"org b search p50 {percentile(unloaded, 0.5) * 1000:.1f} -> {percentile(loaded, 0.5) * 1000:.1f} ms, p99 {p99_unloaded:.1f} -> {p99_loaded:.1f} ms")
        REPORT["rateLimits"] = {"limitPerSecond": 50, "flooders": 4, "flood200": flood["200"], "flood429": flood["429"],
                                "victimP50UnloadedMs": round(percentile(unloaded, 0.5) * 1000, 2), "victimP50LoadedMs": round(percentile(loaded, 0.5) * 1000, 2),
                                "victimP99UnloadedMs": round(p99_unloaded, 2), "victimP99LoadedMs": round(p99_loaded, 2)}
        check(p99_loaded <= 2 * p99_unloaded + ARGS.latency_slack_ms, f"org b's p99 {p99_loaded:.1f} ms within 2x its unloaded {p99_unloaded:.1f} ms (+{ARGS.latency_slack_ms} ms slack)")
    finally:
        check(server.stop() == 0, "server stopped cleanly")


def overload(work):
    """32 concurrent searchers against 2 search slots and a queue of 8: 4x what the server takes at once and more."""
    server = Server(ARGS.binary, work, ["--max-concurrent-searches", "2", "--max-queued-searches", "6"])
    try:
        seed(server)
        stop = threading.Event()
        results = {"latencies": [], "200": 0, "503": 0, "other": []}
        lock = threading.Lock()

        def searcher():
            connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
            words = ["ownership", "borrow", "trait", "closure", "iterator", "lifetime"]
            while not stop.is_set():
                start = time.time()
                try:
                    connection.request("GET", "/v1/datasets/book/search?perPage=50&query=" + random.choice(words))
                    response = connection.getresponse()
                    body = response.read()
                except OSError as error:
                    with lock:
                        results["other"].append(repr(error))
                    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
                    continue
                shed = False
                with lock:
                    if response.status == 200:
                        results["200"] += 1
                        results["latencies"].append(time.time() - start)
                    elif response.status == 503 and b"server_busy" in body and response.getheader("Retry-After"):
                        results["503"] += 1
                        shed = True
                    else:
                        results["other"].append(response.status)
                if shed:
                    time.sleep(0.1)  # a client that backs off a little, if not the whole Retry-After
            connection.close()

        workers = [threading.Thread(target=searcher) for _ in range(32)]
        for worker in workers:
            worker.start()
        time.sleep(3)
        health_start = time.time()
        health = server.get("/health", timeout=10)[0]
        health_ms = (time.time() - health_start) * 1000
        metrics_status = server.get("/metrics", timeout=10)[0]
        time.sleep(5)
        stop.set()
        for worker in workers:
            worker.join()
        p50, p99 = percentile(results["latencies"], 0.5) * 1000, percentile(results["latencies"], 0.99) * 1000
        check(not results["other"], f"0 errors of any other kind ({results['other'][:5]})")
        check(results["503"] > 0 and results["200"] > 0, f"{results['200']} searches answered (p50 {p50:.1f} ms, p99 {p99:.1f} ms), {results['503']} shed with 503 server_busy")
        check(health == 200 and metrics_status == 200, f"/health ({health_ms:.0f} ms) and /metrics answer under overload")
        check(p99 < 2000, f"admitted searches keep a bounded p99 ({p99:.1f} ms < 2 s)")
        check(server.process.poll() is None, "0 crashes")
        REPORT["overload"] = {"clients": 32, "maxConcurrentSearches": 2, "maxQueuedSearches": 6, "answered": results["200"], "shed503": results["503"],
                              "admittedP50Ms": round(p50, 2), "admittedP99Ms": round(p99, 2), "healthMs": round(health_ms, 1),
                              "shedMetric": server.metric('eyecrest_requests_refused_total{reason="shed"}')}
    finally:
        check(server.stop() == 0, "server stopped cleanly")


ATTACKS = {"slowloris": slowloris, "slow-bodies": slow_bodies, "idle": idle_keep_alive, "rate-limits": rate_limits, "overload": overload}

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("corpus")
    parser.add_argument("--json")
    parser.add_argument("--only", nargs="*", choices=list(ATTACKS))
    parser.add_argument("--latency-slack-ms", type=float, default=2.0, help="absolute slack on the 2x latency bound (timer noise at sub-millisecond figures)")
    ARGS = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 8192)), hard))
    with tempfile.TemporaryDirectory() as work:
        for name in ARGS.only or list(ATTACKS):
            print(f"== {name}", flush=True)
            started = time.time()
            ATTACKS[name](work)
            print(f"   {name} took {time.time() - started:.1f} s", flush=True)
    print(json.dumps(REPORT, indent=2))
    if ARGS.json:
        with open(ARGS.json, "w") as out:
            json.dump(REPORT, out, indent=2)
