"""A ledger of thousands of claims from the project's real articles, to look at the pages at scale.

    python benchmarks/big_ledger.py -o /tmp/big.db --claims 5000

1. Ingests, as `claimscope ingest` does (the real spaCy pipeline), the gate's articles with
   the built-in topic (tests/gate/*/*.txt and the samples), and each real story of
   tests/gate/real/*/docs.jsonl with its own topic file (so its figures get its measures).
2. Until the ledger holds --claims claims, stores copies of those documents with their
   claims under new names ("<name>~k"), their article dates and their claims' periods moved
   forward by k * --step days and their figures scaled by (1 + k * --growth): a story that
   goes on for months, seen through many articles, not one text repeated at one date.
   Copies go through Ledger.store like any document (one transaction each).

The base ingest is cached next to the output (<out>.base): a second build only copies.
A progress bar shows both steps. Not part of the unit tests (a few minutes on 2 cores).
"""
from __future__ import annotations

import argparse
import shutil
import sys
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "src" / "claimscope" / "samples"


def inputs() -> list[tuple[str | None, list[str]]]:
    """(topic file or None for the built-in one, the inputs to ingest with it)."""
    gate = ROOT / "tests" / "gate"
    batches = [(None, sorted(str(p) for p in [*gate.glob("*/*.txt"), *SAMPLES.glob("*.txt")]))]
    for story in sorted(gate.glob("real/*/")):
        if (story / "docs.jsonl").exists() and (story / "topic.toml").exists():
            batches.append((str(story / "topic.toml"), [str(story / "docs.jsonl")]))
    return batches


def _shift(iso: str | None, days: int) -> str | None:
    """An ISO date (or datetime prefix) moved by `days`; None stays None."""
    if not iso:
        return iso
    try:
        return (date.fromisoformat(iso[:10]) + timedelta(days=days)).isoformat() + iso[10:]
    except ValueError:
        return iso


def copy_of(doc, claims, k: int, step: int, growth: float):
    """Document `doc` and its claims as copy number k: new name, later dates, scaled figures."""
    from claimscope.records import PartialDate

    days = k * step
    name = f"{doc.name}~{k}"

    def moved(p: PartialDate) -> PartialDate:
        return replace(p, value=p.value + timedelta(days=days)) if p.value else p

    articles = tuple(replace(a, date=moved(a.date)) for a in doc.articles)
    # the text changes with the copy (its hash must differ) but keeps every offset: a marker at the end
    new = replace(doc, name=name, date=moved(doc.date), articles=articles, text=doc.text + f"\n[{k}]",
                  title=f"{doc.title or doc.name} ({k})")
    factor = 1 + k * growth
    out = [replace(c, doc=name, time_start=_shift(c.time_start, days), time_end=_shift(c.time_end, days),
                   value=round(c.value * factor, 2) if c.kind != "ratio" else c.value,
                   value_high=round(c.value_high * factor, 2) if c.value_high is not None and c.kind != "ratio"
                   else c.value_high)
           for c in claims]
    return new, out


def build(out: Path, target: int, step: int = 40, growth: float = 0.05, progress: bool = True) -> dict:
    from rich.progress import Progress

    from claimscope.engine import ingest
    from claimscope.extract.pipeline import PIPELINE_VERSION, Extractors
    from claimscope.store import Ledger

    base = out.with_name(out.name + ".base")
    if not base.exists():
        ledger = Ledger(str(base))
        for topic, paths in inputs():
            ingest(paths, ledger, Extractors(topic=topic), command="big_ledger", progress=progress)
        ledger.close()
    for suffix in ("", "-wal", "-shm"):
        Path(str(out) + suffix).unlink(missing_ok=True)
    shutil.copy(base, out)
    ledger = Ledger(str(out))
    originals = [ledger.document(d["name"]) for d in ledger.documents()]
    claims = {d.name: ledger.claims(doc=d.name) for d in originals}
    have = ledger.counts()["claims"]
    per_round = sum(len(cs) for cs in claims.values()) or 1
    run = ledger.start_run("big_ledger copies", "dprk_russia", PIPELINE_VERSION)
    added = 0
    with Progress(disable=not progress) as bar:
        task = bar.add_task("copies", total=max(target - have, 0))
        k = 0
        while have < target:
            k += 1
            for d in originals:
                if have >= target:
                    break
                new, cs = copy_of(d, claims[d.name], k, step, growth)
                ledger.store(new, cs, run)
                have += len(cs)
                added += 1
                bar.advance(task, len(cs))
    ledger.finish_run(run, added, 0, have - per_round, 0)
    counts = ledger.counts()
    ledger.close()
    return counts


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("-o", "--out", default="/tmp/claimscope-big.db", help="the SQLite ledger to write (replaced)")
    p.add_argument("--claims", type=int, default=5000, help="how many claims at least (default 5000)")
    p.add_argument("--step", type=int, default=40, help="days each round of copies moves dates forward")
    p.add_argument("--growth", type=float, default=0.05, help="how much each round scales the figures")
    a = p.parse_args(argv)
    out = Path(a.out)
    if not out.parent.is_dir():
        print(f"{out}: no folder {out.parent}", file=sys.stderr)
        return 2
    counts = build(out, a.claims, a.step, a.growth)
    print(f"{out}: {counts['documents']} documents, {counts['claims']} claims")
    return 0


if __name__ == "__main__":
    sys.exit(main())
