#!/usr/bin/env python3
"""What an FTS5 prefix index costs and buys, measured on raw FTS5 (no eyecrest code).

Usage: python3 benchmarks/fts5_prefix_cost.py DIR [DIR ...]
Every .md/.mdx file under the folders becomes one row of a contentless FTS5 table with
eyecrest's tokenizer and column layout, inserted in transactions of 500 rows with
journal_mode=WAL and synchronous=FULL. For each prefix setting it prints ingest MB/s,
database size, and the mean time of prefix and common-word queries ranked by bm25().
"""
import glob
import os
import sqlite3
import sys
import tempfile
import time

paths = []
for folder in sys.argv[1:]:
    paths += glob.glob(os.path.join(folder, "**", "*.md"), recursive=True)
    paths += glob.glob(os.path.join(folder, "**", "*.mdx"), recursive=True)
texts = [open(p, encoding="utf-8", errors="replace").read() for p in sorted(paths)]
megabytes = sum(len(t.encode()) for t in texts) / 1e6
queries = ['"con" *', '"pag" *', '"com" *', '"inst" *', '"more"', '"file"']

for prefix in ["", ", prefix='3'", ", prefix='2 3 4'"]:
    with tempfile.TemporaryDirectory() as scratch:
        db = sqlite3.connect(os.path.join(scratch, "fts.db"), isolation_level=None)
        db.execute("pragma journal_mode=wal")
        db.execute("pragma synchronous=full")
        db.execute("create virtual table f using fts5(heading, context, body, path, content='', "
                   f"tokenize='porter unicode61 remove_diacritics 2'{prefix})")
        start = time.time()
        for i in range(0, len(texts), 500):
            db.execute("begin")
            for j in range(i, min(i + 500, len(texts))):
                db.execute("insert into f(rowid, heading, context, body, path) values (?, '', '', ?, '')", (j + 1, texts[j]))
            db.execute("commit")
        seconds = time.time() - start
        timings = []
        for query in queries:
            start = time.time()
            for _ in range(5):
                db.execute("select count(*) from (select rowid from f where f match ? order by bm25(f) limit 21)", (query,)).fetchone()
            timings.append(f"{query}={(time.time() - start) / 5 * 1000:.1f}ms")
        size = os.path.getsize(os.path.join(scratch, "fts.db")) / 1e6
        print(f"prefix{prefix or ' none'}: {megabytes:.1f} MB at {megabytes / seconds:.1f} MB/s, {size:.0f} MB; " + " ".join(timings))
