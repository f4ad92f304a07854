#!/usr/bin/env python3
"""CJK segmentation: ICU's dictionary word breaker against overlapping character pairs.

Measures the choice eyecrest made for Chinese, Japanese and Korean text (docs/engine.md,
"CJK text") on tldr's translated pages, with both segmenters feeding the same BM25 so
that only segmentation differs. The task is known-item search: for a seeded sample of
pages, one example line ("- 创建存档并将其写入文件：") gives a query, and the answer is the
page it came from (any platform's copy of that command). Two kinds of query:

- words: two of the line's words as ICU segments them, as a person types keywords;
- spans: two runs of 2–4 characters cut anywhere in the line, as a person types part of
  a word or a phrase segmented differently from the dictionary.

The words queries favour ICU (they are its own words) and the spans favour pairs; both
are printed. Needs PyICU (`pip install pyicu`; Debian's libicu-dev to build it).

Usage: python3 benchmarks/relevance/cjk_segmentation.py [--corpus ../shared/corpus/tldr.tar.gz]
           [--queries 200] [--seed 21]
"""
import argparse
import math
import random
import re
import tarfile
import time
from collections import Counter, defaultdict
from pathlib import PurePosixPath

import icu

LANGUAGES = ("zh", "ja", "ko")
CJK = re.compile(r"[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
WORD = re.compile(r"\w+")


def is_cjk(text):
    return bool(CJK.search(text))


class ICUWords:
    """Words by ICU's word break iterator (dictionary-based for Chinese and Japanese)."""

    name = "ICU words"

    def __init__(self, locale):
        self.breaker = icu.BreakIterator.createWordInstance(icu.Locale(locale))

    def tokens(self, text):
        self.breaker.setText(text)
        result = []
        start = self.breaker.first()
        for end in self.breaker:
            # A rule status of 0 (UBRK_WORD_NONE) is spaces and punctuation.
            if self.breaker.getRuleStatus() != 0:
                result.append(text[start:end].lower())
            start = end
        return result


class CharacterPairs:
    """Overlapping pairs of CJK characters (a lone character alone); other words whole."""

    name = "character pairs"

    def tokens(self, text):
        result = []
        for word in WORD.findall(text.lower()):
            run = []
            for char in word + "\0":
                if is_cjk(char):
                    run.append(char)
                    continue
                if len(run) == 1:
                    result.append(run[0])
                result.extend(run[i] + run[i + 1] for i in range(len(run) - 1))
                run = []
            rest = CJK.sub(" ", word).split()
            result.extend(rest)
        return result


class BM25:
    def __init__(self, documents, segmenter):
        started = time.perf_counter()
        self.segmenter = segmenter
        self.postings = defaultdict(dict)
        self.lengths = []
        for number, text in enumerate(documents):
            tokens = segmenter.tokens(text)
            self.lengths.append(len(tokens))
            for token, count in Counter(tokens).items():
                self.postings[token][number] = count
        self.seconds = time.perf_counter() - started
        self.average = sum(self.lengths) / max(1, len(self.lengths))
        self.count = len(documents)

    def search(self, query, k1=1.2, b=0.75):
        scores = defaultdict(float)
        for token in set(self.segmenter.tokens(query)):
            postings = self.postings.get(token, {})
            if not postings:
                continue
            idf = math.log(1 + (self.count - len(postings) + 0.5) / (len(postings) + 0.5))
            for document, tf in postings.items():
                norm = k1 * (1 - b + b * self.lengths[document] / self.average)
                scores[document] += idf * tf * (k1 + 1) / (tf + norm)
        return sorted(scores, key=lambda d: (-scores[d], d))


def load_pages(corpus, language):
    pages = []
    with tarfile.open(corpus) as archive:
        for member in archive.getmembers():
            path = PurePosixPath(member.name)
            if member.isfile() and path.suffix == ".md" and f"pages.{language}" in path.parts:
                text = archive.extractfile(member).read().decode("utf-8", "replace")
                pages.append((path.stem, text))
    return sorted(pages)


def example_lines(text):
    lines = []
    for line in text.splitlines():
        if line.startswith("- ") and is_cjk(line):
            lines.append(line[2:].rstrip("：:。.").strip())
    return lines


def make_queries(pages, language, count, seed):
    rng = random.Random(seed)
    words_segmenter = ICUWords(language)
    queries = []
    order = list(range(len(pages)))
    rng.shuffle(order)
    for index in order:
        lines = example_lines(pages[index][1])
        if not lines:
            continue
        line = rng.choice(lines)
        words = [w for w in dict.fromkeys(words_segmenter.tokens(line)) if is_cjk(w) and len(w) >= 2]
        runs = [run for run in re.findall(r"[^\W\d_a-zA-Z]+", line) if is_cjk(run) and len(run) >= 2]
        if len(words) < 2 or not runs:
            continue
        spans = []
        for _ in range(2):
            run = rng.choice(runs)
            length = min(len(run), rng.randint(2, 4))
            start = rng.randint(0, len(run) - length)
            spans.append(run[start:start + length])
        queries.append({"page": index, "command": pages[index][0], "words": " ".join(rng.sample(words, 2)),
                        "spans": " ".join(spans)})
        if len(queries) == count:
            break
    return queries


def evaluate(index, pages, queries, style):
    reciprocal, first, top10 = 0.0, 0, 0
    for query in queries:
        seen, rank = set(), None
        for document in index.search(query[style]):
            command = pages[document][0]
            if command in seen:
                continue
            seen.add(command)
            if command == query["command"]:
                rank = len(seen)
                break
            if len(seen) == 10:
                break
        if rank is not None:
            reciprocal += 1 / rank
            first += rank == 1
            top10 += 1
    n = max(1, len(queries))
    return reciprocal / n, first / n, top10 / n


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="../shared/corpus/tldr.tar.gz")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=21)
    args = parser.parse_args()
    print("| language | pages | queries | segmenter | words MRR@10 | words hit@1 | spans MRR@10 | spans hit@1 | distinct terms | segmenting s |")
    print("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|")
    for language in LANGUAGES:
        pages = load_pages(args.corpus, language)
        queries = make_queries(pages, language, args.queries, args.seed)
        for segmenter in (ICUWords(language), CharacterPairs()):
            index = BM25([text for _, text in pages], segmenter)
            words = evaluate(index, pages, queries, "words")
            spans = evaluate(index, pages, queries, "spans")
            print(f"| {language} | {len(pages)} | {len(queries)} | {segmenter.name} | {words[0]:.3f} | {words[1]:.3f} | "
                  f"{spans[0]:.3f} | {spans[1]:.3f} | {len(index.postings)} | {index.seconds:.2f} |")


if __name__ == "__main__":
    main()
