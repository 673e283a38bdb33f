"""Signs, points and designations in any news (issue 13): minus signs and negative changes,
percentage points, and names or addresses that a number completes (no figure)."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimscope.extract.kinds import KindReader
from claimscope.extract.numbers import find_figures
from claimscope.lang import load_language


def read(text, lang):
    return [(text[f.start:f.end], f.value, f.unit) for f in find_figures(text, lang)]


# Sentences written for these tests
@pytest.mark.parametrize("lang, text, expected", [
    ("fr", "Les exportations de vin ont chuté (-12 %) sur le trimestre.", [("12 %", -12, "percent")]),
    ("fr", "La consommation des ménages : \u20143,4 % sur un an.", [("3,4 %", -3.4, "percent")]),
    ("fr", "Le taux d'épargne recule encore (\u22120,3 pt).", [("0,3 pt", -0.3, "percentage point")]),
    ("en", "Retail sales fell \u22121.8% in March, the agency said.", [("1.8%", -1.8, "percent")]),
    ("en", "The operating margin was \u20132.4 per cent last year.", [("2.4 per cent", -2.4, "percent")]),
    ("en", "The fund reported a loss of -$3.2m for the year.", [("$3.2m", -3.2e6, "usd")]),
    # a hyphen between two numbers joins a range; a dash before a bare count is no minus
    ("en", "Turnout rose 7-9% in the northern districts.", [("7-9%", 7, "percent")]),
    ("en", "Among the injured -14 firefighters and 3 police officers.", [("14", 14, None), ("3", 3, None)]),
])
def test_a_glued_minus_makes_a_share_or_an_amount_negative(lang, text, expected):
    assert read(text, lang) == expected


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "Support for the party dropped 2.5 percentage points in a month.", [("2.5 percentage points", 2.5, "percentage point")]),
    ("en", "The jobless rate edged up 0.2 pts to 4.1%.", [("0.2 pts", 0.2, "percentage point"), ("4.1%", 4.1, "percent")]),
    ("fr", "Le chômage a reculé de 0,4 point de pourcentage au printemps.", [("0,4 point de pourcentage", 0.4, "percentage point")]),
    ("fr", "La part des seniors gagne 3 points de pourcentage depuis le scrutin.", [("3 points de pourcentage", 3, "percentage point")]),
    ("fr", "L'indice progresse de +1,5 pt.", [("1,5 pt", 1.5, "percentage point")]),
])
def test_percentage_points(lang, text, expected):
    assert read(text, lang) == expected


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "The S&P 500 closed 1.1% higher on Friday.", [("1.1%", 1.1, "percent")]),
    ("en", "The FTSE 100 shed 42 points as miners slid.", [("42", 42, None)]),
    ("en", "Apple sold the iPhone 15 for $799 at launch.", [("$799", 799, "usd")]),
    ("en", "Airlines ordered 120 Boeing 737 jets in all.", [("120", 120, None)]),
    ("en", "Protesters gathered outside 10 Downing Street on Sunday.", []),
    ("en", "The family lived at 742 Evergreen Terrace for years.", []),
    ("fr", "Le CAC 40 a cédé 2 % à la clôture.", [("2 %", 2, "percent")]),
    ("fr", "Le siège du parti, au 55 rue du Faubourg, a été évacué.", []),
    ("fr", "Le Nasdaq 100 a gagné 0,8 % et le SBF 120 a reculé.", [("0,8 %", 0.8, "percent")]),
    # the street words that do not follow a number, and plural counts, stay figures
    ("fr", "La ville a rénové 12 rues et 3 places cette année.", [("12", 12, None), ("3", 3, None)]),
    ("en", "Police closed 4 roads and 2 streets near the stadium.", [("4", 4, None), ("2", 2, None)]),
    # telephone numbers: a leading 0 or a country code, then groups of digits
    ("en", "Call 0800 123 456 for help; 3 volunteers answered.", [("3", 3, None)]),
    ("fr", "Appelez le 01 45 67 89 10 ou le +33 6 12 34 56 78 : 300 bénévoles répondent.", [("300", 300, None)]),
    ("fr", "La collecte a rassemblé 10 000 000 d'euros.", [("10 000 000", 10_000_000, None)]),
    # relative dates: either of two numbers before the unit, a qualifier after "il y a"; an "and"
    # between a count and a relative date joins no pair
    ("en", "The street looked the same two or three months later.", []),
    ("en", "The toll reached 300 and two days later it rose.", [("300", 300, None)]),
    ("fr", "La crue d'il y a près de deux ans avait tout emporté.", []),
])
def test_designations_and_addresses_are_not_figures(lang, text, expected):
    assert read(text, lang) == expected


@pytest.fixture(scope="module")
def readers():
    return {code: KindReader(load_language(code)) for code in ("fr", "en")}


@pytest.mark.parametrize("lang, before, after, kind", [
    ("fr", "Les ventes de voitures neuves (-", ") ont déçu.", "change"),
    ("en", "Core inflation was \u2212", " in May.", "change"),
    ("en", "-", " soldiers were captured.", "total"),  # a dash that opens a sentence is a bullet
])
def test_a_minus_sign_reads_as_a_change(readers, lang, before, after, kind):
    assert readers[lang].read(before, after)[0] == kind


MINUS = ["-", "\u2212", "\u2013", "\u2014"]
UNITS = {"en": [("%", "percent"), (" per cent", "percent"), (" percentage points", "percentage point"), (" pts", "percentage point")],
         "fr": [(" %", "percent"), ("%", "percent"), (" points de pourcentage", "percentage point"), (" pt", "percentage point")]}


@settings(max_examples=200, deadline=None)
@given(lang=st.sampled_from(["en", "fr"]), whole=st.integers(min_value=0, max_value=999), tenth=st.integers(0, 9), data=st.data())
def test_any_signed_share_or_point_reads_back(lang, whole, tenth, data):
    sign = data.draw(st.sampled_from(["", "+", *MINUS]))
    suffix, unit = data.draw(st.sampled_from(UNITS[lang]))
    dec = "." if lang == "en" else ","
    numeral = f"{whole}{dec}{tenth}"
    text = f"The figure moved ({sign}{numeral}{suffix}) this year." if lang == "en" else f"Le chiffre a bougé ({sign}{numeral}{suffix}) cette année."
    value = float(f"{whole}.{tenth}") * (-1 if sign in MINUS else 1)
    assert read(text, lang) == [(numeral + suffix, value, unit)]


@settings(max_examples=300, deadline=None)
@given(lang=st.sampled_from(["en", "fr"]),
       text=st.text(alphabet=st.sampled_from(list("0123456789 ,.()-\u2212\u2013\u2014+%ptsPSTrueStreet&CAC")), max_size=60))
def test_no_crash_on_any_string_of_signs_and_points(lang, text):
    for f in find_figures(text, lang):
        assert 0 <= f.start <= f.num_start <= f.num_end <= f.end <= len(text)
        assert f.value == f.value  # not NaN


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "Nearly half a million people fled the region.", [("Nearly half a million", 5e5, None)]),
    ("en", "The city spent half a billion dollars on the metro.", [("half a billion", 5e8, None)]),
    # "half" alone is still a share
    ("en", "Half of the voters stayed home.", [("Half", 50, "percent")]),
])
def test_half_of_a_scale_word_is_a_count(lang, text, expected):
    assert read(text, lang) == expected


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "The ministry set aside RM5 billion for flood relief.", [("RM5 billion", 5e9, "myr")]),
    ("en", "Each household receives RM300 in aid.", [("RM300", 300, "myr")]),
    ("en", "The airline flies the A320 and the B737 on that route; 12 were grounded.", [("12", 12, None)]),
])
def test_a_currency_code_glued_to_its_numerals(lang, text, expected):
    assert read(text, lang) == expected
