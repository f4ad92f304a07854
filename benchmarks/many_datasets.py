#!/usr/bin/env python3
"""Many small datasets on one node with few file descriptors.

Starts `eyecrest serve` under `prlimit --nofile=N:N`, creates DATASETS datasets of one
file each (create + upsert, CONCURRENCY clients on keep-alive connections), then searches
every dataset once (most have been closed by then, so each search reopens its dataset)
and writes to a sample of them again. Reports errors by status, the server's peak RSS and
open descriptors, and the latency of searches on closed datasets.

    python3 benchmarks/many_datasets.py --binary .build/release/eyecrest --datasets 100000

Everything stays on loopback; the data directory is removed at the end.
"""
import argparse
import http.client
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Probe:
    """Samples the server's RSS and open descriptors in the background."""

    def __init__(self, pid):
        self.pid, self.peak_rss_mb, self.peak_fds, self.running = pid, 0.0, 0, True
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def sample(self):
        with open(f"/proc/{self.pid}/status") as status:
            rss = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:")) / 1024
        fds = len(os.listdir(f"/proc/{self.pid}/fd"))
        self.peak_rss_mb, self.peak_fds = max(self.peak_rss_mb, rss), max(self.peak_fds, fds)
        return rss, fds

    def run(self):
        while self.running:
            try:
                self.sample()
            except (OSError, StopIteration):
                return
            time.sleep(0.2)


def request(conn, method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Content-Type": "application/json"} if data else {}
    conn.request(method, path, body=data, headers=headers)
    response = conn.getresponse()
    payload = response.read()
    return response.status, payload


def run_parallel(port, items, work, concurrency):
    """Runs work(conn, item) over items on `concurrency` keep-alive connections."""
    errors, latencies, lock = {}, [], threading.Lock()
    queue = iter(items)

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            with lock:
                item = next(queue, None)
            if item is None:
                return
            start = time.perf_counter()
            try:
                status = work(conn, item)
            except (OSError, http.client.HTTPException) as error:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                status = type(error).__name__
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                latencies.append(elapsed)
                if status != 200 and status != 201:
                    errors[status] = errors.get(status, 0) + 1

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors, latencies


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))] if values else float("nan")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--datasets", type=int, default=100_000)
    parser.add_argument("--nofile", type=int, default=1024)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--rewrite-sample", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=20261130)
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="eyecrest-many-")
    port = free_port()
    log = open(os.path.join(work, "server.log"), "w")
    server = subprocess.Popen(
        ["prlimit", f"--nofile={args.nofile}:{args.nofile}", "--", args.binary, "serve", "--port", str(port),
         "--data-dir", os.path.join(work, "data"), "--log-level", "warning"],
        stdout=log, stderr=log)
    report = {"datasets": args.datasets, "nofile": args.nofile}
    try:
        for _ in range(200):
            try:
                if request(http.client.HTTPConnection("127.0.0.1", port, timeout=2), "GET", "/health")[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        probe = Probe(server.pid)
        names = [f"ds-{i}" for i in range(args.datasets)]

        def create(conn, name):
            status, _ = request(conn, "POST", f"/v1/datasets/{name}")
            if status not in (200, 201):
                return status
            content = f"# {name}\n\nA heron nests in {name}. Herons wait in the shallows.\n"
            status, _ = request(conn, "PUT", f"/v1/datasets/{name}/files",
                                {"files": [{"filename": "notes.md", "content": content}]})
            return status

        start = time.perf_counter()
        errors, _ = run_parallel(port, names, create, args.concurrency)
        report["fill_seconds"] = round(time.perf_counter() - start, 1)
        report["fill_errors"] = errors
        report["rss_mb_after_fill"], report["fds_after_fill"] = [round(x, 1) for x in probe.sample()]

        def search(conn, name):
            status, payload = request(conn, "GET", f"/v1/datasets/{name}/search?query=heron")
            if status == 200 and [hit["filename"] for hit in json.loads(payload)["results"]] != ["notes.md"]:
                return "wrong answer"
            return status

        order = names[:]
        random.Random(args.seed).shuffle(order)
        start = time.perf_counter()
        errors, latencies = run_parallel(port, order, search, args.concurrency)
        report["search_all_seconds"] = round(time.perf_counter() - start, 1)
        report["search_errors"] = errors
        report["search_ms"] = {p: round(percentile(latencies, q), 2) for p, q in (("p50", .5), ("p95", .95), ("p99", .99))}

        # One client, one dataset at a time: the latency of reopening a closed dataset alone.
        sample = random.Random(args.seed + 1).sample(names, min(1_000, len(names)))
        errors, latencies = run_parallel(port, sample, search, 1)
        report["closed_search_ms_one_client"] = {p: round(percentile(latencies, q), 2) for p, q in (("p50", .5), ("p95", .95), ("p99", .99))}
        report["closed_search_errors"] = errors

        def rewrite(conn, name):
            status, _ = request(conn, "PUT", f"/v1/datasets/{name}/files",
                                {"files": [{"filename": "more.md", "content": f"# More\n\nAn egret visits {name}.\n"}]})
            return status

        sample = random.Random(args.seed + 2).sample(names, min(args.rewrite_sample, len(names)))
        errors, _ = run_parallel(port, sample, rewrite, args.concurrency)
        report["rewrite_errors"] = errors
        status, payload = request(http.client.HTTPConnection("127.0.0.1", port, timeout=10), "GET", "/health")
        report["health"] = json.loads(payload)
        report["peak_rss_mb"], report["peak_fds"] = round(probe.peak_rss_mb, 1), probe.peak_fds
        probe.running = False
    finally:
        server.terminate()
        server.wait(timeout=60)
        log.close()
        with open(os.path.join(work, "server.log")) as text:
            report["server_log_errors"] = sum(1 for line in text if " error " in line)
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(report))
    failed = any(report[k] for k in ("fill_errors", "search_errors", "rewrite_errors", "closed_search_errors"))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
