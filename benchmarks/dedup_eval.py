"""Near-duplicate detection, measured on labelled pairs (tests/dedup/pairs.jsonl).

    python benchmarks/dedup_eval.py            # precision/recall of the shipped thresholds
    python benchmarks/dedup_eval.py --sweep    # and how they move with the thresholds

A pair is a repost, a rewrite, or two different stories on the same topic (hard negatives:
same sources, sometimes shared figures). A pair counts as found when claimscope marks one
article of it as a copy of the other, through the whole path: MinHash/LSH candidates, then
the repost and rewrite checks (src/claimscope/reconcile/dedup.py).
"""
from __future__ import annotations

import argparse
import json
import sys
from itertools import product
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def main() -> None:
    from claimscope.extract.pipeline import Extractor
    from claimscope.ingest import read
    from claimscope.reconcile import dedup

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", default=str(ROOT / "tests" / "dedup" / "pairs.jsonl"))
    ap.add_argument("--sweep", action="store_true")
    args = ap.parse_args()
    pairs = [json.loads(row) for row in open(args.pairs, encoding="utf-8") if row.strip()]
    paths = sorted({p[k] for p in pairs for k in ("a", "b")})
    extractor = Extractor("fr")
    docs, claims = {}, {}
    for doc, cs in extractor.extract_many(d for d in read([str(ROOT / p) for p in paths]) if hasattr(d, "text")):
        docs[doc.origin], claims[doc.origin] = doc, cs

    def found(pair, **thresholds) -> bool:
        old = {k: getattr(dedup, k) for k in thresholds}
        for k, v in thresholds.items():
            setattr(dedup, k, v)
        try:
            a, b = docs[str(ROOT / pair["a"])], docs[str(ROOT / pair["b"])]
            ca, cb = claims[str(ROOT / pair["a"])], claims[str(ROOT / pair["b"])]
            if a.name == b.name:  # two files of one name: compare them under distinct names
                from dataclasses import replace

                b = replace(b, name=b.name + " (b)")
                cb = [replace(c, doc=b.name) for c in cb]
            copies = dedup.find_copies([a, b], ca + cb)
            return bool(copies)
        finally:
            for k, v in old.items():
                setattr(dedup, k, v)

    def measure(**thresholds) -> dict:
        tp = fp = fn = 0
        by_label = {}
        for p in pairs:
            hit = found(p, **thresholds)
            positive = p["label"] in ("repost", "rewrite")
            tp += hit and positive
            fp += hit and not positive
            fn += (not hit) and positive
            n, k = by_label.get(p["label"], (0, 0))
            by_label[p["label"]] = (n + 1, k + hit)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        return {"precision": precision, "recall": recall, "by_label": by_label}

    counts = {}
    for p in pairs:
        counts[p["label"]] = counts.get(p["label"], 0) + 1
    print(f"{len(pairs)} pairs: " + ", ".join(f"{n} {k}" for k, n in sorted(counts.items())))
    r = measure()
    print(f"shipped thresholds (repost trigrams {dedup.REPOST_TRIGRAMS}, rewrite words {dedup.REWRITE_WORDS}, "
          f"rewrite figures {dedup.REWRITE_FIGURES}):")
    print(f"  copies found: precision {r['precision']:.3f}  recall {r['recall']:.3f}")
    for label, (n, k) in sorted(r["by_label"].items()):
        print(f"  {label:10} {k}/{n} marked as copies")
    if args.sweep:
        print("\nsweep: repost_trigrams rewrite_words rewrite_figures -> precision recall")
        for rt, rw, rf in product((0.5, 0.6, 0.7), (0.12, 0.15, 0.18, 0.22), (0.34, 0.5, 0.67)):
            m = measure(REPOST_TRIGRAMS=rt, REWRITE_WORDS=rw, REWRITE_FIGURES=rf)
            print(f"  {rt:.2f} {rw:.2f} {rf:.2f} -> {m['precision']:.3f} {m['recall']:.3f}")


if __name__ == "__main__":
    main()
