"""The timeline's geometry (views/timeline.py): ticks, scales, clipping, undated strip, marks."""
from datetime import date

from claimscope.reconcile import ClaimView, Series, interval
from claimscope.records import Claim
from claimscope.views import timeline as tl
from claimscope.views.search import fold, matches


def view(n, value, when, origin="NIS", **fields):
    c = Claim(doc="d.txt", start=n, end=n + 1, text=str(value), value=value, **fields)
    return ClaimView(f"d.txt#{n}", c, origin, None, interval(c), when, "m")


def series(*views):
    return Series("m", "troops", list(views))


# -- ticks ---------------------------------------------------------------------------------


def test_months_under_a_year_quarters_over_it_years_over_five():
    grain, ticks = tl.time_ticks(date(2025, 1, 10), date(2025, 6, 2))
    assert grain == "month" and [d for d, _ in ticks] == [date(2025, m, 1) for m in range(1, 7)]
    assert ticks[0][1] == "Jan 2025" and ticks[1][1] == "Feb"
    grain, ticks = tl.time_ticks(date(2024, 2, 1), date(2026, 1, 1))
    assert grain == "quarter" and ticks[0] == (date(2024, 1, 1), "2024 Q1") and ticks[-1][1] == "2026 Q1"
    grain, ticks = tl.time_ticks(date(2010, 5, 1), date(2025, 1, 1))
    assert grain == "year" and ticks[0][1] == "2010" and len(ticks) <= 16


def test_a_year_of_months_shows_every_other_month():
    grain, ticks = tl.time_ticks(date(2024, 1, 1), date(2024, 12, 31))
    assert grain == "month" and len(ticks) == 6 and ticks[1][0] == date(2024, 3, 1)


def test_dates_far_from_the_rest_leave_the_window():
    dated = [date(2025, 1, 1)] * 30 + [date(2025, 6, 1)] * 30 + [date(1996, 1, 1)]
    first, last = tl.time_window(sorted(dated))
    assert first > date(2024, 1, 1) and last >= date(2025, 6, 1)
    assert tl.time_window([date(2020, 1, 1), date(2025, 1, 1)]) == (date(2020, 1, 1), date(2025, 1, 1))


# -- the value scale ----------------------------------------------------------------------


def test_figures_of_one_order_are_linear_from_zero():
    s = tl.choose_scale([11000, 12000, 15000, 3000, 9000])
    assert s.kind == "linear" and s.bottom == 0 and s.top >= 15000 and not s.clipped
    assert s.ticks[0] == 0 and s.ticks[-1] == s.top


def test_an_outlier_is_clipped_not_flattening_the_rest():
    s = tl.choose_scale([1000, 1200, 1500, 1800, 2000, 2500, 3000, 950000])
    assert s.kind == "linear" and s.clipped and 3000 <= s.top < 10000
    assert s.fraction(950000) == 1.0 and 0.2 < s.fraction(2000) < 1.0


def test_figures_spanning_orders_of_magnitude_go_log():
    s = tl.choose_scale([10, 50, 300, 2000, 15000, 100000, 600000])
    assert s.kind == "log" and s.bottom <= 10 and s.top >= 600000
    assert s.ticks == [10 ** e for e in range(1, 7)]
    assert abs(s.fraction(1000) - 0.4) < 0.01


# -- marks ---------------------------------------------------------------------------------


def test_undated_claims_stand_in_their_own_strip():
    t = tl.timeline(series(view(1, 100, date(2025, 1, 5)), view(2, 200, None), view(3, 300, date(2025, 3, 1))))
    undated = [m for m in t.marks if m.undated]
    assert len(undated) == 1 and t.undated == 1
    assert all(m.x < t.plot_left - tl.GAP / 2 for m in undated)
    assert all(t.plot_left <= m.x <= t.plot_right for m in t.marks if not m.undated)
    assert "undated" in tl.svg(t)


def test_ranges_are_bars_open_bounds_arrows():
    t = tl.timeline(series(view(1, 2000, date(2025, 1, 1), value_high=3000),
                           view(2, 300, date(2025, 2, 1), qualifier="at_least"),
                           view(3, 500, date(2025, 3, 1), qualifier="at_most"),
                           view(4, 1000, date(2025, 4, 1))))
    forms = {m.id: m for m in t.marks}
    assert forms["d.txt#1"].form == "range" and forms["d.txt#1"].y_end < forms["d.txt#1"].y  # up the page
    up = forms["d.txt#2"]
    assert up.form == "up" and up.y_end < up.y and up.y_end > t.top  # an arrow, not a bar to the top
    assert forms["d.txt#3"].form == "down" and forms["d.txt#3"].y_end > forms["d.txt#3"].y
    svg = tl.svg(t)
    assert svg.count('class="bar"') == 1 and svg.count('class="arrow"') == 2


def test_each_origin_its_colour_and_shape_in_the_key():
    views = [view(i, 100 + i, date(2025, 1, 1 + i), origin=o) for i, o in enumerate(["NIS", "GUR", "ISW", "NIS"])]
    t = tl.timeline(series(*views))
    styles = {(k.colour, k.shape) for k in t.key}
    assert [k.origin for k in t.key] == ["NIS", "GUR", "ISW"] and len(styles) == 3
    assert len({k.colour for k in t.key}) == 3 and len({k.shape for k in t.key}) == 3
    by_origin = {m.origin: (m.colour, m.shape) for m in t.marks}
    assert by_origin == {k.origin: (k.colour, k.shape) for k in t.key}


def test_clipped_marks_are_marked_and_say_so():
    views = [view(i, v, date(2025, 1, 1 + i)) for i, v in enumerate([1000, 1200, 1500, 1800, 2000, 950000])]
    t = tl.timeline(series(*views), href=lambda cid: "/doc/x?claim=" + cid)
    clipped = [m for m in t.marks if m.clipped]
    assert [m.id for m in clipped] == ["d.txt#5"] and clipped[0].y == t.top
    assert "above the scale" in clipped[0].title and "950,000" in clipped[0].title
    svg = tl.svg(t)
    assert "▲" in svg and 'href="/doc/x?claim=d.txt#5"' in svg and any("drawn at the top" in n for n in t.notes)


def test_marks_on_one_spot_are_spread_apart():
    t = tl.timeline(series(*[view(i, 1000, date(2025, 1, 1), origin=f"o{i}") for i in range(5)]))
    assert len({m.x for m in t.marks}) == 5


def test_latest_by_origin_skips_repeats_and_denials():
    a = view(1, 100, date(2025, 1, 1))
    b = view(2, 200, date(2025, 5, 1))
    c = view(3, 300, date(2025, 6, 1), kind="denied")
    d = view(4, 400, date(2025, 2, 1), origin="GUR")
    latest = tl.latest_by_origin(series(a, b, c, d))
    assert [(v.origin, v.claim.value) for v in latest] == [("NIS", 200), ("GUR", 400)]


# -- search folding ------------------------------------------------------------------------


def test_search_ignores_accents_case_and_digit_grouping():
    assert matches("choigou", "Sergueï Choïgou a dit")
    assert matches("CHOÏGOU", "choigou")
    for grouped in ("15 000", "15,000", "15\u202f000", "15\u00a0000", "15.000"):
        assert matches("15000", f"about {grouped} troops"), grouped
    assert matches("15 000", "15,000 troops")
    assert not matches("1500", "15,000 troops") and not matches("15000", "150,000 troops")
    assert fold("1,5 million") == "1,5 million"  # a decimal comma is not a digit group


def test_ticks_never_crowd_and_cover_the_span():
    for lo in (date(2019, 3, 14), date(2024, 11, 2)):
        for days in (20, 200, 400, 700, 1200, 1800, 3000, 9000):
            hi = date.fromordinal(lo.toordinal() + days)
            grain, ticks = tl.time_ticks(lo, hi)
            assert 1 <= len(ticks) <= 10, (lo, hi, grain, ticks)
            assert ticks[0][0] <= lo and ticks[-1][0] <= hi, (lo, hi, ticks)
            assert len({label for _, label in ticks}) == len(ticks)


def test_value_ticks_are_round_and_neither_too_few_nor_too_many():
    for hi in (7, 23, 100, 950, 2_000, 20_000, 33_333, 999_999, 4.2e6):
        ticks = tl.nice_ticks(hi)
        assert 4 <= len(ticks) <= 8, (hi, ticks)
        assert ticks[0] == 0 and ticks[-1] >= hi and ticks[-2] < hi
