"""Claims exports a colleague can use: the claim id, the evidence sentence and the document's
title, date, publisher and URL in every format (issue 15)."""
import csv
import json

import pytest

from claimscope.cli import main

TEXT = ("Selon le NIS, environ 11 000 soldats nord-coréens ont été déployés en Russie. "
        "Le NIS estime qu'environ 300 d'entre eux ont été tués.")
RECORD = {"id": "nk-1", "text": TEXT, "title": "Les soldats nord-coréens", "date": "2025-03-12",
          "publisher": "Le Monde", "url": "https://example.org/nk-1"}
EXPECTED = [
    ("nk-1#1", 11000.0, "Selon le NIS, environ 11 000 soldats nord-coréens ont été déployés en Russie."),
    ("nk-1#2", 300.0, "Le NIS estime qu'environ 300 d'entre eux ont été tués."),
]


@pytest.fixture()
def ledger(in_tmp, capsys):
    (in_tmp / "in.jsonl").write_text(json.dumps(RECORD, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["ingest", "-q", "in.jsonl"]) == 0
    capsys.readouterr()
    return in_tmp


def check(rows: list[dict]) -> None:
    assert [(r["id"], float(r["value"]), r["sentence"]) for r in rows] == EXPECTED
    for r in rows:
        assert (r["doc_title"], r["doc_date"], r["doc_publisher"], r["doc_url"]) == (
            "Les soldats nord-coréens", "2025-03-12", "Le Monde", "https://example.org/nk-1")
        assert TEXT[int(r["sentence_start"]):int(r["sentence_end"])] == r["sentence"]


def test_every_claims_export_carries_ids_sentences_and_documents(ledger, capsys):
    assert main(["export", "claims", "-o", "c.csv"]) == 0
    with open(ledger / "c.csv", encoding="utf-8", newline="") as f:
        check(list(csv.DictReader(f)))
    assert main(["export", "claims", "-o", "c.jsonl"]) == 0
    check([json.loads(row) for row in (ledger / "c.jsonl").read_text(encoding="utf-8").splitlines()])
    assert main(["export", "claims", "-o", "c.parquet"]) == 0
    import pyarrow.parquet as pq

    check(pq.read_table(ledger / "c.parquet").to_pylist())
    capsys.readouterr()
    assert main(["claims", "--format", "csv"]) == 0
    table = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    check(table)
    assert main(["claims", "--format", "jsonl"]) == 0
    rows = [json.loads(row) for row in capsys.readouterr().out.splitlines()]
    check(rows)
    assert list(table[0]) == list(rows[0])  # the CSV's columns are every field the records have, in order
    assert rows[0]["via"] == [] and rows[0]["why"]  # JSON keeps the lists


def test_claim_ids_are_the_ones_series_and_the_web_pages_give(ledger, capsys):
    assert main(["series", "dprk_troops_killed", "--format", "jsonl"]) == 0
    [series] = [json.loads(row) for row in capsys.readouterr().out.splitlines()]
    assert main(["claims", "--measure", "dprk_troops_killed", "--format", "jsonl"]) == 0
    [claim] = [json.loads(row) for row in capsys.readouterr().out.splitlines()]
    assert series["claim"] == claim["id"] == "nk-1#2"


def test_an_extension_and_a_format_that_disagree_are_refused(ledger, capsys):
    assert main(["export", "claims", "-o", "x.csv", "--format", "parquet"]) == 2
    err = capsys.readouterr().err
    assert err == "claimscope: x.csv: the name says csv and --format says parquet (make them agree)\n"
    assert not (ledger / "x.csv").exists()
    assert main(["export", "claims", "-o", "x.data", "--format", "csv"]) == 0  # a name that says nothing
    assert (ledger / "x.data").read_text(encoding="utf-8").startswith("id,doc,doc_title")
    assert main(["export", "claims", "-o", "x.data"]) == 2
    assert "say --format csv, jsonl or parquet" in capsys.readouterr().err
