"""Corrections, stored apart from the extracted claims so that re-ingesting and re-extracting
never lose one (see store.corrections).

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade() -> None:
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("doc", sa.String(512), nullable=False, index=True),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("figure", sa.Text, nullable=False),
        sa.Column("before", sa.Text, nullable=False),
        sa.Column("after", sa.Text, nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("fields", sa.Text, nullable=False),
        sa.Column("original", sa.Text),
        sa.Column("note", sa.Text),
        sa.Column("by", sa.String(128), nullable=False),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("undone_at", sa.String(32)),
        sa.Column("undone_by", sa.String(128)),
    )


def downgrade() -> None:
    op.drop_table("corrections")
