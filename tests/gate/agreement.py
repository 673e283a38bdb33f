"""Agreement between the two annotators of the real-article sets.

    python tests/gate/agreement.py

A second annotator, who saw neither the code nor the first annotator's gold, annotated a
fifth of each story's articles (every fifth one) into `gold2.jsonl` beside `gold.jsonl`.
Each is scored against the other with the GUIDE's scorer (the first as gold, then the second
as gold), on the articles both annotated: detection F1, then the share of matched claims on
which each field agrees.
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def pairs() -> list[tuple[str, Path, Path]]:
    import gate

    out = []
    for name, spec in gate.load_sets().items():
        folder = HERE / spec["folder"]
        if (folder / "gold2.jsonl").is_file():
            out.append((name, folder / "gold.jsonl", folder / "gold2.jsonl"))
    return out


def main() -> None:
    from claimscope.evaluate import FIELDS, load_jsonl, score

    print(f"{'story':22} {'way':8} {'gold':>5} {'pred':>5}   F1   " + "  ".join(f"{f[:6]:>6}" for f in FIELDS))
    every: dict[str, list] = {"first": [[], []], "second": [[], []]}
    for name, first, second in pairs():
        a, b = load_jsonl(str(second)), load_jsonl(str(first))
        docs = {r["doc"] for r in a}
        b = [r for r in b if r["doc"] in docs]
        for way, gold, pred in (("1st=gold", b, a), ("2nd=gold", a, b)):
            s = score(gold, pred)
            print(f"{name:22} {way:8} {s.gold:5} {s.predicted:5} {s.f1:.3f} " +
                  "  ".join(f"{s.fields[f]:6.3f}" if f in s.fields else f"{'-':>6}" for f in FIELDS))
        every["first"][0] += b
        every["first"][1] += a
    if every["first"][0]:
        s = score(every["first"][0], every["first"][1])
        print(f"{'all stories':22} {'1st=gold':8} {s.gold:5} {s.predicted:5} {s.f1:.3f} " +
              "  ".join(f"{s.fields[f]:6.3f}" if f in s.fields else f"{'-':>6}" for f in FIELDS))


if __name__ == "__main__":
    main()
