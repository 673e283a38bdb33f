"""The reconciliation's verdicts against annotators' labels, on the real stories of the gate.

    python tests/gate/disagreements.py             # per-verdict precision and recall
    python tests/gate/disagreements.py --agreement # the second annotator against the first
    python tests/gate/disagreements.py --hash      # the labels' hash to pin in floors.toml
    python tests/gate/disagreements.py --gold-claims  # on the annotated claims: the reconciliation alone

The labels (`disagree/labels.jsonl`) were made by annotators who never saw the code: from the
gold claims of each real story, candidate groups (one measure, one calendar month of the
claims' dates) were cut; the annotators split each group into comparison sets (the same
quantity for the same period or date) and gave each set a verdict: agree, disagree, revised,
one-origin-only or not-comparable (`disagree/BRIEF_LABELS.md`). `labels2.jsonl`: a second
annotator, blind, on every fifth group.

Scoring, end to end: the stories' articles are extracted and reconciled together (one
reconciliation, as `claimscope conflicts` does over one ledger); each gold claim is matched
to the predicted claim of the same document whose span overlaps it (the scorer's match).
- Recall of a verdict V: of the labelled sets with verdict V and two or more matched claims,
  the share whose claims a row holds together (the row with most of them, holding two or
  more, all compared in it) and judges V.
- Precision of V: of the rows judged V that hold two or more matched claims of labelled sets,
  the share whose claims (the labelled set with most of them, holding two or more) the
  annotators judged V; a row that puts together claims the annotators kept apart, or that
  they called not comparable, counts against it.
"""
from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
LABELS = HERE / "disagree" / "labels.jsonl"
SECOND = HERE / "disagree" / "labels2.jsonl"
VERDICTS = ("agree", "disagree", "revised", "one-origin-only")
APART = "not-comparable"  # what an annotator said of claims that must not be compared


def labels_hash() -> str:
    h = hashlib.sha256()
    for p in (LABELS, SECOND):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def labelled_sets(groups: list[dict]) -> list[tuple[str, list[str]]]:
    """(verdict, gold claim ids) of every comparison set."""
    return [(s["verdict"], list(s["claims"])) for g in groups for s in g["sets"]]


# Rules and thresholds are settled on the tuned stories only; the held-out ones are measured, never read.
HELD_OUT = ("channel_crossings", "gaza_toll", "maui_wildfires")


def split_groups(groups: list[dict]) -> dict[str, list[dict]]:
    """The labelled groups by split: "tuned" and "held-out" (by the story the group name starts with)."""
    held = [g for g in groups if g["group"].split("/")[0] in HELD_OUT]
    return {"tuned": [g for g in groups if g not in held], "held-out": held}


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def match_gold(gold: list[dict], predicted: dict[str, tuple[str, int, int]]) -> dict[str, str]:
    """gold id -> predicted claim id: the same document, overlapping spans (the first, in text order)."""
    by_doc: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for cid, (doc, start, end) in predicted.items():
        by_doc[doc].append((start, end, cid))
    taken: set[str] = set()
    out = {}
    for g in sorted(gold, key=lambda g: (g["doc"], g["start"])):
        for start, end, cid in sorted(by_doc.get(g["doc"], ())):
            if cid not in taken and _overlap((start, end), (g["start"], g["end"])):
                out[g["id"]] = cid
                taken.add(cid)
                break
    return out


def row_places(rows) -> dict[str, tuple[int, str]]:
    """predicted claim id -> (row index, its role there) for every claim a row shows."""
    places = {}
    for i, r in enumerate(rows):
        for figures in r.origins.values():
            for f in figures:
                for cid in f.ids:
                    places.setdefault(cid, (i, f.role))
    return places


def score(sets: list[tuple[str, list[str]]], matched: dict[str, str], rows) -> dict:
    places = row_places(rows)
    gold_of = {p: g for g, p in matched.items()}
    set_of = {g: k for k, (_, ids) in enumerate(sets) for g in ids}
    per: dict[str, Counter] = defaultdict(Counter)  # verdict -> tp, labelled, judged
    confusion: Counter = Counter()
    for verdict, ids in sets:
        preds = [matched[g] for g in ids if g in matched]
        if len(preds) < 2:
            continue
        rows_held = Counter(places[p][0] for p in preds if p in places)
        said = "not compared"
        if rows_held:
            row, n = rows_held.most_common(1)[0]
            roles = {places[p][1] for p in preds if places.get(p, (None,))[0] == row}
            if n >= 2 and roles == {"compared"}:
                said = rows[row].verdict
        confusion[(verdict, said)] += 1
        per[verdict]["labelled"] += 1
        per[verdict]["tp"] += said == verdict
    for r in rows:
        golds = [gold_of[cid] for figs in r.origins.values() for f in figs if f.role == "compared"
                 for cid in f.ids if cid in gold_of and gold_of[cid] in set_of]
        if len(golds) < 2 or r.verdict not in VERDICTS:
            continue
        k, n = Counter(set_of[g] for g in golds).most_common(1)[0]
        truth = sets[k][0] if n >= 2 else APART
        per[r.verdict]["judged"] += 1
        per[r.verdict]["right"] += truth == r.verdict
    figures = {}
    for v in (*VERDICTS, APART):
        c = per[v]
        figures[v] = dict(labelled=c["labelled"], recall=c["tp"] / c["labelled"] if c["labelled"] else None,
                          judged=c["judged"], precision=c["right"] / c["judged"] if c["judged"] else None)
    return dict(verdicts=figures, confusion={f"{a} -> {b}": n for (a, b), n in sorted(confusion.items())})


def one_row_per_measure_and_period(rows) -> list[tuple[str, str, str]]:
    """(measure, basis, period) keys held by more than one row: should be none."""
    seen = Counter((r.measure, r.basis, r.period) for r in rows)
    return [k for k, n in seen.items() if n > 1]


def reconcile_stories(extractor, annotated: bool = False) -> tuple[list, dict[str, tuple[str, int, int]], list[dict]]:
    """Every real story extracted and reconciled together: (rows, predicted claim id -> span, gold).
    `annotated`: the first annotator's claims reconciled in place of the extracted ones (the gold
    then holds them alone): the reconciliation's verdicts on claims that are right."""
    sys.path.insert(0, str(HERE))
    import gate  # noqa: I001 - the gate folder is put on the path first

    from claimscope.evaluate import partial_date
    from claimscope.reconcile import reconcile
    from claimscope.records import Claim, claim_ids

    docs, claims, gold = [], [], []
    for spec in gate.load_sets().values():
        if "story" not in spec:
            continue
        if not annotated:
            d, c = gate.extracted(spec, extractor)
            docs += d
            claims += c
            gold += gate.gold(spec)
            continue
        docs += gate.documents(spec)  # (its claims are the annotator's: nothing to extract)
        first: dict[str, dict] = {}
        for g in gate.gold(spec):
            first.setdefault(g["id"], g)  # gold.jsonl's, which comes before gold2.jsonl's
        gold += first.values()
        for g in first.values():
            # a field left open between two readings (a list) takes the first; a partial date, as the scorer reads it
            fields = {k: v[0] if isinstance(v, list) else v for k, v in g.items()}
            for key, end in (("time_start", False), ("time_end", True)):
                when = partial_date(fields.get(key), end)
                fields[key] = when.isoformat() if when else None
            claims.append(Claim.from_dict(fields))
    claims.sort(key=lambda c: (c.doc, c.start))
    spans = {cid: (c.doc, c.start, c.end) for cid, c in zip(claim_ids(claims), claims, strict=True)}
    return reconcile(docs, claims).rows, spans, gold


def measure(extractor=None, annotated: bool = False) -> dict:
    from claimscope.extract.pipeline import Extractors

    rows, spans, gold = reconcile_stories(extractor or Extractors(), annotated=annotated)
    matched = match_gold(gold, spans)
    groups = load(LABELS)
    result = score(labelled_sets(groups), matched, rows)
    result["splits"] = {name: score(labelled_sets(part), matched, rows)["verdicts"]
                        for name, part in split_groups(groups).items()}
    result["rows"] = len(rows)
    result["repeated_keys"] = one_row_per_measure_and_period(rows)
    return result


def agreement() -> dict:
    """The second annotator's sets scored against the first's, as if they were a system's rows."""
    first = {g["group"]: g for g in load(LABELS)}
    second = load(SECOND)
    both = [first[g["group"]] for g in second if g["group"] in first]
    sets1 = labelled_sets(both)
    per: dict[str, Counter] = defaultdict(Counter)
    set_of = {g: k for k, (_, ids) in enumerate(sets1) for g in ids}
    pairs = Counter()
    for g2 in second:
        g1 = first.get(g2["group"])
        if not g1:
            continue
        lab1 = {c: s["verdict"] for s in g1["sets"] for c in s["claims"]}
        grp1 = {c: k for k, s in enumerate(g1["sets"]) for c in s["claims"]}
        lab2 = {c: s["verdict"] for s in g2["sets"] for c in s["claims"]}
        grp2 = {c: k for k, s in enumerate(g2["sets"]) for c in s["claims"]}
        ids = sorted(set(grp1) & set(grp2))
        for i, a in enumerate(ids):  # every pair of claims: apart, or together under which verdict
            for b in ids[i + 1:]:
                p1 = lab1[a] if grp1[a] == grp1[b] and lab1[a] != APART else APART
                p2 = lab2[a] if grp2[a] == grp2[b] and lab2[a] != APART else APART
                pairs[(p1, p2)] += 1
        for s in g2["sets"]:
            if len(s["claims"]) < 2 or s["verdict"] == APART:
                continue
            k, n = Counter(set_of[c] for c in s["claims"] if c in set_of).most_common(1)[0]
            per[s["verdict"]]["judged"] += 1
            per[s["verdict"]]["right"] += n >= 2 and sets1[k][0] == s["verdict"]
    total = sum(pairs.values())
    return dict(groups=len(both), pairs=total,
                pair_agreement=sum(n for (a, b), n in pairs.items() if a == b) / total if total else None,
                second_precision={v: (c["right"] / c["judged"], c["judged"]) for v, c in per.items() if c["judged"]})


def main() -> None:
    if "--hash" in sys.argv:
        print(labels_hash())
        return
    if "--agreement" in sys.argv:
        print(json.dumps(agreement(), indent=1))
        return
    r = measure(annotated="--gold-claims" in sys.argv)
    tables = {"all": r["verdicts"], **r["splits"]} if "--splits" in sys.argv else {"all": r["verdicts"]}
    for name, verdicts in tables.items():
        if len(tables) > 1:
            print(f"-- {name}")
        print(f"{'verdict':16} {'labelled':>8} {'recall':>7} {'judged':>7} {'precision':>9}")
        for v, f in verdicts.items():
            fmt = lambda x: f"{x:.3f}" if x is not None else "-"  # noqa: E731
            print(f"{v:16} {f['labelled']:8} {fmt(f['recall']):>7} {f['judged']:7} {fmt(f['precision']):>9}")
    print(f"rows: {r['rows']}; measure/basis/period keys held by more than one row: {len(r['repeated_keys'])}")
    if "-v" in sys.argv:
        for k, n in r["confusion"].items():
            print(f"  {k}: {n}")


if __name__ == "__main__":
    main()
