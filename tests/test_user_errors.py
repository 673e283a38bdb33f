"""A user's mistake gets one line naming the file and the cause, exit status 2, no traceback,
and leaves nothing behind (issue 15)."""
import sqlite3

import pytest

from claimscope.cli import main

ARTICLE = "Selon le NIS, environ 11 000 soldats nord-coréens ont été déployés en Russie.\n"


def said(capsys, line: str) -> None:
    err = capsys.readouterr().err
    assert err == f"claimscope: {line}\n", err


@pytest.mark.parametrize("command", [["claims"], ["ingest", "-q", "a.txt"], ["export", "claims", "-o", "x.csv"],
                                     ["reextract"], ["serve"]])
def test_a_ledger_that_is_a_folder_or_another_file_is_refused(in_tmp, capsys, command):
    (in_tmp / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (in_tmp / "folder.db").mkdir()
    assert main([*command, "--db", "folder.db"]) == 2
    said(capsys, "folder.db: not a claimscope ledger (a folder)")
    (in_tmp / "notes.db").write_text("my notes, not a database\n", encoding="utf-8")
    assert main([*command, "--db", "notes.db"]) == 2
    said(capsys, "notes.db: not an SQLite database (another kind of file, or damaged)")
    assert (in_tmp / "notes.db").read_text(encoding="utf-8") == "my notes, not a database\n"
    assert not (in_tmp / "x.csv").exists()


def test_someone_elses_sqlite_database_is_left_alone(in_tmp, capsys):
    con = sqlite3.connect(in_tmp / "shop.db")
    con.execute("create table orders (id integer)")
    con.commit()
    con.close()
    assert main(["ingest", "-q", "a.txt", "--db", "shop.db"]) == 2
    said(capsys, "shop.db: not a claimscope ledger (it holds other tables: orders)")
    con = sqlite3.connect(in_tmp / "shop.db")
    assert [r[0] for r in con.execute("select name from sqlite_master where type='table'")] == ["orders"]
    con.close()


def test_a_ledger_in_a_missing_folder_is_refused(in_tmp, capsys):
    assert main(["ingest", "-q", "a.txt", "--db", "nowhere/l.db"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("claimscope: nowhere/l.db: cannot create a ledger there (no folder ") and err.count("\n") == 1


def test_output_into_a_missing_folder_is_refused_before_any_work(in_tmp, capsys):
    (in_tmp / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert main(["ingest", "-q", "a.txt"]) == 0
    capsys.readouterr()
    assert main(["export", "claims", "-o", "out/claims.csv"]) == 2
    said(capsys, "out/claims.csv: cannot write there (no folder out)")
    assert main(["export", "series", "-o", "out/s.parquet"]) == 2
    said(capsys, "out/s.parquet: cannot write there (no folder out)")
    assert main(["report", "-o", "out/r.html"]) == 2
    said(capsys, "out/r.html: cannot write there (no folder out)")
    (in_tmp / "out").mkdir()
    assert main(["export", "claims", "-o", "out"]) == 2
    said(capsys, "out: is a folder (name a file)")
    assert list((in_tmp / "out").iterdir()) == []


@pytest.mark.parametrize("port", ["80000", "0", "http"])
def test_serve_checks_its_port(in_tmp, capsys, port):
    with pytest.raises(SystemExit) as e:
        main(["serve", "--port", port])
    assert e.value.code == 2
    err = capsys.readouterr().err
    assert f"argument --port: {port!r}" in err or f"argument --port: {port} is not a port number (1 to 65535)" in err
    assert "Traceback" not in err


def test_a_missing_or_unreadable_topic_file_is_named(in_tmp, capsys):
    (in_tmp / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert main(["ingest", "-q", "a.txt", "--topic", "missing.toml"]) == 2
    said(capsys, "missing.toml: no such topic file")
    assert not (in_tmp / "claimscope.db").exists()  # said before a ledger was made
    (in_tmp / "latin1.toml").write_bytes("[topic]\nid = 'caf\xe9'\n".encode("latin-1"))
    assert main(["ingest", "-q", "a.txt", "--topic", "latin1.toml"]) == 2
    said(capsys, "latin1.toml: cannot read the topic file (not UTF-8 text)")
    assert main(["ingest", "-q", "a.txt"]) == 0
    capsys.readouterr()
    for command in (["reextract"], ["series"], ["report"], ["export", "series", "-o", "s.csv"]):
        assert main([*command, "--topic", "missing.toml"]) == 2
        said(capsys, "missing.toml: no such topic file")


def test_serve_on_a_port_in_use_says_so_before_serving(in_tmp, capsys):
    import socket

    (in_tmp / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert main(["ingest", "-q", "a.txt"]) == 0
    capsys.readouterr()
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert f"cannot serve on 127.0.0.1:{port}: Address already in use" in err
    assert "serving" not in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_ingest_warns_of_a_folder_without_articles_and_of_annotation_files(in_tmp, capsys):
    (in_tmp / "empty").mkdir()
    assert main(["ingest", "-q", "empty"]) == 0
    err = capsys.readouterr().err
    assert "warning: no article in empty (claimscope reads .txt, .html and .jsonl files)" in err
    (in_tmp / "set").mkdir()
    (in_tmp / "set" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    gold = '{"id": "a.txt#1", "doc": "a.txt", "start": 14, "end": 28, "text": "environ 11 000", "value": 11000}\n'
    (in_tmp / "set" / "gold.jsonl").write_text(gold, encoding="utf-8")
    main(["ingest", "-q", "set"])
    err = capsys.readouterr().err
    assert "warning: set/gold.jsonl holds annotations (claims with their documents and offsets), not articles" in err
    assert main(["ingest", "-q", "set/a.txt"]) == 0 and "warning" not in capsys.readouterr().err


@pytest.mark.parametrize("command", [["claims"], ["ingest", "a.txt"], ["serve"]])
def test_an_unreachable_postgresql_is_one_line_with_its_password_hidden(in_tmp, capsys, command):
    (in_tmp / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert main([*command, "--db", "postgresql://ana:secret@127.0.0.1:1/ledger"]) == 2
    err = capsys.readouterr().err
    assert "postgresql://ana:***@127.0.0.1:1/ledger: connection failed" in err
    assert "secret" not in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
