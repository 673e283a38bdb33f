"""schema.py and the migrations describe the same ledger: a ledger built by the migrations
alone (as every user's is) has exactly the tables, columns, types and indexes schema.py gives."""
from __future__ import annotations

import dataclasses

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from claimscope.records import Claim
from claimscope.store import Ledger, schema


def test_schema_matches_the_migrations(tmp_path):
    path = tmp_path / "ledger.db"
    Ledger(str(path)).close()  # creates the file through the migrations, up to their head
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "compare_server_default": True})
        differences = compare_metadata(context, schema.metadata)
    engine.dispose()
    assert differences == []


def test_a_claim_field_without_its_migration_is_found(tmp_path):
    """The comparison above sees a column schema.py has and the migrations lack."""
    from sqlalchemy import Column, MetaData, Table

    path = tmp_path / "ledger.db"
    Ledger(str(path)).close()
    extended = MetaData()
    for table in schema.metadata.tables.values():
        table.to_metadata(extended)
    Table("claims", extended, Column("confidence", schema.Float), extend_existing=True)
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), extended)
    engine.dispose()
    assert [(d[0], d[3].name) for d in differences] == [("add_column", "confidence")]


def test_the_claims_table_holds_every_field_of_a_claim_and_gives_it_back(tmp_path):
    """Every Claim field, set to a value that is not its default, survives the ledger."""
    from claimscope.records import Document

    text = "Selon Yonhap, environ 3 000 soldats ont été envoyés en octobre."
    claim = Claim(doc="a", start=21, end=26, text="3 000", value=3000.0, value_high=3500.0, qualifier="about",
                  unit="soldier", measure="dprk_troops_sent", source="Yonhap", via=("NIS", "KBS"), publisher="Le Monde",
                  status="done", hedged=True, time_start="2024-10-01", time_end="2024-10-31", kind="increment",
                  per="day", concept="soldats", series="auto:soldier", sentence=text, sentence_start=0,
                  sentence_end=len(text), article=1, why=("numbers: digits",), lang="fr")
    from claimscope.records import NOT_STORED

    assert {f.name for f in dataclasses.fields(Claim)  # every stored field differs from its default
            if f.name not in NOT_STORED and getattr(claim, f.name) == f.default} == set()
    ledger = Ledger(str(tmp_path / "ledger.db"))
    run = ledger.start_run("test", "t", "v")
    ledger.store(Document(name="a", text=text, origin="a.txt"), [claim], run)
    assert ledger.claims() == [claim]
    ledger.close()
