"""Claims carry their kind (total, increment, rate, change, ratio, denied) and a rate's unit of time.

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.add_column(sa.Column("kind", sa.String(16), nullable=False, server_default="total"))
        batch.add_column(sa.Column("per", sa.String(8)))


def downgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("per")
        batch.drop_column("kind")
