"""Train the source chooser (claimscope/extract/choose.py) on annotated articles, and measure
it leave-one-story-out.

    python training/chooser/train.py            # LOSO table, then train on every story, install the weights
    python training/chooser/train.py --loso     # only the leave-one-story-out table

The sets are the gate's (tests/gate/floors.toml): each set names its `story`; sets marked
`holdout = true` are never trained on (they measure the shipped weights). For each story, the
weights are fitted on the other stories' articles and the story's claims are chosen with
them: the figure printed for a story never saw it. Fitting is deterministic (no sampling:
full-batch gradient ascent from zero), so the same sets give the same weights.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "gate"))
OUT = ROOT / "src" / "claimscope" / "models" / "source_chooser.json"


def _norm(v):
    return " ".join(v.casefold().split()) if isinstance(v, str) else v


def collect(name: str, spec: dict) -> list[dict]:
    """Each matched gold claim of the set with its candidates and which of them are right."""
    import gate

    from claimscope.evaluate import match
    from claimscope.extract.pipeline import Extractors
    from claimscope.ingest import read

    texts, _ = gate.set_files(spec)
    extractors = Extractors(gate.topic_of(spec))
    found: dict[tuple, list] = {}
    docs = [d for d in read([str(p) for p in texts if p.suffix != ".toml"]) if hasattr(d, "text")]
    for lang in {d.lang or "fr" for d in docs}:
        extractors.for_language(lang).discourse.collect = []
    preds = [c.to_dict() for _, claims in extractors.extract_many(docs) for c in claims]
    for ex in extractors._by_lang.values():
        for doc, start, end, cands in ex.discourse.collect:
            found[(doc, start, end)] = cands
        ex.discourse.collect = None
    rows = []
    for g, p in match(gate.gold(spec), preds):
        cands = found.get((p["doc"], p["start"], p["end"]))
        if not cands:
            continue
        options = g.get("source") if isinstance(g.get("source"), list) else [g.get("source")]
        wanted = {_norm(o) for o in options}
        right = [i for i, (cname, _) in enumerate(cands) if _norm(cname) in wanted]
        rows.append({"set": name, "doc": p["doc"], "cands": cands, "right": right})
    return rows


def examples(rows: list[dict]) -> list[tuple[list[dict], int]]:
    return [([f for _, f in r["cands"]], r["right"][0]) for r in rows if r["right"]]


def main() -> None:
    import gate

    from claimscope.evaluate import score
    from claimscope.extract.choose import SourceChooser, fit

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--loso", action="store_true", help="print the leave-one-story-out table only")
    args = ap.parse_args()
    sets = gate.load_sets()
    rows_by_set = {name: collect(name, spec) for name, spec in sets.items()}
    story = {name: spec.get("story", "dprk_russia") for name, spec in sets.items()}
    trainable = {name for name, spec in sets.items() if not spec.get("holdout")}
    print(f"{'set':14} {'story':20} {'claims':>6}  source: rules  chooser (LOSO)   period  time  measure  unit   F1")
    table = {}
    for s in sorted(set(story.values())):
        train = [r for name in trainable if story[name] != s for r in rows_by_set[name]]
        chooser = SourceChooser(fit(examples(train)))
        for name in sorted(n for n in sets if story[n] == s):
            spec = sets[name]
            plain = score(gate.gold(spec), gate.predict(spec, None, SourceChooser(None)))
            held = score(gate.gold(spec), gate.predict(spec, None, chooser))
            table[name] = {"story": s, "claims": held.gold, "source_rules": plain.fields["source"], **{
                k: held.fields[k] for k in ("source", "period", "time", "measure", "unit")}, "f1": held.f1}
            print(f"{name:14} {s:20} {held.gold:6}  {plain.fields['source']:13.3f}  {held.fields['source']:14.3f}"
                  f"   {held.fields['period']:.3f}  {held.fields['time']:.3f}  {held.fields['measure']:.3f}"
                  f"  {held.fields['unit']:.3f}  {held.f1:.3f}")
    if args.loso:
        return
    train = [r for name in sorted(trainable) for r in rows_by_set[name]]
    weights = fit(examples(train))
    digest = hashlib.sha256(json.dumps(weights, sort_keys=True).encode()).hexdigest()[:16]
    OUT.write_text(json.dumps({"trained_on": sorted(trainable), "examples": len(examples(train)),
                               "digest": digest, "loso": table, "weights": weights},
                              indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"trained on {len(examples(train))} claims of {len(trainable)} sets -> {OUT} (weights {digest})")


if __name__ == "__main__":
    main()
