"""Claims carry their kind (total, increment, rate, change, ratio, denied) and a rate's unit of time.

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

from claimscope.store.migrations.steps import add_columns

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    add_columns("claims", sa.Column("kind", sa.String(16), nullable=False, server_default="total"),
                sa.Column("per", sa.String(8)))


def downgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("per")
        batch.drop_column("kind")
