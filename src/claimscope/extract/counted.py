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

from ..lang import UPPER, LanguageData, fold, strip_accents, unit_classes
from ..records import TIME_UNITS
from . import entities, memo
from .figures import FigureInfo, figures_of

NOMINAL = {"NOUN", "PROPN", "ADJ", "VERB"}
PERCENTAGE_POINT = "percentage point"
CLOSING_QUOTES = ("»", "”", "\"", "’")
RUN = {"NOUN", "PROPN", "ADJ", "PUNCT", "VERB"}  # what may stand inside an English counted compound
MEASURING_UNITS = {"magnitude", "kilometre", "mile", "metre", "tonne", "kilogram", "litre", "degree", "percent", "minute"} | TIME_UNITS


PER_BASE = {"litre", "millimetre", "tonne", "kilogram", "kilometre", "mile", "metre"}  # what may be counted per an area
PER_AREA = {"square metre", "square kilometre", "hectare", "acre"}


class _UnitTable:
    """Nouns and phrases to units, with the phrases keyed once (longest first)."""

    def __init__(self, units: dict[str, str], phrase_key: PhraseKey):
        self.units = units
        self.phrase_keys = [(phrase_key(k), k) for k in sorted((k for k in units if " " in k or "-" in k), key=len, reverse=True)]


class CountedNoun:
    def __init__(self, lang: LanguageData, topic_units: dict[str, str] | None = None):
        self.lang = lang
        self.phrase_key = PhraseKey(lang)
        self.units = {**lang.units, **(topic_units or {})}  # the topic's own nouns first
        self.table = _UnitTable(self.units, self.phrase_key)
        self.plain = _UnitTable(lang.units, self.phrase_key) if topic_units else None  # the language's nouns alone
        self.designation = lang.words("not_claims", "designation_nouns")
        self.containers = lang.words("numbers", "container_nouns")
        self.change_nouns = frozenset(fold(w) for w in lang.data.get("kind", {}).get("change_nouns", []))
        self.reached_marks = frozenset(fold(w) for w in lang.data.get("kind", {}).get("change_to", []))
        self.age_words = frozenset(fold(w) for w in lang.numbers.get("age_words", []))
        # "patients over 65", "children under 5": a bound on the age of people named just before
        self.age_bounds = frozenset(fold(w) for w in lang.numbers.get("age_bounds", []))
        self.age_holders = frozenset(fold(w) for w in lang.numbers.get("age_holders", []))
        # "cette femme de 54 ans": the link between a person and an age (not English "of": "a resident of 30 years")
        self.age_of = frozenset(fold(w) for w in lang.numbers.get("age_of", []))
        self.elided_after = frozenset(fold(w) for w in lang.numbers.get("elided_after", []))
        self.time_modifiers = frozenset(fold(w) for w in lang.numbers.get("time_modifiers", []))
        self.participle_endings = tuple(fold(w) for w in lang.numbers.get("participle_endings", []))
        per = "|".join(map(re.escape, lang.numbers.get("per_words", [])))
        self.per_after = re.compile(rf"\s+(?:{per})\s+((?:[^\W\d_]+|m²|km²)(?:\s+[^\W\d_]+){{0,2}})", re.I) if per else re.compile(r"(?!)")
        self.of = lang.words("grammar", "of")
        self.noun_links = lang.words("grammar", "noun_links")
        self.range_open = lang.words("ranges", "open")
        # "4,000 'today' and 1,000 'tomorrow morning'": a time is no counted noun
        t = lang.data.get("time", {})
        self.time_nouns = frozenset(fold(w) for w in (*lang.data["grammar"].get("time_nouns", []), *t.get("today", []),
                                                      *t.get("yesterday", []), *t.get("tomorrow", []), *t.get("weekdays", [])))
        # English puts the head noun last ("long-range artillery systems"), French first
        self.head_final = bool(lang.data["grammar"].get("head_final", False))
        self.plural_endings = tuple(lang.data["grammar"]["plural_endings"])
        # "56 health institutions", "90 mobile clinics": a noun too general to say what is counted
        # keeps the word that classifies it, unless that word only rates or dates it ("daily", "new")
        self.generic_heads = frozenset(fold(w) for w in lang.numbers.get("generic_unit_heads", []))
        self.not_classifiers = frozenset(fold(w) for w in lang.numbers.get("not_unit_classifiers", []))
        names = lang.not_claims.get("designation_names", [])
        self.index_names = re.compile(r"(?<![\w&])(?:" + "|".join(map(re.escape, names)) + r")(?!\w)") if names else None
        self.index_nouns = frozenset(fold(w) for w in lang.numbers.get("index_nouns", []))

    def __call__(self, doc: Doc) -> Doc:
        counted: dict[int, tuple[Token | None, list]] = {}  # figure token -> (its counted noun, its governing chain)
        for info in figures_of(doc):
            token = doc[info.token]
            self._drop_designation(info, token)
            if not info.keep:
                continue
            noun = self._not_a_participle(self._not_a_time(self._counted_noun(info, token)))
            if info.figure.unit:
                info.unit = info.figure.unit
            if noun is not None:
                phrase_tokens = self._noun_phrase(noun, token)
                info.concept = doc[phrase_tokens[0].i:phrase_tokens[-1].i + 1].text
                info.concept_key = " ".join(t.lemma_.lower() for t in phrase_tokens if t.pos_ in ("NOUN", "ADJ", "PROPN", "VERB"))
                if not info.unit:
                    info.unit = self._unit(phrase_tokens, noun)
                    info.why.append(f"counted: {info.concept!r} -> {info.unit}")
                    if self.plain is not None:
                        plain = self._unit(phrase_tokens, noun, self.plain)
                        info.plain_unit = plain if plain != info.unit else None
                info.other_actor = False
            if noun is not None and info.unit in PER_BASE:
                self._per_unit(doc, info, noun)
            after_name = AFTER_NAME.search(memo.text(doc)[max(0, info.figure.start - 40):info.figure.start]) is not None
            if noun is None and not info.unit and self._is_age(token):
                info.unit, info.age = "year", True
                info.why.append("counted: an age -> year")
            elif info.unit == "year" and after_name:
                info.age = True  # "Yair Roitman, 19 ans": years right after a name and a comma
            elif info.unit == "year" and self._of_a_person(token):
                info.age = True
                info.why.append("counted: the years of a person -> an age")
            info.beside_name = info.age and after_name
            if noun is None and not info.unit:
                subject = self._container_subject(token)
                if subject is not None:
                    info.unit = self._unit([subject], subject)
                    info.why.append(f"counted: the subject counts {subject.text!r} -> {info.unit}")
            if noun is None and not info.unit:
                held = self._container_changed(token)
                if held is not None:
                    info.unit = self._unit(self._noun_phrase(held), held)
                    info.why.append(f"counted: the change of a number of {held.text!r} -> {info.unit}")
            if noun is None and not info.unit:
                named = self._bracketed_after(info, token)
                if named is not None:
                    info.unit = self._unit(self._noun_phrase(named), named)
                    info.why.append(f"counted: a figure in brackets after {named.text!r} counts it -> {info.unit}")
            if noun is None and not info.unit:
                # "2 000 d'entre eux", "dont 3 000 arrivés", "contre quelque 600": the noun is elided
                info.unit_anaphor = True
                info.why.append("counted: no noun after the figure: it counts what the figure before counted")
            chain = self._governing_chain(token, noun)
            counted[info.token] = noun, chain
            # a conjunct is coordinated with its head, not governed by it: "300 tués et 2 700 blessés"
            conj = next((k for k, (_, dep) in enumerate(chain) if dep == "conj"), len(chain))
            info.governors = [w for w, _ in chain[:conj]]
        for info in figures_of(doc):  # once every age and unit is known: an age bounds no figure's clause
            if info.token in counted:
                noun, chain = counted[info.token]
                info.clause_words = self._clause_words(doc, doc[info.token], noun) + [w for w, _ in chain]
                info.restated_words = self._restated_words(doc, info)
        return doc

    def points_of_shares(self, docs: list[Doc]) -> None:
        """'Labour is up three points on 29%', 'a 12-point lead', 'le chômage recule de 1,6 point':
        points in an article of shares are percentage points, the headline's too ('Tory poll lead
        drops by four points'); in a paragraph that names an index ('the FTSE 100 shed 61 points
        or 0.8%') they stay points."""
        infos = {id(doc): [i for i in figures_of(doc) if i.keep] for doc in docs}
        if not any(i.unit == "percent" for found in infos.values() for i in found):
            return
        for doc in docs:
            points = [i for i in infos[id(doc)] if i.unit == "point"]
            if not points or (self.index_names and self.index_names.search(memo.text(doc))):
                continue
            if any(fold(t.text) in self.index_nouns for t in doc):
                continue
            for info in points:
                info.unit = PERCENTAGE_POINT
                info.why.append("counted: points in an article of shares -> percentage point")

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
            # ("Antena 3 television channel": a noun in the singular after a number above one is not counted)
            singular_after = nxt is not None and nxt.pos_ == "NOUN" and f.value > 1 and nxt.morph.get("Number") == ["Sing"]
            if (nxt is None or nxt.pos_ not in ("NOUN",) or nxt.is_punct or singular_after) and not self._gapped(info, token):
                info.keep, info.drop_reason = False, f"designation after {prev.text!r}"

    @staticmethod
    def _gapped(info: FigureInfo, token: Token) -> bool:
        """'Maduro got 51% of the vote, and González 44': after 'and' or a comma, a name and a
        number repeat the clause of a figure with a unit before it in the sentence."""
        doc = token.doc
        if token.i < 3 or not (doc[token.i - 2].pos_ == "CCONJ" or doc[token.i - 2].text == ","):
            return False
        sent = memo.sent_of(token)
        return any(other is not info and other.keep and other.figure.unit and sent.start <= other.token < token.i - 2
                   for other in figures_of(doc))

    def _counted_noun(self, info: FigureInfo, token: Token) -> Token | None:
        doc = token.doc
        # "la moitié des obus", "2,3 millions de dollars", "un millier d'ouvriers": the noun after de
        j = token.i + 1
        q = j
        while q < len(doc) and doc[q].text in CLOSING_QUOTES:
            q += 1  # '« une dizaine » de systèmes'
        if q < len(doc) and fold(doc[q].text) in self.of:
            j = q
            k = _past_determiners(doc, j + 1)  # "142 of its employees"
            qualified = self._past_qualifier(doc, k)  # "45 of the at least 224 fatalities"
            skipped, k = qualified - k, qualified
            # "211 of the 217 confirmed deaths", "211 des 217 victimes": a part of a figure counts its noun
            while k + 1 < len(doc) and (_is_numeral(doc[k]) or _is_figure(doc[k])) and k - j - skipped <= 3:
                k += 1
                # "10 millions des 21 millions d'électeurs": the whole's own "of" before its noun
                if k + 1 < len(doc) and fold(doc[k].text) in self.of:
                    k = _past_determiners(doc, k + 1)
            participle = k + 1 < len(doc) and doc[k].pos_ == "VERB" and doc[k + 1].pos_ == "NOUN"  # "of the confirmed deaths"
            if k < len(doc) and (doc[k].pos_ in ("NOUN", "PROPN", "ADJ") or participle) and fold(doc[k].text) not in self.range_open:
                return self._contained(self._compound_head(doc[k]) if self.head_final else doc[k])
            return None
        # "13 more of its soldiers": the noun after "of"
        if j + 2 < len(doc) and fold(doc[j].text) in self.elided_after and fold(doc[j + 1].text) in self.of:
            k = _past_determiners(doc, j + 2)
            if k < len(doc) and doc[k].pos_ == "NOUN":
                return self._contained(self._compound_head(doc[k]) if self.head_final else doc[k])
        # "150 more this year", "3 000 de plus": the noun is elided
        if j < len(doc) and fold(doc[j].text) in self.elided_after and (
                j + 1 >= len(doc) or doc[j + 1].pos_ not in ("NOUN", "PROPN", "ADJ")):
            return None
        if j < len(doc) and _is_numeral(doc[j]) and doc[j].text.isalpha():
            # "stands at 89 one week after": the noun after is the next number's (digits after a
            # figure are a calibre of its noun: "8 million 152 mm shells")
            return None
        # "11 000 soldats": the numeral's head ("300 North Korean soldiers": the compound's head)
        head = self._compound_head(token.head) if self.head_final else token.head
        across = any(t.is_punct and t.text not in ("-", "/") for t in doc[token.i + 1:head.i])  # '"almost 6,000" in a speech'
        if token.dep_ in ("nummod", "det", "amod") and head.i > token.i and head.pos_ in NOMINAL and not across:
            # "in 20 matches", tagged a verb by the English tagger: a finite verb a numeral modifies is a plural noun
            misread = self.head_final and token.dep_ == "nummod" and head.pos_ == "VERB" and head.morph.get("VerbForm") == ["Fin"]
            # "249,000 Americans": people by nationality, a plural proper noun to the English tagger
            people = token.dep_ == "nummod" and head.pos_ == "PROPN" and head.morph.get("Number") == ["Plur"]
            if (head.pos_ == "NOUN" or misread or people or self._known(head)) and not self._dated(token, head):
                return self._contained(head)
        # the next word: "environ 2 700 blessés" where the parse went elsewhere
        nxt = self._compound_head(doc[j]) if self.head_final and j < len(doc) else (doc[j] if j < len(doc) else None)
        if nxt is not None and nxt.pos_ in NOMINAL and not nxt.is_punct and not self._dated(token, nxt):
            if nxt.pos_ == "NOUN" or self._known(nxt):
                return self._contained(nxt)
        if (nxt is not None and j + 1 < len(doc) and (nxt.pos_ == "ADV" or nxt.morph.get("VerbForm") == ["Part"])
                and doc[j + 1].pos_ in ("ADJ", "NOUN", "VERB") and self._known(doc[j + 1])):
            # "89 confirmed missing", "40 still missing", "12 reported dead": the word a participle or
            # an adverb leads to
            return doc[j + 1]
        # "évalue à environ 4 700 le nombre de soldats": the container after the figure
        k = j
        while k < len(doc) and doc[k].pos_ == "DET":
            k += 1
        if k < len(doc) and k > j and fold(doc[k].lemma_) in self.containers:
            return self._contained(doc[k])
        return None

    @staticmethod
    def _past_qualifier(doc: Doc, k: int) -> int:
        """Past the words that qualify a figure at k ("at least", "plus de"), to the figure itself."""
        lead = k
        while lead < len(doc) and lead - k < 3 and doc[lead].pos_ in ("ADP", "ADV", "ADJ") and not _is_numeral(doc[lead]):
            lead += 1
        return lead if lead > k and lead < len(doc) and (_is_numeral(doc[lead]) or _is_figure(doc[lead])) else k

    def _per_unit(self, doc: Doc, info: FigureInfo, noun: Token) -> None:
        """'491 litres per square metre', '120 km par heure': a quantity over an area, or a speed,
        is one unit ('litre per square metre', 'kilometre per hour'), not litres nor kilometres."""
        m = self.per_after.match(memo.text(doc), noun.idx + len(noun.text))
        if not m:
            return
        words = m.group(1).split()
        keys = [fold(" ".join(words[:n])) for n in (3, 2, 1) if len(words) >= n]
        other = next((self.units[k] for k in keys if k in self.units), None)
        if other in PER_AREA or (other == "hour" and info.unit in ("kilometre", "mile")):
            info.why.append(f"counted: {info.unit} per {other}")
            info.unit = f"{info.unit} per {other}"

    def _not_a_time(self, noun: Token | None) -> Token | None:
        return None if noun is not None and fold(noun.text) in self.time_nouns else noun

    def _not_a_participle(self, noun: Token | None) -> Token | None:
        """'79 personnes sur les 2 400 arrêtées': a past participle the parser took for the noun,
        which no unit names, leaves the noun elided (the figure counts what the one before counted)."""
        if noun is None or not self.participle_endings or not fold(noun.text).endswith(self.participle_endings):
            return noun
        return None if self._unit([noun], noun, lexicon=False) == fold(noun.lemma_) else noun  # ('licenciés': no noun here)

    def _dated(self, token: Token, noun: Token) -> bool:
        """'51m last year': a unit of time a time word sets apart from the figure dates its clause."""
        return self.units.get(fold(noun.lemma_)) in TIME_UNITS and any(
            fold(t.text) in self.time_modifiers for t in token.doc[token.i + 1:noun.i])

    def _container_subject(self, token: Token) -> Token | None:
        """'The number of rail journeys increased from just under 51m': a figure with no noun of its
        own, in a clause whose subject is a container, counts what the container holds."""
        verb = token
        for _ in range(3):
            # "s'est alourdi à 147": a participle the tagger read as an adjective heads the clause too
            if verb.pos_ in ("VERB", "AUX") or (verb.pos_ == "ADJ" and verb is not token) or verb.head is verb:
                break
            verb = verb.head
        if verb.pos_ not in ("VERB", "AUX", "ADJ"):
            return None
        subject = next((c for c in verb.children if c.dep_.startswith("nsubj") and c.i < token.i), None)
        if subject is None and verb.dep_.startswith("acl") and verb.head.i < token.i:
            subject = verb.head  # the parse hung the verb on the noun ("journeys increased")
            if not self._is_container(subject) and self._is_container(subject.head) and subject.head.i < subject.i:
                subject = subject.head
        if subject is None or not self._is_container(subject):
            return None
        return self._held(subject)

    def _container_changed(self, token: Token) -> Token | None:
        """'a fall of 924 in the number of police officers, to 123,142': a figure with no noun of its
        own, hung on a change noun whose number of things changes, or on that number as the level it
        reaches, counts the things."""
        head = token.head
        if head is token or head.pos_ != "NOUN" or head.i > token.i:
            return None
        reached = any(c.dep_ == "case" and fold(c.text) in self.reached_marks for c in token.children)
        container = head if reached and self._is_container(head) else None
        if container is None and fold(head.lemma_) in self.change_nouns:
            container = next((c for c in head.children if c.i > token.i and c.pos_ == "NOUN" and self._is_container(c)), None)
        return self._held(container) if container is not None else None

    def _bracketed_after(self, info: FigureInfo, token: Token) -> Token | None:
        """'des homicides (185)', 'homicides volontaires (185)': a figure alone in brackets right
        after a noun (and, in French, its adjectives) counts that noun."""
        doc = token.doc
        span = doc.char_span(info.figure.start, info.figure.end, alignment_mode="expand") or doc[token.i:token.i + 1]
        before, after = span.start - 1, span.end
        if before < 1 or doc[before].text != "(" or after >= len(doc) or doc[after].text != ")":
            return None
        k = before - 1
        while not self.head_final and k > 0 and doc[k].pos_ == "ADJ" and before - k <= 2:
            k -= 1
        noun = doc[k]
        return noun if noun.pos_ == "NOUN" and self._known(noun) else None

    def _held(self, container: Token) -> Token | None:
        """The noun a container noun holds ('the number of rail journeys'), at its compound's head; None
        where it holds none."""
        held = self._contained(container)
        if held is container:
            return None
        return self._compound_head(held) if self.head_final else held

    def _is_container(self, noun: Token) -> bool:
        return fold(noun.lemma_) in self.containers or fold(noun.text) in self.containers

    def _contained(self, noun: Token) -> Token:
        """'le nombre de soldats' counts soldiers: a container noun hands over to its complement."""
        doc = noun.doc
        if not self._is_container(noun):
            return noun
        k = noun.i + 1
        while k < len(doc) and k - noun.i <= 2 and doc[k].pos_ == "ADJ":
            k += 1  # "le nombre total de militaires"
        if k < len(doc) and fold(doc[k].text) in self.of:
            k = _past_determiners(doc, k + 1)  # "the number of its staff"
            if k < len(doc) and doc[k].pos_ in ("NOUN", "PROPN"):
                return doc[k]
        return noun

    def _known(self, t: Token) -> bool:
        # a participle counts as written ("2 700 blessés"), never by its verb ("4 million shipped" is no ship)
        participle = t.pos_ == "VERB" and t.morph.get("VerbForm") in (["Part"], ["Ger"])
        lemma = () if participle else (fold(t.lemma_),)
        word = fold(t.text)
        return any(k in self.units for k in (*lemma, word, *(word.rstrip(e) for e in self.plural_endings)))

    def _is_age(self, token: Token) -> bool:
        """'aged 20', 'their ages range from 20 to 25': a number of years with no noun after it."""
        doc = token.doc
        if any(fold(t.text) in self.age_words for t in doc[max(token.sent.start, token.i - 4):token.i]):
            return True
        i = token.i
        if i >= 2 and fold(doc[i - 1].text) in self.age_bounds and (
                fold(doc[i - 2].lemma_) in self.age_holders or fold(doc[i - 2].text) in self.age_holders):
            return True
        # "Nicolás Maduro, 61, was sworn in", "The patient, 34, was treated": a whole number
        # between commas right after a name or a noun
        return (token.text.isdigit() and 0 < int(token.text) < 120 and 2 <= i - token.sent.start and i + 1 < len(doc)
                and doc[i - 1].text == "," and doc[i + 1].text == "," and doc[i - 2].pos_ in ("PROPN", "NOUN"))

    def _of_a_person(self, token: Token) -> bool:
        """'cette femme de 54 ans', 'un garçon de 19 ans': years after a person and the language's
        link of an age are an age."""
        doc, i = token.doc, token.i
        if i < 2 or fold(doc[i - 1].text) not in self.age_of or doc[i - 2].pos_ != "NOUN":
            return False
        person = doc[i - 2]
        return self._unit([person], person) in unit_classes()["people"]

    def _compound_head(self, noun: Token) -> Token:
        """'KN-23 missiles', 'long-range artillery systems': a modifier hands over to the noun it
        modifies, by the parse, then along the run of nominal words that follows it (the parse
        often stops inside 'short-range ballistic missiles' or 'KN-23 and KN-24 missiles')."""
        for _ in range(4):
            head = noun.head
            if noun.dep_ in ("compound", "amod", "nmod", "flat") and head.i > noun.i and head.pos_ in ("NOUN", "PROPN"):
                noun = head
            else:
                break
        doc, best = noun.doc, noun
        k = noun.i + 1
        while k < len(doc) and k - noun.i <= 8:
            t = doc[k]
            designation = any(c.isdigit() for c in t.text)
            if t.dep_ != "compound" and doc[k - 1].text != "-" and self.units.get(fold(t.lemma_)) in TIME_UNITS:
                break  # "3,000 soldiers last month": a time of the clause, not what is counted
            if t.pos_ in ("NOUN", "PROPN") and not designation:
                best = t
            elif not (t.pos_ in ("ADJ", "NOUN", "PROPN") or t.text in ("-", "/")
                      or (designation and not _is_figure(t))  # "120 M-1991 240mm multiple rocket launchers"
                      or (t.pos_ == "VERB" and t.morph.get("VerbForm") in (["Part"], ["Ger"])
                          and k + 1 < len(doc) and doc[k + 1].pos_ in ("NOUN", "PROPN", "ADJ")
                          and t.head.i > t.i)  # "self-propelled guns", not "containers carrying shells"
                      or (t.pos_ == "CCONJ" and k + 1 < len(doc) and any(c.isdigit() for c in doc[k + 1].text))):
                break
            k += 1
        if best.i == noun.i and any(c.isdigit() for c in noun.text):
            return noun  # a designation alone: nothing better to count
        return best

    def _noun_phrase(self, noun: Token, figure: Token | None = None) -> list[Token]:
        """The noun and what qualifies it right after: 'unités d'artillerie à longue portée';
        in a head-final language, the modifiers before it: 'long-range artillery systems'."""
        doc = noun.doc
        if self.head_final:
            start = noun.left_edge.i
            if figure is not None and figure.i < noun.i:
                # the words between the figure and its noun, whatever the parse hung them on
                # ("5,000 military construction troops")
                between = doc[figure.i + 1:noun.i]
                start = figure.i + 1 if all(t.pos_ in RUN for t in between) else max(start, figure.i + 1)
            while start < noun.i and doc[start].pos_ in ("DET", "ADP", "PUNCT", "NUM", "ADV"):
                start += 1
            return list(doc[start:noun.i + 1])
        out = [noun]
        k = noun.i + 1
        while k < len(doc) and len(out) < 6:
            t = doc[k]
            if t.pos_ == "ADJ" or (t.pos_ in ("NOUN", "PROPN") and out[-1].pos_ == "ADP"):
                out.append(t)
            elif fold(t.text) in self.noun_links and k + 1 < len(doc) and doc[k + 1].pos_ in ("NOUN",):
                out.append(t)
            elif t.text == "-" or t.pos_ == "DET" and out[-1].pos_ == "ADP":
                out.append(t)
            else:
                break
            k += 1
        while out and out[-1].pos_ in ("ADP", "DET", "PUNCT"):
            out.pop()
        return out

    def _unit(self, phrase: list[Token], noun: Token, table: _UnitTable | None = None, lexicon: bool = True) -> str:
        """The GUIDE's unit of a counted phrase: the (topic's and) language's unit table, else, with
        `lexicon`, the language's general vocabulary in English, else the noun's lemma."""
        table = table or self.table
        # head-final: 'long-range artillery systems' tries 'range artillery system', 'artillery system' ...
        starts = range(len(phrase)) if self.head_final else range(1)
        for k in starts:
            words = " ".join(t.text for t in phrase[k:])
            lemmas = " ".join(t.lemma_ for t in phrase[k:])
            for candidate in (self.phrase_key(words), self.phrase_key(lemmas)):
                for phrase_key, key in table.phrase_keys:
                    if candidate.startswith(phrase_key):
                        return table.units[key]
        if self.head_final and len(phrase) > 1 and noun.i - phrase[0].i >= 1:
            # "a 7.8 magnitude quake", "a 10 km stretch": a measuring unit first in the compound is
            # what the figure measures; the noun after it is what is measured
            first = table.units.get(fold(phrase[0].lemma_)) or table.units.get(fold(phrase[0].text))
            if first in MEASURING_UNITS:
                return first
        head = noun
        word = fold(head.text)
        unit = fold(head.lemma_)
        # "2m." is one token: an abbreviation's period is no part of the unit
        keys = (fold(head.lemma_), word, word.rstrip("."), *(word.rstrip(e) for e in self.plural_endings))
        for key in keys:
            if key in table.units:
                unit = table.units[key]
                break
        else:
            if lexicon:  # "sept départements": the language's general vocabulary, in English
                unit = next((self.lang.nouns[k] for k in keys if k in self.lang.nouns), unit)
        if not (self.generic_heads and self.head_final and len(phrase) > 1 and phrase[-1].i == noun.i):
            return unit
        # ("clinics", a lemma the lemmatizer left plural, is a generic head too)
        singular = next((unit[:-len(e)] for e in self.plural_endings if unit.endswith(e) and unit[:-len(e)] in self.generic_heads), unit)
        classifier = phrase[-2]
        if (singular in self.generic_heads and classifier.pos_ in ("NOUN", "ADJ") and classifier.text.isalpha()
                and classifier.text.islower() and fold(classifier.text) not in self.not_classifiers):
            return f"{fold(classifier.lemma_ if classifier.pos_ == 'NOUN' else classifier.text)} {singular}"
        return unit

    def _window(self, doc: Doc, token: Token) -> tuple[int, int]:
        """The sentence around a figure, up to the figures before and after it (a person's age aside:
        "Ana Ruiz, 58 ans, est réélue avec 51,2 % des voix" is still Ruiz's share)."""
        sent = memo.sent_of(token)
        others = [i.token for i in figures_of(doc) if i.token != token.i and sent.start <= i.token < sent.end and not i.age]
        lo = max([o + 1 for o in others if o < token.i], default=sent.start)
        hi = min([o for o in others if o > token.i], default=sent.end)
        return lo, hi

    def _clause_words(self, doc: Doc, token: Token, noun: Token | None) -> list[tuple[int, str, str]]:
        """The words around the figure in its sentence, in text order, stopping at other figures; each
        with its distance to the figure (0 for the counted noun phrase)."""
        lo, hi = self._window(doc, token)
        words = []
        own = {t.i for t in self._noun_phrase(noun, token)} if noun is not None else set()
        for t in doc[lo:hi]:
            if t.i == token.i:
                words.append((0, "#", "#"))  # the figure itself: no phrase cue runs across it
                continue
            distance = 0 if t.i in own else abs(t.i - token.i)
            words.append((distance, fold(t.lemma_), fold(t.text)))
        return words

    def _restated_words(self, doc: Doc, info: FigureInfo) -> list[tuple[int, str, str]]:
        """Where a share's clause names no measure: the clauses of the counts beside it in its
        sentence, near it and with no verb between them, which give the same thing ("4,5 millions
        de voix, soit 44,2 %"). Not a count another verb states ("won 4,500 votes while turnout
        reached 44%"), nor other shares ("51 % for A and 44 % for B": each its own)."""
        if info.unit != "percent":
            return []  # a count is not what its part or share says of it ("2,4 millions d'habitants, dont la moitié déplacée")
        token = doc[info.token]
        sent = memo.sent_of(token)
        beside = [self._window(doc, doc[o.token]) for o in figures_of(doc)
                  if o.token != info.token and sent.start <= o.token < sent.end and not o.age
                  and o.unit and o.unit != "percent" and not _verb_between(doc, o.token, info.token)]
        return [(abs(t.i - token.i), fold(t.lemma_), fold(t.text)) for a, b in beside for t in doc[a:b]
                if abs(t.i - token.i) <= SHARE_NEIGHBOURHOOD and not _is_figure(t)]

    @staticmethod
    def _governing_chain(token: Token, noun: Token | None) -> list[tuple[tuple[int, str, str], str]]:
        """The words the counted phrase depends on, up to the governing verb, wherever it stands
        ("300 soldats ont été tués", "la capture de deux soldats", "l'artillerie russe tire 10 000
        obus"), each with the relation by which the chain reached it."""
        words = []
        h = noun or token
        for _ in range(4):
            if h.head is h:
                break
            dep, h = h.dep_, h.head
            if h.pos_ in ("VERB", "AUX", "NOUN", "ADJ"):
                words.append(((abs(h.i - token.i) + 1, fold(h.lemma_), fold(h.text)), dep))
            if h.pos_ == "VERB":
                break
        return words


SHARE_NEIGHBOURHOOD = 15  # tokens: how far from a share its count's cue may stand
AFTER_NAME = re.compile(rf"[{UPPER}][\w'’-]+,\s*$")  # "Yair Roitman, " before an age


def _verb_between(doc: Doc, a: int, b: int) -> bool:
    """A verb, or a copula, stands between two tokens: not "soit", "or", tagged as connectors."""
    return any(t.pos_ == "VERB" or (t.pos_ == "AUX" and t.dep_ in ("cop", "ROOT")) for t in doc[min(a, b) + 1:max(a, b)])


def _is_figure(token: Token) -> bool:
    return any(f.token == token.i for f in figures_of(token.doc))


class PhraseKey:
    """'militaires du génie', 'militaire de le génie' -> 'militaire de genie': plural, article and
    accents aside, so that a unit phrase matches however the text inflects it."""

    def __init__(self, lang: LanguageData):
        def bare(w: str) -> str:
            return strip_accents(fold(w)).replace("'", "")

        of = lang.data["grammar"]["of"]
        self.link = bare(of[0])
        self.links = {bare(w) for w in (*of, *lang.data["grammar"]["articles"])}
        self.plural_endings = tuple(lang.data["grammar"]["plural_endings"])

    def __call__(self, text: str) -> str:
        text = re.sub(r"\s*-\s*", "-", text)  # tokens joined by spaces: "air - defence" is "air-defence"
        words = re.findall(r"[\w-]+", strip_accents(fold(text)).replace("'", " "))
        out: list = []
        for w in words:
            if w in self.links:
                if not out or out[-1] != self.link:
                    out.append(self.link)
                continue
            out.append(w[:-1] if len(w) > 3 and w.endswith(self.plural_endings) else w)
        return " ".join(out)


def _past_determiners(doc: Doc, k: int) -> int:
    """The first token from `k` on that is neither a determiner nor a possessive ("of its
    employees": the English tagger makes "its" a pronoun)."""
    while k < len(doc) and (doc[k].pos_ == "DET" or doc[k].morph.get("Poss") == ["Yes"]):
        k += 1
    return k


def _is_numeral(t: Token) -> bool:
    """A number of its own after the figure ("one week", "217"), not a word of its noun."""
    return t.like_num and t.pos_ in ("NUM", "DET", "PRON", "ADJ", "NOUN") and not t.is_punct
