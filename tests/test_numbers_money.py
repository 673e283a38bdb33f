"""Money and groupings in any news: currency symbols and codes before or after the numerals,
magnitudes glued or spaced, Swiss and thin-space groupings (issue 13)."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimscope.extract.numbers import find_figures
from claimscope.lang import load_language


def money(text, lang):
    return [(text[f.start:f.end], f.value, f.unit) for f in find_figures(text, lang) if f.unit]


# Development sentences written for these tests, from several sections of the news
@pytest.mark.parametrize("lang, text, expected", [
    ("en", "The Hong Kong government set aside HK$2.5bn for flood defences.", [("HK$2.5bn", 2.5e9, "hkd")]),
    ("en", "Canberra pledged A$300 million in military aid on Tuesday.", [("A$300 million", 3e8, "aud")]),
    ("en", "The striker's transfer fee was reported at US$75 million.", [("US$75 million", 7.5e7, "usd")]),
    ("en", "Ottawa will spend C$1.2bn on housing, the minister said.", [("C$1.2bn", 1.2e9, "cad")]),
    ("en", "Tickets for the final sold for NZ$450 each.", [("NZ$450", 450, "nzd")]),
    ("en", "The court fined the bank CHF 40 million for money laundering.", [("CHF 40 million", 4e7, "chf")]),
    ("en", "Exports rose to USD 12.4 billion in the third quarter.", [("USD 12.4 billion", 1.24e10, "usd")]),
    ("en", "Petronas paid RM 3,000 to each affected family.", [("RM 3,000", 3000, "myr")]),
    ("en", "The storm caused ¥80bn of damage in Okinawa.", [("¥80bn", 8e10, "jpy")]),
    ("en", "Kyiv raised the minimum wage to ₴8,000 a month.", [("₴8,000", 8000, "uah")]),
    ("en", "The start-up raised $13.6M in its latest round.", [("$13.6M", 1.36e7, "usd")]),
    ("en", "Brussels fined the group €2bn for abusing its dominance.", [("€2bn", 2e9, "eur")]),
    ("en", "Seoul will spend KRW 1.5 trillion on chips.", [("KRW 1.5 trillion", 1.5e12, "krw")]),
    ("fr", "Le conseil régional débloque 1,2 Md€ pour les lycées.", [("1,2 Md€", 1.2e9, "eur")]),
    ("fr", "Le club a versé 3 M€ d'indemnités à son entraîneur.", [("3 M€", 3e6, "eur")]),
    ("fr", "L'amende s'élève à 10 000 € pour chaque infraction.", [("10 000 €", 1e4, "eur")]),
    ("fr", "Genève versera 5 CHF par repas aux écoles.", [("5 CHF", 5, "chf")]),
    ("fr", "Le contrat est estimé à 40 millions $US sur cinq ans.", [("40 millions $US", 4e7, "usd")]),
])
def test_currencies_before_and_after(lang, text, expected):
    assert money(text, lang) == expected


@pytest.mark.parametrize("lang, text, value", [
    ("fr", "Le canton compte 422'000 habitants selon le dernier recensement.", 422_000),
    ("fr", "La manifestation a réuni 1’000 personnes devant le parlement.", 1_000),
    ("fr", "Les pompiers ont évacué 10\u2009000 riverains dans la nuit.", 10_000),
    ("en", "The stadium holds 45'000 spectators.", 45_000),
])
def test_swiss_and_thin_space_groupings(lang, text, value):
    assert [f.value for f in find_figures(text, lang)] == [value]


@pytest.mark.parametrize("lang, text", [
    ("en", "He filled in form 5 and the RMS Titanic left at 9."),  # letters that end a word are no currency
    ("en", "The storm hit 35 m of coastline."),  # a magnitude letter needs a currency to be money
])
def test_letters_that_are_not_currencies(lang, text):
    assert money(text, lang) == []


# HTML entities ("pound;34m") are scraped debris glued before the numerals, never written after them
CURRENCIES = {lang: sorted((s, u) for s, u in load_language(lang).units_by_symbol.items() if not s.endswith(";"))
              for lang in ("en", "fr")}
GROUPS = {"en": [",", "\u00a0", "\u202f", "\u2009", "'", "’"], "fr": [" ", "\u00a0", "\u202f", "\u2009", "'", "’", "."]}


def grouped(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


@settings(max_examples=200, deadline=None)
@given(lang=st.sampled_from(["en", "fr"]), n=st.integers(min_value=0, max_value=999_999_999), data=st.data())
def test_any_integer_with_any_grouping_reads_back(lang, n, data):
    sep = data.draw(st.sampled_from(GROUPS[lang]))
    text = f"Le total atteint {grouped(n, sep)} cette année." if lang == "fr" else f"The total reached {grouped(n, sep)} this year."
    found = find_figures(text, lang)
    assert [f.value for f in found] == [n]


@settings(max_examples=200, deadline=None)
@given(lang=st.sampled_from(["en", "fr"]), n=st.integers(min_value=1, max_value=999_999), data=st.data())
def test_a_currency_before_or_after_reads_the_same(lang, n, data):
    symbol, unit = data.draw(st.sampled_from(CURRENCIES[lang]))
    number = grouped(n, GROUPS[lang][1])
    # a code of letters stands apart from the numerals, a symbol may be glued on either side
    gap = " " if symbol[-1:].isalpha() else data.draw(st.sampled_from(["", " "]))
    for text in (f"Le coût : {symbol}{gap}{number} au total.", f"Le coût : {number}{' ' if symbol[:1].isalpha() else gap}{symbol} au total."):
        found = find_figures(text, lang)
        assert [(f.value, f.unit) for f in found] == [(n, unit)], text


@settings(max_examples=300, deadline=None)
@given(lang=st.sampled_from(["en", "fr"]), text=st.text(alphabet=st.sampled_from(list("0123456789 ,.'’$€£¥₴MmkbnUSDHKACHF%-\u00a0\u202f")), max_size=60))
def test_no_crash_on_any_string_of_number_characters(lang, text):
    for f in find_figures(text, lang):
        assert 0 <= f.start <= f.num_start <= f.num_end <= f.end <= len(text)


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "The charity handed $2000 to each family.", [("$2000", 2000, "usd")]),  # money, not a year
    ("en", "A 50-year-old man was arrested after the match.", [("50-year-old", 50, "year")]),
    ("en", "The 19-year-old striker scored twice.", [("19-year-old", 19, "year")]),
])
def test_money_that_looks_like_a_year_and_ages(lang, text, expected):
    assert [(text[f.start:f.end], f.value, f.unit) for f in find_figures(text, lang) if f.unit] == expected


def test_the_pipeline_keeps_ages_money_and_a_sentence_with_a_furniture_word(in_tmp, capsys):
    """Through the whole extraction: an age stays in years (no topic noun), money keeps its
    currency, and a short sentence about shares is not dropped as page furniture."""
    import json

    from claimscope.cli import main

    (in_tmp / "a.txt").write_text(
        "Leeds arrest\nA 50-year-old man was arrested in Leeds on Monday, police said.\n"
        "Hong Kong set aside HK$2.5bn for flood defences.\nShares of the carmaker fell 12% on Monday.\n",
        encoding="utf-8")
    assert main(["extract", "a.txt", "--format", "jsonl"]) == 0
    claims = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]
    assert {(c["value"], c["unit"]) for c in claims} == {(50, "year"), (2.5e9, "hkd"), (12, "percent")}
