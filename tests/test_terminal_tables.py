"""Tables on a terminal of 80 or 120 columns break lines between words, never inside a word or
a number ("artille/ry", "2025-03-/12" before): every value of the ledger that the table shows
is found whole in what was printed, and no line is wider than the terminal."""
import pytest

from claimscope.cli import main
from claimscope.formatting import figure_label
from claimscope.store import Ledger
from claimscope.terminal import print_table


@pytest.fixture(scope="module")
def sample_ledger(tmp_path_factory):
    """The demo's ledger (the bundled sample articles), with one correction."""
    import os

    folder = tmp_path_factory.mktemp("tables")
    here = os.getcwd()
    os.chdir(folder)
    try:
        assert main(["demo", "-o", "r.html"]) == 0
        first = Ledger("claimscope.db").claims()[0]
        assert main(["correct", f"{first.doc}#1", "--source", "Institute for the Study of War",
                     "--note", "a longer note that has to wrap over several lines of a narrow table", "--by", "ana"]) == 0
    finally:
        os.chdir(here)
    return str(folder / "claimscope.db")


def printed(capsys, monkeypatch, width: int, *args: str) -> str:
    monkeypatch.setenv("COLUMNS", str(width))
    capsys.readouterr()
    assert main(list(args)) == 0
    out = capsys.readouterr().out
    assert out.strip()
    assert max(len(line) for line in out.splitlines()) <= width
    return out


def assert_whole(out: str, values) -> None:
    broken = [v for v in values if v and v not in out]
    assert not broken, f"broken across lines: {broken[:5]}"


@pytest.mark.parametrize("width", [80, 120])
def test_claims_keep_their_words_whole(sample_ledger, capsys, monkeypatch, width):
    out = printed(capsys, monkeypatch, width, "claims", "--db", sample_ledger)
    claims = Ledger(sample_ledger).claims()
    assert_whole(out, {c.doc for c in claims} | {c.measure for c in claims} | {figure_label(c) for c in claims}
                 | {d for c in claims for d in (c.time_start, c.time_end)}
                 | {w for c in claims for w in (c.source or "").split()})


@pytest.mark.parametrize("width", [80, 120])
def test_documents_corrections_and_conflicts_keep_their_words_whole(sample_ledger, capsys, monkeypatch, width):
    ledger = Ledger(sample_ledger)
    docs = ledger.documents()
    out = printed(capsys, monkeypatch, width, "documents", "--db", sample_ledger)
    assert_whole(out, {d["name"] for d in docs} | {d["date"] for d in docs}
                 | {w for d in docs for w in (d["title"] or "")[:70].split()})
    out = printed(capsys, monkeypatch, width, "corrections", "--db", sample_ledger)
    assert_whole(out, {"Institute", "Study", "ana", "several", "narrow"})
    out = printed(capsys, monkeypatch, width, "conflicts", "--db", sample_ledger)
    assert_whole(out, {"dprk_workers_sent", "disagree", "5,000", "~25,000", "revised", "~2,000"})


def test_a_cell_of_several_lines_keeps_its_lines_and_escapes_each(capsys):
    print_table(("who", "says"), [("NIS", "300\n~2,000"), ("x\x1b]0;t\x07", "1")])
    out = capsys.readouterr().out
    assert "\\x0a" not in out and "~2,000" in out and "\x1b" not in out and "\\x1b" in out


def test_optional_columns_go_before_a_table_breaks_words(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    rows = [("document-with-a-long-name.txt", "artillery", "2025-03-12", "yes")]
    print_table(("doc", "unit", "date", "hedged"), rows, optional=("hedged",))
    out = capsys.readouterr().out
    assert "hedged" not in out and all(v in out for v in rows[0][:3])
    monkeypatch.setenv("COLUMNS", "40")
    print_table(("doc", "unit", "date", "hedged"), rows, optional=("hedged",))
    out = capsys.readouterr().out  # too narrow for a table: a block per row, every field kept
    assert "┃" not in out and all(v in out for v in rows[0])


@pytest.mark.parametrize("width", [80, 120])
def test_series_and_sources_keep_their_words_whole(sample_ledger, capsys, monkeypatch, width):
    claims = [c for c in Ledger(sample_ledger).claims() if c.measure and c.measure != "other"]  # series leaves "other" out
    out = printed(capsys, monkeypatch, width, "series", "--db", sample_ledger)
    assert_whole(out, {c.measure for c in claims} | {c.doc for c in claims}
                 | {d for c in claims for d in (c.time_start, c.time_end)}
                 | {w for c in claims for w in (c.source or "").split()})
    out = printed(capsys, monkeypatch, width, "sources", "--db", sample_ledger)
    assert_whole(out, {c.measure for c in claims} | {w for c in claims for w in (c.source or "").split()})
