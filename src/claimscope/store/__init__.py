"""The ledger: documents, claims, runs and rejected inputs in SQLite (default) or any
database SQLAlchemy speaks, under Alembic migrations.

Each document is stored with its claims in one transaction: an interrupted batch leaves
whole documents only, and a rerun skips those already stored (same name, same content,
claims made by the same pipeline version, topic file and language: see records.Extraction).
"""
from __future__ import annotations

import json
import time
from dataclasses import asdict
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path

from sqlalchemy import create_engine, event, func, insert, inspect, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DatabaseError, OperationalError

from .. import DEFAULT_DB
from ..records import Article, Claim, Document, Extraction, PartialDate, Rejection
from . import schema


class LedgerError(Exception):
    """A ledger location that cannot be used, said in one line: the location and why."""


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
    cur.execute("PRAGMA journal_mode=WAL")  # readers go on while a writer writes
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _sqlite_begin(conn) -> None:
    """Writes take the write lock at BEGIN: a transaction that read first and then writes
    could otherwise fail at once with 'database is locked' when another process wrote in
    between (no busy wait can help a stale snapshot), and check-then-insert is atomic."""
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("sqlite_write") else "BEGIN")


RETRIES = 8  # on 'database is locked' beyond busy_timeout: back off and try the transaction again


def _locked(e: OperationalError) -> bool:
    return "locked" in str(e.orig) or "busy" in str(e.orig)


def _retrying(fn):
    """Run a write transaction again when SQLite stays locked past busy_timeout."""
    def run(*args, **kwargs):
        for attempt in range(RETRIES):
            try:
                return fn(*args, **kwargs)
            except OperationalError as e:
                if not _locked(e) or attempt == RETRIES - 1:
                    raise
                time.sleep(0.05 * 2 ** attempt)
    run.__name__, run.__doc__ = fn.__name__, fn.__doc__
    return run


@_retrying
def migrate(engine: Engine) -> None:
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files(__package__).joinpath("migrations")))
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
        raise LedgerError(f"{db}: not a claimscope ledger (not an SQLite database)")
    return bool(head)


class Ledger:
    def __init__(self, db: str = DEFAULT_DB, create: bool = True):
        self.url = database_url(db)
        sqlite_file = self.url.startswith("sqlite:///") and self.url != "sqlite:///:memory:"
        if sqlite_file and not create and not Path(self.url[10:]).exists():
            raise FileNotFoundError(f"{db}: no ledger here (run `claimscope ingest` first)")
        existing = sqlite_file and _check_sqlite_path(db, Path(self.url[10:]))
        self.engine = create_engine(self.url)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
            event.listen(self.engine, "begin", _sqlite_begin)
        self._writer = self.engine.execution_options(sqlite_write=True)
        try:
            if existing:
                self._check_is_ledger(db)
            migrate(self.engine)
        except LedgerError:
            self.engine.dispose()
            raise
        except DatabaseError as e:  # a damaged SQLite file, say; the migrations' own bugs are not the user's
            self.engine.dispose()
            if not sqlite_file or _locked(e):
                raise
            raise LedgerError(f"{db}: not a claimscope ledger ({e.orig})") from None
        except Exception as e:
            from alembic.util.exc import CommandError

            self.engine.dispose()
            if isinstance(e, CommandError):  # a revision this claimscope does not know
                raise LedgerError(f"{db}: a ledger of a newer claimscope ({e})") from None
            raise

    def _check_is_ledger(self, db: str) -> None:
        """An SQLite database with tables, none of them Alembic's, is someone else's: adding the
        ledger's tables to it would be a surprise."""
        tables = set(inspect(self.engine).get_table_names())
        if tables and "alembic_version" not in tables:
            raise LedgerError(f"{db}: not a claimscope ledger (an SQLite database of other tables: "
                              f"{', '.join(sorted(tables)[:3])}{' ...' if len(tables) > 3 else ''})")

    def close(self) -> None:
        self.engine.dispose()

    # -- runs ----------------------------------------------------------------------

    @_retrying
    def start_run(self, command: str, topic: str, pipeline_version: str) -> int:
        from .. import __version__

        with self._writer.begin() as conn:
            result = conn.execute(insert(schema.runs).values(
                started_at=_now(), command=command, tool_version=__version__, pipeline_version=pipeline_version,
                topic=topic, documents_added=0, documents_unchanged=0, claims_added=0, rejected=0))
            return result.inserted_primary_key[0]

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
                schema.documents.c.name == document.name)).first()
        return row is not None and row[0] == document.content_hash

    def to_extract(self, document: Document, extraction: Extraction) -> str | None:
        """Why `document` is to be extracted: 'new', 'changed' (its text), why the same text is
        extracted again ('topic changed', see Extraction.reason); None when it is stored as
        `extraction` would make it."""
        d = schema.documents
        with self.engine.connect() as conn:
            row = conn.execute(select(d.c.content_hash, *_EXTRACTION).where(d.c.name == document.name)).first()
        if row is None:
            return "new"
        if row.content_hash != document.content_hash:
            return "changed"
        return extraction.reason(_extraction(row))

    @_retrying
    def store(self, document: Document, claims: list[Claim], run_id: int, extraction: Extraction | None = None,
              force: bool = False) -> str:
        """Store a document and its claims in one transaction: 'added', 'replaced' (its text
        changed), 'reextracted' (same text, another `extraction`, or `force`) or 'unchanged'."""
        d = schema.documents
        with self._writer.begin() as conn:
            row = conn.execute(select(d.c.id, d.c.content_hash, *_EXTRACTION).where(d.c.name == document.name)).first()
            same_text = row is not None and row.content_hash == document.content_hash
            if same_text and not force and (extraction is None or extraction.reason(_extraction(row)) is None):
                return "unchanged"
            values = dict(
                name=document.name, origin=document.origin, content_hash=document.content_hash,
                title=document.title, date=document.date.iso(), date_precision=document.date.precision,
                publisher=document.publisher, url=document.url, lang=document.lang, encoding=document.encoding,
                text=document.text, layout=json.dumps(_layout(document)), run_id=run_id,
            )
            if extraction is not None:
                values.update(pipeline_version=extraction.pipeline_version, topic_hash=extraction.topic_hash,
                              pipeline_lang=extraction.lang)
            if row is None:
                doc_id = conn.execute(insert(d).values(**values)).inserted_primary_key[0]
                outcome = "added"
            else:
                doc_id = row.id
                conn.execute(schema.claims.delete().where(schema.claims.c.document_id == doc_id))
                conn.execute(update(d).where(d.c.id == doc_id).values(**values))
                outcome = "reextracted" if same_text else "replaced"
            if claims:
                conn.execute(insert(schema.claims),
                             [_claim_row(c, i, doc_id, run_id) for i, c in enumerate(claims, start=1)])
            return outcome

    @_retrying
    def reject(self, rejection: Rejection, run_id: int) -> None:
        with self._writer.begin() as conn:
            conn.execute(insert(schema.rejected).values(
                origin=rejection.origin, line=rejection.line, reason=rejection.reason, run_id=run_id, at=_now()))

    # -- reading ---------------------------------------------------------------------

    def claims(self, measure: str | None = None, source: str | None = None, doc: str | None = None) -> list[Claim]:
        c = schema.claims
        q = select(c).order_by(c.c.doc, c.c.ordinal)
        if measure:
            q = q.where(c.c.measure == measure)
        if source:
            q = q.where(func.lower(c.c.source) == source.lower())
        if doc:
            q = q.where(c.c.doc == doc)
        with self.engine.connect() as conn:
            return [_row_claim(r) for r in conn.execute(q).mappings()]

    def claim_records(self, measure: str | None = None, source: str | None = None, doc: str | None = None) -> list[dict]:
        """Claims as a colleague reads them elsewhere: the claim id '<doc>#<ordinal>' first, every
        field, and the document's title, date, publisher and URL (doc_title ...)."""
        c, d = schema.claims, schema.documents
        docs = (d.c.title.label("doc_title"), d.c.date.label("doc_date"), d.c.publisher.label("doc_publisher"),
                d.c.url.label("doc_url"))
        q = select(c, *docs).join(d, d.c.id == c.c.document_id).order_by(c.c.doc, c.c.ordinal)
        if measure:
            q = q.where(c.c.measure == measure)
        if source:
            q = q.where(func.lower(c.c.source) == source.lower())
        if doc:
            q = q.where(c.c.doc == doc)
        out = []
        with self.engine.connect() as conn:
            for r in conn.execute(q).mappings():
                claim = _row_claim(r).to_dict()
                out.append({"id": f"{r['doc']}#{r['ordinal']}", "doc": claim.pop("doc"),
                            **{k: r[k] for k in ("doc_title", "doc_date", "doc_publisher", "doc_url")}, **claim})
        return out

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
            r = conn.execute(select(d).where(d.c.name == name)).mappings().first()
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
                    for t in (schema.documents, schema.claims, schema.runs, schema.rejected)}


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


def _claim_row(c: Claim, ordinal: int, doc_id: int, run_id: int) -> dict:
    row = asdict(c)
    row.update(via=json.dumps(list(c.via)), why=json.dumps(list(c.why)), document_id=doc_id, ordinal=ordinal, run_id=run_id)
    return row


def _row_claim(r) -> Claim:
    fields = {k: r[k] for k in Claim.__dataclass_fields__ if k in r and k not in ("via", "why")}
    fields["via"] = tuple(json.loads(r["via"] or "[]"))
    fields["why"] = tuple(json.loads(r["why"] or "[]"))
    return Claim(**fields)
