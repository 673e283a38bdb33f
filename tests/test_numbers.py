"""The number finder: formats, qualifiers, ranges, and what is not a claim."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimscope.extract.numbers import find_figures, parse_number


def figures(text):
    return [(text[f.start:f.end], f.value, f.value_high, f.qualifier, f.unit) for f in find_figures(text, "fr")]


@pytest.mark.parametrize("text,expected", [
    ("environ 11 000 soldats", [("environ 11 000", 11000, None, "about", None)]),
    ("11\u00a0000 soldats", [("11\u00a0000", 11000, None, "exact", None)]),
    ("11\u202f000 soldats", [("11\u202f000", 11000, None, "exact", None)]),
    ("1.000 démineurs", [("1.000", 1000, None, "exact", None)]),
    ("2,3 millions de dollars", [("2,3 millions", 2_300_000, None, "exact", None)]),
    ("1,5 milliard d'euros", [("1,5 milliard", 1_500_000_000, None, "exact", None)]),
    ("deux mille ouvriers", [("deux mille", 2000, None, "exact", None)]),
    ("un millier d'ouvriers", [("un millier", 1000, None, "about", None)]),
    ("près de la moitié des obus", [("près de la moitié", 50, None, "nearly", "percent")]),
    ("un tiers des obus", [("un tiers", 100 / 3, None, "exact", "percent")]),
    ("40 pour cent", [("40 pour cent", 40, None, "exact", "percent")]),
    ("près de 50 % des obus", [("près de 50 %", 50, None, "nearly", "percent")]),
    ("au moins 150 missiles", [("au moins 150", 150, None, "at_least", None)]),
    ("jusqu’à 8 000 soldats", [("jusqu’à 8 000", 8000, None, "at_most", None)]),
    ("plus de 300 soldats", [("plus de 300", 300, None, "at_least", None)]),
    ("moins de 20 soldats", [("moins de 20", 20, None, "at_most", None)]),
    ("qu’environ 300 soldats", [("environ 300", 300, None, "about", None)]),
    ("entre 10 000 et 12 000 soldats", [("entre 10 000 et 12 000", 10000, 12000, "range", None)]),
    ("de 10 000 à 12 000 soldats", [("10 000 à 12 000", 10000, 12000, "range", None)]),
    ("10.000-12.000 soldats", [("10.000-12.000", 10000, 12000, "range", None)]),
    ("entre 4 et 6 millions de dollars", [("entre 4 et 6 millions", 4e6, 6e6, "range", None)]),
    # in words, the high end's scale applies to the low end too; a small range stays small
    ("devraient coûter entre trois et cinq milliards", [("entre trois et cinq milliards", 3e9, 5e9, "range", None)]),
    ("entre trois et quatre morts", [("entre trois et quatre", 3, 4, "range", None)]),
    # a bound on the high end is still the range's
    ("entre 390 et jusqu'à 430 députés", [("entre 390 et jusqu'à 430", 390, 430, "range", None)]),
    # a verb of going past a figure says more than it
    ("le bilan dépasse les 26 000 morts", [("dépasse les 26 000", 26000, None, "at_least", None)]),
    ("le bilan a franchi la barre des 10 000", [("franchi la barre des 10 000", 10000, None, "at_least", None)]),
    # a comparison before a figure bounds it
    ("une hausse supérieure à 40 %", [("supérieure à 40 %", 40, None, "at_least", "percent")]),
    ("un taux inférieur ou égal à 4,5 %", [("inférieur ou égal à 4,5 %", 4.5, None, "at_most", "percent")]),
    ("près des trois quarts des transfuges", [("près des trois quarts", 75, None, "nearly", "percent")]),
])
def test_figures(text, expected):
    assert figures(text) == [(t, pytest.approx(v), h, q, u) for t, v, h, q, u in expected]


@pytest.mark.parametrize("text", [
    "en 2025", "le 6 novembre 2025", "08.11.2025 16:45", "à 16 heures", "le 80e anniversaire", "la 11e brigade",
    "des missiles KN-23", "l'obusier M-1989", "des drones Geran-2", "des canons de 170 mm", "l'article 4 du traité",
    "six mois plus tôt", "il y a deux semaines", "les deux pays", "des milliers de soldats", "plusieurs centaines",
    "la résolution 2270", "https://example.org/2024/11/300-soldats", "le 05/11", "qui seraient tous deux vivants",
    "il y a presque un an", "deux ou trois mois plus tard", "deux à trois semaines auparavant",
])
def test_not_claims(text):
    assert figures(text) == []


def french(n: int, sep: str) -> str:
    s = f"{n:,}".replace(",", sep)
    return s


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1000, max_value=999_999_999), st.sampled_from([" ", "\u00a0", "\u202f", "."]))
def test_round_trip_grouped(n, sep):
    assert parse_number(french(n, sep), "fr") == n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=999), st.integers(min_value=1, max_value=9),
       st.sampled_from([("millions", 1e6), ("milliards", 1e9)]))
def test_round_trip_scaled(whole, tenth, scale):
    word, factor = scale
    assert parse_number(f"{whole},{tenth} {word}", "fr") == pytest.approx((whole + tenth / 10) * factor)


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_no_crash_and_exact_offsets(text):
    for f in find_figures(text, "fr"):
        assert 0 <= f.start <= f.num_start <= f.num_end <= f.end <= len(text)
        assert f.value >= 0


@pytest.mark.parametrize("text,lang,expected", [
    ("Insurance payouts reached €741m so far", "en", [(741_000_000, "eur")]),
    ("a $13.6M fine", "en", [(13_600_000, "usd")]),
    ("Britain pays £476m to France", "en", [(476_000_000, "gbp")]),
    ("between 3pm and 4pm", "en", []),
    ("le 29 et 30 octobre 2024", "fr", []),
    ("on 3 and 4 March 2024", "en", []),
    ("this Thursday (29), with 1,581 arrests", "en", [(1581, None)]),
    ("70 Palestinians killed in past 24 hours", "en", [(70, None)]),
    ("the M4 motorway and 3m people", "en", [(3, None)]),  # no currency: no magnitude read
    ("between 390 and up to 430 seats", "en", [(390, None)]),  # one range, from 390
    # "il y a" and "in the last" make a relative date only before a time unit
    ("il y a 492 maisons évacuées", "fr", [(492, None)]),
    ("il y a deux semaines, 300 soldats", "fr", [(300, None)]),
    ("in the last 24h, 70 were killed", "en", [(70, None)]),
    ("In the past 24-hour period, 70 were killed", "en", [(70, None)]),
    ("in the last 48 hrs, 12 died", "en", [(12, None)]),
])
def test_dates_times_and_money_magnitudes(text, lang, expected):
    from claimscope.extract.numbers import find_figures

    assert [(f.value, f.unit) for f in find_figures(text, lang)] == expected


@pytest.mark.parametrize("text", ["Gaza death toll surpasses 60,000", "Losses have exceeded 5,000", "Sales topped 2 million"])
def test_a_verb_of_going_past_a_figure_says_at_least_that_much(text):
    from claimscope.extract.numbers import find_figures

    [figure] = find_figures(text, "en")
    assert figure.qualifier == "at_least"


@pytest.mark.parametrize("text,lang", [("an average of 72 trucks a day", "en"), ("en moyenne 181 camions par jour", "fr")])
def test_an_average_is_an_exact_figure_not_an_approximate_one(text, lang):
    from claimscope.extract.numbers import find_figures

    [figure] = find_figures(text, lang)
    assert figure.qualifier == "exact"


@pytest.mark.parametrize("text,qualifier", [
    ("Brent crude fell more than 5pc to below $77 a barrel", "at_most"),
    ("growth greater than 2 percent", "at_least"),
    # a rise "up to" a level is its direction, not a bound
    ("Unemployment ticked up to 5 percent", "exact"),
    ("Pyongyang could send up to 5,000 troops", "at_most"),
])
def test_an_english_comparison_before_a_figure_bounds_it(text, qualifier):
    from claimscope.extract.numbers import find_figures

    assert find_figures(text, "en")[-1].qualifier == qualifier


@pytest.mark.parametrize("text,value,qualifier", [
    ("WHO reports 60+ malnutrition-related deaths this month", 60, "at_least"),
    ("a 2+2 sum", 2, "exact"),  # a sum, no bound
])
def test_a_plus_glued_after_a_figure_says_at_least_that_much(text, value, qualifier):
    from claimscope.extract.numbers import find_figures

    figure = find_figures(text, "en")[0]
    assert (figure.value, figure.qualifier) == (value, qualifier)
