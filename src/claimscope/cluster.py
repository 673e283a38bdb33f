"""Extraction on a Dask cluster: one task per input shard.

    client --submit--> worker: read the shard, lay out, extract (the pipeline loaded once per
                               worker process), write <shard>.parquet atomically
           <-result--- (documents and) claims, rejected records, counts
    client: prints or stores them in the ledger, in input order

A shard is one input file: JSONL (as `claimscope ingest` reads it), Parquet (columns `id`,
`text`, optional `url`, `title`, `date`, `lang`, `publisher`) or a text/HTML file. Workers
read the shards and write the Parquet output themselves, so both must be at the same path
on every worker (a shared filesystem); the ledger is written by the client only.

A task can run twice (a worker dies mid-task and Dask runs it again elsewhere, or it fails
and is retried): its Parquet file is written under a temporary name and renamed into place,
so a rerun replaces it whole, and the ledger stores by name and content hash, so a document
is never stored twice.
"""
from __future__ import annotations

import hashlib
import json
import os
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from .batch import BatchReport
from .records import Claim, Document, Rejection, claim_fields

PARQUET_SUFFIXES = {".parquet", ".pq"}
TASK_RETRIES = 2  # a task that raises is run again this often; a worker that dies is handled by Dask itself
TMP_SUFFIX = ".tmp"


class ClusterError(Exception):
    """A problem the user can fix (bad inputs, an unreachable scheduler), said in one line."""


# -- shards -------------------------------------------------------------------------


def shards(inputs: list[str], out_dir: str | None = None) -> list[Path]:
    """Input files, folders expanded (sorted, dotfiles skipped), each once, absolute paths.

    Files under `out_dir` are left out, so that a rerun does not read its own output."""
    from .ingest.readers import iter_paths

    out = Path(out_dir).resolve() if out_dir else None
    found: list[Path] = []
    seen: set[Path] = set()
    for p in iter_paths(inputs):
        if isinstance(p, str):
            raise ClusterError(f"{p}: standard input and URLs cannot be sharded over a cluster: name files or folders")
        path = Path(p).resolve()
        if out is not None and out in path.parents:
            continue
        if path not in seen:
            seen.add(path)
            found.append(path)
    return found


def output_names(paths: list[Path]) -> dict[Path, str]:
    """One Parquet file name per shard: its stem, or stem-<hash of its path> where stems clash."""
    by_stem: dict[str, list[Path]] = {}
    for p in paths:
        by_stem.setdefault(p.stem, []).append(p)
    names = {}
    for stem, ps in by_stem.items():
        for p in ps:
            tag = "" if len(ps) == 1 else "-" + hashlib.sha1(str(p).encode("utf-8")).hexdigest()[:8]
            names[p] = f"{stem}{tag}.parquet"
    return names


def read_parquet_records(path: Path) -> Iterator[Document | Rejection]:
    """Documents from a Parquet shard, one a row, checked as JSONL records are."""
    from .ingest.formats import jsonl_record

    origin = str(path)
    try:
        import pyarrow.parquet as pq

        f = pq.ParquetFile(path)
    except ImportError:
        yield Rejection(origin, "Parquet needs pyarrow on every worker: pip install 'claimscope[cluster]'")
        return
    except Exception as e:  # pyarrow raises several kinds on a broken file
        yield Rejection(origin, f"not a readable Parquet file: {e}")
        return
    columns = set(f.schema_arrow.names)
    missing = [c for c in ("id", "text") if c not in columns]
    if missing:
        yield Rejection(origin, f"missing required column(s): {', '.join(missing)}")
        return
    wanted = [c for c in ("id", "text", "url", "title", "date", "lang", "publisher") if c in columns]
    seen: dict[str, str] = {}  # id -> where it was read
    n = 0
    for batch in f.iter_batches(batch_size=256, columns=wanted):
        for row in batch.to_pylist():
            n += 1
            try:
                line = json.dumps(row, default=_json_value)
            except TypeError as e:
                yield Rejection(origin, str(e), n)
                continue
            item = jsonl_record(line, origin, n, seen)
            if isinstance(item, Document):
                seen[item.name] = f"{origin}:{n}"
            yield item


def _json_value(v):
    if isinstance(v, (date, datetime)):
        return v.isoformat()
    raise TypeError(f"a value of type {type(v).__name__} is not supported in a Parquet shard")


def read_shard(path: Path, lang: str | None = None) -> Iterator:
    """A shard's documents (laid out into articles, as the local path does, in `lang` when the
    command forces one), rejections and notices (ingest.parts.Notice), in order."""
    from .ingest import lay_out, read

    if path.suffix.lower() not in PARQUET_SUFFIXES:
        yield from read([str(path)], lang)
        return
    for item in read_parquet_records(path):
        if not isinstance(item, Document):
            yield item
            continue
        try:
            yield lay_out(item, lang)
        except Exception as e:  # as the local path: one strange text does not stop the shard
            yield Rejection(item.origin, f"layout failed: {type(e).__name__}: {e}"[:500])


# -- claims as Parquet ------------------------------------------------------------------


def claim_schema():
    """The Arrow schema of a claims file: one column a Claim field, in the same order (but the
    correction mark, which only a ledger's reading sets)."""
    import pyarrow as pa

    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
    return pa.schema([(f.name, pa.list_(pa.string()) if f.listed else types[f.base]) for f in claim_fields()])


def write_claims_parquet(claims: list[Claim], path: Path) -> None:
    """Write atomically: a hidden temporary file in the same folder, then a rename over `path`.

    A reader (or `pyarrow.parquet.read_table(folder)`, which skips hidden files) sees the
    old file or the whole new one, never a part; a task run twice leaves one file."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist([c.to_dict() for c in claims], schema=claim_schema())
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}{TMP_SUFFIX}")
    try:
        pq.write_table(table, tmp)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def read_claims_parquet(path: str | Path) -> list[Claim]:
    """Claims from one file or a folder of them (hidden temporary files are skipped)."""
    import pyarrow.parquet as pq

    return [Claim.from_dict(r) for r in pq.read_table(str(path), schema=claim_schema()).to_pylist()]


# -- the task, on a worker ---------------------------------------------------------------

_EXTRACTORS: dict[tuple[str, str | None], tuple[object, threading.Lock]] = {}
_EXTRACTORS_LOCK = threading.Lock()


def worker_extractor(lang: str, topic: str | None):
    """The worker process's Extractor for (lang, topic), loaded on first use and kept, with
    a lock: a spaCy pipeline is used by one thread at a time."""
    key = (lang, topic)
    with _EXTRACTORS_LOCK:
        if key not in _EXTRACTORS:
            from .extract.pipeline import Extractors

            _EXTRACTORS[key] = (Extractors(topic=topic, forced=None if lang in (None, "auto") else lang), threading.Lock())
        return _EXTRACTORS[key]


@dataclass
class ShardResult:
    shard: str
    documents: int = 0
    claims: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    notes: list = field(default_factory=list)  # ingest.parts.Notice: a long text split, ...
    names: list[tuple[str, str]] = field(default_factory=list)  # (name, origin) of every document read
    extracted: list[tuple[Document, list[Claim]]] = field(default_factory=list)  # when collected
    output: str | None = None  # the Parquet file written
    worker: str | None = None


def process_shard(shard: str, lang: str = "auto", topic: str | None = None, out_path: str | None = None,
                  collect: bool = True) -> ShardResult:
    """Read, lay out and extract one shard; write its claims to `out_path` (Parquet) if given;
    return the counts and rejections, and the documents with their claims if `collect`."""
    extractor, lock = worker_extractor(lang, topic)
    result = ShardResult(shard=shard, worker=_worker_name())
    documents = []
    for item in read_shard(Path(shard), None if lang in (None, "auto") else lang):
        if isinstance(item, Document):
            documents.append(item)
        elif isinstance(item, Rejection):
            result.rejected.append(item)
        else:
            result.notes.append(item)
    claims: list[Claim] = []
    with lock:
        for document in documents:
            try:
                [(document, found)] = list(extractor.extract_many([document]))
            except Exception as e:  # as the local path: a failure on one document is its rejection
                result.rejected.append(Rejection(document.origin, f"extraction failed: {type(e).__name__}: {e}"[:500]))
                continue
            result.documents += 1
            result.claims += len(found)
            result.names.append((document.name, document.origin))
            claims.extend(found)
            if collect:
                result.extracted.append((document, found))
    if out_path:
        write_claims_parquet(claims, Path(out_path))
        result.output = out_path
    return result


def _worker_name() -> str | None:
    try:
        from distributed import get_worker

        return get_worker().address
    except (ImportError, ValueError):
        return None


# -- the client ------------------------------------------------------------------------


@contextmanager
def connect(scheduler: str | None = None, workers: int | None = None, timeout: float = 30,
            workers_timeout: float = 600) -> Iterator[object]:
    """A Dask client: to the scheduler at `scheduler` (given up after `timeout` seconds),
    waiting up to `workers_timeout` for `workers` workers if given; or to a local cluster of
    `workers` processes (default: the CPU count), one thread each."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ClusterError("--engine dask needs Dask: pip install 'claimscope[cluster]'") from None
    if scheduler:
        try:
            client = Client(scheduler, timeout=timeout)
        except OSError as e:
            raise ClusterError(f"cannot reach the Dask scheduler at {scheduler}: {e}") from None
        try:
            if workers:
                try:
                    client.wait_for_workers(workers, timeout=workers_timeout)
                except TimeoutError:
                    raise ClusterError(f"fewer than {workers} workers joined {scheduler} "
                                       f"in {workers_timeout:.0f} s") from None
            yield client
        finally:
            client.close()
        return
    n = workers or os.cpu_count() or 1
    with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        with Client(cluster) as client:
            yield client


def run(client, inputs: list[str], lang: str = "auto", topic: str | None = None, out_dir: str | None = None,
        collect: bool = True, retries: int = TASK_RETRIES) -> Iterator[tuple[str, ShardResult | BaseException]]:
    """Map `process_shard` over the shards of `inputs`: (shard, result) in input order.

    Raises ClusterError for a bad output folder. A shard whose task failed for good comes
    with the exception as its result (distributed.KilledWorker, or what the task raised
    after its retries), so one broken shard does not stop the rest."""
    paths = shards(inputs, out_dir)
    names = output_names(paths)
    out = None
    if out_dir:
        out = Path(out_dir).resolve()
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise ClusterError(f"{out_dir}: cannot create the output folder: {e.strerror or e}") from None
        clash = [p for p in paths if out / names[p] == p]
        if clash:
            raise ClusterError(f"{clash[0]}: the output would overwrite this input; choose another --parquet folder")
    from dask.base import tokenize

    futures = []
    for i, p in enumerate(paths):
        target = str(out / names[p]) if out else None
        key = f"claimscope-shard-{i}-{tokenize(str(p), lang, topic, target, collect)}"
        futures.append(client.submit(process_shard, str(p), lang, topic, target, collect,
                                     key=key, retries=retries, pure=False))
    try:
        for p, f in zip(paths, futures, strict=False):
            try:
                result = f.result()
            except Exception as e:  # KilledWorker, or the task's own error after its retries
                result = e
            f.release()
            yield str(p), result
    finally:
        for f in futures:
            f.cancel()
        if out is not None:
            _remove_stale_temporaries(out, names.values())


def _remove_stale_temporaries(out: Path, names) -> None:
    """Temporary files a killed task left behind (its rerun wrote the real file)."""
    for name in names:
        for tmp in out.glob(f".{name}.*{TMP_SUFFIX}"):
            try:
                tmp.unlink()
            except OSError:
                pass


# -- the command -------------------------------------------------------------------------


@dataclass
class ClusterReport(BatchReport):
    """A batch's counts, plus the shards, the workers and the shards that failed for good."""

    shards: int = 0
    documents: int = 0
    failed: list[tuple[str, BaseException]] = field(default_factory=list)
    workers: int = 0


def extract_on_cluster(inputs: list[str], lang: str = "auto", topic: str | None = None, out_dir: str | None = None,
                       ledger=None, scheduler: str | None = None, workers: int | None = None,
                       on_claims: Callable[[Document, list[Claim]], None] | None = None,
                       on_reject: Callable[[Rejection], None] | None = None,
                       on_note: Callable[[object], None] | None = None,
                       on_failure: Callable[[str, BaseException], None] | None = None,
                       client=None) -> ClusterReport:
    """`claimscope extract --engine dask`: Parquet files in `out_dir`, and/or the ledger
    (stored from here, by name and content hash), and/or `on_claims` for each document.

    Names must be unique across the batch, as on the local path: a document whose name an
    earlier shard already gave is rejected here (not stored, not passed to `on_claims`);
    its shard's Parquet file, written on the worker, still holds its claims."""
    from .batch import RunRecorder, extraction_of
    from .extract.pipeline import PIPELINE_VERSION
    from .ingest.parts import claim_name
    from .store.errors import NotStored
    from .topic import load_topic

    loaded = load_topic(topic)  # a bad topic file is said here, before any worker loads it
    topic_id = loaded.id
    extraction = extraction_of(loaded, None if lang in (None, "auto") else lang)
    shards(inputs, out_dir)  # and bad inputs, before a cluster starts
    report = ClusterReport()
    recorder = RunRecorder(report, ledger, None, on_reject)
    collect = ledger is not None or on_claims is not None

    seen: dict[str, str] = {}  # name -> where it was read

    def go(c) -> None:
        if ledger is not None:  # once connected: a scheduler out of reach leaves no run behind
            recorder.run_id = ledger.start_run("extract --engine dask", topic_id, PIPELINE_VERSION)
        report.workers = len(c.scheduler_info(n_workers=-1)["workers"])
        for shard, result in run(c, inputs, lang, topic, out_dir, collect=collect):
            report.shards += 1
            if isinstance(result, BaseException):
                report.failed.append((shard, result))
                if on_failure:
                    on_failure(shard, result)
                continue
            for n in result.notes:
                if on_note:
                    on_note(n)
            duplicates = set()
            for name, origin in result.names:
                duplicate = claim_name(seen, name, origin)
                if duplicate is not None:
                    duplicates.add(name)
                    result.rejected.append(duplicate)
            for r in result.rejected:
                recorder.reject(r)
            report.documents += result.documents
            report.claims += result.claims
            for document, claims in result.extracted:
                if document.name in duplicates:
                    continue
                if on_claims:
                    on_claims(document, claims)
                if ledger is not None:
                    try:
                        outcome = ledger.store(document, claims, recorder.run_id, extraction(document))
                    except NotStored as e:  # this document only: recorded, and the batch goes on
                        recorder.reject(Rejection(document.origin, str(e)))
                        continue
                    outcome = "replaced" if outcome == "reextracted" else outcome  # counted with the replaced here
                    setattr(report, outcome, getattr(report, outcome) + 1)

    if client is not None:
        go(client)
    else:
        with connect(scheduler, workers) as c:
            go(c)
    recorder.finish()
    return report

