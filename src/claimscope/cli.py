"""The command line: thin commands over the library. Heavy imports stay inside commands so
that `claimscope --help` answers at once."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .terminal import json_shown, print_table, shown

EXIT_OK, EXIT_FAIL, EXIT_USAGE, EXIT_REJECTED = 0, 1, 2, 3


class UserError(Exception):
    """A problem the user can fix: printed as one line, no traceback."""


def _stderr(msg: str) -> None:
    print(msg, file=sys.stderr)


def _extractor(args):
    from .extract.pipeline import Extractors
    from .topic import TopicError

    try:
        return Extractors(topic=args.topic, forced=None if args.lang == "auto" else args.lang)
    except (UnicodeDecodeError, OSError) as e:  # before ValueError: its message names no file
        raise UserError(_unreadable_topic(args.topic, e)) from None
    except (TopicError, ValueError) as e:
        raise UserError(str(e)) from None


def _topic(args):
    from .topic import TopicError, load_topic

    try:
        return load_topic(args.topic)
    except (UnicodeDecodeError, OSError) as e:
        raise UserError(_unreadable_topic(args.topic, e)) from None
    except TopicError as e:
        raise UserError(str(e)) from None


def _unreadable_topic(path, e: Exception) -> str:
    why = "not UTF-8 text" if isinstance(e, UnicodeDecodeError) else (getattr(e, "strerror", None) or str(e))
    return f"{path}: cannot read the topic file ({why})"


def _ledger(args, create: bool = True):
    from .store import Ledger, LedgerError

    try:
        return Ledger(args.db, create=create)
    except (FileNotFoundError, LedgerError) as e:
        raise UserError(str(e)) from None


def _output(path: str) -> Path:
    """An output file, checked before any work: a mistake costs nothing and leaves nothing."""
    out = Path(path)
    if out.is_dir():
        raise UserError(f"{out}: is a folder (name a file)")
    if not out.parent.is_dir():
        raise UserError(f"{out}: cannot write there (no folder {out.parent})")
    return out


def _write_text(out: Path, text: str) -> None:
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as e:
        raise UserError(f"{out}: cannot write it ({e.strerror or e})") from None


REPORT_PAGE = r"(m-[A-Za-z0-9_-]+|articles-[0-9]+|rows-[0-9]+)\.html"  # the names of a split report's pages


def _write_report(out: Path, documents, claims, title: str = "claimscope report", topic=None) -> str:
    """The report at `out`, its other pages (when split) in the folder '<out's stem>_files'
    beside it; each file written whole then moved into place, so a failed run leaves the last
    report as it was. A folder of an earlier split report is removed when the report is now
    one page (only if it holds nothing but report pages). Returns what was written, in words."""
    import os
    import re
    import shutil

    from .report import render_pages

    report = render_pages(documents, claims, title=title, topic=topic, folder=f"{out.stem}_files", index_name=out.name)
    folder = out.parent / report.folder
    ours = not folder.exists() or (folder.is_dir() and all(re.fullmatch(REPORT_PAGE, p.name) for p in folder.iterdir()))
    if report.pages and not ours:
        raise UserError(f"{folder}: holds files that are not a report's pages; the report's pages go there "
                        f"(name another output, or move that folder)")
    try:
        if report.pages:
            fresh = out.parent / f".{report.folder}.{os.getpid()}.tmp"
            shutil.rmtree(fresh, ignore_errors=True)
            fresh.mkdir()
            for name, html in report.pages.items():
                (fresh / name).write_text(html, encoding="utf-8")
            stale = out.parent / f".{report.folder}.{os.getpid()}.old"
            if folder.is_dir():
                folder.rename(stale)
            fresh.rename(folder)
            shutil.rmtree(stale, ignore_errors=True)
        elif folder.is_dir() and ours:
            shutil.rmtree(folder)
        part = out.parent / f".{out.name}.{os.getpid()}.tmp"
        part.write_text(report.index, encoding="utf-8")
        part.replace(out)
    except OSError as e:
        raise UserError(f"{e.filename or out}: cannot write it ({e.strerror or e})") from None
    return f"{out} and {len(report.pages)} pages in {folder}" if report.pages else str(out)


def _print_reject(r) -> None:
    _stderr(f"rejected: {shown(r.message())}")


def _print_note(n) -> None:
    _stderr(f"note: {shown(n.message())}")


# -- output -----------------------------------------------------------------------

CLAIM_COLUMNS = ("doc", "start", "end", "text", "value", "value_high", "qualifier", "unit", "measure", "source", "via",
                 "publisher", "status", "hedged", "time_start", "time_end", "kind", "per", "concept")


def write_claims(claims, fmt: str, out=None) -> None:
    import json

    from .spreadsheet import SafeWriter

    out = out or sys.stdout
    if fmt == "jsonl":
        for c in claims:
            out.write(json_shown(json.dumps(c.to_dict(), ensure_ascii=False)) + "\n")
    elif fmt == "csv":
        w = SafeWriter(out)
        w.writerow(CLAIM_COLUMNS)
        for c in claims:
            d = c.to_dict()
            w.writerow([" > ".join(d[k]) if k == "via" else d[k] for k in CLAIM_COLUMNS])
    else:
        from .formatting import figure_label

        rows = []
        for c in claims:
            source = (c.source or "—") + (f" (via {', '.join(c.via)})" if c.via else "")
            period = f"{c.time_start or '…'} – {c.time_end or '…'}" if (c.time_start or c.time_end) else ""
            mark = " ✎" if c.corrected else ""  # by a person: `claimscope corrections` says who and why
            rows.append((c.doc, figure_label(c) + mark, c.unit, c.measure, source, c.status, "yes" if c.hedged else "",
                         period))
        print_table(("doc", "figure", "unit", "measure", "source (via)", "status", "hedged", "period"), rows, file=out,
                    optional=("hedged", "unit", "status"))


# -- commands ---------------------------------------------------------------------


class ClaimStream:
    """Claims printed as they come: JSONL and CSV a document at a time (one CSV header),
    a table once at the end."""

    def __init__(self, fmt: str):
        self.fmt, self.started = fmt, False
        self.held: list = []

    def write(self, claims) -> None:
        if self.fmt == "table":
            self.held.extend(claims)
            return
        if self.fmt == "csv" and self.started:
            import io

            buf = io.StringIO()
            write_claims(claims, "csv", buf)
            sys.stdout.write(buf.getvalue().split("\n", 1)[1])
        else:
            write_claims(claims, self.fmt)
            self.started = True
        sys.stdout.flush()

    def close(self) -> None:
        if self.fmt == "table" and self.held:
            write_claims(self.held, "table")


def cmd_extract(args) -> int:
    from .engine import extract_claims

    if args.engine == "dask":
        return _extract_dask(args)
    if args.scheduler or args.workers or args.parquet:
        raise UserError("--scheduler, --workers and --parquet go with --engine dask")
    rejected = []

    def on_reject(r):
        rejected.append(r)
        _print_reject(r)

    printer = ClaimStream(args.format)
    for _, claims in extract_claims(args.inputs, _extractor(args), on_reject, _print_note,
                                    allow_private=args.allow_private):
        printer.write(claims)
    printer.close()
    return EXIT_REJECTED if rejected else EXIT_OK


def _extract_dask(args) -> int:
    """`extract --engine dask`: one task per input file over a Dask cluster (see cluster.py)."""
    from . import DEFAULT_DB
    from .cluster import ClusterError, extract_on_cluster
    from .topic import TopicError

    if args.workers is not None and args.workers < 1:
        raise UserError("--workers must be at least 1")
    store = args.db != DEFAULT_DB  # the ledger is written when one is named
    ledger = _ledger(args) if store else None
    printer = ClaimStream(args.format)

    def on_failure(shard, error):
        _stderr(shown(f"failed: {shard}: {type(error).__name__}: {error}"))

    try:
        report = extract_on_cluster(args.inputs, lang=args.lang, topic=args.topic, out_dir=args.parquet, ledger=ledger,
                                    scheduler=args.scheduler, workers=args.workers,
                                    on_claims=None if (args.parquet or store) else (lambda _, claims: printer.write(claims)),
                                    on_reject=_print_reject, on_note=_print_note, on_failure=on_failure)
    except (ClusterError, TopicError) as e:
        raise UserError(str(e)) from None
    printer.close()
    where = [w for w in (args.parquet, args.db if store else None) if w]
    stored = f"; ledger: {report.added} added, {report.replaced} replaced, {report.unchanged} unchanged" if store else ""
    _stderr(f"{report.shards} shards on {report.workers} workers: {report.documents} documents, {report.claims} claims, "
            f"{len(report.rejected)} rejected, {len(report.failed)} failed{stored}"
            + (f" -> {', '.join(where)}" if where else ""))
    if report.failed:
        return EXIT_FAIL
    return EXIT_REJECTED if report.rejected else EXIT_OK


def _annotations(inputs: list[str]) -> list[Path]:
    """The JSONL files among the inputs (in their folders too) that hold annotations, not
    articles: a gold.jsonl of claims (a figure's doc, offsets and value a line), or records
    holding claims and no text."""
    import json

    from .ingest.readers import JSONL_SUFFIXES, iter_paths

    found = []
    for path in iter_paths(inputs):
        if not isinstance(path, Path) or path.suffix.lower() not in JSONL_SUFFIXES:
            continue
        try:
            with path.open(encoding="utf-8", errors="replace") as f:
                first = next((line for line in f if line.strip()), "")
            record = json.loads(first) if first else None
        except (OSError, ValueError):
            continue  # ingest says what is wrong with it
        if isinstance(record, dict) and ({"doc", "start", "end", "value"} <= record.keys()
                                         or "claims" in record and "text" not in record):
            found.append(path)
    return found


def cmd_ingest(args) -> int:
    from .engine import ingest

    if args.processes < 1:
        raise UserError("--processes must be at least 1")
    extractor = _extractor(args)  # a bad topic is said before a ledger is created
    for path in _annotations(args.inputs):
        _stderr(f"warning: {shown(str(path))} holds annotations (claims with their documents and offsets), "
                "not articles: leave it out of what you ingest")
    ledger = _ledger(args)
    report = ingest(args.inputs, ledger, extractor, progress=not args.quiet, on_reject=_print_reject,
                    on_note=_print_note, processes=args.processes, allow_private=args.allow_private)
    if not (report.added or report.replaced or report.unchanged or report.rejected):
        _stderr(f"warning: no article in {', '.join(shown(i) for i in args.inputs)} "
                "(claimscope reads .txt, .html and .jsonl files)")
    for name in report.unsupported:
        _stderr(f"not extracted: {shown(name)}: claimscope has no pipeline for this language; stored without claims")
    again = f"; {_reextracted(report.reextracted)};" if report.reextracted else ","
    _stderr(f"{report.added} documents added, {report.replaced} replaced, {report.unchanged} unchanged{again} "
            f"{report.claims} claims stored, {len(report.rejected)} rejected -> {args.db}")
    return EXIT_REJECTED if report.rejected else EXIT_OK


def _reextracted(reasons) -> str:
    """'re-extracted 2: topic changed', or with each reason's count when they differ."""
    n = sum(reasons.values())
    if len(reasons) == 1:
        return f"re-extracted {n}: {next(iter(reasons))}"
    return f"re-extracted {n}: " + ", ".join(f"{why} ({k})" for why, k in reasons.most_common())


def cmd_reextract(args) -> int:
    """Stored documents extracted again from their stored text (after a new claimscope, or with another topic)."""
    from .engine import reextract

    if args.processes < 1:
        raise UserError("--processes must be at least 1")
    extractor = _extractor(args)
    _ledger(args, create=False).close()  # an existing ledger, checked read-only first: nothing to re-extract in a new one
    ledger = _ledger(args)  # then opened to write
    stored = {d["name"]: d["claims"] for d in ledger.documents()}
    names = list(dict.fromkeys(args.doc)) if args.doc else list(stored)
    for name in names:
        if name not in stored:
            raise UserError(f"{args.db}: no document named {name!r} (see `claimscope documents`)")
    report = reextract(ledger, extractor, names, progress=not args.quiet and sys.stderr.isatty(),
                       on_reject=_print_reject, processes=args.processes)
    for name in report.unsupported:
        _stderr(f"not extracted: {name}: claimscope has no pipeline for this language; stored without claims")
    done = _reextracted(report.reextracted) if report.reextracted else "re-extracted 0"
    _stderr(f"{done}; {report.claims} claims stored (before: {sum(stored[n] for n in names)}), "
            f"{len(report.rejected)} rejected -> {args.db}")
    return EXIT_REJECTED if report.rejected else EXIT_OK


# `claims`' filters beyond measure, source and doc, as the app's (option -> a test of a claim's fields)
CLAIM_FILTERS = {
    "status": lambda d, v: d["status"] == v,
    "hedged": lambda d, v: bool(d["hedged"]) == (v == "yes"),
    "kind": lambda d, v: d["kind"] == v,
    # the app's period facet: the month the claim's period ends in (or starts in), or undated
    "period": lambda d, v: ((d["time_end"] or d["time_start"] or "undated")[:7]) == v,
}


def _passes(d: dict, args, skip: str = "") -> bool:
    return all(test(d, getattr(args, name)) for name, test in CLAIM_FILTERS.items()
               if getattr(args, name) is not None and name != skip)


def _why_none(ledger, args) -> str:
    """Why `claims` found nothing: which filter no claim passes, or that none passes them all."""
    every = [c.to_dict() for c in ledger.claims(doc=args.doc)]
    if not every:
        return f"no claim: {'the document ' + repr(args.doc) + ' has' if args.doc else 'the ledger holds'} none"
    given = {"measure": args.measure, "source": args.source,
             **{name: getattr(args, name) for name in CLAIM_FILTERS}}
    alone = {"measure": lambda d, v: d["measure"] == v, "source": lambda d, v: (d["source"] or "").lower() == v.lower(),
             **CLAIM_FILTERS}
    empty = [f"{name} {value!r}" for name, value in given.items()
             if value is not None and not any(alone[name](d, value) for d in every)]
    if empty:
        hint = " (`claimscope series` lists the measures, `sources` the sources)" \
            if any(e.startswith(("measure", "source")) for e in empty) else ""
        return "no claim has " + " nor ".join(empty) + hint
    return "no claim passes every filter together (each alone selects some)"


def cmd_claims(args) -> int:
    ledger = _ledger(args, create=False)
    import re

    if args.period is not None and args.period != "undated" and not re.fullmatch(r"[0-9]{4}-[0-9]{2}", args.period):
        raise UserError(f"--period {args.period!r}: say a month (2025-03) or undated")
    if args.format == "table":
        found = [c for c in ledger.claims(measure=args.measure, source=args.source, doc=args.doc) if _passes(c.to_dict(), args)]
        if found:
            write_claims(found, "table")
    else:  # the rows a colleague can use: claim ids, sentences, the documents' title, date, publisher, URL
        from .exports import write_records

        records = [r for r in ledger.claim_records(measure=args.measure, source=args.source, doc=args.doc) if _passes(r, args)]
        write_records(records, args.format)
        found = records
    if not found:
        _stderr(_why_none(ledger, args))
    return EXIT_OK


def cmd_documents(args) -> int:
    ledger = _ledger(args, create=False)
    print_table(("name", "title", "date", "publisher", "claims"),
                [(d["name"], (d["title"] or "")[:70], d["date"], d["publisher"], d["claims"]) for d in ledger.documents()])
    return EXIT_OK


def cmd_rejected(args) -> int:
    ledger = _ledger(args, create=False)
    rows = ledger.rejected()
    for r in rows:
        where = f"{r['origin']}:{r['line']}" if r["line"] else r["origin"]
        print(shown(f"{r['at']}  {where}: {r['reason']}"))
    if not rows:
        _stderr("nothing rejected")
    return EXIT_OK


def cmd_evaluate(args) -> int:
    import json

    from .evaluate import load_jsonl, report_lines, score

    try:
        s = score(load_jsonl(args.gold), load_jsonl(args.pred))
    except (OSError, ValueError) as e:
        raise UserError(str(e)) from None
    if args.json:
        print(json.dumps(s.figures()))
    else:
        print("\n".join(shown(line) for line in report_lines(s, show=args.show)))
    return EXIT_OK


def cmd_report(args) -> int:
    out = _output(args.output)
    ledger = _ledger(args, create=False)
    docs = [ledger.document(d["name"]) for d in ledger.documents()]
    _stderr(f"report written: {_write_report(out, docs, ledger.claims(), topic=_topic(args))}")
    return EXIT_OK


def cmd_demo(args) -> int:
    from importlib import resources

    from rich.console import Console

    from .engine import ingest

    out = _output(args.output)
    samples = resources.files("claimscope").joinpath("samples")
    paths = sorted(str(p) for p in samples.iterdir() if p.name.endswith(".txt"))
    ledger = _ledger(args)
    report = ingest(paths, ledger, _extractor(args), command="demo", progress=True, on_reject=_print_reject)
    claims = ledger.claims()
    console = Console()
    console.print(f"[bold]claimscope demo[/bold]: {len(paths)} sample articles -> {args.db} "
                  f"({report.added} added, {report.unchanged} already there), {len(claims)} claims")
    by_measure: dict[str, list] = {}
    for c in claims:
        by_measure.setdefault(c.measure or "other", []).append(c)
    from .formatting import figure_label

    table = []
    for m in sorted(by_measure, key=lambda m: (m == "other", m)):
        cs = by_measure[m]
        table.append((m, len(cs), ", ".join(figure_label(c) for c in cs[:8]) + (" …" if len(cs) > 8 else ""),
                      ", ".join(sorted({c.source for c in cs if c.source})) or "—"))
    print_table(("measure", "claims", "values", "sources"), table, title="Claims by measure")
    docs = [ledger.document(d["name"]) for d in ledger.documents()]
    console.print(f"report: {_write_report(out, docs, claims, title='claimscope demo: sample articles', topic=_topic(args))}")
    return EXIT_OK


def _reconciled(args):
    from .reconcile import reconcile

    ledger = _ledger(args, create=False)
    docs = [ledger.document(d["name"]) for d in ledger.documents()]
    return reconcile(docs, ledger.claims(), _topic(args))


def _emit(rows: list[dict], fmt: str, title: str) -> None:
    """Rows as a rich table, CSV (text cells a spreadsheet would run neutralised) or JSONL."""
    import json

    if fmt == "jsonl":
        for r in rows:
            print(json_shown(json.dumps(r, ensure_ascii=False, default=str)))
        return
    cols = list(rows[0]) if rows else []
    if fmt == "csv":
        from .spreadsheet import SafeWriter

        w = SafeWriter(sys.stdout)
        w.writerow(cols)
        w.writerows([r.get(c, "") for c in cols] for r in rows)
        return
    print_table(cols, [[r[c] for c in cols] for r in rows], title=title)


def cmd_series(args) -> int:
    from .views.commands import series_rows

    rows = series_rows(_reconciled(args), args.measure, args.all)
    if args.measure and not rows:
        raise UserError(f"no series {args.measure!r} (see `claimscope series` for the list)")
    if args.format == "table":  # the figure says what low and high say, in less room
        rows = [{k: v for k, v in r.items() if k not in ("low", "high", "series" if args.measure else "")} for r in rows]
    _emit(rows, args.format, "Series")
    return EXIT_OK


def cmd_conflicts(args) -> int:
    """One row per measure, kind of figure and period: who says what, and the verdict (reconcile/rows.py)."""
    import json
    from collections import Counter

    from .reconcile.rows import says

    recon = _reconciled(args)
    if args.measure and args.measure not in recon.series:
        raise UserError(f"no measure {args.measure!r} (see `claimscope series` for the list)")
    wanted = [r for r in recon.rows if (not args.measure or r.measure == args.measure)
              and (not args.verdict or r.verdict in args.verdict)]
    everything = args.all or args.measure
    rows = [r for r in wanted if everything or not r.measure.startswith("auto:")]
    if args.format == "jsonl":
        for r in rows:
            print(json_shown(json.dumps(r.to_dict(), ensure_ascii=False)))
    else:
        print_table(("measure", "period", "verdict", "spread", "who says what", "claims"),
                    [(r.measure + ("" if r.basis == "total" else f" ({r.basis})"), r.period, r.verdict,
                      "" if r.spread is None else f"{r.spread:.0%}",
                      "\n".join(f"{o}: {says(figs)}" for o, figs in r.origins.items()), " ".join(r.claims))
                     for r in rows], title="Who says what, by measure and period")
    counts = Counter(r.verdict for r in rows)
    left = len(wanted) - len(rows)
    _stderr(f"{len(rows)} row{'' if len(rows) == 1 else 's'}" + (": " + ", ".join(f"{n} {v}" for v, n in counts.most_common()) if rows else "")
            + (f"; {left} more on figures no measure selects (--all shows them)" if left else ""))
    return EXIT_OK


def cmd_sources(args) -> int:
    from .views.commands import source_rows

    rows = source_rows(_reconciled(args))
    _emit(rows, args.format, "Who says what")
    return EXIT_OK


# the options of `correct` that set a claim's field: option -> field (store.corrections.FIELDS)
CORRECTION_OPTIONS = {"value": "value", "value_high": "value_high", "unit": "unit", "measure": "measure",
                      "source": "source", "period_start": "time_start", "period_end": "time_end", "kind": "kind",
                      "per": "per", "status": "status", "hedged": "hedged"}


def _user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a container)
        return "unknown"


def _span(text: str) -> tuple[int, int]:
    start, sep, end = text.partition(":")
    if not sep or not start.strip().isdigit() or not end.strip().isdigit():
        raise UserError(f"--add {text!r}: say START:END, two character offsets (as `claimscope claims --format csv` gives)")
    return int(start), int(end)


def _ledger_to_correct(args):
    """The ledger to write a correction in: one that exists (an older schema is upgraded, as a
    write command does), never a new one made by a typo in --db."""
    if "://" not in args.db and not Path(args.db).expanduser().exists():
        raise UserError(f"{args.db}: no ledger here (run `claimscope ingest` first)")
    return _ledger(args)


def cmd_correct(args) -> int:
    """A person's correction of a claim (or undo of one): stored apart, applied on every read."""
    from .store import BadCorrection, NoSuchClaim
    from .store.corrections import parse_fields

    by = args.by or _user()
    given = {field: getattr(args, option) for option, field in CORRECTION_OPTIONS.items()}
    if args.undo is not None:
        if args.target or args.add or args.not_a_claim or any(v is not None for v in given.values()):
            raise UserError("--undo ID takes nothing else (no claim, no field)")
        ledger = _ledger_to_correct(args)
        try:
            undone = ledger.undo(args.undo, by)
        except BadCorrection as e:
            raise UserError(f"{args.db}: {e}") from None
        _stderr(f"correction {undone.id} undone ({undone.doc} at {undone.start}:{undone.end}: {undone.changes()})")
        return EXIT_OK
    if not args.target:
        raise UserError("say which claim (DOC#N), or DOC --add START:END, or --undo ID")
    try:
        fields = parse_fields(given)
    except ValueError as e:
        raise UserError(str(e)) from None
    if args.not_a_claim and (fields or args.add):
        raise UserError("--not-a-claim removes the claim: it takes no field and no --add")
    if args.add and "value" not in fields:
        raise UserError("--add needs --value (the figure's value)")
    if not (fields or args.not_a_claim):
        raise UserError("nothing to correct: give a field (--source, --value ...) or --not-a-claim")
    ledger = _ledger_to_correct(args)
    try:
        if args.add:
            start, end = _span(args.add)
            cid, claim, action = args.target, None, "add"
            correction = ledger.correct(args.target, start, end, "add", fields, args.note, by)
        else:
            claim = ledger.claim(args.target)
            cid, action = args.target, "not_a_claim" if args.not_a_claim else "change"
            correction = ledger.correct(claim.doc, claim.start, claim.end, action, fields, args.note, by, original=claim)
    except (BadCorrection, NoSuchClaim) as e:
        raise UserError(f"{args.db}: {e}") from None
    if action == "not_a_claim":
        said = "not a claim"
    else:
        said = ", ".join(f"{f}: {getattr(claim, f, None) if claim else '-'} -> {v}" for f, v in fields.items())
    _stderr(f"correction {correction}: {cid}: {said} (by {by})")
    return EXIT_OK


def cmd_corrections(args) -> int:
    ledger = _ledger(args, create=False)
    found = ledger.corrections()
    if not found:
        _stderr("no corrections")
        return EXIT_OK
    table = []
    for k, state in found:
        where = f"{k.doc} {k.start}:{k.end} «{k.figure}»"
        when = k.at[:16].replace("T", " ")
        if state == "undone":
            state = f"undone {k.undone_at[:16].replace('T', ' ')} by {k.undone_by}"
        table.append((k.id, where, k.changes(), k.by, when, k.note or "", state))
    print_table(("id", "claim", "changed", "by", "when", "note", "state"), table)
    return EXIT_OK


def cmd_export(args) -> int:
    """Claims (or series) to CSV, JSONL or Parquet."""
    from .exports import FORMATS, flat

    out = _output(args.output)
    if args.what == "claimreview":
        return _export_claimreview(args, out)
    if args.per:
        raise UserError("--per goes with `export claimreview` only")
    said = FORMATS.get(out.suffix.lower())
    if args.format and said and args.format != said:  # one of them is a slip: writing either could mislead
        raise UserError(f"{out}: the name says {said} and --format says {args.format} (make them agree)")
    fmt = args.format or said
    if fmt is None:
        raise UserError(f"{out}: say --format csv, jsonl or parquet")
    if fmt not in FORMATS.values():
        raise UserError(f"{out}: {args.what} are written as csv, jsonl or parquet ({fmt} is for claimreview)")
    ledger = _ledger(args, create=False)
    if args.what == "claims":
        rows = [flat(r) for r in ledger.claim_records()]
    else:
        from .views.commands import series_export_rows

        rows = series_export_rows(_reconciled(args))
    if fmt == "parquet":
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            raise UserError("Parquet needs pyarrow: pip install 'claimscope[parquet]'") from None
        try:
            pq.write_table(pa.Table.from_pylist(rows), out)
        except OSError as e:
            raise UserError(f"{out}: cannot write it ({e})") from None
    else:
        import contextlib
        import io

        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            _emit(rows, fmt, "")
        _write_text(out, buf.getvalue())
    _stderr(f"{len(rows)} rows -> {out}")
    return EXIT_OK


REVIEW_FORMATS = {".jsonld": "jsonld", ".json": "jsonld", ".md": "md"}


def _export_claimreview(args, out: Path) -> int:
    """schema.org ClaimReview JSON-LD (or its Markdown card), per claim or per disagreement row."""
    import json
    from datetime import date

    from . import claimreview

    said = REVIEW_FORMATS.get(out.suffix.lower())
    if args.format and args.format not in ("jsonld", "md"):
        raise UserError(f"{out}: ClaimReview is written as jsonld or md, not {args.format}")
    if args.format and said and args.format != said:
        raise UserError(f"{out}: the name says {said} and --format says {args.format} (make them agree)")
    if not (args.format or said):
        raise UserError(f"{out}: name a .jsonld or .md file, or say --format jsonld or md")
    fmt = args.format or said
    ledger = _ledger(args, create=False)
    records = ledger.claim_records()
    today, reviewer = date.today().isoformat(), args.reviewer
    if (args.per or "claim") == "claim":
        reviews = [claimreview.claim_review(r, reviewer, today) for r in records]
    else:
        by_id = {r["id"]: r for r in records}
        recon = _reconciled(args)
        rows = [r for r in recon.rows if not r.measure.startswith("auto:")]
        reviews = [claimreview.row_review(r.to_dict(), by_id, reviewer, today) for r in rows]
    text = claimreview.card(reviews) if fmt == "md" else \
        json.dumps(claimreview.document(reviews), ensure_ascii=False, indent=1) + "\n"
    _write_text(out, text)
    _stderr(f"{len(reviews)} reviews -> {out}")
    return EXIT_OK


def cmd_topic(args) -> int:
    from .topic import TopicError, load_topic, topic_template

    try:
        if args.topic_command == "new":
            path = Path(args.file or f"{args.name}.toml")
            if path.exists() and not args.force:
                raise UserError(f"{path}: already exists (use --force to overwrite)")
            path.write_text(topic_template(args.name, str(path)), encoding="utf-8")
            load_topic(str(path))  # the template must itself be valid
            print(f"wrote {path}: edit its measures and sources, then use --topic {path}")
        elif args.topic_command == "check":
            return _topic_check(args.file)
        elif args.topic_command == "units":
            from .topic.check import known_units

            for unit, words in sorted(known_units(args.lang if args.lang != "auto" else None).items()):
                print(f"{unit}: {', '.join(sorted(words)[:12])}{' ...' if len(words) > 12 else ''}")
        elif args.topic_command == "try":
            return _topic_try(args)
        else:
            t = load_topic(args.file)
            print(f"{t.id}: {t.label}\n{len(t.measures)} measures, {len(t.sources)} sources ({t.path})")
            for m in t.measures:
                print(f"  {m.id}: {m.label} [{', '.join(m.units)}]")
    except TopicError as e:
        raise UserError(str(e)) from None
    return EXIT_OK


def _topic_check(path: str) -> int:
    from .topic.check import check_topic

    problems = check_topic(path)
    for pr in problems:
        print(pr.format(path))
    errors = sum(pr.level == "error" for pr in problems)
    print(f"{path}: {errors} error(s), {len(problems) - errors} warning(s)" if problems else f"{path}: no problem found")
    return EXIT_USAGE if errors else EXIT_OK


def _topic_try(args) -> int:
    """The claims a topic gives on one sentence, with every field and why."""
    from datetime import date

    from .extract.pipeline import Extractors
    from .ingest import lay_out
    from .records import Document, PartialDate

    try:
        day = PartialDate.parse(args.date) if args.date else PartialDate(date.today(), "day")
    except ValueError as e:
        raise UserError(f"--date: {e}") from None
    doc = lay_out(Document(name="sentence", text=args.sentence, origin="<topic try>", date=day),
                  None if args.lang == "auto" else args.lang)
    claims = Extractors(topic=args.file).extract(doc)
    if not claims:
        print(f"no claim ({doc.lang}): no figure the GUIDE counts was found")
    for c in claims:
        period = f"{c.time_start or '…'} – {c.time_end or '…'}"
        print(f"{c.text!r}: value {c.value:g}{f'–{c.value_high:g}' if c.value_high is not None else ''} "
              f"({c.qualifier}), unit {c.unit}, measure {c.measure}, kind {c.kind}{f' per {c.per}' if c.per else ''}, "
              f"source {c.source}{f' via {chr(44).join(c.via)}' if c.via else ''}, {c.status}"
              f"{', hedged' if c.hedged else ''}, period {period}")
        for w in c.why:
            print(f"    {w}")
    return EXIT_OK


def _can_listen(host: str, port: int) -> None:
    """UserError when the server could not listen there (a port in use, a host not of this
    machine): said before "serving ...", not as uvicorn's traceback after it."""
    import socket

    try:
        family, kind, _, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        with socket.socket(family, kind) as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does: a closed port's TIME_WAIT is free
            s.bind(address)
    except OSError as e:
        raise UserError(f"cannot serve on {host}:{port}: {e.strerror or e}") from None


def cmd_serve(args) -> int:
    """The local web application over the ledger (read-only)."""
    import uvicorn

    from .store import LedgerError
    from .topic import TopicError
    from .web import create_app

    try:
        app = create_app(args.db, topic=args.topic, hosts=[args.host], allow_edits=args.allow_edits)
    except (FileNotFoundError, LedgerError, TopicError) as e:
        raise UserError(str(e)) from None
    _can_listen(args.host, args.port)
    _stderr(f"serving {args.db} on http://{args.host}:{args.port}/ (Ctrl-C to stop)")
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return EXIT_OK


# -- parser -------------------------------------------------------------------------

ALLOW_PRIVATE_HELP = ("fetch URLs on loopback, private and link-local addresses too (refused by default: "
                      "a URL must not reach this machine's or this network's internal services)")


def port_number(text: str) -> int:
    """--port, checked by argparse: a port out of range would otherwise fail deep in the server."""
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 1 <= n <= 65535:
        raise argparse.ArgumentTypeError(f"{n} is not a port number (1 to 65535)")
    return n


def build_parser() -> argparse.ArgumentParser:
    from . import DEFAULT_DB, __version__
    from .reconcile.rows import VERDICTS
    from .records import KINDS

    p = argparse.ArgumentParser(prog="claimscope", description="A sourced, time-aware ledger of the figures news articles report.")
    p.add_argument("--version", action="version", version=f"claimscope {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default=DEFAULT_DB, help=f"ledger: an SQLite file or a database URL (default {DEFAULT_DB})")
    common.add_argument("--topic", default=None, help="topic file (TOML); default: the built-in topic")
    common.add_argument("--lang", default="auto",
                        help="language of the inputs: auto (default: each document's own, given or detected), fr or en")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    s = sub.add_parser("demo", parents=[common], help="ingest the bundled sample articles, print a summary, write a report")
    s.add_argument("-o", "--output", default="claimscope-report.html", help="the report to write (default claimscope-report.html)")
    s.set_defaults(func=cmd_demo)

    s = sub.add_parser("ingest", parents=[common], help="read, extract and store articles (files, folders, .jsonl, -)")
    s.add_argument("inputs", nargs="+", help="files, folders, URLs, .jsonl files of articles, or - for standard input")
    s.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    s.add_argument("--processes", type=int, default=1, help="extract in N processes on this machine (default 1)")
    s.add_argument("--allow-private", action="store_true", help=ALLOW_PRIVATE_HELP)
    s.set_defaults(func=cmd_ingest)

    s = sub.add_parser("reextract", parents=[common],
                       help="extract stored documents again from their stored text (with --topic, another topic)")
    s.add_argument("--doc", nargs="+", action="extend", metavar="NAME", help="only these documents (default: all)")
    s.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    s.add_argument("--processes", type=int, default=1, help="extract in N processes on this machine (default 1)")
    s.set_defaults(func=cmd_reextract)

    s = sub.add_parser("extract", parents=[common], help="print the claims of articles without storing them")
    s.add_argument("inputs", nargs="+", help="files, folders, URLs, .jsonl files of articles, or - for standard input")
    s.add_argument("--format", choices=("jsonl", "csv", "table"), default="jsonl", help="JSONL (default), CSV, or a table to read")
    s.add_argument("--allow-private", action="store_true", help=ALLOW_PRIVATE_HELP)
    s.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local (default): this process; dask: one task per input file on a Dask cluster")
    s.add_argument("--scheduler", metavar="ADDRESS",
                   help="with --engine dask: the scheduler to use (tcp://host:8786); default: a local cluster")
    s.add_argument("--workers", type=int, metavar="N",
                   help="with --engine dask: local cluster size (default: the CPU count), or workers to wait for")
    s.add_argument("--parquet", metavar="OUT_DIR",
                   help="with --engine dask: write the claims of each input file to OUT_DIR/<name>.parquet; "
                        "with --db PATH they are stored in that ledger too; with neither they are printed")
    s.set_defaults(func=cmd_extract)

    s = sub.add_parser("claims", parents=[common], help="list stored claims")
    s.add_argument("--measure", help="only the claims of this measure (a key of the topic, as `series` lists them)")
    s.add_argument("--source", help="only the claims of this source (any case)")
    s.add_argument("--doc", help="only the claims of this document (its name, as `documents` lists them)")
    s.add_argument("--status", choices=("actual", "planned"), help="only actual (done) or planned figures")
    s.add_argument("--hedged", choices=("yes", "no"), help="only the figures the article hedges, or those it does not")
    s.add_argument("--kind", choices=KINDS, help="only this kind of figure")
    s.add_argument("--period", metavar="YYYY-MM|undated",
                   help="only the claims whose period ends in this month (as the app's period facet), or undated")
    s.add_argument("--format", choices=("table", "csv", "jsonl"), default="table",
                   help="a table to read, or CSV / JSONL with ids, sentences and documents (default table)")
    s.set_defaults(func=cmd_claims)

    s = sub.add_parser("documents", parents=[common], help="list stored documents")
    s.set_defaults(func=cmd_documents)

    s = sub.add_parser("rejected", parents=[common], help="list inputs that were rejected, with why")
    s.set_defaults(func=cmd_rejected)

    s = sub.add_parser("evaluate", help="score predicted claims against gold claims (as the GUIDE's score.py)")
    s.add_argument("pred", help="predicted claims, JSONL (as `extract` writes them)")
    s.add_argument("gold", help="annotated claims, JSONL (eval/GUIDE.md)")
    s.add_argument("--show", action="store_true", help="list misses, spurious claims and wrong fields")
    s.add_argument("--json", action="store_true", help="the scores as JSON")
    s.set_defaults(func=cmd_evaluate)

    s = sub.add_parser("report", parents=[common], help="write the self-contained HTML report of the ledger")
    s.add_argument("-o", "--output", default="claimscope-report.html", help="the report to write (default claimscope-report.html)")
    s.set_defaults(func=cmd_report)

    s = sub.add_parser("series", parents=[common], help="the claims of each measure in time order, by origin")
    s.add_argument("measure", nargs="?", help="only this measure's series")
    s.add_argument("--all", action="store_true", help="include the automatic series of figures no measure selects")
    s.add_argument("--format", choices=("table", "csv", "jsonl"), default="table", help="a table to read (default), CSV or JSONL")
    s.set_defaults(func=cmd_series)

    s = sub.add_parser("conflicts", parents=[common],
                       help="per measure and period, who says what: disagree, revised, agree, one origin only")
    s.add_argument("measure", nargs="?", help="only this measure's rows")
    s.add_argument("--verdict", action="append", choices=VERDICTS, help="only rows with this verdict (repeatable)")
    s.add_argument("--all", action="store_true", help="include the automatic series of figures no measure selects")
    s.add_argument("--format", choices=("table", "jsonl"), default="table", help="a table to read (default), or JSONL, a row a line, for scripts")
    s.set_defaults(func=cmd_conflicts)

    s = sub.add_parser("sources", parents=[common], help="who says what: origins, their measures, relays and citing outlets")
    s.add_argument("--format", choices=("table", "csv", "jsonl"), default="table", help="a table to read (default), CSV or JSONL")
    s.set_defaults(func=cmd_sources)

    s = sub.add_parser("export", parents=[common], help="write claims or series to CSV, JSONL or Parquet; ClaimReview JSON-LD or Markdown")
    s.add_argument("what", choices=("claims", "series", "claimreview"),
                   help="claims; series; claimreview: schema.org ClaimReview JSON-LD (or its Markdown card)")
    s.add_argument("-o", "--output", required=True, help="the file to write (its extension says the format)")
    s.add_argument("--format", choices=("csv", "jsonl", "parquet", "jsonld", "md"),
                   help="csv, jsonl, parquet; for claimreview jsonld (default) or md (default: from the file name)")
    s.add_argument("--per", choices=("claim", "disagreement"),
                   help="claimreview: one review per claim (default) or per measure and period (as `conflicts`)")
    s.add_argument("--reviewer", default="claimscope", help="claimreview: the reviewing organisation's name")
    s.set_defaults(func=cmd_export)

    s = sub.add_parser("correct", parents=[common],
                       help="correct a claim (DOC#N), say it is none, add one the tool missed, or undo a correction")
    s.add_argument("target", nargs="?", metavar="DOC#N | DOC",
                   help="the claim to correct (as `claimscope claims` names it), or with --add the document")
    s.add_argument("--not-a-claim", action="store_true", help="the figure is no claim: remove it from every view")
    s.add_argument("--add", metavar="START:END", help="add a claim the tool missed: the figure's character span in DOC")
    s.add_argument("--value", help="the figure's value (a number)")
    s.add_argument("--value-high", help="the upper bound of a range (a number; '' clears it)")
    s.add_argument("--unit", help="the unit ('' clears it)")
    s.add_argument("--measure", help="the measure (a topic's measure key)")
    s.add_argument("--source", help="who gives the figure, e.g. 'South Korea NIS'")
    s.add_argument("--period-start", metavar="DATE", help="the period's first day: 2025, 2025-06 or 2025-06-30")
    s.add_argument("--period-end", metavar="DATE", help="the period's last day: 2025, 2025-06 or 2025-06-30")
    s.add_argument("--kind", help="total, increment, rate, change, ratio or denied")
    s.add_argument("--per", help="a rate's unit of time: day, week, month or year")
    s.add_argument("--status", help="actual or planned ('' clears it)")
    s.add_argument("--hedged", metavar="yes|no", help="whether the article hedges the figure")
    s.add_argument("--note", help="why: kept with the correction and shown with the claim")
    s.add_argument("--by", help="who corrects (default: the OS user)")
    s.add_argument("--undo", type=int, metavar="ID", help="undo correction ID (it stays listed, marked undone)")
    s.set_defaults(func=cmd_correct)

    s = sub.add_parser("corrections", parents=[common],
                       help="list corrections: id, claim, what changed, by, when, note, applied/orphaned/undone")
    s.set_defaults(func=cmd_corrections)

    s = sub.add_parser("serve", parents=[common], help="browse the ledger in a local web application (read-only)")
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    s.add_argument("--port", type=port_number, default=8000, help="the port to serve on (default 8000)")
    s.add_argument("--allow-edits", action="store_true",
                   help="let the claim's panel correct claims (POST, same origin, with a CSRF token); default: read-only")
    s.set_defaults(func=cmd_serve)

    s = sub.add_parser("topic", help="topic files: write a template, show, check or try one, list the units")
    tsub = s.add_subparsers(dest="topic_command", required=True,
                            help="new: a template; show; check: every problem; units; try: a sentence's claims")
    t = tsub.add_parser("new", help="write a commented topic template")
    t.add_argument("name", help="the topic's name (its id)")
    t.add_argument("--file", help="where to write it (default <name>.toml)")
    t.add_argument("--force", action="store_true", help="write over an existing file")
    t = tsub.add_parser("show", help="show a topic's measures (default: the built-in topic)")
    t.add_argument("file", nargs="?", help="the topic file (default: the built-in topic)")
    t = tsub.add_parser("check", help="every problem of a topic file at once, with line numbers")
    t.add_argument("file", help="the topic file")
    t = tsub.add_parser("units", help="the unit names the language files give (what `units` may hold)")
    t.add_argument("--lang", default="auto", help="one language's (fr, en); default: all")
    t = tsub.add_parser("try", help="the claims a topic gives on a sentence, and why")
    t.add_argument("file", help="the topic file")
    t.add_argument("sentence", help="the sentence to read")
    t.add_argument("--lang", default="auto", help="fr or en (default: detected)")
    t.add_argument("--date", help="the statement's date, ISO (default: today)")
    s.set_defaults(func=cmd_topic)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except UserError as e:
        _stderr(f"claimscope: {shown(str(e))}")
        return EXIT_USAGE
    except Exception as e:  # the ledger's storage problems (store/errors.py): one line too
        from .store.errors import LedgerError

        if not isinstance(e, LedgerError):
            raise
        _stderr(f"claimscope: {shown(str(e))}")
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        _stderr("claimscope: interrupted")
        return 130


if __name__ == "__main__":
    sys.exit(main())
