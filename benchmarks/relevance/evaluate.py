#!/usr/bin/env python3
"""Relevance of eyecrest's search on a judged query set: nDCG@10, MRR@10 and recall@5.

Starts `BINARY serve` on a free loopback port with a temporary data directory, loads one
dataset per corpus named in the judgments, runs every query through
`GET /v1/datasets/{id}/search?query=…&perPage=10`, prints the metrics overall, by kind,
by split and by corpus, and stops the server by its PID.

    python3 benchmarks/relevance/evaluate.py .build/release/eyecrest
    python3 benchmarks/relevance/evaluate.py /tmp/eyecrest --split heldout --json

What is loaded (so that a run takes a minute, not ten): the English part of each corpus
(`rust-book/src`, `astro-docs/src/content/docs/en`, `tldr/pages`), and of it every file
the judgments name plus a seeded sample of the others, up to --max-files per corpus
(default: all of the Rust book and the English Astro docs, 3,000 of tldr's 7,425
English pages). The same seed and judgments give the same datasets, hence the same
numbers for the same binary. Files are named in the datasets by their path inside the
archive without its top folder (`src/ch04-01-what-is-ownership.md`,
`src/content/docs/en/guides/routing.mdx`, `pages/common/tar.md`), as in the judgments.

Scoring (docs/relevance.md): a hit is a section, identified by (filename, sectionSlug);
the parts of a long section share that identity, so only its first hit counts. Gains
are the judged grades (0-3, linear, as trec_eval's ndcg_cut); the ideal ranking sorts
all of a query's judgments. MRR@10 and recall@5 count grade >= 1 as relevant.
"""
import argparse
import json
import math
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_JUDGMENTS = os.path.join(HERE, "judgments.jsonl")
DEFAULT_CORPUS_DIR = os.path.normpath(os.path.join(HERE, "../../../shared/corpus"))

# corpus name -> the folder of the archive that holds its English markdown
ENGLISH_PREFIX = {
    "rust-book": "rust-book/src/",
    "astro-docs": "astro-docs/src/content/docs/en/",
    "tldr": "tldr/pages/",
}
DEFAULT_MAX_FILES = {"rust-book": 100_000, "astro-docs": 100_000, "tldr": 3_000}
MARKDOWN_SUFFIXES = (".md", ".mdx", ".markdown")
KINDS = ["keyword", "heading", "question", "misspelled", "synonym", "identifier"]
SPLITS = ["tuning", "heldout"]


def load_judgments(path):
    queries = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            query = json.loads(line)
            for field in ("id", "corpus", "kind", "split", "query", "judgments"):
                if field not in query:
                    sys.exit(f"{path}:{number}: missing '{field}'")
            queries.append(query)
    return queries


def read_corpus(archive, prefix):
    """{dataset filename: content} of the markdown under `prefix` in a .tar.gz."""
    files = {}
    with tarfile.open(archive, "r:gz") as tar:
        for member in tar:
            if member.isfile() and member.name.startswith(prefix) and member.name.lower().endswith(MARKDOWN_SUFFIXES):
                name = member.name.split("/", 1)[1]
                files[name] = tar.extractfile(member).read().decode("utf-8", errors="replace")
    return files


def choose_files(available, judged, max_files, seed):
    """The judged files plus a seeded sample of the others, up to max_files in all."""
    missing = sorted(judged - available.keys())
    if missing:
        sys.exit(f"judged files not in the corpus: {', '.join(missing[:5])}")
    others = sorted(available.keys() - judged)
    room = max(0, max_files - len(judged))
    chosen = sorted(judged) + sorted(random.Random(seed).sample(others, min(room, len(others))))
    return {name: available[name] for name in chosen}


def load_datasets(corpora, judged_queries, corpus_dir=DEFAULT_CORPUS_DIR, max_files=DEFAULT_MAX_FILES, seed=12):
    """{corpus: {filename: content}} for each corpus: the files `judged_queries` name
    (both halves', so that a half alone is scored on the same datasets as the whole) and
    a seeded sample of the others."""
    datasets = {}
    for corpus in sorted(corpora):
        judged = {j["filename"] for q in judged_queries if q["corpus"] == corpus for j in q["judgments"]}
        available = read_corpus(os.path.join(corpus_dir, f"{corpus}.tar.gz"), ENGLISH_PREFIX[corpus])
        datasets[corpus] = choose_files(available, judged, max_files.get(corpus, 100_000), seed)
    return datasets


class Server:
    """`eyecrest serve` on a free loopback port; stopped by PID."""

    def __init__(self, binary):
        self.data_dir = tempfile.mkdtemp(prefix="eyecrest-relevance-")
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = open(os.path.join(self.data_dir, "server.log"), "wb")
        self.process = subprocess.Popen(
            [binary, "serve", "--port", str(self.port), "--data-dir", os.path.join(self.data_dir, "data"),
             "--log-level", "warning"],
            stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.process.poll() is not None:
                self.stop()
                sys.exit(f"eyecrest serve exited with status {self.process.returncode}")
            try:
                self.request("GET", "/health")
                return
            except (OSError, urllib.error.URLError):
                time.sleep(0.2)
        self.stop()
        sys.exit("eyecrest serve did not answer /health within 60 s")

    def request(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=300) as response:
                return json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            raise SystemExit(f"{method} {path}: {error.code} {error.read().decode(errors='replace')}") from None

    def stop(self):
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()
        shutil.rmtree(self.data_dir, ignore_errors=True)


def upload(server, dataset, files, batch_files=500, batch_bytes=8 << 20):
    server.request("POST", f"/v1/datasets/{dataset}")
    batch, size = [], 0
    for name, content in files.items():
        batch.append({"filename": name, "content": content})
        size += len(content)
        if len(batch) >= batch_files or size >= batch_bytes:
            server.request("PUT", f"/v1/datasets/{dataset}/files", {"files": batch})
            batch, size = [], 0
    if batch:
        server.request("PUT", f"/v1/datasets/{dataset}/files", {"files": batch})


def search(server, dataset, query, extra_params, depth=10):
    """The first `depth` distinct sections answered, as 'filename#slug' keys."""
    params = {"query": query, "perPage": str(depth), **extra_params}
    answer = server.request("GET", f"/v1/datasets/{dataset}/search?" + urllib.parse.urlencode(params))
    ranked = []
    for hit in answer["results"]:
        key = section_key(hit["filename"], hit["sectionSlug"])
        if key not in ranked:
            ranked.append(key)
    return ranked[:depth]


def section_key(filename, slug):
    return f"{filename}#{slug}"


def grades_of(query):
    return {section_key(j["filename"], j["sectionSlug"]): j["grade"] for j in query["judgments"]}


def score(ranked, grades):
    """(nDCG@10, RR@10, recall@5) of one ranking against graded judgments."""
    dcg = sum(grades.get(key, 0) / math.log2(rank + 2) for rank, key in enumerate(ranked[:10]))
    ideal = sorted((g for g in grades.values() if g > 0), reverse=True)[:10]
    idcg = sum(g / math.log2(rank + 2) for rank, g in enumerate(ideal))
    reciprocal = next((1 / (rank + 1) for rank, key in enumerate(ranked[:10]) if grades.get(key, 0) >= 1), 0.0)
    relevant = {key for key, g in grades.items() if g >= 1}
    recall = len(relevant.intersection(ranked[:5])) / len(relevant) if relevant else 0.0
    return (dcg / idcg if idcg else 0.0), reciprocal, recall


def summarize(rows):
    n = len(rows)
    if n == 0:
        return {"queries": 0, "ndcg@10": None, "mrr@10": None, "recall@5": None}
    return {"queries": n,
            "ndcg@10": sum(r["ndcg@10"] for r in rows) / n,
            "mrr@10": sum(r["mrr@10"] for r in rows) / n,
            "recall@5": sum(r["recall@5"] for r in rows) / n}


def report(results):
    """Metrics for every (kind or 'all') x (split or 'all'), and per corpus."""
    groups = {}
    for kind in KINDS + ["all"]:
        for split in SPLITS + ["all"]:
            rows = [r for r in results if kind in ("all", r["kind"]) and split in ("all", r["split"])]
            groups[f"{kind}/{split}"] = summarize(rows)
    for corpus in sorted({r["corpus"] for r in results}):
        groups[f"corpus:{corpus}"] = summarize([r for r in results if r["corpus"] == corpus])
    return groups


def print_table(groups):
    def cell(metrics):
        if not metrics["queries"]:
            return " — | — | — "
        return f"{metrics['ndcg@10']:.3f} | {metrics['mrr@10']:.3f} | {metrics['recall@5']:.3f}"
    header = " | ".join(f"{s} nDCG@10 | {s} MRR@10 | {s} R@5" for s in ["all"] + SPLITS)
    print(f"| kind | queries | {header} |")
    print("|---|---:|" + "---:|" * 9)
    for kind in KINDS + ["all"]:
        row = [groups[f"{kind}/{split}"] for split in ["all"] + SPLITS]
        label = f"**{kind}**" if kind == "all" else kind
        print(f"| {label} | {row[0]['queries']} | " + " | ".join(cell(m) for m in row) + " |")
    print()
    print("| corpus | queries | nDCG@10 | MRR@10 | R@5 |")
    print("|---|---:|---:|---:|---:|")
    for name, metrics in groups.items():
        if name.startswith("corpus:"):
            print(f"| {name[7:]} | {metrics['queries']} | {cell(metrics)} |")


def print_query(result, grades):
    print(f"{result['id']} [{result['kind']}/{result['split']}] {result['query']!r}: "
          f"nDCG {result['ndcg@10']:.2f} RR {result['mrr@10']:.2f} R@5 {result['recall@5']:.2f}")
    for rank, key in enumerate(result["ranked"], 1):
        print(f"   {rank:2}. [{grades.get(key, '-')}] {key}")
    for key, grade in sorted(grades.items(), key=lambda item: -item[1]):
        if key not in result["ranked"]:
            print(f"   --  [{grade}] {key} (not in the top 10)")


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="Loads the judged files of each corpus's English part plus a seeded sample of the others "
               "(all of the Rust book and the English Astro docs, 3,000 tldr pages by default); see the "
               "module docstring and docs/relevance.md.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("binary", help="an eyecrest binary (a release build)")
    parser.add_argument("--judgments", default=DEFAULT_JUDGMENTS, help="JSON lines of judged queries")
    parser.add_argument("--corpus-dir", default=DEFAULT_CORPUS_DIR, help="folder of the corpus .tar.gz files")
    parser.add_argument("--max-files", action="append", default=[], metavar="CORPUS=N",
                        help="files loaded per corpus, judged ones included (default: tldr=3000, others all)")
    parser.add_argument("--seed", type=int, default=12, help="seed of the sample of unjudged files")
    parser.add_argument("--split", choices=SPLITS, help="run only this half")
    parser.add_argument("--param", action="append", default=[], metavar="KEY=VALUE",
                        help="an extra search parameter sent with every query (repeatable)")
    parser.add_argument("--synonyms", metavar="FILE",
                        help="a JSON object of synonym rules per corpus ({corpus: {groups, oneWay}}), "
                             "stored with PUT /v1/datasets/{corpus}/synonyms before the queries run")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    parser.add_argument("--verbose", action="store_true", help="also list every query's top 10 with its grades")
    args = parser.parse_args()

    all_queries = load_judgments(args.judgments)
    queries = [q for q in all_queries if args.split in (None, q["split"])]
    max_files = dict(DEFAULT_MAX_FILES)
    for item in args.max_files:
        corpus, _, count = item.partition("=")
        max_files[corpus] = int(count)
    extra_params = dict(item.split("=", 1) for item in args.param)

    datasets = load_datasets({q["corpus"] for q in queries}, all_queries, args.corpus_dir, max_files, args.seed)

    server = Server(args.binary)
    try:
        started = time.time()
        rules = {}
        if args.synonyms:
            with open(args.synonyms, encoding="utf-8") as handle:
                rules = json.load(handle)
        for corpus, files in datasets.items():
            upload(server, corpus, files)
            if corpus in rules:
                server.request("PUT", f"/v1/datasets/{corpus}/synonyms", rules[corpus])
        load_seconds = time.time() - started
        results = []
        for query in queries:
            ranked = search(server, query["corpus"], query["query"], extra_params)
            ndcg, rr, recall = score(ranked, grades_of(query))
            results.append({key: query[key] for key in ("id", "corpus", "kind", "split", "query")}
                           | {"ndcg@10": ndcg, "mrr@10": rr, "recall@5": recall, "ranked": ranked})
    finally:
        server.stop()

    groups = report(results)
    loaded = {corpus: len(files) for corpus, files in datasets.items()}
    if args.json:
        print(json.dumps({"binary": args.binary, "seed": args.seed, "filesLoaded": loaded,
                          "params": extra_params, "synonyms": args.synonyms, "groups": groups, "queries": results}, indent=1))
        return
    if args.verbose:
        by_id = {q["id"]: q for q in queries}
        for result in results:
            print_query(result, grades_of(by_id[result["id"]]))
        print()
    print(f"{len(results)} queries; files loaded: "
          + ", ".join(f"{c} {n}" for c, n in loaded.items()) + f" (seed {args.seed}, {load_seconds:.0f} s)\n")
    print_table(groups)


if __name__ == "__main__":
    main()
