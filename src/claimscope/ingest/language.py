"""Which language a document is in: given by the input (`lang`), else detected by lingua,
whose models ship inside its package (no download). A document in a language claimscope has
no data for is stored and reported as such, never parsed as if it were French."""
from __future__ import annotations

from functools import lru_cache

SAMPLE_CHARS = 3000  # the start of a text is enough to tell its language
CANDIDATES = ("FRENCH", "ENGLISH", "GERMAN", "SPANISH", "ITALIAN", "PORTUGUESE", "DUTCH", "POLISH", "RUSSIAN",
              "UKRAINIAN", "KOREAN", "JAPANESE", "CHINESE")


@lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    languages = [getattr(Language, name) for name in CANDIDATES]
    # low accuracy mode reads trigrams only: milliseconds per article, and enough on whole paragraphs
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when the text says too little."""
    sample = text[:SAMPLE_CHARS]
    if sum(c.isalpha() for c in sample) < 20:
        return None
    found = _detector().detect_language_of(sample)
    return found.iso_code_639_1.name.lower() if found is not None else None
