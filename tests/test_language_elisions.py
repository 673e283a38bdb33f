"""A phrase in the language files matches its elided form only where the language elides it
(`grammar.elisions`): French "de" is also "d'"; English elides nothing."""
import re

import pytest

from claimscope.lang import load_language


@pytest.mark.parametrize("lang,phrase,text,matches", [
    ("fr", "en hausse de", "en hausse d'environ", True),
    ("fr", "en hausse de", "en hausse d’environ", True),  # any apostrophe
    ("fr", "en hausse de", "en hausse  de 3 %", True),  # any run of spaces
    ("fr", "en hausse de", "en hausse du", False),
    ("en", "rise of", "rise of 3%", True),
    ("fr", "coup de grâce", "coup d'grâce", True),
    ("en", "rise of", "rise o'", False),
    ("en", "coup de grâce", "coup d'grâce", False),  # English writes no elision
])
def test_phrase_pattern_elides_only_what_the_language_elides(lang, phrase, text, matches):
    pattern = load_language(lang).phrase_pattern(phrase)
    assert bool(re.match(pattern, text)) == matches


def test_every_language_says_what_it_elides():
    from claimscope.lang import supported_languages

    for code in supported_languages():
        assert isinstance(load_language(code).data["grammar"]["elisions"], dict), code
