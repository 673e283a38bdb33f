"""Storage problems are one line, not tracebacks (issue 16): a full disk, a file that is not a
ledger, a newer schema, a read-only file; read commands never write; PostgreSQL and SQLite
take the same values, a value the database refuses rejecting one document only."""
import os
import sqlite3
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine

from claimscope.cli import main
from claimscope.engine import ingest
from claimscope.records import Claim, Document
from claimscope.store import Ledger, _scripts, database_url
from claimscope.store.errors import LedgerError

ARTICLE = ("Titre\n12.03.2025\nSelon le NIS, environ 11 000 soldats nord-coréens ont été déployés en Russie. "
           "Le NIS estime qu'environ 300 d'entre eux ont été tués.\n")

READ_COMMANDS = [["documents"], ["claims"], ["rejected"], ["series"], ["conflicts"], ["sources"],
                 ["export", "claims", "-o", "out.csv"], ["report", "-o", "r.html"], ["serve", "--port", "1"]]

as_root = pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                             reason="root writes to read-only files anyway")


HEAD = _scripts()[1].get_current_head()


@contextmanager
def raw(db_url):
    """A plain connection to the ledger's database, past claimscope."""
    engine = create_engine(database_url(db_url))
    try:
        with engine.connect() as conn:
            yield conn
    finally:
        engine.dispose()


def one_line_error(capsys) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def files(folder) -> dict:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def someone_elses(path) -> None:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE people (name TEXT, born INTEGER)")
    con.executemany("INSERT INTO people VALUES (?, ?)", [("Ada", 1815), ("Alan", 1912)])
    con.commit()
    con.close()


# -- the ledger's file ---------------------------------------------------------------


def test_a_full_disk_is_one_line_and_keeps_the_documents_before(in_tmp, capsys, monkeypatch):
    (in_tmp / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert main(["ingest", "-q", "a.txt", "--db", "x.db"]) == 0
    capsys.readouterr()
    con = sqlite3.connect("x.db")
    pages = con.execute("PRAGMA page_count").fetchone()[0]
    con.close()
    # a disk with room for a run's row, not for a 60 kB article
    import claimscope.store as store

    pragmas = store._sqlite_pragmas

    def small_disk(dbapi_connection, record):
        pragmas(dbapi_connection, record)
        dbapi_connection.execute(f"PRAGMA max_page_count={pages + 2}")

    monkeypatch.setattr(store, "_sqlite_pragmas", small_disk)
    (in_tmp / "b.txt").write_text(ARTICLE + "Le temps était clair ce jour-là sur la ville. " * 1400, encoding="utf-8")
    assert main(["ingest", "-q", "b.txt", "--db", "x.db"]) == 2
    assert one_line_error(capsys) == "claimscope: x.db: disk full: nothing of the current document was stored " \
                                     "(those before it are)"
    monkeypatch.setattr(store, "_sqlite_pragmas", pragmas)
    assert [d["name"] for d in Ledger("x.db", create=False).documents()] == ["a.txt"]


@pytest.mark.parametrize("command", [["documents"], ["ingest", "-q", "a.txt"]])
def test_a_text_file_is_not_a_ledger(in_tmp, capsys, command):
    (in_tmp / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (in_tmp / "x.db").write_text("name,born\nAda,1815\n", encoding="utf-8")
    assert main([*command, "--db", "x.db"]) == 2
    assert one_line_error(capsys) == "claimscope: x.db: not an SQLite database (another kind of file, or damaged)"
    assert (in_tmp / "x.db").read_text(encoding="utf-8") == "name,born\nAda,1815\n"


@pytest.mark.parametrize("command", [["documents"], ["claims"], ["ingest", "-q", "a.txt"]])
def test_a_ledger_of_a_newer_claimscope_is_refused(in_tmp, capsys, command, db_url):
    (in_tmp / "a.txt").write_text(ARTICLE, encoding="utf-8")
    ledger = Ledger(db_url)
    with ledger.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0099'")
    ledger.close()
    assert main([*command, "--db", db_url]) == 2
    line = one_line_error(capsys)
    assert line.startswith(f"claimscope: {db_url}: " if "://" not in db_url else "claimscope: postgresql")
    assert line.endswith(f": written by a newer claimscope (schema 0099; this one knows up to {HEAD})")
    with raw(db_url) as conn:  # held as it was
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == "0099"
        assert conn.exec_driver_sql("SELECT count(*) FROM documents").scalar() == 0


@as_root
def test_a_read_only_file_is_one_line_and_a_read_only_folder_still_reads(in_tmp, capsys, extractor):
    (in_tmp / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (in_tmp / "ro").mkdir()
    ledger = Ledger("ro/x.db")
    ingest(["a.txt"], ledger, extractor, progress=False)
    ledger.close()  # the last writer gone: its WAL is folded into the file
    (in_tmp / "ro" / "x.db").chmod(0o444)
    assert main(["ingest", "-q", "a.txt", "--db", "ro/x.db"]) == 2
    assert one_line_error(capsys) == "claimscope: ro/x.db: the file is read-only: nothing was stored"
    (in_tmp / "ro" / "x.db").chmod(0o644)
    for left in ("x.db-wal", "x.db-shm"):  # the refused writer's, empty (with them, SQLite could write)
        (in_tmp / "ro" / left).unlink(missing_ok=True)
    (in_tmp / "ro").chmod(0o555)
    try:
        assert main(["documents", "--db", "ro/x.db"]) == 0
        assert "a.txt" in capsys.readouterr().out
        assert main(["ingest", "-q", "a.txt", "--db", "ro/new.db"]) == 2
        assert one_line_error(capsys) == f"claimscope: ro/new.db: cannot be created: {in_tmp / 'ro'} is not writable"
        assert main(["ingest", "-q", "a.txt", "--db", "ro/x.db"]) == 2
        assert one_line_error(capsys) == (f"claimscope: ro/x.db: its folder {in_tmp / 'ro'} is read-only "
                                          "(SQLite writes its journal beside the file)")
    finally:
        (in_tmp / "ro").chmod(0o755)


# -- read commands never write ---------------------------------------------------------


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: c[0])
def test_a_read_command_leaves_someone_elses_database_alone(in_tmp, capsys, command, monkeypatch):
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: None)  # serve: never a server left running
    someone_elses("other.db")
    before = files(in_tmp)
    assert main([*command, "--db", "other.db"]) == 2
    assert one_line_error(capsys) == "claimscope: other.db: not a claimscope ledger (it holds other tables: people)"
    assert files(in_tmp) == before  # byte for byte: no table added, journal mode unchanged, no -wal beside it


def test_a_write_command_adds_no_table_to_someone_elses_database(in_tmp, capsys):
    (in_tmp / "a.txt").write_text(ARTICLE, encoding="utf-8")
    someone_elses("other.db")
    before = files(in_tmp)
    assert main(["ingest", "-q", "a.txt", "--db", "other.db"]) == 2
    assert one_line_error(capsys) == "claimscope: other.db: not a claimscope ledger (it holds other tables: people)"
    assert files(in_tmp) == before


def test_an_empty_file_is_no_ledger_to_read(in_tmp, capsys):
    (in_tmp / "x.db").write_bytes(b"")
    assert main(["documents", "--db", "x.db"]) == 2
    assert one_line_error(capsys) == "claimscope: x.db: no ledger here (run `claimscope ingest` first)"
    assert (in_tmp / "x.db").read_bytes() == b""


def test_read_commands_never_migrate_an_older_ledger(in_tmp, capsys):
    from alembic import command

    (in_tmp / "a.txt").write_text(ARTICLE, encoding="utf-8")
    ledger = Ledger("x.db")
    with ledger.engine.begin() as conn:  # back to the first schema, as an older claimscope left it
        cfg, _ = _scripts()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0001")
    ledger.close()
    before = (in_tmp / "x.db").read_bytes()  # beside it, a reader may leave the WAL's files, as any reader
    assert main(["documents", "--db", "x.db"]) == 2
    assert one_line_error(capsys) == (f"claimscope: x.db: schema 0001 is older than this claimscope's ({HEAD}): "
                                      "a write command (ingest, demo) upgrades it")
    assert (in_tmp / "x.db").read_bytes() == before
    assert main(["ingest", "-q", "a.txt", "--db", "x.db"]) == 0
    assert main(["documents", "--db", "x.db"]) == 0


def test_a_read_only_ledger_cannot_write(tmp_path, db_url):
    Ledger(db_url).close()
    reader = Ledger(db_url, create=False)
    with pytest.raises(LedgerError):
        reader.start_run("ingest", "t", "p")
    assert reader.counts()["runs"] == 0
    reader.close()


# -- the same values on PostgreSQL and SQLite ---------------------------------------------


class FakeExtractor:
    """The claims the test gives for each document name."""

    def __init__(self, claims):
        from types import SimpleNamespace

        self.claims, self.topic, self.forced = claims, SimpleNamespace(id="t", path="<built-in topic>"), None

    def handles(self, lang):
        return True

    def extract_many(self, docs):
        for d in docs:
            yield d, self.claims.get(d.name, [])


def claim(doc, **fields):
    return Claim(**{"doc": doc, "start": 0, "end": 2, "text": "11", "value": 11.0, **fields})


def test_over_long_values_are_fitted_alike_on_both_databases(tmp_path, db_url):
    ledger = Ledger(db_url)
    run = ledger.start_run("ingest", "t" * 200, "p")
    long_name = "https://example.org/" + "a" * 600
    source, series = "Source " * 52, "auto:" + "x" * 418  # 364 and 423 characters
    docs = [Document(name="zh.txt", text="11 morts", origin="zh.txt", lang="zh-Hant-TW"),
            Document(name="fr.txt", text="12 morts", origin="fr.txt", lang="fr-FR-x-private"),
            Document(name=long_name, text="13 morts", origin=long_name, lang="en")]
    for d in docs:
        assert ledger.store(d, [claim(d.name, source=source, series=series, lang=d.lang)], run) == "added"
    assert {d["name"][:6]: d["lang"] for d in ledger.documents()} == {"zh.txt": "zh", "fr.txt": "fr", "https:": "en"}
    stored = ledger.claims()
    assert len(stored) == 3
    for c in stored:
        assert len(c.source) == 256 and c.source.startswith("Source Source") and "…" in c.source
        assert len(c.series) == 256 and c.series.startswith("auto:xxx") and "…" in c.series
        assert c.lang in ("zh", "fr", "en")
    # a long name is cut the same way each time: found again, not stored twice
    assert ledger.unchanged(docs[2])
    assert ledger.store(docs[2], [], run) == "unchanged"
    assert ledger.document(long_name).text == "13 morts"
    assert len(ledger.claims(doc=long_name)) == 1
    # two long values sharing a beginning stay two
    other = "Source " * 52 + "bis"
    d = Document(name="bis.txt", text="14 morts", origin="bis.txt")
    ledger.store(d, [claim(d.name, source=other)], run)
    assert len({c.source for c in ledger.claims()}) == 2
    ledger.close()


def test_a_value_the_database_refuses_rejects_that_document_only(tmp_path, db_url):
    for name in ("a.txt", "b.txt", "c.txt", "d.txt"):
        (tmp_path / name).write_text(f"Titre\n{name} : 11 morts.\n", encoding="utf-8")
    extractor = FakeExtractor({
        "a.txt": [claim("a.txt")],
        "b.txt": [claim("b.txt"), claim("b.txt", value=None)],  # NOT NULL on both databases
        "c.txt": [claim("c.txt", time_start="2025-03-12T10:00")],  # no date column holds it
        "d.txt": [claim("d.txt")],
    })
    ledger = Ledger(db_url)
    report = ingest([str(tmp_path / n) for n in ("a.txt", "b.txt", "c.txt", "d.txt")], ledger, extractor,
                    progress=False)
    assert (report.added, report.claims, len(report.rejected)) == (2, 2, 2)
    assert [d["name"] for d in ledger.documents()] == ["a.txt", "d.txt"]  # nothing of b.txt, not half of it
    reasons = {r["origin"].rsplit("/", 1)[-1]: r["reason"] for r in ledger.rejected()}
    assert set(reasons) == {"b.txt", "c.txt"}
    assert reasons["b.txt"].startswith("not stored: ") and "value" in reasons["b.txt"]
    assert reasons["c.txt"] == "not stored: claims.time_start holds at most 10 characters, not 16 ('2025-03-12T10:00')"
    assert ledger.counts()["claims"] == 2
    ledger.close()


def test_language_tags_are_read_as_their_language_on_both_databases(in_tmp, db_url, capsys):
    """'fr-FR-x-private' is French (extracted by the French pipeline), 'zh-Hant-TW' is Chinese (stored
    without claims): the tag is decided once, at read, so no column gets the long form (PostgreSQL
    refused the record's pipeline language, VARCHAR(8), while SQLite kept it)."""
    import json

    text = "Environ 11 000 soldats ont été déployés en Russie, selon Séoul."
    rows = [{"id": "zh", "text": text, "lang": "zh-Hant-TW"}, {"id": "fr", "text": text, "lang": "fr-FR-x-private"},
            {"id": "en", "text": "About 11,000 soldiers were deployed to Russia, Seoul said.", "lang": "EN_gb"}]
    (in_tmp / "tags.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert main(["ingest", "--db", db_url, "-q", "tags.jsonl"]) == 0
    err = capsys.readouterr().err
    assert "rejected: " not in err and "0 rejected" in err and "not extracted: zh (zh)" in err
    ledger = Ledger(db_url)
    assert {d["name"]: d["lang"] for d in ledger.documents()} == {"zh": "zh", "fr": "fr", "en": "en"}
    assert {c.doc for c in ledger.claims()} == {"fr", "en"}
    ledger.close()
