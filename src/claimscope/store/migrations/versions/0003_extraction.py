"""Documents record how their claims were made (pipeline version, topic file hash, language),
so that ingest can re-extract what an older pipeline or another topic made; claims keep their
evidence sentence; ordinals count from 1, as the claim ids '<doc>#<n>' the rest of claimscope gives.

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

from claimscope.store.migrations.steps import add_columns

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    add_columns("documents", sa.Column("pipeline_version", sa.String(64)), sa.Column("topic_hash", sa.String(64)),
                sa.Column("pipeline_lang", sa.String(8)))
    add_columns("claims", sa.Column("sentence", sa.Text))
    # what is known of documents stored before: the pipeline of the run that stored them (the
    # topic's file was not recorded), and each claim's sentence, from the stored text
    # (substr counts characters, as Python's offsets do, in SQLite and PostgreSQL alike)
    op.execute("UPDATE documents SET pipeline_version = "
               "(SELECT runs.pipeline_version FROM runs WHERE runs.id = documents.run_id)")
    op.execute("UPDATE claims SET sentence = (SELECT substr(documents.text, claims.sentence_start + 1, "
               "claims.sentence_end - claims.sentence_start) FROM documents WHERE documents.id = claims.document_id) "
               "WHERE sentence_start IS NOT NULL AND sentence_end IS NOT NULL")
    op.execute("UPDATE claims SET ordinal = ordinal + 1")


def downgrade() -> None:
    op.execute("UPDATE claims SET ordinal = ordinal - 1")
    # not in batch mode: on SQLite that copies the table and drops the old one, and dropping
    # documents would delete every claim (ON DELETE CASCADE); SQLite 3.35+ drops a column itself
    op.drop_column("claims", "sentence")
    for column in ("pipeline_lang", "topic_hash", "pipeline_version"):
        op.drop_column("documents", column)
