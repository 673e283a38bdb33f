"""How fast claimscope goes on one machine, against two references.

    python benchmarks/bench.py --n 200 --runs 3

1. Builds a corpus of N articles (JSONL) from the annotated articles in tests/gate/
   (dev, fr, fr_holdout): their body paragraphs shuffled across articles, their numbers
   varied (years kept), so that it is not one text repeated.
2. Times the whole claimscope path as `claimscope ingest` runs it (engine.ingest into a
   temporary SQLite file), split into read+layout, NLP/extract and store.
3. Times, on the same corpus, the naive path as issue 6 defines it (the whole spaCy model,
   NER included, over every block of every article, then the same extraction and store;
   its claims are compared with claimscope's, every field), and on the same texts two
   references: the model alone (nlp.pipe over all of each article's text, nothing else)
   and the floor (spaCy's tokenizer alone).

Prints medians over --runs: seconds (wall clock, and CPU time of this process, which
other load on the machine disturbs less), articles/s and words/s, the peak memory Python allocates in
each path (tracemalloc, one extra untimed run each: tracing slows everything down) and the
process's peak resident memory, and how many times claimscope's time each path takes.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETS = {"fr": ("dev", "fr", "fr_holdout"), "en": ("en",)}  # the gate sets a language's corpus is drawn from


# -- the corpus ------------------------------------------------------------------------


def _paragraphs(lang: str = "fr") -> list[str]:
    """The body blocks of every article of the gate sets, as the layout finds them."""
    from claimscope.ingest import read
    from claimscope.records import Document

    paths = sorted(str(p) for s in SETS[lang] for p in (ROOT / "tests" / "gate" / s).glob("*.txt"))
    out = []
    for d in read(paths):
        if isinstance(d, Document):
            out.extend(d.text[b.start:b.end] for a in d.articles for b in a.body)
    return out


def _vary_numbers(text: str, rng: random.Random) -> str:
    """New digits of the same length; years (19xx, 20xx) stay, so dates still read as dates."""
    def new(m: re.Match) -> str:
        s = m.group(0)
        if len(s) == 4 and s[:2] in ("19", "20"):
            return s
        digits = [str(rng.randint(1 if (k == 0 and s[0] != "0") else 0, 9)) for k in range(len(s))]
        return "".join(digits)
    return re.sub(r"\d+", new, text)


def build_corpus(n: int, path: Path, seed: int = 6, lang: str = "fr") -> list[dict]:
    rng = random.Random(seed)
    pool = _paragraphs(lang)
    records = []
    for i in range(n):
        k = rng.randint(4, 12)
        body = [_vary_numbers(p, rng) for p in rng.sample(pool, min(k, len(pool)))]
        day = f"{rng.choice((2024, 2025))}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        title = f"Article {i}: " + " ".join(body[0].split()[:8])
        records.append({"id": f"bench-{i:05d}", "title": title, "date": day, "lang": lang,
                        "text": title + "\n\n" + "\n\n".join(body) + "\n"})
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return records


# -- the paths -----------------------------------------------------------------------


class _Stages:
    """Time spent in reading and storing while engine.ingest runs; the rest is extraction."""

    def __init__(self):
        self.read = self.store = 0.0

    def timed(self, items, attr: str):
        it = iter(items)
        while True:
            t = time.perf_counter()
            try:
                x = next(it)
            except StopIteration:
                setattr(self, attr, getattr(self, attr) + time.perf_counter() - t)
                return
            setattr(self, attr, getattr(self, attr) + time.perf_counter() - t)
            yield x


def run_claimscope(corpus: Path, extractor, processes: int = 1, every_block: bool = False) -> dict:
    """`engine.ingest` into a fresh SQLite file; `every_block` is the naive path: the whole model
    (NER in the batch) over every block, then the same components, discourse and store."""
    import hashlib

    from claimscope import engine
    from claimscope.store import Ledger

    stages = _Stages()
    read = engine.read
    with tempfile.TemporaryDirectory() as tmp:
        ledger = Ledger(str(Path(tmp) / "bench.db"))

        def timed(method):
            """The ledger method, its time counted as the store stage's."""
            def wrapper(*a, **k):
                t = time.perf_counter()
                try:
                    return method(*a, **k)
                finally:
                    stages.store += time.perf_counter() - t
            return wrapper

        ledger.store, ledger.to_extract = timed(ledger.store), timed(ledger.to_extract)
        engine.read = lambda paths, lang=None, **options: stages.timed(read(paths, lang, **options), "read")
        before = extractor.parse_every_block
        extractor.parse_every_block = every_block
        try:
            t, cpu = time.perf_counter(), time.process_time()
            report = engine.ingest([str(corpus)], ledger, extractor, progress=False, processes=processes)
            total, cpu = time.perf_counter() - t, time.process_time() - cpu
            # every field of every stored claim, so that the two paths can be compared claim for claim
            digest = hashlib.sha256("\n".join(sorted(json.dumps(c.to_dict(), sort_keys=True, default=str)
                                                     for c in ledger.claims())).encode()).hexdigest()[:16]
        finally:
            extractor.parse_every_block = before
            engine.read = read
            ledger.close()
    assert report.added and not report.rejected, report
    return {"total": total, "cpu": cpu, "read+layout": stages.read, "NLP/extract": total - stages.read - stages.store,
            "store": stages.store, "claims": report.claims, "digest": digest}


def run_naive(texts: list[str], nlp, processes: int) -> dict:
    t, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=64, n_process=processes):
        pass
    return {"total": time.perf_counter() - t, "cpu": time.process_time() - cpu}


def run_floor(texts: list[str], nlp, processes: int) -> dict:
    t, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.tokenizer.pipe(texts, batch_size=256):
        pass
    return {"total": time.perf_counter() - t, "cpu": time.process_time() - cpu}


def traced_peak(fn) -> float:
    """Peak memory Python allocates while fn runs, in MiB."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


# -- report --------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--n", type=int, default=200, help="articles in the corpus (default 200)")
    p.add_argument("--runs", type=int, default=3, help="timed runs of each path; medians are printed (default 3)")
    p.add_argument("--processes", type=int, default=1,
                   help="processes for claimscope's path (ingest --processes) and the references' nlp.pipe")
    p.add_argument("--scaling", action="store_true",
                   help="also time claimscope's whole path in 1 and in 2 processes, side by side")
    p.add_argument("--flat", type=int, nargs="+", metavar="N",
                   help="only measure `claimscope ingest`'s peak resident memory on corpora of these sizes")
    p.add_argument("--corpus", type=Path, help="write the corpus here (default: a temporary file)")
    p.add_argument("--no-memory", action="store_true", help="skip the traced-memory runs")
    p.add_argument("--lang", choices=sorted(SETS), default="fr",
                   help="the corpus's language, drawn from that language's gate sets, and its pipeline (default fr)")
    args = p.parse_args(argv)

    import spacy

    from claimscope.extract.pipeline import Extractor, model_location
    from claimscope.lang import load_language

    if args.flat:
        return flat_memory(args.flat)
    tmp = tempfile.TemporaryDirectory()
    corpus = args.corpus or Path(tmp.name) / "corpus.jsonl"
    records = build_corpus(args.n, corpus, lang=args.lang)
    texts = [r["text"] for r in records]
    words = sum(len(t.split()) for t in texts)
    print(f"corpus ({args.lang}): {len(texts)} articles, {words} words, {sum(map(len, texts))} characters -> {corpus}")

    t = time.perf_counter()
    extractor = Extractor(args.lang)
    nlp = spacy.load(model_location(load_language(args.lang).spacy_model))  # the plain model, for the references
    print(f"models loaded in {time.perf_counter() - t:.1f} s; python {sys.version.split()[0]}, spaCy {spacy.__version__}")
    # warm-up: first-call costs (vocab growth, caches) out of the timings
    run_claimscope(corpus, extractor)
    run_claimscope(corpus, extractor, every_block=True)
    run_naive(texts[:20], nlp, 1)

    timings: dict[str, list[dict]] = {"claimscope": [], "naive": [], "model": [], "floor": []}
    for _ in range(args.runs):
        timings["claimscope"].append(run_claimscope(corpus, extractor, args.processes))
        timings["naive"].append(run_claimscope(corpus, extractor, args.processes, every_block=True))
        timings["model"].append(run_naive(texts, nlp, args.processes))
        timings["floor"].append(run_floor(texts, nlp, args.processes))

    def med(path: str, key: str) -> float:
        return statistics.median(r[key] for r in timings[path])

    peaks = {}
    if not args.no_memory:
        peaks = {"claimscope": traced_peak(lambda: run_claimscope(corpus, extractor)),
                 "naive": traced_peak(lambda: run_claimscope(corpus, extractor, every_block=True)),
                 "model": traced_peak(lambda: run_naive(texts, nlp, 1)),
                 "floor": traced_peak(lambda: run_floor(texts, nlp, 1))}

    n = len(texts)
    print(f"\nmedians of {args.runs} runs; claims stored: {timings['claimscope'][0]['claims']}")
    print(f"{'path':<30}{'seconds':>9}{'articles/s':>12}{'words/s':>11}{'peak MiB':>10}{'CPU s':>8}")
    rows = [(f"claimscope {k}", "claimscope", k) for k in ("read+layout", "NLP/extract", "store", "total")]
    rows += [("naive path total", "naive", "total"), ("  naive NLP/extract", "naive", "NLP/extract"),
             ("model alone (nlp.pipe)", "model", "total"), ("floor (tokenizer)", "floor", "total")]
    for name, path, key in rows:
        s = med(path, key)
        whole = key == "total"
        peak = f"{peaks[path]:.1f}" if peaks and whole else ""
        cpu = f"{med(path, 'cpu'):.2f}" if whole else ""
        print(f"{name:<30}{s:>9.2f}{n / s:>12.1f}{words / s:>11.0f}{peak:>10}{cpu:>8}")
    total = med("claimscope", "total")
    cpu = med("claimscope", "cpu")
    same = {r["digest"] for path in ("claimscope", "naive") for r in timings[path]}
    print(f"\nclaims of claimscope and of the naive path: {'identical' if len(same) == 1 else 'DIFFERENT'} "
          f"(digest of every field of every claim: {', '.join(sorted(same))})")
    for path, label in (("naive", "the naive path"), ("model", "the model alone")):
        print(f"claimscope's speed-up over {label}: {med(path, 'total') / total:.2f}x by the clock, "
              f"{med(path, 'cpu') / cpu:.2f}x by CPU time")
    print(f"claimscope / the floor: {total / med('floor', 'total'):.1f}x the time ({cpu / med('floor', 'cpu'):.1f}x the CPU time)")
    print(f"process peak resident memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    if args.scaling:
        walls = {k: [] for k in (1, 2)}
        for _ in range(args.runs):
            for k in (1, 2):
                walls[k].append(run_claimscope(corpus, extractor, k)["total"])
        one, two = statistics.median(walls[1]), statistics.median(walls[2])
        print(f"\nclaimscope whole path, wall-clock medians of {args.runs}: 1 process {one:.2f} s, "
              f"2 processes {two:.2f} s -> {one / two:.2f}x")
    tmp.cleanup()
    return 0


def flat_memory(sizes: list[int]) -> int:
    """Peak resident memory of `claimscope ingest` (its own process) on streamed corpora of several sizes."""
    import subprocess

    print(f"{'articles':>9}{'seconds':>10}{'peak RSS MiB':>14}")
    cli = Path(sys.executable).with_name("claimscope")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "corpus.jsonl"
            build_corpus(n, corpus)
            t = time.perf_counter()
            before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            done = subprocess.run([str(cli), "ingest", "-q", str(corpus), "--db", str(Path(tmp) / "l.db")],
                                  stderr=subprocess.PIPE, text=True)
            if done.returncode:
                # a rejected record or a crash: the figures would not be of the whole corpus
                sys.exit(f"claimscope ingest exited {done.returncode} on {n} articles:\n" + done.stderr[-2000:])
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            print(f"{n:>9}{time.perf_counter() - t:>10.1f}{max(peak, before) / 1024:>14.0f}")
    print("(ru_maxrss of children is the largest child so far: sizes are run smallest first)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
