"""ingest -> extract -> store: the paths a batch of inputs takes through claimscope."""
from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from .batch import BatchReport, RunRecorder, extraction_of
from .batching import batches
from .ingest import read
from .ingest.parts import Notice
from .ingest.readers import iter_paths
from .records import Claim, Document, Extraction, Rejection
from .store.errors import NotStored

PROGRESS_MIN_INPUTS = 5  # fewer inputs than this finish before a bar would help


def _forced(extractor) -> str | None:
    """The language every input is read as (--lang), else None: each document's own. Decided once,
    at read, so that layout and extraction use the same one."""
    return getattr(extractor, "forced", None)  # Extractor: one language, its own


def _extraction_of(extractor) -> Callable[[Document], Extraction]:
    return extraction_of(extractor.topic, _forced(extractor))


def _split(items: Iterable[Document | Rejection | Notice], on_reject: Callable[[Rejection], None],
           keep: Callable[[Document], bool] = lambda d: True,
           on_note: Callable[[Notice], None] | None = None) -> Iterator[Document]:
    for item in items:
        if isinstance(item, Rejection):
            on_reject(item)
        elif isinstance(item, Notice):
            if on_note:
                on_note(item)
        elif keep(item):
            yield item


WINDOW = 16  # documents parsed as one batch: spaCy batches across them, and memory stays bounded


# a document whose extraction takes longer is rejected, and the batch goes on: with its reading
# and storing, no document holds the batch more than 30 s. A long article's part (200 000
# characters) takes a few seconds; a text of one 200 000-character sentence of figures takes
# minutes in the components that read each figure's sentence, even with the figures capped.
DOC_BUDGET_S = 25.0


class OverBudget(Exception):
    """Extraction ran past its time budget."""


@contextmanager
def _budget(seconds: float | None):
    """Raise OverBudget in this code after `seconds` (an interval timer: main thread, POSIX only;
    elsewhere no limit). Pure-Python loops and regex scans are interrupted; so is spaCy between docs."""
    if not seconds or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def ring(signum, frame):
        raise OverBudget(f"extraction took over {seconds:.0f} s: skipped")

    previous = signal.signal(signal.SIGALRM, ring)
    # then again every half second: a raise that lands in a garbage-collector callback or a
    # __del__ is swallowed by Python ("exception ignored"), and the next one interrupts the work
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.5)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _notes(docs: list[Document]) -> list[Notice]:
    """Figures the number finder dropped past its cap in these documents' blocks, as notices."""
    from .extract.numbers import MAX_FIGURES, take_dropped

    out = []
    for head, n in take_dropped():
        doc = next((d for d in docs if head in d.text), None)
        origin = doc.origin if doc is not None else "?"
        out.append(Notice(origin, f"a block holds too many figures (more than {MAX_FIGURES:,}, or in too long a sentence): "
                                  f"the last {n:,} were dropped"))
    return out


def _extract_window(extractor, docs: list[Document],
                    budget: float | None = None) -> tuple[list[tuple[Document, list[Claim] | str]], list[Notice]]:
    """A window in one batch; if it fails or runs past the budget, one document at a time, so that
    only the culprit is lost. Each document has `budget` seconds (DOC_BUDGET_S by default), the
    window as a whole too: a slow window is tried again a document at a time."""
    from .extract.numbers import take_dropped

    budget = DOC_BUDGET_S if budget is None else budget
    take_dropped()
    try:
        with _budget(budget):
            results = list(extractor.extract_many(docs))
        return results, _notes(docs)
    except Exception as e:
        if len(docs) == 1:
            take_dropped()
            return [(docs[0], _failure(e))], []
        take_dropped()
        out: list[tuple[Document, list[Claim] | str]] = []
        notes: list[Notice] = []
        for d in docs:
            try:
                with _budget(budget):
                    out.extend(extractor.extract_many([d]))
                notes.extend(_notes([d]))
            except Exception as e:  # a bug on one strange text; the fuzz tests keep these out
                take_dropped()
                out.append((d, _failure(e)))
        return out, notes


def _failure(e: Exception) -> str:
    if isinstance(e, OverBudget):
        return str(e)
    return f"extraction failed: {type(e).__name__}: {e}"[:500]


_worker_extractor = None  # set in the parent before forking: workers inherit the loaded pipeline


def _worker_window(docs: list[Document]):
    return _extract_window(_worker_extractor, docs)


def _window_results(documents: Iterable[Document], extractor, processes: int):
    """Each window's results, in input order; with several processes, at most two windows a
    process in flight, so that a stream of any length keeps memory bounded."""
    windows = batches(documents, WINDOW)
    if processes <= 1:
        yield from (_extract_window(extractor, w) for w in windows)
        return
    import multiprocessing
    from collections import deque

    global _worker_extractor
    _worker_extractor = extractor
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        pending: deque = deque()
        for w in windows:
            pending.append(pool.apply_async(_worker_window, (w,)))
            while len(pending) >= 2 * processes:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


def _extracted(documents: Iterable[Document], extractor, on_reject: Callable[[Rejection], None], processes: int = 1,
               on_note: Callable[[Notice], None] | None = None):
    """(document, claims) in input order: a failure on one document is a rejection, and the batch goes on."""
    for results, notes in _window_results(documents, extractor, processes):
        if on_note:
            for note in notes:
                on_note(note)
        for doc, claims in results:
            if isinstance(claims, str):
                on_reject(Rejection(doc.origin, claims))
                continue
            yield doc, claims


def _progress(paths: list[str], enabled: bool):
    """A progress bar on standard error, counting documents (inputs known up front)."""
    from contextlib import nullcontext

    if not enabled:
        return nullcontext(None)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=Console(stderr=True), transient=False)


def count_inputs(paths: list[str]) -> int | None:
    """Documents to expect: files count one each; JSONL counts its lines (None for stdin)."""
    total = 0
    for p in iter_paths(paths):
        if p == "-":
            return None
        if isinstance(p, str):  # a URL: one page
            total += 1
        elif p.suffix.lower() in (".jsonl", ".ndjson"):
            try:
                total += _count_lines(p)
            except OSError:
                total += 1
        else:
            total += 1
    return total


def _count_lines(path) -> int:
    """Lines of a file, a chunk at a time (one line may be huge), the last one counted without its newline."""
    n, last = 0, b"\n"
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            n += chunk.count(b"\n")
            last = chunk[-1:]
    return n + (last != b"\n")


def extract_claims(paths: list[str], extractor, on_reject: Callable[[Rejection], None],
                   on_note: Callable[[Notice], None] | None = None,
                   allow_private: bool = False) -> Iterator[tuple[Document, list[Claim]]]:
    """Claims of every readable input, without storing anything."""
    yield from _extracted(_split(read(paths, _forced(extractor), allow_private=allow_private), on_reject, on_note=on_note), extractor,
                          on_reject, on_note=on_note)


def ingest(paths: list[str], ledger, extractor, command: str = "ingest", progress: bool = True,
           on_reject: Callable[[Rejection], None] | None = None,
           on_note: Callable[[Notice], None] | None = None, processes: int = 1,
           allow_private: bool = False) -> BatchReport:
    """Read, extract and store; each document with its claims in one transaction."""
    from .extract.pipeline import PIPELINE_VERSION

    report = BatchReport()
    run_id = ledger.start_run(command, extractor.topic.id, PIPELINE_VERSION)
    extraction = _extraction_of(extractor)
    why_again: dict[str, str] = {}  # name -> why its unchanged text is extracted again

    recorder = RunRecorder(report, ledger, run_id, on_reject)
    rejected = recorder.reject

    def fresh(d: Document) -> bool:
        why = ledger.to_extract(d, extraction(d))
        if why is None:
            report.unchanged += 1
            advance()
            return False
        if why not in ("new", "changed"):
            why_again[d.name] = why
        return True

    total = count_inputs(paths)
    show = progress and (total is None or total >= PROGRESS_MIN_INPUTS)
    with _progress(paths, show) as bar:
        task = bar.add_task("ingest", total=total) if bar else None

        def advance() -> None:
            if bar is not None:
                bar.advance(task)

        for document, claims in _extracted(_split(read(paths, _forced(extractor), allow_private=allow_private), rejected, fresh, on_note), extractor, rejected, processes,
                                             on_note):
            if not extractor.handles(document.lang):
                report.unsupported.append(f"{document.name} ({document.lang})")
            try:
                outcome = ledger.store(document, claims, run_id, extraction(document))
            except NotStored as e:  # a value the database refuses: this document only, the batch goes on
                rejected(Rejection(document.origin, str(e)))
                advance()
                continue
            _count(report, outcome, claims, why_again.get(document.name, "extraction changed"))
            advance()
    recorder.finish()
    return report


def _count(report: BatchReport, outcome: str, claims: list[Claim], why: str) -> None:
    if outcome == "reextracted":
        report.reextracted[why] += 1
    else:
        setattr(report, outcome, getattr(report, outcome) + 1)
    if outcome != "unchanged":
        report.claims += len(claims)


def reextract(ledger, extractor, names: list[str] | None = None, progress: bool = True,
              on_reject: Callable[[Rejection], None] | None = None, processes: int = 1) -> BatchReport:
    """Extract stored documents (all, or those named) again from their stored text, whatever
    they were extracted with; each document's claims replaced in one transaction."""
    from .extract.pipeline import PIPELINE_VERSION

    report = BatchReport()
    names = names if names is not None else [d["name"] for d in ledger.documents()]
    run_id = ledger.start_run("reextract", extractor.topic.id, PIPELINE_VERSION)
    extraction = _extraction_of(extractor)
    why_again: dict[str, str] = {}

    recorder = RunRecorder(report, ledger, run_id, on_reject)
    rejected = recorder.reject

    def stored() -> Iterator[Document]:  # one at a time: the texts are not all held in memory
        for name in names:
            d = ledger.document(name)
            if d is not None:  # gone since the names were read
                why_again[name] = ledger.to_extract(d, extraction(d)) or "nothing changed"
                yield d

    with _progress(names, progress and len(names) >= PROGRESS_MIN_INPUTS) as bar:
        task = bar.add_task("reextract", total=len(names)) if bar else None
        for document, claims in _extracted(stored(), extractor, rejected, processes):
            if not extractor.handles(document.lang):
                report.unsupported.append(f"{document.name} ({document.lang})")
            try:
                outcome = ledger.store(document, claims, run_id, extraction(document), force=True)
            except NotStored as e:  # this document keeps its claims; the others go on
                rejected(Rejection(document.origin, str(e)))
            else:
                _count(report, outcome, claims, why_again.get(document.name, "nothing changed"))
            if bar is not None:
                bar.advance(task)
    recorder.finish()
    return report
