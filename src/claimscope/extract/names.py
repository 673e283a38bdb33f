"""Names in a noun phrase: a person's or an organisation's proper name as written ("Ashraf
al-Qudra", "OTAN" from "L'OTAN"), or a group named by its nationality ("Ukrainian gunners"),
from the parse, the entities and the language data's titles, particles and non-names."""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from ..lang import UPPER, LanguageData, fold
from . import entities


class NameReader:
    def __init__(self, lang: LanguageData):
        a, g = lang.attribution, lang.data["grammar"]
        self.not_names = {fold(w) for w in a.get("not_names", [])}
        self.titles = {fold(w).rstrip(".") for w in a.get("titles", [])}
        # name particles inside a person's name: "Ashraf al-Qudra", "Ursula von der Leyen"
        self.particles = {fold(w) for w in a.get("name_particles", [])}
        # "Ministry of Health", "University of Valencia": a word that joins two capitalised words of a name
        self.connectors = {fold(w) for w in a.get("name_connectors", [])}
        self.unnamed = {fold(v) for v in a["unnamed"]}
        self.anaphor_dets = {fold(v) for v in a["anaphor_determiners"]}
        # "conducted between August 8-11": a month or a weekday is a date, never a name alone; not
        # the short ones, abbreviations and names alike ("Theresa May", "Mar")
        t = lang.data.get("time", {})
        self.calendar_words = ({fold(m) for m in t.get("months", {}) if len(m) > 3}
                               | {fold(d) for d in t.get("weekdays", [])})
        # "L'OTAN" -> "OTAN", "the Pentagon" -> "Pentagon": a leading article goes
        elided = [re.escape(w[:-1]) + "['’]" for w in g["articles"] if w.endswith("'")]
        spaced = [re.escape(w) + r"\s+" for w in g["articles"] if not w.endswith("'")]
        self.leading_article = re.compile(rf"(?i)(?:{'|'.join(elided + spaced)})(?=[{UPPER}])")
        # a language whose nationality follows the noun ("les autorités espagnoles"): the group in
        # English, as the GUIDE names a source the topic does not list ("Spanish authorities")
        groups: dict[str, str] = lang.data["attribution"].get("group_nouns", {})
        nationalities: dict[str, str] = lang.data["attribution"].get("nationalities", {})
        self.group_nouns = {fold(k): v for k, v in groups.items()}
        self.nationalities = {fold(form): english for masculine, english in nationalities.items()
                              for form in _agreements(fold(masculine))}
        modifiers: dict[str, str] = lang.data["attribution"].get("group_modifiers", {})
        self.group_modifiers = {fold(form): english for masculine, english in modifiers.items()
                                for form in _agreements(fold(masculine))}
        self.head_final = bool(g.get("head_final", False))

    def _group(self, words: list[Token]) -> tuple[str, str] | None:
        """A group noun and the one adjective beside it ('autorités' and 'locales', 'authorities'
        and 'local'), folded; None for any other phrase."""
        if len(words) != 2 or not self.group_nouns:
            return None
        noun, adjective = (fold(w.text) for w in (reversed(words) if self.head_final else words))
        return (noun, adjective) if noun in self.group_nouns else None

    def _words(self, span: Span) -> list[Token]:
        return [t for t in span if not (t.pos_ in ("DET", "PUNCT") or fold(t.text) in self.anaphor_dets)]

    def modified_group(self, span: Span) -> str | None:
        """'local authorities', 'the emergency services', 'les autorités locales': a group a
        modifier places or sorts, in English; None for anything else."""
        group = self._group(self._words(span))
        if group and group[1] in self.group_modifiers:
            return f"{self.group_modifiers[group[1]]} {self.group_nouns[group[0]]}"
        return None

    def category(self, span: Span) -> str | None:
        """'Ukrainian gunners', 'European intelligence officials': a group named by its nationality,
        as the text gives it (not 'sources' or 'reports', which name nobody); 'les autorités
        espagnoles': the same group, in English."""
        if any(t.like_num for t in span):
            return None  # "About 300 North Korean soldiers killed": a claim, not a group that speaks
        words = self._words(span)
        group = self._group(words)
        if group and group[1] in self.nationalities:
            return f"{self.nationalities[group[1]]} {self.group_nouns[group[0]]}"
        if not 2 <= len(words) <= 4 or not words[0].text[:1].isupper() or words[0].pos_ not in ("ADJ", "PROPN"):
            return None
        if fold(words[0].text) in self.unnamed:
            return None  # "Many hospitals", "Several officials": capitalised by the sentence, a quantifier
        if any(t.pos_ not in ("ADJ", "NOUN", "PROPN") for t in words) or words[-1].pos_ != "NOUN":
            return None
        if fold(words[-1].text) in self.unnamed or fold(words[-1].lemma_) in self.unnamed:
            return None
        return span.doc[words[0].i:words[-1].i + 1].text

    def proper_name(self, span: Span) -> str | None:
        entities.ready(span.doc)
        ents = [e for e in span.ents if e.label_ in ("PER", "ORG", "PERSON")]
        if ents:
            best = max(ents, key=lambda e: (e.label_ in ("PER", "PERSON"), len(e.text)))
            return self.bare(best.text)
        run: list[Token] = []
        best_run: list[Token] = []

        def named(r: list[Token]) -> int:
            """How much of a name a run is: its words that are neither titles nor particles."""
            return sum(fold(t.text).rstrip(".") not in self.titles | self.particles for t in r)

        def capital(t: Token) -> bool:
            return t.pos_ == "PROPN" or (t.text[:1].isupper() and t.i != span.sent.start and t.pos_ not in ("DET", "ADP", "PUNCT"))

        for t in span:
            word = fold(t.text)
            following = span.doc[t.i + 1] if t.i + 1 < span.end else None
            if any(ch.isdigit() for ch in t.text) or t.like_num:
                pass  # "19h20", "Seven of those deaths": no part of a name
            elif word in self.not_names:
                if run and capital(t) and word not in self.titles:
                    run.append(t)  # "Palestinian Ministry of Health": an institution's noun inside its name
                    continue
                # "Le ministère", "President Biden": no name starts with it; a title ends the run before it
            elif capital(t) or (run and (word.rstrip("-") in self.particles or t.text in ("-", "'"))):
                if not run and _after_function(span, t, self.titles | self.not_names, self.connectors):
                    continue  # "Minister of Labour": the domain of a function, not a name
                run.append(t)
                continue
            elif run and word in self.connectors and following is not None and capital(following):
                run.append(t)
                continue
            while run and (fold(run[-1].text).rstrip("-") in self.particles or run[-1].text in ("-", "'")):
                run.pop()  # a particle or hyphen ends no name
            run = self._name_of_run(run)
            if named(run) > named(best_run):
                best_run = run
            run = []
        run = self._name_of_run(run)
        if named(run) > named(best_run):
            best_run = run
        if best_run and named(best_run) and not all(fold(t.text) in self.unnamed for t in best_run):
            name = self.bare(span.doc[best_run[0].i:best_run[-1].i + 1].text)
            before = span.doc[best_run[0].i - 1] if best_run[0].i > span.sent.start + 1 else None
            if before is not None and before.pos_ == "DET" and before.text[:1].isupper() and before.text.isalpha() \
                    and self.leading_article.match(f"{before.text} {name}"):
                # "published in The Lancet": a capital article inside a sentence is the name's own
                name = f"{before.text} {name}"
            # "a widely shared post on X": one letter names no origin
            return name if len(name.strip(" .")) > 1 else None
        return None

    def _name_of_run(self, run: list[Token]) -> list[Token]:
        """A run of capitalised words as a name: titles are not the name ("Mayor Amparo Fort"); a
        function held in a place ("The Mayor of Chiva", before ", Amparo Fort,") and a nationality
        alone ("Israeli" in "The Israeli authorities") are none."""
        while run and fold(run[0].text).rstrip(".") in self.titles:
            run = run[1:]
        while run and fold(run[-1].text) in self.connectors:
            run = run[:-1]
        if run and (fold(run[0].text) in self.connectors or all(t.pos_ == "ADJ" for t in run)
                    or all(fold(t.text) in self.calendar_words for t in run)):
            return []
        return run

    def bare(self, name: str) -> str:
        """'L'OTAN' -> 'OTAN': only a leading article goes."""
        name = re.sub(r"[’'`]s?$", "", name.strip())  # "Meganálisis’s poll": the name, not its possessive
        name = re.sub(r"^[’'`]s\s+", "", name)  # "the enclave’s Health Ministry": the owner's ending is not the name's
        m = self.leading_article.match(name)
        return name[m.end():] if m else name


def _after_function(span: Span, token: Token, functions: set[str], connectors: set[str]) -> bool:
    """Does the token follow a function's title and a connector ('Minister of Labour', 'Mayor of
    Chiva'): the domain of the function, not a name?"""
    i = token.i
    return (i - 2 >= span.start and fold(span.doc[i - 1].text) in connectors
            and fold(span.doc[i - 2].text).rstrip(".") in functions)


def _agreements(masculine: str) -> set[str]:
    """A French adjective's four forms from its masculine singular: 'espagnol' -> espagnole(s),
    'israélien' -> israélienne(s), 'français' -> française(s), 'russe' -> russes."""
    if masculine.endswith("e"):
        return {masculine, masculine + "s"}
    feminine = (masculine[:-3] + "ière" if masculine.endswith("ier")
                else masculine + ("ne" if masculine.endswith(("ien", "éen")) else "que" if masculine.endswith("c") else "e"))
    plural = (masculine if masculine.endswith(("s", "x")) else masculine[:-1] + "ux" if masculine.endswith("al")
              else masculine + "s")  # "local" -> "locaux"
    return {masculine, plural, feminine, feminine + "s"}
