"""The first ledger: runs, documents, claims, rejected inputs.

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade() -> None:
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("started_at", sa.String(32), nullable=False),
        sa.Column("finished_at", sa.String(32)),
        sa.Column("command", sa.String(64), nullable=False),
        sa.Column("tool_version", sa.String(32), nullable=False),
        sa.Column("pipeline_version", sa.String(64), nullable=False),
        sa.Column("topic", sa.String(128), nullable=False),
        sa.Column("documents_added", sa.Integer, nullable=False),
        sa.Column("documents_unchanged", sa.Integer, nullable=False),
        sa.Column("claims_added", sa.Integer, nullable=False),
        sa.Column("rejected", sa.Integer, nullable=False),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(512), nullable=False),
        sa.Column("origin", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("date", sa.String(10)),
        sa.Column("date_precision", sa.String(8), nullable=False),
        sa.Column("publisher", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("lang", sa.String(8)),
        sa.Column("encoding", sa.String(64)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("layout", sa.Text, nullable=False),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id"), nullable=False),
        sa.UniqueConstraint("name", name="uq_documents_name"),
    )
    op.create_table(
        "claims",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("ordinal", sa.Integer, nullable=False),
        sa.Column("doc", sa.String(512), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("value", sa.Float, nullable=False),
        sa.Column("value_high", sa.Float),
        sa.Column("qualifier", sa.String(16), nullable=False),
        sa.Column("unit", sa.String(64)),
        sa.Column("measure", sa.String(64)),
        sa.Column("source", sa.String(256)),
        sa.Column("via", sa.Text, nullable=False),
        sa.Column("publisher", sa.Text),
        sa.Column("status", sa.String(16)),
        sa.Column("hedged", sa.Boolean),
        sa.Column("time_start", sa.String(10)),
        sa.Column("time_end", sa.String(10)),
        sa.Column("concept", sa.Text),
        sa.Column("series", sa.String(256)),
        sa.Column("sentence_start", sa.Integer),
        sa.Column("sentence_end", sa.Integer),
        sa.Column("article", sa.Integer, nullable=False),
        sa.Column("why", sa.Text, nullable=False),
        sa.Column("lang", sa.String(8)),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id"), nullable=False),
    )
    op.create_index("ix_claims_document_id", "claims", ["document_id"])
    op.create_index("ix_claims_doc", "claims", ["doc"])
    op.create_index("ix_claims_measure", "claims", ["measure"])
    op.create_index("ix_claims_source", "claims", ["source"])
    op.create_table(
        "rejected",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("origin", sa.Text, nullable=False),
        sa.Column("line", sa.Integer),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id"), nullable=False),
        sa.Column("at", sa.String(32), nullable=False),
    )


def downgrade() -> None:
    for table in ("rejected", "claims", "documents", "runs"):
        op.drop_table(table)
