"""Magnitudes and scaled units in any news (issue 13): a scale word glued to the numerals
("£20billion"), a glued "k" on any figure ("103k jobs"), pence ("13.7p"), the French financial
press's "ME" (millions of euros), and "pc" for percent. Each form comes from the language files,
and every one of them reads back its value (hypothesis)."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimscope.extract.numbers import find_figures
from claimscope.lang import load_language


def read(text, lang):
    return [(text[f.start:f.end], f.value, f.value_high, f.unit) for f in find_figures(text, lang)]


# Sentences written for these tests
@pytest.mark.parametrize("lang, text, expected", [
    ("en", "The Treasury borrowed £20billion more than forecast.", [("£20billion", 2e10, None, "gbp")]),
    ("en", "The utility will invest $1.5trillion over a decade.", [("$1.5trillion", 1.5e12, None, "usd")]),
    ("en", "Payrolls grew by 103k jobs in March.", [("103k", 103_000, None, None)]),
    ("en", "The petition passed 25k signatures overnight.", [("25k", 25_000, None, None)]),
    # after a change word, "X to Y" is the change and the level reached, not a range
    ("en", "Shares in the miner fell 2.84pc or 13.7p to 468.4p.",
     [("2.84pc", 2.84, None, "percent"), ("13.7p", 0.137, None, "gbp"), ("468.4p", 4.684, None, "gbp")]),
    ("fr", "Le chiffre d'affaires s'établit à 325,90 ME au premier semestre.", [("325,90 ME", 3.259e8, None, "eur")]),
    ("fr", "Il vise un chiffre d'affaires compris entre 675 et 700 ME.",
     [("entre 675 et 700 ME", 6.75e8, 7e8, "eur")]),
    ("fr", "La chaîne compte désormais 10k abonnés.", [("10k", 10_000, None, None)]),
    # what stays as it was: a spaced scale word, a clock time, a code, a word that begins with a scale
    ("en", "Some 2.5 million people voted.", [("Some 2.5 million", 2.5e6, None, None)]),
    ("en", "The meeting ends at 5 p.m. on Friday.", []),
    ("en", "The jet is an A320 fitted with 180 seats.", [("180", 180, None, None)]),
    ("en", "He listed 3 PCs and 40 printers.", [("3", 3, None, None), ("40", 40, None, None)]),
    ("fr", "Le groupe emploie 1 200 MEDECINS.", [("1 200", 1200, None, None)]),
])
def test_glued_magnitudes_and_scaled_units(lang, text, expected):
    assert read(text, lang) == expected


def forms(lang):
    """(written after the numerals, factor, unit) of every glued magnitude and scaled unit of a language."""
    n = load_language(lang).numbers
    out = [(k, float(v), None) for k, v in n.get("glued_magnitudes", {}).items()]
    out += [(k, float(f), u) for k, (f, u) in n.get("scaled_units_after", {}).items()]
    out += [(k, float(v), None) for k, v in n["scales"].items() if len(k) > 3]  # glued scale words
    return out


@settings(max_examples=150, deadline=None)
@given(lang=st.sampled_from(["en", "fr"]), n=st.integers(min_value=1, max_value=999), data=st.data())
def test_every_glued_or_scaled_form_reads_back(lang, n, data):
    suffix, factor, unit = data.draw(st.sampled_from(forms(lang)))
    space = data.draw(st.sampled_from(["", " "])) if unit else ""
    text = f"Le total: {n}{space}{suffix} cette fois." if lang == "fr" else f"The total: {n}{space}{suffix} this time."
    [(span, value, _, got_unit)] = read(text, lang)
    assert span == f"{n}{space}{suffix}" and value == pytest.approx(n * factor) and got_unit == unit


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "Exports rose 3 to 5 tonnes a week.", [("3", 3, None, None), ("5", 5, None, None)]),
    ("en", "The insurer sank 7.37pc or 17.8p to 223.9p on Monday.",
     [("7.37pc", 7.37, None, "percent"), ("17.8p", 0.178, None, "gbp"), ("223.9p", 2.239, None, "gbp")]),
    # a phrasal verb's particle is no change word, and a dash or "between" still joins a range
    ("en", "Imports made up 50 to 60 percent of the total.", [("50 to 60 percent", 50, 60, "percent")]),
    ("en", "Prices rose 3-5% in the spring.", [("3-5%", 3, 5, "percent")]),
    ("en", "Sales fell between 4 and 6 percent.", [("between 4 and 6 percent", 4, 6, "percent")]),
])
def test_after_a_change_word_x_to_y_is_two_figures(lang, text, expected):
    assert read(text, lang) == expected


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "Only two out of 10 adults were victims of crime.", [("two out of 10", 20, None, "percent")]),
    ("en", "One TGV out of three will run on Tuesday.", [("One TGV out of three", 100 / 3, None, "percent")]),
    ("en", "Almost three out of ten teachers walked out.", [("Almost three out of ten", 30, None, "percent")]),
    ("fr", "Trois Français sur quatre y sont opposés, un sur deux fermement.",
     [("Trois Français sur quatre", 75, None, "percent"), ("un sur deux", 50, None, "percent")]),
    # two counts, not a share: a denominator past 100, or a numerator not under it
    ("fr", "La CGT annonce 10 000 manifestants sur 200 000 attendus.", [("10 000", 10_000, None, None), ("200 000", 200_000, None, None)]),
    ("en", "Only 2 out of 1,000 cases were solved.", [("2", 2, None, None), ("1,000", 1000, None, None)]),
])
def test_n_out_of_m_is_a_share(lang, text, expected):
    got = read(text, lang)
    assert [(t, u) for t, _, _, u in got] == [(t, u) for t, _, _, u in expected]
    assert [v for _, v, _, _ in got] == pytest.approx([v for _, v, _, _ in expected])


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "The council has a £50 million budget gap for 2024-25.", [("£50 million", 5e7, None, "gbp")]),
    ("en", "By 2013-14 the budget could be 7-13 per cent lower.", [("7-13 per cent", 7, 13, "percent")]),
    ("fr", "Le budget 2023/24 prévoit 3 M€ de plus.", [("3 M€", 3e6, None, "eur")]),
])
def test_a_fiscal_year_is_no_figure(lang, text, expected):
    assert read(text, lang) == expected


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "House prices fell by 0.1% in the 12 months to September 2023.", [("0.1%", 0.1, None, "percent")]),
    ("en", "Crime rose 9% compared with the previous 12 months.", [("9%", 9, None, "percent")]),
    ("fr", "Les prix ont monté de 3 % sur les 12 mois jusqu'à fin septembre.", [("3 %", 3, None, "percent")]),
    # a duration that is the claim stays one
    ("en", "It took 18 months to build 300 homes.", [("18", 18, None, None), ("300", 300, None, None)]),
])
def test_a_period_up_to_a_month_is_no_figure(lang, text, expected):
    assert read(text, lang) == expected
