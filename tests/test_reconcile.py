"""Copies, origins, series and disagreement rows on the bundled sample articles, through the
real pipeline, and like-with-like on figures of other kinds."""
import json
from dataclasses import replace
from datetime import date

import pytest

from claimscope.cli import main
from claimscope.reconcile import Interval, interval, reconcile
from claimscope.reconcile.rows import bucket, grain, says
from claimscope.records import Claim
from claimscope.topic import load_topic


@pytest.fixture(scope="module")
def samples():
    from importlib import resources

    from claimscope.extract.pipeline import Extractors
    from claimscope.ingest import read

    folder = resources.files("claimscope").joinpath("samples")
    docs = list(read([str(folder)]))
    claims = [c for _, cs in Extractors().extract_many(docs) for c in cs]  # each in its language, as `demo` does
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


def rows(r, measure):
    return [row for row in r.rows if row.measure == measure]


def compared(row):
    """{origin: [values]} of the figures a row compares, in the origin's order."""
    return {o: [f.view.claim.value for f in figs if f.role == "compared"] for o, figs in row.origins.items()}


def test_workers_disagree_and_the_nis_revised_its_killed(samples):
    _, _, r = samples
    [workers] = rows(r, "dprk_workers_sent")
    assert workers.verdict == "disagree" and sorted(v for vs in compared(workers).values() for v in vs) == [5000, 25000]
    assert len(workers.compared_origins) == 2 and workers.spread == 4.0
    [killed] = rows(r, "dprk_troops_killed")
    assert killed.verdict == "revised" and killed.revised == ["South Korea NIS"]
    assert compared(killed) == {"South Korea NIS": [300, 2000]}  # the undated first estimate, then the dated one
    assert [f.superseded for f in killed.origins["South Korea NIS"]] == [True, False]
    assert len(killed.claims) == 3  # the bullet's repeat of 300 stands behind it, not as a figure of its own


def test_one_row_per_measure_and_period_and_every_claim_in_one_row(samples):
    _, _, r = samples
    keys = [(row.measure, row.period) for row in r.rows]
    assert len(keys) == len(set(keys))
    ids = [cid for row in r.rows for cid in row.claims]
    assert sorted(ids) == sorted(r.views)  # nothing dropped, nothing listed twice
    # the ~11,000 -> ~15,000 of the NIS is one revision, in one row
    revised = [row for row in r.rows if row.verdict == "revised" and row.measure == "dprk_troops_sent"]
    assert [compared(row)["South Korea NIS"] for row in revised] == [[11000, 15000]]
    # a plan beside deeds is shown, not compared
    roles = {f.view.claim.value: f.role for f in revised[0].origins["South Korea NIS"]}
    assert roles[11000] == roles[15000] == "compared" and roles[5000] == "planned"


def test_the_reinforcements_are_in_no_contradiction_or_revision(samples):
    docs, claims, r = samples

    def reinforcements(r):
        return [row for row in r.rows if any(f.view.claim.value == 3000 for fs in row.origins.values() for f in fs)]

    [row] = reinforcements(r)
    assert row.verdict not in ("disagree", "revised")
    # as the GUIDE has it, an increment: shown with the ~15,000 it adds to, which it does not contradict
    marked = [replace(c, kind="increment") if c.value == 3000 else c for c in claims]
    [row] = reinforcements(reconcile(docs, marked, load_topic()))
    assert row.period == "2025-04" and row.verdict == "agree"
    nis = {f.view.claim.value: f.role for f in row.origins["South Korea NIS"]}
    assert nis == {15000: "compared", 3000: "increment"}


def test_troops_sent_series_in_time_order_with_periods(samples):
    _, _, r = samples
    s = r.series["dprk_troops_sent"]
    values = [v.claim.value for v in s.claims if v.repeat_of is None]
    assert 11000 in values and 15000 in values
    fifteen = next(v for v in s.claims if v.claim.value == 15000 and v.claim.doc.startswith("001"))
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
    assert main(["conflicts", "--format", "jsonl"]) == 0
    out, err = capsys.readouterr()
    lines = [json.loads(line) for line in out.splitlines()]
    workers = next(x for x in lines if x["measure"] == "dprk_workers_sent")
    assert workers["verdict"] == "disagree" and workers["period"] == "2025-11" and len(workers["claims"]) == 2
    assert sorted(f["figure"] for o in workers["origins"] for f in o["figures"]) == ["5,000", "~25,000"]
    assert err.startswith(f"{len(lines)} rows: ") and "1 more on figures no measure selects" in err
    assert main(["conflicts", "dprk_troops_killed", "--verdict", "revised", "--format", "jsonl"]) == 0
    [killed] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [f["figure"] for f in killed["origins"][0]["figures"]] == ["300", "~2,000"]
    assert main(["conflicts", "--verdict", "disagree"]) == 0
    out, err = capsys.readouterr()
    assert "25,000" in out and "revised" not in out and err.startswith("1 row: 1 disagree")
    assert main(["conflicts", "no_such_measure"]) == 2
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


# -- like with like, on figures of other kinds ----------------------------------------------


def claim(value, source, measure="losses", kind="total", when="2025-06-10", status="actual", **kw):
    return Claim(doc=f"{source}.txt", start=0, end=1, text=str(value), value=value, source=source, measure=measure,
                 kind=kind, time_end=when, status=status, **kw)


def test_a_rate_is_compared_with_rates_per_day_never_with_a_total():
    r = reconcile([], [claim(950000, "Kyiv"), claim(1000, "Kyiv", kind="rate", per="day", qualifier="about"),
                       claim(7000, "Berlin", kind="rate", per="week", qualifier="about")])
    by_kind = {row.basis: row for row in r.rows}
    assert set(by_kind) == {"total", "rate per day"} and by_kind["total"].verdict == "one-origin-only"
    assert by_kind["rate per day"].verdict == "agree"  # 7,000 a week is 1,000 a day
    r = reconcile([], [claim(1000, "Kyiv", kind="rate", per="day"), claim(3000, "Berlin", kind="rate", per="day")])
    assert [row.verdict for row in r.rows] == ["disagree"]


def test_durations_and_ages_no_measure_counts_make_no_row():
    # "3 days" of one strike and "5 days" of another are no disagreement; a measure of days is compared
    r = reconcile([], [claim(3, "CGT", measure="other", unit="day"), claim(5, "Interior ministry", measure="other", unit="day"),
                       claim(61, "CNE", measure="other", unit="year"), claim(40, "CNE", measure="other", unit="person")])
    assert [row.measure for row in r.rows] == ["auto:person"]
    r = reconcile([], [claim(3, "CGT", measure="strike_days", unit="day"), claim(5, "Interior ministry", measure="strike_days", unit="day")])
    assert [row.verdict for row in r.rows] == ["disagree"]


def test_a_denial_is_no_claim_of_the_figure():
    denial = claim(300, "Kremlin", measure="tanks_lost", kind="denied", qualifier="at_least")
    r = reconcile([], [claim(10900, "Kyiv", measure="tanks_lost"), denial])
    [row] = r.rows
    assert row.verdict == "one-origin-only" and row.compared_origins == ["Kyiv"]
    assert [f.role for f in row.origins["Kremlin"]] == ["denied"]
    assert row.to_dict()["origins"][1]["figures"][0]["figure"] == "denies ≥300"
    [alone] = reconcile([], [denial]).rows
    assert alone.verdict == "denied-only"


def test_an_increment_is_shown_with_the_total_never_against_it():
    r = reconcile([], [claim(15000, "NIS", measure="sent", when="2025-04-30"),
                       claim(3000, "NIS", measure="sent", kind="increment", when="2025-03-31"),
                       claim(9000, "Kyiv", measure="sent", when="2025-04-20")])
    [row] = r.rows
    assert row.verdict == "disagree" and row.period == "2025-04"  # 15,000 against 9,000, not the 3,000
    assert {f.view.claim.value: f.role for f in row.origins["NIS"]} == {15000: "compared", 3000: "increment"}
    assert row.low == 9000
    # with no total to add to, increments are compared with each other
    [row] = reconcile([], [claim(3000, "NIS", kind="increment"), claim(3000, "Kyiv", kind="increment")]).rows
    assert (row.basis, row.verdict) == ("increment", "agree")


def test_an_origins_figures_for_different_periods_are_a_series_not_a_revision():
    series = [claim(25000, "Ministry", when="2024-01-03"), claim(25700, "Ministry", when="2024-01-25")]
    [row] = reconcile([], series).rows
    assert row.verdict == "one-origin-only" and compared(row) == {"Ministry": [25000, 25700]}
    # the same period, a different figure in a later statement (another article): a revision
    [row] = reconcile([], [claim(300, "NIS", when="2024-12-20"),
                           replace(claim(2000, "NIS", when="2024-12-20"), doc="NIS-later.txt")]).rows
    assert row.verdict == "revised"


def test_a_plan_is_compared_with_plans_only_when_nothing_is_done():
    [row] = reconcile([], [claim(5000, "NIS"), claim(8000, "Kyiv", status="planned")]).rows
    assert row.verdict == "one-origin-only" and [f.role for f in row.origins["Kyiv"]] == ["planned"]
    plans = [claim(5000, "NIS", status="planned"), claim(8000, "Kyiv", status="planned")]
    assert [row.verdict for row in reconcile([], plans).rows] == ["disagree"]


def test_rows_are_ranked_by_spread_then_origins_then_recency():
    r = reconcile([], [claim(100, "A", measure="m1"), claim(110, "B", measure="m1"),
                       claim(100, "A", measure="m2"), claim(300, "B", measure="m2"),
                       claim(100, "A", measure="m3", when="2025-01-01"), claim(120, "A", measure="m3", when="2025-02-01")])
    assert [(row.measure, row.period) for row in r.rows] == [("m2", "2025-06"), ("m1", "2025-06"), ("m3", "2025-02"),
                                                           ("m3", "2025-01")]


def test_the_period_grain_follows_the_span_of_a_measure():
    assert grain([date(2025, 1, 5), date(2025, 11, 30)]) == "month"
    assert grain([date(2023, 1, 5), date(2025, 1, 1)]) == "quarter"
    assert grain([date(2019, 1, 5), date(2025, 1, 1)]) == "year"
    assert bucket(date(2024, 2, 10), "month") == ("2024-02", date(2024, 2, 1), date(2024, 2, 29))
    assert bucket(date(2024, 11, 10), "quarter") == ("2024-Q4", date(2024, 10, 1), date(2024, 12, 31))
    assert bucket(None, "year") == ("undated", None, None)
    # a measure's rows follow its own span: two years of figures are cut by quarter
    [row] = [row for row in reconcile([], [claim(1, "A", when="2023-01-10"), claim(2, "A", when="2024-12-01")]).rows
             if row.end.year == 2024]
    assert row.period == "2024-Q4"


def test_a_total_for_a_period_of_its_own_is_compared_with_that_period_only():
    day = dict(measure="protesters", time_start="2023-03-07")
    r = reconcile([], [claim(25000, "Prefecture", when="2023-03-07", **day), claim(280000, "CGT", when="2023-03-07", **day),
                       claim(3000, "NIS", measure="sent", when="2025-03-31", time_start="2025-01-01"),
                       claim(15000, "Seoul", measure="sent", when="2025-03-31", time_start="2024-10-01")])
    by_period = {(row.measure, row.period): row for row in r.rows}
    assert by_period[("protesters", "on 2023-03-07")].verdict == "disagree"
    # 3,000 in the first quarter is not 15,000 since October: two rows, no contradiction
    assert by_period[("sent", "in 2025-Q1")].verdict == by_period[("sent", "2025-03")].verdict == "one-origin-only"
    assert by_period[("sent", "in 2025-Q1")].to_dict()["over"] == "that period only"


def test_a_lone_denial_ranks_last():
    r = reconcile([], [claim(300, "Kremlin", measure="tanks_lost", kind="denied"), claim(5, "A", measure="m"),
                       claim(9, "B", measure="m")])
    assert [row.verdict for row in r.rows] == ["disagree", "denied-only"]


def test_different_figures_of_one_origin_in_one_article_are_no_revision():
    # an article that gives 42,000 and 400,000 from one origin states two quantities, not a change
    one_article = [claim(42000, "Interior ministry", when="2023-04-13"),
                   replace(claim(400000, "Interior ministry", when="2023-04-13"), start=50, end=57)]
    [row] = reconcile([], one_article).rows
    assert row.verdict == "several-figures" and row.revised == [] and row.spread is None
    assert says(row.origins["Interior ministry"]) == "42,000; 400,000"  # side by side, neither replaces the other
    # the same two figures in two articles: the later one revises the earlier
    two_articles = [one_article[0], replace(one_article[1], doc="later.txt")]
    [row] = reconcile([], two_articles).rows
    assert row.verdict == "revised" and row.revised == ["Interior ministry"]
    # beside another origin's figure the row is judged as before: a disagreement
    [row] = reconcile([], [*one_article, claim(380000, "CGT", when="2023-04-13")]).rows
    assert row.verdict == "disagree"
