"""Component `claimscope_counted`: what each figure counts, read on the parse.

The counted noun is the noun the numeral modifies ("11 000 soldats"), or the noun after
"de" ("2,3 millions de dollars", "la moitié des obus"), or, when the noun is elided, the
word that stands for it ("et environ 2 700 blessés"). Its unit comes from the language's
unit table (phrases first: "unités d'artillerie" -> artillery system). The component
also collects the words of the figure's clause, by distance, for the measure step.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ..lang import LanguageData, fold, strip_accents
from . import entities, memo
from .figures import FigureInfo, figures_of

NOMINAL = {"NOUN", "PROPN", "ADJ", "VERB"}


class CountedNoun:
    def __init__(self, lang: LanguageData):
        self.lang = lang
        self.units = lang.units
        self.unit_phrases = sorted((k for k in lang.units if " " in k), key=len, reverse=True)
        self.phrase_keys = [(_phrase_key(k), k) for k in self.unit_phrases]  # keyed once
        self.designation = lang.words("not_claims", "designation_nouns")
        self.containers = lang.words("numbers", "container_nouns")

    def __call__(self, doc: Doc) -> Doc:
        for info in figures_of(doc):
            token = doc[info.token]
            self._drop_designation(info, token)
            if not info.keep:
                continue
            noun = self._counted_noun(info, token)
            if info.figure.unit:
                info.unit = info.figure.unit
            if noun is not None:
                phrase_tokens = self._noun_phrase(noun)
                info.concept = doc[phrase_tokens[0].i:phrase_tokens[-1].i + 1].text
                info.concept_key = " ".join(t.lemma_.lower() for t in phrase_tokens if t.pos_ in ("NOUN", "ADJ", "PROPN", "VERB"))
                if not info.unit:
                    info.unit = self._unit(phrase_tokens)
                    info.why.append(f"counted: {info.concept!r} -> {info.unit}")
                info.other_actor = False
            if noun is None and not info.unit:
                # "2 000 d'entre eux", "dont 3 000 arrivés", "contre quelque 600": the noun is elided
                info.unit_anaphor = True
                info.why.append("counted: no noun after the figure: it counts what the figure before counted")
            info.clause_words = self._clause_words(doc, token, noun)
        return doc

    def _drop_designation(self, info: FigureInfo, token: Token) -> None:
        """'Chonma 2', 'Hwasong 19': a small number right after a proper name is a designation."""
        f = info.figure
        if f.form != "digits" or f.unit or f.value >= 100 or token.i == 0:
            return
        prev = token.doc[token.i - 1]
        if prev.is_sent_start or not prev.text[:1].isupper():
            return
        nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        if prev.pos_ == "PROPN" or entities.ready(prev.doc)[prev.i].ent_type_:  # NER only when read
            if nxt is None or nxt.pos_ not in ("NOUN",) or nxt.is_punct:
                info.keep, info.drop_reason = False, f"designation after {prev.text!r}"

    def _counted_noun(self, info: FigureInfo, token: Token) -> Token | None:
        doc = token.doc
        # "la moitié des obus", "2,3 millions de dollars", "un millier d'ouvriers": the noun after de
        j = token.i + 1
        if j < len(doc) and fold(doc[j].text) in ("de", "d'", "des", "du"):
            k = j + 1
            while k < len(doc) and doc[k].pos_ == "DET":
                k += 1
            if k < len(doc) and doc[k].pos_ in ("NOUN", "PROPN", "ADJ") and fold(doc[k].text) not in ("entre",):
                return self._contained(doc[k])
            return None
        # "11 000 soldats": the numeral's head
        head = token.head
        if token.dep_ in ("nummod", "det", "amod") and head.i > token.i and head.pos_ in NOMINAL:
            if head.pos_ == "NOUN" or self._known(head):
                return self._contained(head)
        # the next word: "environ 2 700 blessés" where the parse went elsewhere
        if j < len(doc) and doc[j].pos_ in NOMINAL and not doc[j].is_punct:
            if doc[j].pos_ == "NOUN" or self._known(doc[j]):
                return self._contained(doc[j])
        # "évalue à environ 4 700 le nombre de soldats": the container after the figure
        k = j
        while k < len(doc) and doc[k].pos_ == "DET":
            k += 1
        if k < len(doc) and k > j and fold(doc[k].lemma_) in self.containers:
            return self._contained(doc[k])
        return None

    def _contained(self, noun: Token) -> Token:
        """'le nombre de soldats' counts soldiers: a container noun hands over to its complement."""
        doc = noun.doc
        if fold(noun.lemma_) not in self.containers and fold(noun.text) not in self.containers:
            return noun
        k = noun.i + 1
        if k < len(doc) and fold(doc[k].text) in ("de", "d'", "d’", "des", "du"):
            k += 1
            while k < len(doc) and doc[k].pos_ == "DET":
                k += 1
            if k < len(doc) and doc[k].pos_ in ("NOUN", "PROPN"):
                return doc[k]
        return noun

    def _known(self, t: Token) -> bool:
        return any(k in self.units for k in (fold(t.lemma_), fold(t.text), fold(t.text).rstrip("s")))

    def _noun_phrase(self, noun: Token) -> list[Token]:
        """The noun and what qualifies it right after: 'unités d'artillerie à longue portée'."""
        doc = noun.doc
        out = [noun]
        k = noun.i + 1
        while k < len(doc) and len(out) < 6:
            t = doc[k]
            if t.pos_ == "ADJ" or (t.pos_ in ("NOUN", "PROPN") and out[-1].pos_ == "ADP"):
                out.append(t)
            elif fold(t.text) in ("de", "d'", "du", "en", "à") and k + 1 < len(doc) and doc[k + 1].pos_ in ("NOUN",):
                out.append(t)
            elif t.text == "-" or t.pos_ == "DET" and out[-1].pos_ == "ADP":
                out.append(t)
            else:
                break
            k += 1
        while out and out[-1].pos_ in ("ADP", "DET", "PUNCT"):
            out.pop()
        return out

    def _unit(self, phrase: list[Token]) -> str:
        words = " ".join(t.text for t in phrase)
        lemmas = " ".join(t.lemma_ for t in phrase)
        for candidate in (_phrase_key(words), _phrase_key(lemmas)):
            for phrase_key, key in self.phrase_keys:
                if candidate.startswith(phrase_key):
                    return self.units[key]
        head = phrase[0]
        for key in (fold(head.lemma_), fold(head.text), fold(head.text).rstrip("s"), fold(head.text).rstrip("x")):
            if key in self.units:
                return self.units[key]
        return fold(head.lemma_)

    def _window(self, doc: Doc, token: Token) -> tuple[int, int]:
        """The sentence around a figure, up to the figures before and after it."""
        sent = memo.sent_of(token)
        others = [i.token for i in figures_of(doc) if i.token != token.i and sent.start <= i.token < sent.end]
        lo = max([o + 1 for o in others if o < token.i], default=sent.start)
        hi = min([o for o in others if o > token.i], default=sent.end)
        return lo, hi

    def _clause_words(self, doc: Doc, token: Token, noun: Token | None) -> list[tuple[int, str, str]]:
        """The words around the figure in its sentence, in text order, stopping at other figures; each
        with its distance to the figure (0 for the counted noun phrase), then the verbs governing it."""
        lo, hi = self._window(doc, token)
        words = []
        own = {t.i for t in self._noun_phrase(noun)} if noun is not None else set()
        for t in doc[lo:hi]:
            if t.i == token.i:
                words.append((0, "#", "#"))  # the figure itself: no phrase cue runs across it
                continue
            distance = 0 if t.i in own else abs(t.i - token.i)
            words.append((distance, fold(t.lemma_), fold(t.text)))
        # the governing verb, wherever it stands: "300 soldats ont été tués"
        anchor = noun or token
        h = anchor
        for _ in range(4):
            if h.head is h:
                break
            h = h.head
            if h.pos_ in ("VERB", "AUX", "NOUN", "ADJ"):
                words.append((abs(h.i - token.i) + 1, fold(h.lemma_), fold(h.text)))
            if h.pos_ == "VERB":
                break
        return words


def _phrase_key(text: str) -> str:
    """'militaires du génie', 'militaire de le génie' -> 'militaire de genie': plural, article and accents aside."""
    words = re.findall(r"[\w-]+", strip_accents(fold(text)).replace("'", " "))
    out = []
    for w in words:
        if w in ("du", "des", "de", "d", "la", "le", "les", "l"):
            if not out or out[-1] != "de":
                out.append("de")
            continue
        out.append(w[:-1] if len(w) > 3 and w[-1] in "sx" else w)
    return " ".join(out)
