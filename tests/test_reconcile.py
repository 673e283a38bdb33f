"""Copies, origins, series and flags on the bundled sample articles, through the real pipeline."""
import pytest

from claimscope.cli import main
from claimscope.reconcile import Interval, interval, reconcile
from claimscope.records import Claim
from claimscope.topic import load_topic


@pytest.fixture(scope="module")
def samples(extractor):
    from importlib import resources

    from claimscope.ingest import read

    folder = resources.files("claimscope").joinpath("samples")
    docs = list(read([str(folder)]))
    claims = [c for _, cs in extractor.extract_many(docs) for c in cs]
    return docs, claims, reconcile(docs, claims, load_topic())


def test_the_rewrite_is_marked_as_a_copy_of_its_original(samples):
    _, _, r = samples
    assert [(c.doc[:3], c.original[:3], c.original_article, c.kind) for c in r.copies] == [("003", "000", 0, "rewrite")]


def test_repeated_figures_take_the_original_claims_origin(samples):
    _, _, r = samples
    deminers = [v for v in r.series["dprk_deminers_sent"].claims]
    assert {v.origin for v in deminers} == {"Sergei Shoigu"}
    repeat = next(v for v in deminers if v.claim.doc.startswith("003"))
    assert repeat.repeat_of.startswith("000") and repeat.claim.source is None
    assert all(v.claim.status == "planned" for v in deminers)


def flags(r, kind, series):
    return [f for f in r.flags if f.kind == kind and f.series == series]


def test_workers_contradiction_and_nis_killed_revision(samples):
    _, _, r = samples
    [workers] = flags(r, "contradiction", "dprk_workers_sent")
    values = sorted(r.views[c].claim.value for c in workers.claims)
    assert values == [5000, 25000]
    revisions = flags(r, "revision", "dprk_troops_killed")
    assert revisions and all(r.views[c].origin == "South Korea NIS" for f in revisions for c in f.claims)
    first, then = (r.views[c].claim.value for c in revisions[0].claims)
    assert (first, then) == (300, 2000)


def test_troops_sent_series_in_time_order_with_periods(samples):
    _, _, r = samples
    s = r.series["dprk_troops_sent"]
    values = [v.claim.value for v in s.claims if v.repeat_of is None]
    assert 11000 in values and 15000 in values
    fifteen = next(v for v in s.claims if v.claim.value == 15000)
    # "Depuis octobre 2024": from then to the article's date (the GUIDE's time rule)
    assert fifteen.claim.time_start == "2024-10-01" and fifteen.claim.time_end == "2025-11-08"


def test_intervals_follow_the_qualifier():
    base = dict(doc="d", start=0, end=1, text="x")
    assert interval(Claim(**base, value=100, qualifier="at_least")).high == float("inf")
    assert interval(Claim(**base, value=100, qualifier="at_most")) == Interval(0.0, 100)
    assert interval(Claim(**base, value=10, value_high=12, qualifier="range")) == Interval(10, 12)
    about = interval(Claim(**base, value=1000, qualifier="about"))
    assert about.low < 1000 < about.high and not about.overlaps(interval(Claim(**base, value=2000)))


def test_cli_faces_of_the_reconciliation(in_tmp, capsys):
    assert main(["demo"]) == 0
    capsys.readouterr()
    assert main(["conflicts", "--kind", "contradiction", "--format", "jsonl"]) == 0
    out = capsys.readouterr().out
    assert "dprk_workers_sent" in out and '"flag": "contradiction"' in out
    assert main(["series", "dprk_troops_killed", "--format", "csv"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0].startswith("series,when,figure") and len(rows) == 4
    assert main(["sources", "--format", "csv"]) == 0
    assert "South Korea NIS" in capsys.readouterr().out
    assert main(["export", "claims", "-o", "claims.parquet"]) == 0
    import pyarrow.parquet as pq

    from claimscope.store import Ledger

    table = pq.read_table("claims.parquet")
    assert table.num_rows == Ledger("claimscope.db").counts()["claims"] == 34  # 24 French, 10 English
    assert set(table.column("lang").to_pylist()) == {"fr", "en"}
    assert main(["series", "no_such_measure"]) == 2
