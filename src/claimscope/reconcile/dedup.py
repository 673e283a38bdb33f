"""Near-duplicate articles: reposts and rewrites of one story, kept but marked as copies.

Candidates come from MinHash/LSH (datasketch) over each article's content words (words of
five letters or more, lower-cased, digits aside): a rewrite keeps a story's vocabulary while
it reorders and rephrases it, which word shingles would miss. Two checks then decide:
- a **repost** shares most of its word trigrams with the original;
- a **rewrite** shares vocabulary *and* figures: most of the smaller article's figures
  (value and unit) stand in the other too. Articles on the same story from different
  outlets share vocabulary but rarely most of their figures.
The thresholds are measured by `benchmarks/dedup_eval.py` on labelled pairs (tests/dedup/).
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from ..records import Claim, Document

NUM_PERM = 128
CANDIDATE_THRESHOLD = 0.15  # LSH: content-word Jaccard worth a closer look
REPOST_TRIGRAMS = 0.6  # share of the smaller article's word trigrams
REWRITE_WORDS = 0.18  # content-word Jaccard
REWRITE_FIGURES = 0.67  # share of the smaller article's figures found in the other
MIN_FIGURES = 2


@dataclass(frozen=True, slots=True)
class Copy:
    doc: str
    article: int
    original: str
    original_article: int
    kind: str  # repost | rewrite
    words: float  # content-word Jaccard
    trigrams: float  # share of trigrams
    figures: float  # share of figures

    @property
    def key(self) -> tuple[str, int]:
        return self.doc, self.article


@dataclass(slots=True)
class _Article:
    doc: str
    index: int
    order: tuple  # (date or max, input order): the earlier one is the original
    words: set[str]
    trigrams: set[str]
    figures: set[tuple[float, str | None]]


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", text.casefold())


def _articles(documents: list[Document], claims: list[Claim]) -> list[_Article]:
    by_article: dict[tuple[str, int], set] = defaultdict(set)
    for c in claims:
        by_article[(c.doc, c.article)].add((round(c.value, 3), c.unit))
    out = []
    for n, d in enumerate(documents):
        for i, a in enumerate(d.articles):
            text = " ".join(d.text[s.start:s.end] for s in a.body)
            w = _words(text)
            when = a.date.value or d.date.value or date.max
            out.append(_Article(d.name, i, (when, n, i), {x for x in w if len(x) >= 5},
                                {" ".join(w[k:k + 3]) for k in range(len(w) - 2)}, by_article[(d.name, i)]))
    return out


def _share(a: set, b: set) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def compare(a: _Article, b: _Article) -> tuple[str | None, float, float, float]:
    """(kind or None, words, trigrams, figures) for two articles."""
    words, trigrams = _jaccard(a.words, b.words), _share(a.trigrams, b.trigrams)
    figures = _share(a.figures, b.figures) if min(len(a.figures), len(b.figures)) >= MIN_FIGURES else 0.0
    if trigrams >= REPOST_TRIGRAMS:
        return "repost", words, trigrams, figures
    if words >= REWRITE_WORDS and figures >= REWRITE_FIGURES:
        return "rewrite", words, trigrams, figures
    return None, words, trigrams, figures


def find_copies(documents: list[Document], claims: list[Claim]) -> list[Copy]:
    """Each article that copies an earlier one (by date, then input order), with its original."""
    from datasketch import MinHash, MinHashLSH

    articles = [a for a in _articles(documents, claims) if a.words]
    lsh = MinHashLSH(threshold=CANDIDATE_THRESHOLD, num_perm=NUM_PERM)
    hashes = {}
    for k, a in enumerate(articles):
        m = MinHash(num_perm=NUM_PERM, seed=1)
        m.update_batch([w.encode("utf-8") for w in sorted(a.words)])
        hashes[k] = m
        lsh.insert(str(k), m)
    copies: dict[tuple[str, int], Copy] = {}
    for k, a in enumerate(articles):
        for other in lsh.query(hashes[k]):
            j = int(other)
            b = articles[j]
            if b.doc == a.doc or not b.order < a.order:
                continue  # only an earlier article, in another document, is an original
            kind, words, trigrams, figures = compare(a, b)
            if kind is None:
                continue
            best = copies.get((a.doc, a.index))
            candidate = Copy(a.doc, a.index, b.doc, b.index, kind, round(words, 3), round(trigrams, 3), round(figures, 3))
            if best is None or (candidate.trigrams, candidate.figures) > (best.trigrams, best.figures):
                copies[(a.doc, a.index)] = candidate
    # a copy of a copy points at the first original
    for key, c in list(copies.items()):
        seen = {key}
        while (c.original, c.original_article) in copies and (c.original, c.original_article) not in seen:
            seen.add((c.original, c.original_article))
            up = copies[(c.original, c.original_article)]
            c = Copy(c.doc, c.article, up.original, up.original_article, c.kind, c.words, c.trigrams, c.figures)
        copies[key] = c
    return sorted(copies.values(), key=lambda c: (c.doc, c.article))
