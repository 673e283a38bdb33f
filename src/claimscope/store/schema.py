"""The ledger's tables (SQLAlchemy Core). Names and columns are stable and documented in
the README, so that other tools can read the SQLite file; changes go through migrations."""
from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.types import TypeEngine

from ..records import FieldType, claim_fields

metadata = MetaData()

runs = Table(
    "runs", metadata,
    Column("id", Integer, primary_key=True),
    Column("started_at", String(32), nullable=False),
    Column("finished_at", String(32)),
    Column("command", String(64), nullable=False),
    Column("tool_version", String(32), nullable=False),
    Column("pipeline_version", String(64), nullable=False),
    Column("topic", String(128), nullable=False),
    Column("documents_added", Integer, nullable=False, default=0),
    Column("documents_unchanged", Integer, nullable=False, default=0),
    Column("claims_added", Integer, nullable=False, default=0),
    Column("rejected", Integer, nullable=False, default=0),
)

documents = Table(
    "documents", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(512), nullable=False),
    Column("origin", Text, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("title", Text),
    Column("date", String(10)),
    Column("date_precision", String(8), nullable=False),
    Column("publisher", Text),
    Column("url", Text),
    Column("lang", String(8)),
    Column("encoding", String(64)),
    Column("text", Text, nullable=False),
    Column("layout", Text, nullable=False),  # JSON: the articles, body blocks, dropped lines
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False),
    # how the claims were made: a change in any of these re-extracts the document (0003)
    Column("pipeline_version", String(64)),
    Column("topic_hash", String(64)),  # sha256 of the topic file's bytes (the built-in topic's too)
    Column("pipeline_lang", String(8)),  # the language whose pipeline read it (--lang, or its own)
    UniqueConstraint("name", name="uq_documents_name"),
)

# The claims table is the Claim record's fields, in order, between the ledger's own columns:
# what SQL cannot read off the field's annotation is said here (lengths, indexes); a tuple is a JSON list.
CLAIM_LENGTHS = {"doc": 512, "qualifier": 16, "unit": 64, "measure": 64, "source": 256, "status": 16,
                 "time_start": 10, "time_end": 10, "kind": 16, "per": 8, "series": 256, "lang": 8}
CLAIM_INDEXED = {"doc", "measure", "source"}
CLAIM_SERVER_DEFAULTS = {"kind": "total"}  # added by 0002 to rows stored before it
_SQL_TYPES: dict[str, type[TypeEngine]] = {"int": Integer, "float": Float, "bool": Boolean}


def _claim_column(f: FieldType) -> Column:
    """A Claim field's column: a string of CLAIM_LENGTHS' length or else Text, a tuple as JSON text."""
    sql: TypeEngine
    if f.listed:
        sql = Text()
    elif f.base == "str":
        sql = String(CLAIM_LENGTHS[f.name]) if f.name in CLAIM_LENGTHS else Text()
    else:
        sql = _SQL_TYPES[f.base]()
    return Column(f.name, sql, nullable=f.nullable, index=f.name in CLAIM_INDEXED or None,
                  server_default=CLAIM_SERVER_DEFAULTS.get(f.name))


claims = Table(
    "claims", metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("ordinal", Integer, nullable=False),  # from 1 in the document: the claim id is '<doc>#<ordinal>'
    *(_claim_column(f) for f in claim_fields()),
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False),
)

rejected = Table(
    "rejected", metadata,
    Column("id", Integer, primary_key=True),
    Column("origin", Text, nullable=False),
    Column("line", Integer),
    Column("reason", Text, nullable=False),
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False),
    Column("at", String(32), nullable=False),
)

# a person's corrections, apart from the claims that re-extraction replaces: keyed by the
# document's name and the figure's span, with the figure's text and its context to find it
# again when the text changes (0004); undone ones are kept, marked
corrections = Table(
    "corrections", metadata,
    Column("id", Integer, primary_key=True),
    Column("doc", String(512), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("figure", Text, nullable=False),  # text[start:end] when it was made
    Column("before", Text, nullable=False),  # the text just before and after the figure
    Column("after", Text, nullable=False),
    Column("action", String(16), nullable=False),  # change, not_a_claim, add
    Column("fields", Text, nullable=False),  # JSON: the fields set (change, add)
    Column("original", Text),  # JSON: the claim as the tool had it when corrected (none for add)
    Column("note", Text),
    Column("by", String(128), nullable=False),
    Column("at", String(32), nullable=False),
    Column("undone_at", String(32)),
    Column("undone_by", String(128)),
)
