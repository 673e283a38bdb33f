"""The ledger and the commands, on real SQLite files and the real pipeline."""
import json
import sqlite3
import subprocess
import sys

import pytest

from claimscope.cli import main
from claimscope.engine import ingest
from claimscope.store import Ledger

ARTICLE = ("Titre\n12.03.2025\nSelon le NIS, environ 11 000 soldats nord-coréens ont été déployés en Russie. "
           "Le NIS estime qu'environ 300 d'entre eux ont été tués.\n")


def test_ingest_is_idempotent_and_replaces_changed_documents(tmp_path, extractor, db_url):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    ledger = Ledger(db_url)
    first = ingest([str(tmp_path / "a.txt")], ledger, extractor, progress=False)
    again = ingest([str(tmp_path / "a.txt")], ledger, extractor, progress=False)
    assert (first.added, first.claims) == (1, 2)
    assert (again.added, again.unchanged, again.claims) == (0, 1, 0)
    assert ledger.counts()["claims"] == 2
    (tmp_path / "a.txt").write_text(ARTICLE.replace("300", "400"), encoding="utf-8")
    third = ingest([str(tmp_path / "a.txt")], ledger, extractor, progress=False)
    assert third.replaced == 1
    assert sorted(c.value for c in ledger.claims()) == [400, 11000]
    # the ledger stays readable by any client of its database, with the documented tables
    if db_url.startswith("postgresql"):
        import psycopg

        con = psycopg.connect(db_url)
        tables = "select table_name from information_schema.tables where table_schema = current_schema()"
    else:
        con = sqlite3.connect(db_url)
        tables = "select name from sqlite_master where type='table'"
    assert {r[0] for r in con.execute(tables)} >= {"documents", "claims", "runs", "rejected", "alembic_version"}
    assert con.execute("select count(*) from documents").fetchone()[0] == 1
    con.close()


def test_a_failing_store_leaves_no_half_document(tmp_path, extractor, monkeypatch, db_url):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    ledger = Ledger(db_url)

    def broken(c, i, doc_id, run_id):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("claimscope.store._claim_row", broken)
    with pytest.raises(RuntimeError):
        ingest([str(tmp_path / "a.txt")], ledger, extractor, progress=False)
    assert ledger.counts()["documents"] == 0 and ledger.counts()["claims"] == 0


def test_rejections_are_recorded_and_the_batch_goes_on(in_tmp, capsys, db_url):
    (in_tmp / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (in_tmp / "bad.txt").write_bytes(b"%PDF-1.4 binary")
    code = main(["ingest", "-q", "bad.txt", "good.txt", "--db", db_url])
    err = capsys.readouterr().err
    assert code == 3 and "bad.txt: binary file (a PDF file)" in err
    assert main(["rejected", "--db", db_url]) == 0
    assert "bad.txt" in capsys.readouterr().out
    assert Ledger(db_url).counts()["documents"] == 1


def test_extract_prints_claims_whose_offsets_hold(in_tmp, capsys):
    (in_tmp / "a.txt").write_text("Titre\n" + ARTICLE.replace("environ 11 000", "environ 11\u00a0000"), encoding="utf-8")
    assert main(["extract", "a.txt", "--format", "jsonl"]) == 0
    rows = [json.loads(row) for row in capsys.readouterr().out.splitlines()]
    with open("a.txt", encoding="utf-8", newline="") as f:
        text = f.read()
    assert [r["value"] for r in rows] == [11000, 300]
    for r in rows:
        assert text[r["start"]:r["end"]] == r["text"]
        assert r["source"] == "South Korea NIS"


def test_claims_filters_and_formats(in_tmp, capsys, db_url):
    (in_tmp / "a.txt").write_text(ARTICLE, encoding="utf-8")
    main(["ingest", "-q", "a.txt", "--db", db_url])
    capsys.readouterr()
    main(["claims", "--db", db_url, "--measure", "dprk_troops_killed", "--format", "csv"])
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("id,doc,doc_title") and len(out) == 2 and ",300.0," in out[1]


def test_commands_on_a_missing_ledger_say_so(in_tmp, capsys):
    assert main(["claims", "--db", "nowhere.db"]) == 2
    assert "no ledger here" in capsys.readouterr().err


def test_demo_builds_the_ledger_and_the_report(in_tmp, capsys):
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "dprk_troops_killed" in out
    html = (in_tmp / "claimscope-report.html").read_text(encoding="utf-8")
    assert "Alabuga" in html and "<mark" in html
    assert Ledger("claimscope.db").counts()["documents"] == 6
    langs = {c.lang for c in Ledger("claimscope.db").claims()}
    assert langs == {"fr", "en"}  # the English sample goes through the English pipeline


def test_help_imports_no_heavy_library():
    code = "import sys; from claimscope.cli import build_parser; build_parser(); print(sorted(m for m in ('spacy','sqlalchemy','trafilatura','rich') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_topic_template_is_valid_and_bad_topics_are_named(in_tmp, capsys):
    assert main(["topic", "new", "my_story"]) == 0
    assert main(["topic", "show", "my_story.toml"]) == 0
    (in_tmp / "bad.toml").write_text("[topic]\nid='x'\n[[measures]]\nid='Bad Id'\nunits=[]\n[sources]\n", encoding="utf-8")
    assert main(["extract", "--topic", "bad.toml", "x.txt"]) == 2
    assert "bad.toml: measures[0].id 'Bad Id'" in capsys.readouterr().err


def test_database_url_maps_paths_and_postgresql_urls(tmp_path):
    from claimscope.store import database_url

    assert database_url(str(tmp_path / "l.db")) == f"sqlite:///{tmp_path / 'l.db'}"
    assert database_url("sqlite:///x.db") == "sqlite:///x.db"
    # psycopg 3 is the driver claimscope installs; SQLAlchemy's default for postgresql:// is psycopg2
    assert database_url("postgresql://u:p@h:5432/d") == "postgresql+psycopg://u:p@h:5432/d"
    assert database_url("postgres://u@h/d") == "postgresql+psycopg://u@h/d"
    assert database_url("postgresql+psycopg://u@h/d") == "postgresql+psycopg://u@h/d"


def test_ingest_in_two_processes_stores_what_one_does(tmp_path, extractor):
    from importlib import resources

    samples = [str(p) for p in resources.files("claimscope").joinpath("samples").iterdir() if p.name.endswith(".txt")]
    one, two = Ledger(str(tmp_path / "one.db")), Ledger(str(tmp_path / "two.db"))
    ingest(samples, one, extractor, progress=False)
    ingest(samples, two, extractor, progress=False, processes=2)
    def key(c):
        return (c.doc, c.start, c.end, c.value, c.source, c.measure, c.time_start, c.status, c.hedged)
    assert sorted(map(key, one.claims())) == sorted(map(key, two.claims())) and len(one.claims()) == 24
    one.close(), two.close()


def test_claims_has_the_apps_filters_and_says_why_nothing_matches(in_tmp, capsys):
    (in_tmp / "a.txt").write_text(ARTICLE, encoding="utf-8")
    main(["ingest", "-q", "a.txt"])
    capsys.readouterr()
    assert main(["claims", "--format", "jsonl"]) == 0
    every = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert len(every) >= 2
    for option, value, test in [("--status", "actual", lambda r: r["status"] == "actual"),
                                ("--hedged", "no", lambda r: not r["hedged"]),
                                ("--kind", "total", lambda r: r["kind"] == "total"),
                                ("--period", "2025-03", lambda r: (r["time_end"] or r["time_start"] or "")[:7] == "2025-03")]:
        assert main(["claims", option, value, "--format", "jsonl"]) == 0
        got = [json.loads(x)["id"] for x in capsys.readouterr().out.splitlines()]
        assert got == [r["id"] for r in every if test(r)], option
    assert main(["claims", "--measure", "nope", "--status", "planned"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "no claim has measure 'nope' nor status 'planned'" in captured.err
    assert main(["claims", "--measure", "dprk_troops_killed", "--kind", "rate"]) == 0
    assert "no claim has kind 'rate'" in capsys.readouterr().err
    assert main(["claims", "--period", "March"]) == 2
    assert "--period 'March': say a month (2025-03) or undated" in capsys.readouterr().err


def test_every_claims_option_has_help():
    from claimscope.cli import build_parser

    sub = build_parser()._subparsers._group_actions[0].choices["claims"]
    assert all(a.help for a in sub._actions)
