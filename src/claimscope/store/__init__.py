"""The ledger: documents, claims, runs and rejected inputs in SQLite (default) or any
database SQLAlchemy speaks, under Alembic migrations.

Each document is stored with its claims in one transaction: an interrupted batch leaves
whole documents only, and a rerun skips those already stored (same name, same content,
claims made by the same pipeline version, topic file and language: see records.Extraction).
"""
from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import asdict
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path

from sqlalchemy import create_engine, event, func, insert, inspect, select, update
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, OperationalError

from .. import DEFAULT_DB
from ..records import Article, Claim, Document, Extraction, PartialDate, Rejection, claim_ids
from . import schema
from .corrections import BadCorrection, Correction, apply, context
from .errors import LedgerError, NoSuchClaim, NotStored, cause
from .fit import fitted

__all__ = ["BadCorrection", "Ledger", "LedgerError", "NoSuchClaim", "NotStored", "database_url", "numbered"]


def database_url(db: str) -> str:
    """A path becomes an SQLite URL; a URL is kept, postgresql:// naming psycopg 3 as its driver
    (SQLAlchemy would otherwise look for psycopg2, which claimscope does not install)."""
    if "://" in db:
        scheme, rest = db.split("://", 1)
        if scheme in ("postgresql", "postgres"):
            return f"postgresql+psycopg://{rest}"
        return db
    return f"sqlite:///{Path(db).expanduser().resolve()}"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # the driver's own transaction handling would begin only at the first write, after a read
    # in the same transaction; _sqlite_begin begins every transaction itself
    dbapi_connection.isolation_level = None
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA busy_timeout=30000")  # a second writer waits instead of failing (first: WAL needs a lock)
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _read_only_sqlite(path: str):
    """A connection maker that cannot write: mode=ro, or immutable=1 where the folder is
    read-only and a WAL file cannot get its shared-memory file (then no writer can be there either)."""
    from urllib.parse import quote

    uri = f"file:{quote(path)}?mode=ro"

    def connect():
        con = sqlite3.connect(uri, uri=True, check_same_thread=False)
        try:
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError as e:
            con.close()
            if "readonly" not in str(e) and "unable to open" not in str(e):
                raise
            con = sqlite3.connect(uri + "&immutable=1", uri=True, check_same_thread=False)
        return con
    return connect


def _sqlite_begin(conn) -> None:
    """Writes take the write lock at BEGIN: a transaction that read first and then writes
    could otherwise fail at once with 'database is locked' when another process wrote in
    between (no busy wait can help a stale snapshot), and check-then-insert is atomic."""
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("sqlite_write") else "BEGIN")


RETRIES = 8  # on 'database is locked' beyond busy_timeout: back off and try the transaction again


def _locked(e: Exception) -> bool:
    text = str(getattr(e, "orig", e))
    return "locked" in text or "busy" in text


def _retrying(fn):
    """Run a write transaction again when SQLite stays locked past busy_timeout."""
    def run(*args, **kwargs):
        for attempt in range(RETRIES):
            try:
                return fn(*args, **kwargs)
            except (OperationalError, sqlite3.OperationalError) as e:
                if not _locked(e) or attempt == RETRIES - 1:
                    raise
                time.sleep(0.05 * 2 ** attempt)
    run.__name__, run.__doc__ = fn.__name__, fn.__doc__
    return run


def _scripts():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files(__package__).joinpath("migrations")))
    return cfg, ScriptDirectory.from_config(cfg)


def _guarded(after: str):
    """A write whose database error stops the command as one line (LedgerError): the ledger's
    name, the cause, and `after`, what that means for the data."""
    def wrap(fn):
        def run(self, *args, **kwargs):
            try:
                return fn(self, *args, **kwargs)
            except DBAPIError as e:  # a document's own refusals are NotStored by then (store)
                raise LedgerError(f"{self.name}: {cause(e, self.path)}{after}") from None
        run.__name__, run.__doc__ = fn.__name__, fn.__doc__
        return run
    return wrap


@_retrying
def _wal(engine: Engine) -> None:
    """WAL, so that readers go on while a writer writes. Set outside any transaction, as SQLite
    requires; the switch needs the file to itself, and SQLite answers 'locked' at once, without
    the busy wait, while another process is migrating a new ledger: hence the retries."""
    raw = engine.raw_connection()
    try:
        raw.cursor().execute("PRAGMA journal_mode=WAL")
    finally:
        raw.close()


@_retrying
def migrate(engine: Engine) -> None:
    from alembic import command

    cfg, _ = _scripts()
    # one process migrates at a time: a second one waits, then finds the schema at head
    with engine.execution_options(sqlite_write=True).begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


SQLITE_HEADER = b"SQLite format 3\x00"


def _check_sqlite_path(db: str, path: Path) -> bool:
    """Refuse what SQLite would fail on with a traceback (a folder, another kind of file, no
    folder to create the file in); True when the file holds a database already."""
    if path.is_dir():
        raise LedgerError(f"{db}: not a claimscope ledger (a folder)")
    if not path.exists():
        if not path.parent.is_dir():
            raise LedgerError(f"{db}: cannot create a ledger there (no folder {path.parent})")
        return False
    try:
        with open(path, "rb") as f:
            head = f.read(len(SQLITE_HEADER))
    except OSError as e:
        raise LedgerError(f"{db}: cannot read it ({e.strerror})") from None
    if head and head != SQLITE_HEADER:  # an empty file is an empty SQLite database
        raise LedgerError(f"{db}: not an SQLite database (another kind of file, or damaged)")
    return bool(head)


def _pg_read_only(dbapi_connection, _record) -> None:
    dbapi_connection.read_only = True  # psycopg: every transaction of this ledger is READ ONLY


class Ledger:
    """`create=False`: read only (the read commands), the ledger never created nor migrated."""

    def __init__(self, db: str = DEFAULT_DB, create: bool = True):
        self.url = database_url(db)
        self.path = self.url[10:] if self.url.startswith("sqlite:///") else None
        # messages name the ledger as the user did, a URL without its password
        self.name = db if self.path else make_url(db).render_as_string(hide_password=True)
        if self.path and not create and not Path(self.path).exists():
            raise FileNotFoundError(f"{db}: no ledger here (run `claimscope ingest` first)")
        if self.path and self.path != ":memory:":
            _check_sqlite_path(db, Path(self.path))  # a folder, no folder to create it in, another kind of file
        if self.path and not create:
            # the file's URL still, so that SQLAlchemy pools as for a file (one connection a thread at a time)
            self.engine = create_engine(self.url, creator=_read_only_sqlite(self.path))
        else:
            self.engine = create_engine(self.url)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
            event.listen(self.engine, "begin", _sqlite_begin)
        elif not create and self.engine.dialect.name == "postgresql":
            event.listen(self.engine, "connect", _pg_read_only)
        self._writer = self.engine.execution_options(sqlite_write=True)
        try:
            self._open(create)
        except (DBAPIError, sqlite3.Error) as e:
            self.engine.dispose()
            raise LedgerError(f"{self.name}: {cause(e, self.path)}") from None
        except LedgerError:
            self.engine.dispose()
            raise

    def _open(self, create: bool) -> None:
        """Check what the database holds before anything is written to it: a newer schema, or
        another program's tables, is refused; an older schema is migrated by a write command only."""
        _, scripts = _scripts()
        head = scripts.get_current_head()
        with self.engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            version = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() \
                if "alembic_version" in tables else None
        if version is not None and version not in {s.revision for s in scripts.walk_revisions()}:
            raise LedgerError(f"{self.name}: written by a newer claimscope (schema {version}; this one knows up to {head})")
        if version is None and tables and (self.path or not create):
            # someone else's database: no table of ours goes into it
            raise LedgerError(f"{self.name}: not a claimscope ledger (it holds other tables: "
                              f"{', '.join(sorted(tables)[:5])}{', …' if len(tables) > 5 else ''})")
        if not create:
            if version is None:
                raise LedgerError(f"{self.name}: no ledger here (run `claimscope ingest` first)")
            if version != head:
                raise LedgerError(f"{self.name}: schema {version} is older than this claimscope's ({head}): "
                                  "a write command (ingest, demo) upgrades it")
            return
        if self.path:
            _wal(self.engine)
        migrate(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    # -- runs ----------------------------------------------------------------------

    @_guarded(": nothing was stored")
    @_retrying
    def start_run(self, command: str, topic: str, pipeline_version: str) -> int:
        from .. import __version__

        with self._writer.begin() as conn:
            result = conn.execute(insert(schema.runs).values(**fitted(schema.runs, dict(
                started_at=_now(), command=command, tool_version=__version__, pipeline_version=pipeline_version,
                topic=topic, documents_added=0, documents_unchanged=0, claims_added=0, rejected=0))))
            return result.inserted_primary_key[0]  # type: ignore[index]  # an insert has its key

    @_guarded(": the documents are stored, the run's counts are not")
    @_retrying
    def finish_run(self, run_id: int, added: int, unchanged: int, claims: int, rejected: int) -> None:
        with self._writer.begin() as conn:
            conn.execute(update(schema.runs).where(schema.runs.c.id == run_id).values(
                finished_at=_now(), documents_added=added, documents_unchanged=unchanged,
                claims_added=claims, rejected=rejected))

    # -- documents -------------------------------------------------------------------

    def unchanged(self, document: Document) -> bool:
        """Already stored with the same content: nothing to do."""
        with self.engine.connect() as conn:
            row = conn.execute(select(schema.documents.c.content_hash).where(
                schema.documents.c.name == _as_stored(schema.documents, "name", document.name))).first()
        return row is not None and row[0] == document.content_hash

    def to_extract(self, document: Document, extraction: Extraction) -> str | None:
        """Why `document` is to be extracted: 'new', 'changed' (its text), why the same text is
        extracted again ('topic changed', see Extraction.reason); None when it is stored as
        `extraction` would make it."""
        d = schema.documents
        with self.engine.connect() as conn:
            row = conn.execute(select(d.c.content_hash, *_EXTRACTION).where(
                d.c.name == _as_stored(d, "name", document.name))).first()
        if row is None:
            return "new"
        if row.content_hash != document.content_hash:
            return "changed"
        return extraction.reason(_extraction(row))

    @_guarded(": nothing of the current document was stored (those before it are)")
    def store(self, document: Document, claims: list[Claim], run_id: int, extraction: Extraction | None = None,
              force: bool = False) -> str:
        """Store a document and its claims in one transaction: 'added', 'replaced' (its text
        changed), 'reextracted' (same text, another `extraction`, or `force`) or 'unchanged'.
        NotStored when the database refuses a value of this document (the transaction rolled back)."""
        try:
            return self._store(document, claims, run_id, extraction, force)
        except (DataError, IntegrityError, ValueError) as e:
            raise NotStored(f"not stored: {cause(e) if isinstance(e, DBAPIError) else e}") from None

    @_retrying
    def _store(self, document: Document, claims: list[Claim], run_id: int, extraction: Extraction | None,
               force: bool) -> str:
        d = schema.documents
        # values cut to their columns before anything is written: a refusal leaves nothing behind
        values = fitted(d, dict(
                name=document.name, origin=document.origin, content_hash=document.content_hash,
                title=document.title, date=document.date.iso(), date_precision=document.date.precision,
                publisher=document.publisher, url=document.url, lang=document.lang, encoding=document.encoding,
                text=document.text, layout=json.dumps(_layout(document)), run_id=run_id,
            ))
        if extraction is not None:
            values.update(pipeline_version=extraction.pipeline_version, topic_hash=extraction.topic_hash,
                          pipeline_lang=extraction.lang)
        rows = [fitted(schema.claims, _claim_row(c, i, None, run_id)) for i, c in enumerate(claims, start=1)]  # type: ignore[arg-type]
        with self._writer.begin() as conn:
            row = conn.execute(select(d.c.id, d.c.content_hash, *_EXTRACTION).where(d.c.name == values["name"])).first()
            same_text = row is not None and row.content_hash == document.content_hash
            if same_text and not force and (extraction is None or extraction.reason(_extraction(row)) is None):
                return "unchanged"
            if row is None:
                doc_id = conn.execute(insert(d).values(**values)).inserted_primary_key[0]  # type: ignore[index]
                outcome = "added"
            else:
                doc_id = row.id
                conn.execute(schema.claims.delete().where(schema.claims.c.document_id == doc_id))
                conn.execute(update(d).where(d.c.id == doc_id).values(**values))
                outcome = "reextracted" if same_text else "replaced"
            if rows:
                conn.execute(insert(schema.claims), [{**r, "document_id": doc_id} for r in rows])
            return outcome

    @_guarded(": this rejection was not recorded; the documents before it are stored")
    @_retrying
    def reject(self, rejection: Rejection, run_id: int) -> None:
        with self._writer.begin() as conn:
            conn.execute(insert(schema.rejected).values(
                origin=rejection.origin, line=rejection.line, reason=rejection.reason, run_id=run_id, at=_now()))

    # -- reading ---------------------------------------------------------------------

    def claims(self, measure: str | None = None, source: str | None = None, doc: str | None = None) -> list[Claim]:
        """The claims as they stand: extracted, with every correction applied (store.corrections),
        in (doc, start) order; filtered after the corrections, which may change a source or measure."""
        c = schema.claims
        q = select(c).order_by(c.c.doc, c.c.ordinal)
        if doc:
            q = q.where(c.c.doc == _as_stored(c, "doc", doc))
        with self.engine.connect() as conn:
            extracted = [_row_claim(r) for r in conn.execute(q).mappings()]
        out = self._corrected(extracted, doc).claims
        if measure:
            out = [x for x in out if x.measure == measure]
        if source:
            out = [x for x in out if (x.source or "").lower() == source.lower()]
        return out

    def claim_records(self, measure: str | None = None, source: str | None = None, doc: str | None = None) -> list[dict]:
        """Claims as a colleague reads them elsewhere: the claim id '<doc>#<n>' first, every
        field, the document's title, date, publisher and URL (doc_title ...), and the correction
        mark (corrected, corrected_by, corrected_at, correction_note, tool_values)."""
        d = schema.documents
        with self.engine.connect() as conn:
            docs = {r.name: r for r in conn.execute(select(d.c.name, d.c.title, d.c.date, d.c.publisher, d.c.url))}
        out = []
        for cid, claim in numbered(self.claims(doc=doc)):  # numbered before filtering: an id is a place in its document
            if measure and claim.measure != measure or source and (claim.source or "").lower() != source.lower():
                continue
            fields = claim.to_dict()
            fields.pop("corrected", None)
            meta = docs.get(claim.doc)
            out.append({"id": cid, "doc": fields.pop("doc"),
                        **{f"doc_{k}": getattr(meta, k, None) for k in ("title", "date", "publisher", "url")},
                        **fields, **correction_columns(claim.corrected)})
        return out

    # -- corrections -------------------------------------------------------------------

    def _corrected(self, claims: list[Claim], doc: str | None = None):
        k = schema.corrections
        q = select(k).where(k.c.undone_at.is_(None))
        if doc:
            q = q.where(k.c.doc == _as_stored(k, "doc", doc))
        with self.engine.connect() as conn:
            found = [Correction.from_row(r) for r in conn.execute(q).mappings()]
            texts = self._texts(conn, {x.doc for x in found})
        return apply(claims, texts, found)

    @staticmethod
    def _texts(conn, names: set[str]) -> dict[str, str]:
        d = schema.documents
        if not names:
            return {}
        return {r.name: r.text for r in conn.execute(select(d.c.name, d.c.text).where(d.c.name.in_(sorted(names))))}

    def claim(self, cid: str) -> Claim:
        """The claim '<doc>#<n>' as it stands now; NoSuchClaim saying why not."""
        name, sep, n = cid.rpartition("#")
        if not sep or not n.isdigit() or not name:
            raise NoSuchClaim(f"{cid!r}: not a claim id (say DOC#N, as `claimscope claims` lists them)")
        if self.document(name) is None:
            raise NoSuchClaim(f"{cid!r}: no document named {name!r} (see `claimscope documents`)")
        mine = self.claims(doc=name)
        if not 1 <= int(n) <= len(mine):
            raise NoSuchClaim(f"{cid!r}: {name!r} has {len(mine)} claim{'s' if len(mine) != 1 else ''}"
                              + (f" ({name}#1 to {name}#{len(mine)})" if mine else ""))
        return mine[int(n) - 1]

    def corrections(self) -> list[tuple[Correction, str]]:
        """Every correction ever made, oldest first, with its state now: 'applied', 'undone',
        or 'orphaned: why' (its figure can no longer be found)."""
        k, c = schema.corrections, schema.claims
        with self.engine.connect() as conn:
            found = [Correction.from_row(r) for r in conn.execute(select(k).order_by(k.c.id)).mappings()]
            names = {x.doc for x in found}
            texts = self._texts(conn, names)
            extracted = [_row_claim(r) for r in conn.execute(select(c).where(c.c.doc.in_(sorted(names)))).mappings()] \
                if names else []
        state = apply(extracted, texts, found).state
        return [(x, "undone" if x.undone_at else state.get(x.id, "applied")) for x in found]

    @_guarded(": the correction was not stored")
    @_retrying
    def correct(self, doc: str, start: int, end: int, action: str, fields: dict, note: str | None, by: str,
                original: Claim | None = None) -> int:
        """Store a correction of the figure at [start, end) of `doc` (its stored text gives the
        figure and its context); its id. BadCorrection for a span outside the text."""
        document = self.document(doc)
        if document is None:
            raise BadCorrection(f"no document named {doc!r} (see `claimscope documents`)")
        if not 0 <= start < end <= len(document.text):
            raise BadCorrection(f"{start}:{end} is outside {doc!r}, whose text is {len(document.text)} characters long")
        before, after = context(document.text, start, end)
        tool = None
        if original is not None:
            tool = original.to_dict()
            tool.pop("corrected", None)
        values = fitted(schema.corrections, dict(
            doc=document.name, start=start, end=end, figure=document.text[start:end], before=before, after=after,
            action=action, fields=json.dumps(fields, ensure_ascii=False), note=note or None,
            original=json.dumps(tool, ensure_ascii=False) if tool else None, by=by, at=_now()))
        with self._writer.begin() as conn:
            key = conn.execute(insert(schema.corrections).values(**values)).inserted_primary_key
            assert key is not None
            return key[0]

    @_guarded(": nothing was undone")
    @_retrying
    def undo(self, correction_id: int, by: str) -> Correction:
        """Mark a correction undone (it stays in the history); BadCorrection when there is none
        to undo."""
        k = schema.corrections
        with self._writer.begin() as conn:
            row = conn.execute(select(k).where(k.c.id == correction_id)).mappings().first()
            if row is None:
                raise BadCorrection(f"no correction {correction_id} (see `claimscope corrections`)")
            if row["undone_at"]:
                raise BadCorrection(f"correction {correction_id} was undone already ({row['undone_at']}, by {row['undone_by']})")
            conn.execute(update(k).where(k.c.id == correction_id).values(
                **fitted(k, dict(undone_at=_now(), undone_by=by))))
            return Correction.from_row(row)

    def documents(self) -> list[dict]:
        d = schema.documents
        n = select(func.count()).where(schema.claims.c.document_id == d.c.id).scalar_subquery()
        q = select(d.c.name, d.c.title, d.c.date, d.c.date_precision, d.c.publisher, d.c.origin, d.c.lang,
                   n.label("claims")).order_by(d.c.name)
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(q).mappings()]

    def document(self, name: str) -> Document | None:
        d = schema.documents
        with self.engine.connect() as conn:
            r = conn.execute(select(d).where(d.c.name == _as_stored(d, "name", name))).mappings().first()
        if r is None:
            return None
        date = PartialDate.parse(r["date"]) if r["date"] else PartialDate(None)
        return Document(name=r["name"], text=r["text"], origin=r["origin"], title=r["title"], date=date,
                        publisher=r["publisher"], url=r["url"], lang=r["lang"], encoding=r["encoding"] or "utf-8",
                        articles=_articles(json.loads(r["layout"])))

    def rejected(self) -> list[dict]:
        r = schema.rejected
        with self.engine.connect() as conn:
            return [dict(x) for x in conn.execute(select(r).order_by(r.c.id)).mappings()]

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                    for t in (schema.documents, schema.claims, schema.runs, schema.rejected, schema.corrections)}

    def texts(self) -> dict[str, tuple[str, str | None]]:
        """Each document's name -> (text, title): what the claims' sentences are cut from."""
        d = schema.documents
        with self.engine.connect() as conn:
            return {r.name: (r.text, r.title) for r in conn.execute(select(d.c.name, d.c.text, d.c.title))}

    def claim_values(self, field: str) -> list[str]:
        """The distinct values of one of the claims' fields (measure, source ...), sorted, none left out but None."""
        column = schema.claims.c[field]
        with self.engine.connect() as conn:
            return [r[0] for r in conn.execute(select(column).distinct().where(column.is_not(None)).order_by(column))]

    def fingerprint(self) -> tuple:
        """What changes whenever the ledger does: the last run (id, finished), the numbers of
        documents and claims, and the corrections (one made or undone changes every page)."""
        r, k = schema.runs, schema.corrections
        with self.engine.connect() as conn:
            last = conn.execute(select(r.c.id, r.c.finished_at).order_by(r.c.id.desc()).limit(1)).first()
            return (tuple(last) if last else None,
                    conn.execute(select(func.count()).select_from(schema.documents)).scalar_one(),
                    conn.execute(select(func.count()).select_from(schema.claims)).scalar_one(),
                    tuple(conn.execute(select(func.max(k.c.id), func.count(k.c.undone_at))).one()))


def _layout(document: Document) -> list[dict]:
    return [
        {
            "span": [a.span.start, a.span.end],
            "body": [[s.start, s.end] for s in a.body],
            "title": a.title, "date": a.date.iso(), "date_precision": a.date.precision, "publisher": a.publisher,
            "dropped": [[s.start, s.end, why] for s, why in a.dropped],
        }
        for a in document.articles
    ]


def _articles(layout: list[dict]) -> tuple[Article, ...]:
    from ..records import Span

    out = []
    for a in layout:
        date = PartialDate.parse(a["date"]) if a.get("date") else PartialDate(None)
        out.append(Article(span=Span(*a["span"]), body=tuple(Span(*s) for s in a["body"]), title=a.get("title"),
                           date=date, publisher=a.get("publisher"),
                           dropped=tuple((Span(s, e), why) for s, e, why in a.get("dropped", []))))
    return tuple(out)


_EXTRACTION = (schema.documents.c.pipeline_version, schema.documents.c.topic_hash, schema.documents.c.pipeline_lang)


def _extraction(row) -> Extraction:
    return Extraction(row.pipeline_version, row.topic_hash, row.pipeline_lang)


def numbered(claims: list[Claim]) -> list[tuple[str, Claim]]:
    """Claims as the ledger gives them (by document and ordinal) with their ids (records.claim_ids, the one numbering)."""
    return list(zip(claim_ids(claims), claims, strict=True))


def correction_columns(mark) -> dict:
    """A claim's correction mark as export columns."""
    return {"corrected": "added" if mark and mark.added else "yes" if mark else "",
            "corrected_by": mark.by if mark else None, "corrected_at": mark.at if mark else None,
            "correction_note": mark.note if mark else None,
            "tool_values": json.dumps(dict(mark.original), ensure_ascii=False) if mark and mark.original else None}


def _as_stored(table, column: str, value: str) -> str:
    """A value as the ledger stores it (a long name cut to its column), to look it up."""
    return fitted(table, {column: value})[column]


def _claim_row(c: Claim, ordinal: int, doc_id: int, run_id: int) -> dict:
    row = asdict(c)
    del row["corrected"]  # corrections are stored apart (store.corrections)
    row.update(via=json.dumps(list(c.via)), why=json.dumps(list(c.why)), document_id=doc_id, ordinal=ordinal, run_id=run_id)
    return row


def _row_claim(r) -> Claim:
    fields = {k: r[k] for k in Claim.__dataclass_fields__ if k in r and k not in ("via", "why")}
    fields["via"] = tuple(json.loads(r["via"] or "[]"))
    fields["why"] = tuple(json.loads(r["why"] or "[]"))
    return Claim(**fields)
