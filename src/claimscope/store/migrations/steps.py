"""Steps the migrations share."""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


def add_columns(table: str, *columns: sa.Column) -> None:
    """Columns added to a table (in batch mode: SQLite rebuilds the table, PostgreSQL alters it)."""
    with op.batch_alter_table(table) as batch:
        for column in columns:
            batch.add_column(column)
