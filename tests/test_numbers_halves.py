"""A half more (issue 13): "deux ans et demi", "un million et demi", "two and a half years",
"one and a half million": the value with its half, never a separate 50 % share."""
import pytest

from claimscope.extract.numbers import find_figures


@pytest.mark.parametrize("text, lang, spans", [
    ("Il a passé deux ans et demi en prison.", "fr", [("deux", 2.5)]),  # the noun stays after the figure
    ("La guerre dure depuis trois ans et demi.", "fr", [("trois", 3.5)]),
    ("un million et demi de personnes", "fr", [("un million et demi", 1_500_000)]),
    ("1 million et demi de personnes", "fr", [("1 million et demi", 1_500_000)]),
    ("vingt-deux heures et demie", "fr", [("vingt-deux", 22.5)]),
    ("He spent two and a half years there.", "en", [("two and a half", 2.5)]),
    ("three years and a half", "en", [("three", 3.5)]),
    ("one and a half million people", "en", [("one and a half million", 1_500_000)]),
    ("two and a half million people", "en", [("two and a half million", 2_500_000)]),
    ("one and a half", "en", [("one and a half", 1.5)]),
    # unchanged: a half alone, half a million, a large count with "et demi"
    ("half a million people", "en", [("half a million", 500_000)]),
    ("Half of the 300 soldiers", "en", [("Half", 50), ("300", 300)]),
    ("Les 2 000 et demi", "fr", [("2 000", 2000)]),
])
def test_a_half_more_is_read_with_its_figure(text, lang, spans):
    assert [(text[f.start:f.end], f.value) for f in find_figures(text, lang)] == spans


def test_a_half_more_keeps_the_unit_of_its_noun(extract):
    claims = extract("Selon le ministère, le conflit a fait 300 morts en deux ans et demi de combats.")
    years = [c for c in claims if c.value == 2.5]
    assert years and years[0].unit == "year"
