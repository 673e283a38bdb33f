"""Component `claimscope_sentences`: sentence boundaries set by punctuation, before the parser.

The statistical parser splits sentences at odd places ("... KN-23 et KN-24 | depuis
décembre 2023."), which cuts a figure from its period or its speaker. A boundary here is a
sentence-final mark followed by a capital, a digit or an opening quote; every other token
is marked as no boundary, and the parser keeps to both.
"""
from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.tokens import Doc

from ..lang import LanguageData, fold


class SentenceBoundaries:
    def __init__(self, lang: LanguageData):
        s = lang.data.get("sentences", {})
        self.enders = set(s.get("enders", [".", "!", "?", "…"]))
        self.ender_suffixes = tuple(self.enders)
        self.openers = set(s.get("openers", ["«", "“", '"', "(", "—", "–", "-"]))
        self.abbreviations = {fold(a) for a in s.get("abbreviations", [])}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        words = [t.text for t in doc]  # read once: each Token access builds an object
        spaces = [t.is_space for t in doc]
        starts = [1] * len(words)  # SENT_START: 1 a boundary, -1 none
        for i in range(1, len(words)):
            prev = words[i - 1]
            ends = prev in self.enders or (prev.endswith(self.ender_suffixes) and len(prev) > 1
                                           and fold(prev) not in self.abbreviations)
            if i >= 2 and prev == "." and fold(words[i - 2]) in self.abbreviations:
                ends = False
            first = words[i][:1]
            opens = first.isupper() or first.isdigit() or first in self.openers
            starts[i] = 1 if ends and opens and not spaces[i] else -1
        # one array write: setting Token.is_sent_start token by token rescans the whole Doc
        # each time (quadratic: 11 s for a 30,000-token block)
        doc.from_array([SENT_START], numpy.array(starts, dtype="int64").astype("uint64").reshape(-1, 1))
        return doc
