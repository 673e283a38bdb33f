"""Language data: every word list claimscope uses for one language, loaded from a TOML file.

Supporting a language means adding `<code>.toml` beside this file with the same keys;
the extraction code never names a French word itself.
"""
from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import lru_cache
from importlib import resources
from typing import Any

# the language of a document that names none and in which detection finds none (a bare
# Document in a test, a text too short to tell): French, the language claimscope began with
DEFAULT_LANG = "fr"
APOSTROPHES = "'’ʼ`´"
# The upper-case letters of every script, as the inside of a regex character class: names and
# datelines begin with one ("Ángel", "Łukasz", "Зеленський"), whatever the article's language.
UPPER = "".join(sorted({re.escape(c) for c in map(chr, range(0x10000)) if c.isupper() and c.isalpha()}))


def lang_tag(lang: str | None) -> str | None:
    """A language tag to its primary subtag ('zh-Hant-TW' -> 'zh', 'fr-FR-x-private' -> 'fr'):
    what claimscope keys its pipelines on, decided once, when a document is read."""
    if not lang:
        return lang
    return lang.replace("_", "-").split("-")[0].strip().lower()[:8] or None


def fold(text: str) -> str:
    """Lower-case, typographic apostrophes made plain, accents kept (they carry meaning in French)."""
    out = text.casefold()
    for a in APOSTROPHES[1:]:
        out = out.replace(a, "'")
    return out.replace("\u00a0", " ").replace("\u202f", " ")


class _Marks(dict):
    """str.translate table that drops combining marks (category Mn), filled as characters come."""

    def __missing__(self, code: int):
        value = self[code] = None if unicodedata.category(chr(code)) == "Mn" else code
        return value


_MARKS = _Marks()


def strip_accents(text: str) -> str:
    return unicodedata.normalize("NFD", text).translate(_MARKS)


def phrase_pattern(phrase: str, elisions: dict[str, str]) -> str:
    """A regex for a phrase: any run of spaces between words, any apostrophe, and each word the
    language elides ({"de": "d"}: "de" also matches "d'")."""
    parts = []
    for word in phrase.split(" "):
        w = re.escape(word).replace("'", f"[{APOSTROPHES}]")
        if word in elisions:
            w = f"(?:{w}\\s+|{re.escape(elisions[word])}[{APOSTROPHES}]\\s*)"
            parts.append(w)
            continue
        parts.append(w + r"\s+")
    pattern = "".join(parts)
    # the last word needs no trailing space
    if pattern.endswith(r"\s+"):
        pattern = pattern[: -len(r"\s+")]
    return pattern


class LanguageData:
    """One language's word lists, with the patterns built from them."""

    def __init__(self, data: dict[str, Any]):
        self.data = data
        self.code: str = data["code"]
        self.spacy_model: str = data["spacy_model"]
        self.numbers: dict[str, Any] = data["numbers"]
        self.qualifiers: dict[str, str] = {fold(k): v for k, v in data["qualifiers"].items()}
        self.ranges: dict[str, list[str]] = data["ranges"]
        self.not_claims: dict[str, list[str]] = data["not_claims"]
        # people by nationality ("3 Libanais") count as their English demonym; being adjectives
        # too ("la région russe"), they are never read back as what "d'entre eux" counts
        self.demonyms: dict[str, str] = {fold(k): v for k, v in data.get("demonyms", {}).items()}
        self.units: dict[str, str] = {**self.demonyms, **{fold(k): v for k, v in data["units"].items()}}
        self.units_by_symbol: dict[str, str] = data.get("units_by_symbol", {})
        # the general vocabulary in English (lexicon/<code>.toml), for a counted noun the unit
        # table does not list: never a word of this language left as the unit
        self.nouns: dict[str, str] = {fold(k): v for k, v in _lexicon(data["code"]).items()}
        self.layout: dict[str, Any] = data["layout"]
        self.attribution: dict[str, list[str]] = data["attribution"]
        self.modality: dict[str, list[str]] = data["modality"]
        self.time: dict[str, Any] = data["time"]

    def phrase_pattern(self, phrase: str) -> str:
        """A regex for a phrase of this language (see `phrase_pattern`)."""
        return phrase_pattern(phrase, self.data["grammar"].get("elisions", {}))

    def words(self, section: str, key: str) -> frozenset[str]:
        return frozenset(fold(w) for w in self.data[section][key])

    def __repr__(self) -> str:
        return f"LanguageData({self.code!r})"


def _data_file(*parts: str) -> dict[str, Any] | None:
    """A TOML file of this package's data (lang/<parts>), None where there is none."""
    try:
        raw = resources.files(__package__).joinpath(*parts).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    return tomllib.loads(raw)


def _lexicon(code: str) -> dict[str, str]:
    """A language's nouns in English, where it has a lexicon (English needs none)."""
    return _data_file("lexicon", f"{code}.toml") or {}


@lru_cache(maxsize=None)
def load_language(code: str) -> LanguageData:
    data = _data_file(f"{code}.toml")
    if data is None:
        raise ValueError(f"claimscope has no language data for {code!r}")
    return LanguageData(data)


def supported_languages() -> list[str]:
    return sorted(p.name[:-5] for p in resources.files(__package__).iterdir() if p.name.endswith(".toml"))


@lru_cache(maxsize=1)
def unit_classes() -> dict[str, frozenset[str]]:
    """Classes of units that count the same sort of things (people): classes/units.toml."""
    data = _data_file("classes", "units.toml")
    if data is None:  # the package's own file: an install that lacks it is broken, not empty
        raise FileNotFoundError("claimscope's lang/classes/units.toml is missing: reinstall claimscope")
    return {k: frozenset(v) for k, v in data.items()}
