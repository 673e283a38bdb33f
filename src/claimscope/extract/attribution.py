"""Component `claimscope_attribution`: who, in each sentence, says what its figures state.

Two kinds of cue, both from the language data:
- an attribution phrase, "selon X", "d'après X", whose noun phrase is read up to the clause
  boundary, with its relay chain ("A cités par B": source A via B; "A citant B": B via A);
- a verb of saying ("a déclaré", "estime", "a précisé le ministère"), whose subject the
  dependency parse gives (or its agent in the passive, or the antecedent of "qui").
A noun phrase becomes a speaker through the topic's aliases (canonical name), else its
proper names as written; pronouns and bare nouns ("Il", "Ces rapports", "le général") are
anaphors for the discourse step; "certaines informations", "des sources" name nobody.
Figures inside a quotation take the speaker of the sentence that closes (or opens) it.
"""
from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ..lang import LanguageData, fold
from ..topic import Topic
from . import entities, memo
from .chains import RelayChains
from .figures import figures_of
from .names import NameReader
from .speaker import NONE, Speaker
from .speech import SpeechVerbs
from .tree import under

POSSESSIVE = "possessive"  # the hint of "Its"/"Their" owning a report noun: see Discourse._source
SUBJECTS = ("nsubj", "nsubj:pass", "obl:agent", "expl:subj")
APPOSITIONS = ("appos", "acl", "acl:relcl", "parataxis")


def _times(doc: Doc) -> list:
    """The time expressions timeref found in the doc (none where it has not run)."""
    return (doc._.times or []) if Doc.has_extension("times") else []


def _bracketed(t: Token) -> bool:
    """A word standing alone in brackets: "(LEAD)", "(UPDATE)"."""
    doc, first, last = t.doc, t.left_edge.i, t.right_edge.i
    opened = doc[first].text == "(" or (first > 0 and doc[first - 1].text == "(")
    return opened and any(x.text == ")" for x in doc[t.i + 1:min(len(doc), last + 2)])


def _is_dateline_place(token: Token) -> bool:
    """The place that opens an article's dateline ("Gaza, Dec 5 ..."): first word of the text,
    a comma, then a day."""
    doc = token.doc
    if token.idx > 60 or token.i + 2 >= len(doc) or doc[token.i + 1].text != ",":
        return False
    after = doc[token.i + 2].idx
    return any(x.kind == "day" and x.start == after for x in _times(doc))


POSSESSIVE_MARKS = ("'s", "’s", "'", "’")  # English's possessive, a token of its own
BRACKETED = re.compile(r"\s*\(([^()\d]{2,15})\)")  # "(CPJ)" after a long name


class Attribution:
    def __init__(self, lang: LanguageData, topic: Topic):
        self.lang = lang
        self.topic = topic
        a = lang.attribution
        preps = sorted((p for p in a["prepositions"] if not p.startswith("cit")), key=len, reverse=True)
        initial = "|".join(lang.phrase_pattern(p) for p in a.get("initial_prepositions", []))
        self.initial_preposition = re.compile(rf"^\s*(?:{initial})\s+", re.IGNORECASE) if initial else None
        self.preposition = re.compile(rf"(?<!\w)(?:{'|'.join(lang.phrase_pattern(p) for p in preps)})\s+", re.IGNORECASE)
        # "by the Pentagon's count", "by ISW's estimate": the owner of the count gives the figure
        owned = "|".join(re.escape(w) for w in sorted(a.get("owner_count_nouns", []), key=len, reverse=True))
        by_owner = "|".join(lang.phrase_pattern(p) for p in a.get("owner_count_prepositions", []))
        self.owner_count = re.compile(rf"(?<!\w)(?:{by_owner})\s+(?P<owner>[^,;:.()]{{1,60}}?)['’]s?\s+(?:own\s+)?(?:{owned})(?!\w)",
                                      re.IGNORECASE) if owned and by_owner else None
        self.is_speech_verb = SpeechVerbs(lang)
        self.speech_lemmas, self.speech_stems = self.is_speech_verb.lemmas, self.is_speech_verb.stems
        self.speech_phrases = self.is_speech_verb.phrases
        # "the government approved a 10.6-billion-euro package": who decides a figure gives it, when
        # no one is said to report it
        self.decision_lemmas = {fold(v) for v in a.get("decision_verbs", [])}
        self.quoted_as = {(fold(pair[0]), tuple(fold(pair[1]).split())) for pair in a.get("quoted_as", [])}
        self.report_nouns = {fold(v) for v in a["report_nouns"]}
        self.report_owners = {fold(v) for v in a.get("report_owners", [])}
        self.clause_marks = {fold(v) for v in a.get("clause_marks", [])}
        # "March's report", "last week's count": a time owns no report. Not `_is_time`: a month alone
        # is no time expression of the finder's, and as a subject it may be a name ("May said")
        t = lang.data.get("time", {})
        self.time_words = {fold(w) for w in (*t.get("months", {}), *t.get("weekdays", []), *t.get("today", []),
                                             *t.get("yesterday", []), *t.get("tomorrow", []), *t.get("duration_units", []),
                                             *lang.data["grammar"].get("time_nouns", []))}
        self.anaphors = {fold(v) for v in a["anaphors"]}
        self.anaphor_nouns = {fold(v) for v in a["anaphor_nouns"]}
        self.inverted = tuple(fold(p) for p in a["inverted_pronoun"])
        self.quote_open = tuple(a["quote_open"])
        self.quote_close = tuple(a["quote_close"])
        self.weekdays = {fold(w) for w in lang.time.get("weekdays", [])}
        self.first_person = {fold(w) for w in a.get("first_person", [])}
        self.same_source = {fold(w) for w in a.get("same_source", [])}
        g = lang.data["grammar"]
        self.head_final = bool(g.get("head_final", False))
        self.complementizers = self.is_speech_verb.complementizers
        self.of = {fold(w) for w in g["of"]}
        self.articles = {fold(w) for w in g["articles"]}
        self.indefinites = {fold(w) for w in g.get("indefinites", [])}
        self.demonstratives = {fold(w) for w in g["demonstratives"]}
        # "le bilan précédent", "the previous toll": a report placed in a sequence is an earlier speaker's
        self.sequence_words = {fold(w) for w in lang.attribution.get("report_sequence_words", [])}
        # "These figures were released by the Interior Ministry": the source of the figures said before
        self.data_nouns = {fold(w) for w in a.get("data_nouns", [])}
        self.data_from = {fold(w) for w in a.get("data_from_verbs", [])}
        self.data_by = {fold(w) for w in a.get("data_by", [])}
        self.data_from_words = {fold(w) for w in a.get("data_from_words", [])}
        # "Data from OCHA shows 2230 aid truckloads ...", a sentence the parse breaks ("shows" a noun)
        self.data_shows = _data_shows_pattern(a)
        self.names = NameReader(lang)
        self.chains = RelayChains(lang, self._resolve)
        self.relay_passive, self.relay_active = self.chains.relay_passive, self.chains.relay_active
        self.unnamed, self.anaphor_dets = self.names.unnamed, self.names.anaphor_dets

    def __call__(self, doc: Doc) -> Doc:
        figures = figures_of(doc)
        doc._.speakers = [(s.start_char, s.end_char, self.sentence_speaker(s, None)) for s in memo.sents(doc)]
        figure_tokens = {f.token for f in figures}
        doc._.data_owners = {s.start_char: owner for s in memo.sents(doc)
                             if (owner := self.data_owner(s, figure_tokens)).kind == "named"}
        quotes = self._quotes(doc)
        for k, info in enumerate(figures):
            token = doc[info.token]
            sent = memo.sent_of(token)
            speaker = self.sentence_speaker(sent, token)
            q = next(((qs, qe) for qs, qe in quotes if qs <= token.idx < qe), None)
            if q:
                info.in_quote = True
                if speaker.kind == "none":
                    for boundary in (q[1] - 1, q[0]):
                        other = doc.char_span(boundary, boundary + 1, alignment_mode="expand")
                        if other is not None and other.sent.start != sent.start:
                            speaker = self.sentence_speaker(other.sent, None)
                            if speaker.kind != "none":
                                speaker = replace(speaker, cue=f"quotation: {speaker.cue}")  # not the cached one
                                break
                if speaker.kind == "none":
                    speaker = self._colon_speaker(doc, q[0])
            if speaker.kind == "none":
                speaker = self._whole_speaker(figures[:k], token)
            if speaker.kind == "none":
                speaker = self._data_shows_speaker(sent, token)
            info.speaker_kind, info.speaker, info.via = speaker.kind, speaker.name, speaker.via
            info.speaker_hint = speaker.hint
            if speaker.kind != "none":
                info.why.append(f"attribution: {speaker.cue} -> {speaker.kind} {speaker.name or ''}".rstrip())
        return doc

    def data_owner(self, sent: Span, figure_tokens: set[int]) -> Speaker:
        """Who the sentence says the figures come from, when it opens on them: "The figures were
        declared on Thursday by the Government delegate, Pilar Bernabe", "Ce sont quelques-unes des
        données fournies par la Vice-Présidence ...", "These data come from the Health Ministry".
        The figures are those said before it (and its own); a figure ahead of the noun is no such opening."""
        if not self.data_nouns:
            return NONE
        for t in sent[:8]:
            if t.i in figure_tokens or t.like_num:
                return NONE
            if t.pos_ != "NOUN" or fold(t.text) not in self.data_nouns:
                continue
            determiner = next((c for c in t.children if c.dep_ == "det"), None)
            pointed = determiner is not None and fold(determiner.text) in self.articles | self.demonstratives
            # "Ce sont quelques-unes des données", "These are figures": a demonstrative subject points back
            if not (pointed or any(c.dep_ == "nsubj" and fold(c.text) in self.demonstratives
                                   for x in (t, t.head) for c in x.children)):
                continue
            verbs = [t, *(c for c in t.children if c.dep_.startswith("acl"))]  # "the statistics by the regulator"
            if t.dep_ in ("nsubj", "nsubj:pass"):
                verbs.append(t.head)
            for verb in verbs:
                # the agent, or where the figures come from, wherever the parse hung it ("released on
                # Monday by the ministry" may hang the ministry on Monday), but not in a clause below
                # ("... reveals that the increase was driven by a rise in London")
                markers = self.data_by | (self.data_from_words if fold(verb.lemma_) in self.data_from else set())
                for c in verb.subtree:
                    if c.i <= t.i or not any(x.dep_ == "case" and fold(x.text) in markers for x in c.children):
                        continue
                    if any(a.pos_ in ("VERB", "AUX") for a in _path_up(c, verb)):
                        continue
                    doc = sent.doc
                    start = next((x.i + 1 for x in c.children if x.dep_ == "case" and x.i < c.i), c.left_edge.i)
                    span = doc[start:min(c.right_edge.i, c.i + 25) + 1]
                    cue = f"{t.text} {verb.text} (the figures' source {span.text!r})"
                    # "by the Government delegate in the Valencian Community, Pilar Bernabe": the person
                    # the apposition names, before the office; then the office
                    # (not a name in a clause below it: "la Vice-Présidence ... dirigée par le lieutenant
                    # général Gan Pampols" gives the figures, not its head)
                    named = [doc[a.left_edge.i:a.right_edge.i + 1] for a in c.subtree if a.dep_ == "appos" and a.pos_ == "PROPN"
                             and not any(x.pos_ in ("VERB", "AUX") for x in _path_up(a, c))]
                    for phrase in (*named, self._core(c, span), span):
                        if phrase is not None:
                            found = self.chains.with_chain(sent, (phrase.start_char, phrase.end_char, phrase.text), cue)
                            if found.kind == "named":
                                return found
            return NONE
        return NONE

    def _data_shows_speaker(self, sent: Span, token: Token) -> Speaker:
        """"Data from OCHA shows 2230 aid truckloads ...": the owner of the data the sentence opens
        on, read from the words where the parse made no verb of "shows"."""
        if self.data_shows is None:
            return NONE
        m = self.data_shows.match(memo.text(sent.doc)[sent.start_char:token.idx])
        if m is None:
            return NONE
        start = sent.start_char + m.start("name")
        found = self.chains.with_chain(sent, (start, start + len(m.group("name")), m.group("name")),
                                       f"{m.group(0).strip()} (the data's owner)")
        return found if found.kind == "named" else NONE  # a phrase that names nobody leaves the figure to the other rules

    @staticmethod
    def _noun_before(pronoun: Token) -> Token:
        """The noun right before a relative pronoun, past a comma and a closing bracket ("the
        National Intelligence Service (NIS), which ..."); the pronoun itself where there is none."""
        doc, k = pronoun.doc, pronoun.i - 1
        while k >= pronoun.sent.start and doc[k].text in (",", ")"):
            k -= 1
        return doc[k] if k >= pronoun.sent.start and doc[k].pos_ in ("NOUN", "PROPN") else pronoun

    def _antecedent(self, noun: Token, pronoun: Token) -> Token:
        """The head of the noun phrase a relative pronoun stands for ("the Health Ministry in Gaza,
        which": the ministry, not Gaza); the pronoun itself where that is a time ("en décembre, qui")."""
        doc = noun.doc
        for _ in range(3):
            while noun.dep_ in ("nmod", "flat", "flat:name", "compound") and noun.head.i < noun.i and noun.head.pos_ in ("NOUN", "PROPN"):
                noun = noun.head
            # "the Health Ministry in Gaza, which": a place after the phrase, whatever the parse hung it on
            case = next((c for c in noun.children if c.dep_ == "case" and c.i < noun.i), None)
            if case is None or fold(case.text) in self.of or case.i == 0 or doc[case.i - 1].pos_ not in ("NOUN", "PROPN"):
                break
            noun = doc[case.i - 1]
        return pronoun if noun is pronoun or self._is_time(noun) else noun

    @staticmethod
    def _whole_speaker(earlier: list, token: Token) -> Speaker:
        """A figure under an earlier one in the tree (so in its sentence) is a part of it and shares
        its source: "Its count was around 15,000, including roughly 11,000 deployed in autumn 2024"."""
        for whole in reversed(earlier):
            head = token.doc[whole.token]
            if whole.speaker_kind in ("named", "anaphor") and under(token, head):
                return Speaker(whole.speaker_kind, whole.speaker, whole.via, f"part of {head.text}: {whole.speaker or 'its'} source",
                               whole.speaker_hint)
        return NONE

    # -- quotations ------------------------------------------------------------

    def _quotes(self, doc: Doc) -> list[tuple[int, int]]:
        spans, text = [], memo.text(doc)
        for opener, closer in zip(self.quote_open, self.quote_close, strict=False):
            # a straight quote opens and closes alike: its marks pair in the order they come
            for m in re.finditer(re.escape(opener) + r"[^" + re.escape(closer) + r"]*" + re.escape(closer), text):
                spans.append((m.start(), m.end()))
        return spans

    def _colon_speaker(self, doc: Doc, quote_start: int) -> Speaker:
        """'Zelensky : « ... »': the name before a colon that opens a quotation."""
        text = memo.text(doc)
        line_start = text.rfind("\n", 0, quote_start) + 1
        m = re.search(r"([^:«»\n]{2,80}?)\s*:\s*$", text[line_start:quote_start])
        if not m:
            return NONE
        span = doc.char_span(line_start + m.start(1), line_start + m.end(1), alignment_mode="expand")
        if span is None:
            return NONE
        speaker = self._resolve(span.sent, span.text, f"{span.text} : « ... »")
        if speaker.kind == "named" and capitals_label(span.text) and not self.topic.canonical_source(span.text):
            return NONE  # "EXAGÉRÉ : « ... »", "FAUX : « ... »": a fact-check's verdict on the quotation
        return speaker if speaker.kind == "named" else NONE

    # -- one sentence -----------------------------------------------------------

    def sentence_speaker(self, sent: Span, figure: Token | None) -> Speaker:
        if figure is None:
            # the same for every figure-free call: once per sentence (doc._.speakers, quotations)
            return _memo(self, sent.doc, ("sentence", sent.start), lambda: self._sentence_speaker(sent, None))
        return self._sentence_speaker(sent, figure)

    def _sentence_speaker(self, sent: Span, figure: Token | None) -> Speaker:
        verb_speaker = self._speech_verb(sent, figure)
        owner = self._report_owner(figure) if figure is not None else NONE
        prep_speaker = self._preposition(sent, figure)
        if owner.kind == "anaphor" and prep_speaker.kind != "named" and (
                verb_speaker.kind == "none" or not self._governed_by_speech(sent, figure)):
            # "Its count of troops sent ... was around 15,000": the last named source's; "The study's
            # best estimate is 64,260, 41% above the figures published by the ministry": the verb
            # of saying is the other figures'
            return owner
        if owner.kind == "named":
            # "consistent with South Korean government estimates of more than 28,000": the estimate's
            # owner is the source, whoever relays it
            relay = (verb_speaker.name,) if verb_speaker.kind == "named" and verb_speaker.name != owner.name else ()
            return Speaker("named", owner.name, relay + owner.via, owner.cue)  # type: ignore[arg-type]
        if figure is not None and prep_speaker.kind == "named" and not self._governed_by_speech(sent, figure):
            # "Kiev avance des chiffres : selon Zelensky, 4 000 ...": the verb speaks of something else
            return prep_speaker
        if verb_speaker.kind == "named" and prep_speaker.kind == "named":
            # "selon Yonhap, le NIS a déclaré que...": the verb's subject is the inner source
            return Speaker("named", verb_speaker.name, (prep_speaker.name, *prep_speaker.via), verb_speaker.cue)  # type: ignore[arg-type]
        for s in (prep_speaker, verb_speaker):
            if s.kind in ("named", "anaphor"):
                return s
        for s in (prep_speaker, verb_speaker):
            if s.kind == "unnamed":
                return s
        return self._decider(sent, figure) if figure is not None else NONE

    def _decider(self, sent: Span, figure: Token) -> Speaker:
        """The named subject of a verb of deciding that governs the figure ("Spain's central
        government approved a 10.6-billion-euro relief package", "the 10.6 billion euros Sanchez
        pledged"), where no one reports it. Only a subject the parse gives (before the verb, an
        agent, or a coordinated verb's: "a proposé ... et a approuvé"), never an inverted one."""
        for verb in sent:
            if verb.pos_ != "VERB" or fold(verb.lemma_) not in self.decision_lemmas:
                continue
            if not (under(figure, verb) or (verb.dep_.startswith("acl") and verb.head.i in (figure.i, figure.head.i))):
                continue
            # a coordinated verb's subject ("a proposé ... et a approuvé"), or the one of the verb it
            # completes ("has been able to verify 835 detainees")
            for doer in (verb, verb.head if verb.dep_ in ("conj", "xcomp") else None):
                if doer is not None and any((c.dep_ == "nsubj" and c.i < doer.i or c.dep_ == "obl:agent")
                                            and not under(figure, c) for c in doer.children):
                    speaker = _memo(self, doer.doc, ("subject", doer.i), lambda doer=doer: self._subject_of(doer))
                    if speaker.kind == "named":
                        return speaker
                    break
        return NONE

    def _report_owner(self, figure: Token) -> Speaker:
        """The named owner of a report noun the figure hangs from: "the NIS's estimate of 11,000",
        "South Korean government estimates of 28,000 containers"."""
        t = figure
        for _ in range(4):
            # "Its count of troops sent ... was around 15,000": the figure is what the report noun is
            subject = next((c for c in t.children if c.dep_.startswith("nsubj") and self._is_report_noun(c)), None)
            if subject is not None and any(c.dep_ == "cop" for c in t.children):
                t = subject
            elif t.head.i == t.i:
                return NONE
            else:
                t = t.head
            if self._is_report_noun(t):
                mods = [c for c in t.children if c.i < t.i and c.dep_ in ("compound", "nmod:poss", "amod", "nmod")]
                if not mods:
                    return NONE
                span = t.doc[min(m.left_edge.i for m in mods):t.i]
                owners = [m for m in mods if m.dep_ == "nmod:poss" and m.text not in POSSESSIVE_MARKS]
                if owners and all(fold(m.text) in self.time_words or fold(m.lemma_) in self.time_words for m in owners):
                    return NONE
                if owners and mods[-1].dep_ == "amod":
                    # "The study's best estimate": the owner, not its mark or its adjective
                    span = t.doc[min(m.left_edge.i for m in owners):max(m.i for m in owners) + 1]
                found = self._resolve(t.sent, span.text, f"{t.text} (owner {span.text!r})") if span.text.strip() else NONE
                if found.kind == "anaphor" and found.hint is None:
                    return replace(found, hint=POSSESSIVE)  # "Its count", "Their tally"
                return found if found.kind in ("named", "anaphor") else NONE
            if t.pos_ in ("VERB", "AUX"):
                return NONE
        return NONE

    def _is_report_noun(self, t: Token) -> bool:
        # a subject is a noun whatever tag the parser gave it ("Their tally ... was 9 million")
        nominal = t.pos_ == "NOUN" or (t.dep_.startswith("nsubj") and t.pos_ not in ("VERB", "AUX", "PRON"))
        return nominal and (fold(t.text) in self.report_nouns or fold(t.lemma_) in self.report_nouns)

    def _preposition(self, sent: Span, figure: Token | None = None) -> Speaker:
        """The attribution phrase's speaker; of two ("selon X, ... ; selon Y, ..."), the one nearest the figure."""
        at = None
        if figure is not None:
            found = list(self.preposition.finditer(memo.span_text(sent)))
            if len(found) > 1:
                at = min(found, key=lambda m: abs(sent.start_char + m.start() - figure.idx)).start()
        return _memo(self, sent.doc, ("preposition", sent.start, at), lambda: self._read_preposition(sent, at))

    def _read_preposition(self, sent: Span, at: int | None = None) -> Speaker:
        text = memo.span_text(sent)
        m = self.preposition.search(text, at or 0)
        owned = self.owner_count.search(text) if not m and self.owner_count is not None else None
        if owned is not None:
            start, end = sent.start_char + owned.start("owner"), sent.start_char + owned.end("owner")
            return self.chains.with_chain(sent, (start, end, owned.group("owner")), owned.group(0).strip())
        if not m and self.initial_preposition is not None:
            m = self.initial_preposition.match(text)
            if m and "," in text:
                phrase = self.chains.phrase_after(sent, sent.start_char + m.end())
                speaker = self.chains.with_chain(sent, phrase, f"{m.group(0).strip()} {phrase[2]}") if phrase else NONE
                return speaker if speaker.kind == "named" else NONE
            return NONE
        if not m:
            return NONE
        start = sent.start_char + m.end()
        phrase = self.chains.phrase_after(sent, start)
        if not phrase:
            return NONE
        return self.chains.with_chain(sent, phrase, f"{m.group(0).strip()} {phrase[2]}")

    def _named_in_brackets(self, sent: Span, phrase: str) -> str | None:
        """The topic's source a bracketed short name right after the phrase names: "le Comité pour
        la défense des journalistes (CPJ)", however the long name is translated."""
        text = memo.span_text(sent)
        at = text.find(phrase)
        m = BRACKETED.match(text, at + len(phrase)) if at >= 0 else None
        return self.topic.canonical_source(m.group(1)) if m else None

    def _resolve(self, sent: Span, phrase: str, cue: str) -> Speaker:
        """A noun phrase as a speaker: canonical alias, name as written, anaphor or nobody."""
        canonical = (self.topic.source_by_acronym(phrase) or self.topic.canonical_source(phrase)
                     or self.topic.source_by_words(phrase) or self._named_in_brackets(sent, phrase))
        if canonical:
            return Speaker("named", canonical, (), cue)
        folded = re.findall(r"\w+'|[\w-]+", fold(phrase))
        if not folded:
            return NONE
        # "according to these": a demonstrative alone stands for what was just reported
        if folded[0] in self.anaphors or " ".join(folded[:2]) in self.anaphors or set(folded) <= self.demonstratives:
            return Speaker("anaphor", None, (), cue, hint="same" if self.same_source & set(folded[:3]) else None)
        at = memo.span_text(sent).find(phrase)
        span = sent.doc.char_span(sent.start_char + at, sent.start_char + at + len(phrase),
                                  alignment_mode="expand") if at >= 0 else None
        if span is not None:
            entities.ready(span.doc)
        person = span is not None and any(e.label_ in ("PER", "PERSON") for e in span.ents)
        content = [w for w in folded if w not in self.anaphor_dets and w not in self.of and w not in self.articles]
        # the noun that heads the phrase: first in French ("l'agence de renseignement"), last in English ("the spy agency")
        head = (content[-1] if self.head_final else content[0]) if content else None
        owner = self._owner_phrase(span) if span is not None else None
        group = self.names.modified_group(owner or span) if span is not None else None
        if group:
            # "the emergency services", "the latest figures from the emergency services": a group, not the last speaker
            return Speaker("named", group, (), cue)
        if not person and folded[0] in self.anaphor_dets and head in self.anaphor_nouns | self.report_nouns:
            if folded[0] in self.demonstratives or head in self.anaphor_nouns or any(w in self.sequence_words for w in content):
                # "le général", "l'agence", "ces rapports", "le chef de l'État": the last named speaker
                if len(content) <= 3 or not self.names.proper_name(span):
                    return Speaker("anaphor", None, (), cue, hint=" ".join(content[:3]))
        name = self.names.proper_name(self._before_clause(span)) if span is not None else None
        if name:
            return Speaker("named", name, (), cue)
        category = self.names.category(span) if span is not None else None
        if category:
            return Speaker("named", category, (), cue)
        # "selon le Premier ministre", where the topic names "le Premier ministre espagnol"
        part_of = self.topic.source_by_part(phrase, self.head_final) if folded[0] not in self.indefinites else None
        if part_of:
            return Speaker("named", part_of, (), cue)
        return Speaker("unnamed", None, (), cue)

    def _subject_speaker(self, verb: Token, v: Token, child: Token, span: Span, cue: str) -> Speaker:
        """Who the subject phrase `span` (headed by `child`) of the verb `v` names: the one it
        quotes, its head's source, a name inside it, else its chain of relays."""
        quoted = self._quoted(v)
        if quoted is not None:
            return self.chains.relayed(verb.sent, quoted, span.text, f"{cue} (quoting {quoted.text!r})")
        phrase = self.chains.with_relay_after(verb.sent, span)  # "Reuters, citing figures compiled by ..., says"
        head_alias = self.topic.canonical_source(child.text) if child.pos_ in ("PROPN", "NOUN") else None
        if head_alias and not (self.relay_active.search(phrase[2]) or self.relay_passive.search(phrase[2])):
            # "The MSMT, set up by 11 countries including South Korea, said": the subject's
            # own head names the source, whatever its modifiers name
            return Speaker("named", head_alias, (), f"{cue} (subject {child.text!r})")
        named = self._named_in_subject(verb, v, child, span, cue)
        if named is not None:
            return named
        return self.chains.with_chain(verb.sent, phrase, f"{cue} (subject {span.text!r})")

    def _quoted(self, v: Token) -> Span | None:
        """'Yonhap quotes the Joint Chiefs of Staff as saying that ...': the object of a verb of
        quoting, when 'as saying' follows it, is who speaks."""
        obj = next((c for c in v.children if c.dep_ == "obj"), None)
        if obj is None:
            return None
        after = tuple(fold(t.text) for t in v.doc[obj.right_edge.i + 1:obj.right_edge.i + 3])
        for verb, as_saying in self.quoted_as:
            if fold(v.lemma_) == verb and after[:len(as_saying)] == as_saying:
                return v.doc[obj.left_edge.i:obj.right_edge.i + 1]
        return None

    def _named_in_subject(self, verb: Token, v: Token, child: Token, span: Span, cue: str) -> Speaker | None:
        """A name the subject phrase holds: who made the thing that says ("A poll published this
        week by the Venezuelan firm Meganálisis found that ..."), else the phrase's core."""
        phrases = []
        if child.pos_ == "NOUN" and (agent := self._agent(v)) is not None:
            phrases.append((agent, f"{cue} (subject {child.text!r}, by {agent.text!r})"))
        if (core := self._core(child, span)) is not None:
            phrases.append((core, f"{cue} (subject {core.text!r})"))
        for phrase, why in phrases:
            found = self.chains.with_chain(verb.sent, (phrase.start_char, phrase.end_char, phrase.text), why)
            if found.kind == "named":
                return found
        return None

    def _before_clause(self, span: Span) -> Span:
        """A phrase headed by a common noun, up to the clause that modifies one of its nouns: "the
        organisers of the rally calling for the release of hostages held in Gaza" names nobody (a
        place inside the clause is no speaker). Not a report's ("figures provided by the Victims
        Monitor": who provided them is who says so)."""
        root = span.root
        if root.pos_ != "NOUN" or fold(root.lemma_) in self.report_nouns or fold(root.text) in self.report_nouns:
            return span
        # a present participle or a relative clause ("calling for", "appelant à", "who ..."), not a past
        # participle, which may name the maker ("a study published in the journal Lancet")
        cut = next((t.i for t in span if t.dep_ in ("acl", "acl:relcl") and t.i > root.i
                    and not (t.morph.get("VerbForm") == ["Part"] and t.morph.get("Tense") == ["Past"])), None)
        return span.doc[span.start:cut] if cut is not None else span

    def _agent(self, verb: Token) -> Span | None:
        """The name after 'by' ('par') that a verb in the past governs ('published by', 'publiée
        par'): who made what its subject is. Not a verb in the present nor one of a relative clause
        ('an NGO that documents killings by the State': the State made the killings, not the NGO)."""
        if "Pres" in verb.morph.get("Tense") or verb.dep_ == "acl:relcl":
            return None
        for c in verb.children:
            if c.dep_ in ("obl", "obl:agent") and c.pos_ in ("PROPN", "NOUN") and c.text[:1].isupper() and any(
                    k.dep_ == "case" and fold(k.text) in self.data_by for k in c.children):
                words = [t for t in c.subtree if t.dep_ != "case" and t.pos_ != "DET" and t.i <= c.i]
                return c.doc[words[0].i:c.i + 1] if words else None
        return None

    def _owner_phrase(self, span: Span) -> Span | None:
        """'The latest figures from the emergency services': the phrase after a report noun and
        the preposition of its owner ('from', 'of', 'by'; 'de', 'par')."""
        for k, t in enumerate(span):
            if fold(t.text) in self.report_nouns or fold(t.lemma_) in self.report_nouns:
                after = span[k + 1:]
                if len(after) > 1 and fold(after[0].text) in self.report_owners:
                    return after[1:]
        return None

    # -- verbs of saying ----------------------------------------------------------

    def speech_verbs(self, sent: Span) -> list[Token]:
        """The verbs of saying of a sentence, in order (read once per sentence)."""
        return _memo(self, sent.doc, ("verbs", sent.start),
                     lambda: [t for t in sent if self.is_speech_verb(t) and not _passive_without_report(t)])

    def _governed_by_speech(self, sent: Span, figure: Token) -> bool:
        return any(under(figure, t) and t.i != figure.i for t in self.speech_verbs(sent))

    def _speech_verb(self, sent: Span, figure: Token | None) -> Speaker:
        verbs = _memo(self, sent.doc, ("speaking", sent.start), lambda: self._speaking_verbs(sent))
        if figure is None:
            # the sentence's speaker, carried to the next sentences: not the agent of a participle that
            # modifies a noun ("les informations publiées par le New York Times")
            verbs = [v for v in verbs if not v.dep_.startswith("acl")]
        if not verbs:
            return NONE
        if figure is not None:
            governing = [v for v in verbs if under(figure, v)]
            # ", the report said": a verb of saying attached beside the figure's own clause
            beside = [v for v in verbs if v not in governing and under(figure, v.head) and v.i > figure.i
                      and not self._adverbial_clause(v)]
            # a relative clause that describes a noun ("an NGO that documents arrests") speaks for no figure outside it
            # and so does an adverbial clause ("since Farage announced he would not stand"), or a participle
            # inside the figure's own phrase ("24,000 images of tally sheets published by the opposition")
            verbs = governing or beside or [v for v in verbs if not _relative_clause(v) and not self._adverbial_clause(v)
                                            and not _describes_counted(v, figure)]
        best = NONE
        for verb in verbs:
            speaker = _memo(self, verb.doc, ("subject", verb.i), lambda verb=verb: self._subject_of(verb))
            if speaker.kind in ("named", "anaphor"):
                return speaker
            if speaker.kind == "unnamed" and best.kind == "none":
                best = speaker
        return best

    def _adverbial_clause(self, verb: Token) -> bool:
        """A verb of an adverbial clause its conjunction opens ("since ... announced", "depuis que ... a annoncé")."""
        return verb.dep_ == "advcl" and any(c.dep_ == "mark" and fold(c.text) in self.clause_marks for c in verb.children)

    def _speaking_verbs(self, sent: Span) -> list[Token]:
        """The verbs of saying outside an attribution phrase ('selon le ministre qui a déclaré')."""
        m = self.preposition.search(memo.span_text(sent))
        inside = (0, 0)
        if m:
            phrase = self.chains.phrase_after(sent, sent.start_char + m.end())
            inside = (sent.start_char + m.start(), phrase[1] if phrase else sent.end_char)
        return [t for t in self.speech_verbs(sent) if not inside[0] <= t.idx < inside[1]]

    def _subject_of(self, verb: Token) -> Speaker:
        cue = verb.text
        doc = verb.doc
        # inverted pronoun: "a-t-il déclaré", "précise-t-il"
        near = memo.text(doc)[max(0, verb.idx - 12):verb.idx + len(verb) + 8].lower()
        if any(p in near for p in self.inverted if len(p) > 3):
            return Speaker("anaphor", None, (), f"{cue} (inverted pronoun)")
        if self._incise(verb):
            inverted = self._inverted_subject(verb)
            if inverted.kind in ("named", "anaphor"):
                return inverted
        if not any(c.dep_ in SUBJECTS and not self._is_time(c) for c in verb.children):
            before = self._segment_before(verb)
            if before.kind in ("named", "anaphor"):
                return before
        candidates = [verb]
        h = verb
        # an incise (", the agency said") speaks of the clause it hangs from: that clause's subject is not the speaker
        incise = self._incise(verb) and not any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children)
        for _ in range(0 if incise else 2):
            if h.head is h:
                break
            if h.dep_ in ("ccomp", "xcomp", "conj", "advcl", "acl") or h.head.pos_ == "AUX":
                h = h.head
                candidates.append(h)
            else:
                break
        figure_tokens = {f.token for f in figures_of(doc)}

        def holds_figure(subject: Token) -> bool:
            return any(t.i in figure_tokens for t in subject.subtree)

        for v in candidates:
            subjects = [c for c in v.children if c.dep_ in SUBJECTS and c.i != v.i]
            for child in v.children:
                if child.dep_ in ("nsubj", "nsubj:pass", "obl:agent", "expl:subj") and child.i != v.i:
                    if holds_figure(child) and any(not holds_figure(o) for o in subjects if o.i != child.i):
                        continue  # "About 300 soldiers killed in Russia's war, Seoul's spy agency says": the claim, misparsed as a second subject
                    if child.dep_ == "nsubj:pass" and any(c.dep_ == "obl:agent" for c in v.children):
                        continue
                    if child.dep_ == "obl:agent" and v is not verb:
                        continue  # "entrés ... par les points d'accès de Kerem Shalom, estimant que": the agent of a verb above says nothing
                    if child.is_space or child.is_punct or child.text.endswith("/"):
                        continue  # an indentation the parser hung on the verb; a photo credit ("Mansour/ Morning Edition/")
                    if self._is_time(child):
                        continue  # "the NIS said Friday": a parse that makes the day the subject
                    if _bracketed(child) and any(o.i != child.i for o in subjects):
                        continue  # "(LEAD) Le NIS estime ...": a wire slug in brackets, hung on the verb
                    if _is_dateline_place(child) and any(o.i != child.i for o in subjects):
                        continue  # "Gaza, Dec 5 The death toll has risen ..., the Health Ministry has said"
                    if self._is_label(child):
                        # "Park: South Korean intelligence says ...": the answer's label is not the
                        # subject; what follows the colon is, if the parse hung it on the label
                        after = doc[child.i + 2:child.right_edge.i + 1]
                        if len(after) and after.end <= verb.i:
                            return self.chains.with_chain(verb.sent, (after.start_char, after.end_char, after.text),
                                                    f"{cue} (subject {after.text!r})")
                        continue
                    if "Rel" in child.morph.get("PronType") and v.dep_.startswith("acl"):
                        # "ceux du NIS, qui évaluait ...": the noun the relative clause follows, where the
                        # parse hung the clause elsewhere (on "proches")
                        child = self._antecedent(v.head if v.head.pos_ in ("NOUN", "PROPN") else self._noun_before(child), child)
                    if child.pos_ == "PRON" and "Rel" not in child.morph.get("PronType"):
                        if fold(child.text) in self.first_person:
                            # "j'estime": the one speaking, the interviewee or the quoted person
                            return Speaker("anaphor", None, (), f"{cue} (subject {child.text!r})", hint="self")
                        if fold(child.text) in self.anaphors:
                            return Speaker("anaphor", None, (), f"{cue} (subject {child.text!r})")
                        continue
                    appos = next((a for a in child.children if a.dep_ == "appos" and a.pos_ == "PROPN"), None)
                    if (appos is not None and child.i == child.sent.start and child.i + 1 < len(doc)
                            and doc[child.i + 1].text == ","):
                        child = appos  # "Contacté, Olivier Rafowicz, porte-parole ...": a participle the parse made the subject
                    left, right = child.left_edge.i, child.right_edge.i
                    # "Mansour/ Morning Edition/ Gaza's Health Ministry reports": a photo credit before the name
                    left = max([t.i + 1 for t in doc[left:child.i] if t.text.endswith("/")], default=left)
                    left = _name_before_hyphen(doc, left, child.sent.start)
                    if child.i > verb.i or child.i < v.i:
                        # keep the subject's own phrase, not a clause it heads
                        right = max(child.i, min(right, child.i + 25))
                    span = doc[left:right + 1]
                    if any(t.i == verb.i for t in span):
                        span = doc[left:child.i + 1]
                    return self._subject_speaker(verb, v, child, span, cue)
        inverted = self._inverted_subject(verb)
        if inverted.kind != "none":
            return inverted
        return self._leading_subject(verb)

    def _core(self, head: Token, span: Span) -> Span | None:
        """'Kyrylo Budanov, Chief of the Defence Intelligence of Ukraine (HUR)': the person before the
        apposition that names their office; None where there is none, or where the apposition
        is a relay ('Yonhap, citing the NIS'), which the whole phrase's chain reads."""
        doc = span.doc
        if head.pos_ != "PROPN":
            return None  # "un autre organisme de Séoul, l'Institut ... (KIDA)": the apposition is the name
        end = min([a.left_edge.i for a in head.children if a.dep_ in APPOSITIONS and a.i > head.i]
                  + [t.i for t in doc[head.i + 1:span.end] if t.text in (",", "(")], default=span.end)
        while end > span.start + 1 and doc[end - 1].is_punct:
            end -= 1
        if not span.start < end < span.end:
            return None
        rest = doc[end:span.end].text
        if self.relay_active.search(rest) or self.relay_passive.search(rest):
            return None
        return doc[span.start:end]

    def _segment_before(self, verb: Token) -> Speaker:
        """'..., South Korea's Joint Chiefs of Staff said': the phrase between the last comma and a
        verb of saying that the parse left without a subject ('Name, role, told ...': the name)."""
        doc, sent = verb.doc, verb.sent
        end = verb.i
        while end > sent.start and (doc[end - 1].dep_.startswith("aux") or doc[end - 1].pos_ in ("AUX", "ADV")):
            end -= 1
        start = end
        while start > sent.start and doc[start - 1].text != ",":
            start -= 1
        if start == end and start > sent.start:
            # "Vadym Skibitskyi, deputy head of Ukraine's HUR, told Reuters": the sentence's first phrase
            first = next((t.i for t in doc[sent.start:end] if t.text == ","), None)
            start, end = sent.start, first if first is not None else sent.start
            appos = next((a for a in doc[start].children if a.dep_ == "appos" and a.pos_ == "PROPN"), None) if end - start == 1 else None
            if appos is not None:
                # "Contacté, Olivier Rafowicz, porte-parole ..., indique": the name after the participle
                start = appos.i
                end = next((t.i for t in doc[appos.i:verb.i] if t.text == ","), verb.i)
        span = doc[start:end]
        if not 0 < len(span) <= 10 or any(t.pos_ == "VERB" for t in span) or not any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in span):
            return NONE
        # "Newsweek, quoting a US official, reports": the relay after the first phrase is read too
        phrase = self.chains.with_relay_after(sent, span) if start == sent.start else (span.start_char, span.end_char, span.text)
        return self.chains.with_chain(sent, phrase, f"{verb.text} (subject {span.text!r})")

    def _leading_subject(self, verb: Token) -> Speaker:
        """The words before a verb of saying that opens its sentence's clause ('X, citant Y, rapporte que')."""
        doc, sent = verb.doc, verb.sent
        after = [fold(t.text) for t in doc[verb.i + 1:min(verb.i + 4, sent.end)]]
        if not any(w in self.complementizers for w in after):
            return NONE
        end = verb.i
        while end > sent.start and (doc[end - 1].dep_.startswith("aux") or doc[end - 1].pos_ in ("AUX", "ADV", "PUNCT")):
            end -= 1
        # the clause before the verb, from the last comma; an apposition ("citant la HUR",
        # "qui a rendu compte ...") takes in the segment before it too
        start = sent.start
        if end - start > 16:
            start = end
            while start > sent.start and doc[start - 1].text != ",":
                start -= 1
            while start > sent.start and (doc[start].morph.get("VerbForm") == ["Part"] or "Rel" in doc[start].morph.get("PronType")):
                start -= 1
                while start > sent.start and doc[start - 1].text != ",":
                    start -= 1
            if end - start > 16:
                return NONE
        span = doc[start:end]
        if not span.text.strip():
            return NONE
        return self.chains.with_chain(sent, (span.start_char, span.end_char, span.text), f"{verb.text} (subject {span.text!r})")

    def _incise(self, verb: Token) -> bool:
        """', a précisé l'agence', ', poursuit le rapport': a verb of saying after a comma."""
        first = min([verb, *[a for a in verb.children if a.dep_.startswith("aux") and a.i < verb.i]], key=lambda t: t.i)
        if not (first.i > verb.sent.start and verb.doc[first.i - 1].text in (",", "»", "”")):
            return False
        # "The JoongAng Ilbo, citing lawmakers ..., puts the number at": the comma closes a relay
        # after the subject, and the verb is that subject's, not an incise
        doc = verb.doc
        return not any(c.dep_ in ("nsubj", "nsubj:pass") and c.i < first.i - 1 and c.pos_ in ("PROPN", "NOUN")
                       and self.relay_active.search(doc[c.left_edge.i:first.i].text) for c in verb.children)

    def _inverted_subject(self, verb: Token) -> Speaker:
        """The subject after the verb: 'a indiqué lundi le Service national de renseignement (NIS)'."""
        doc = verb.doc
        times = [(x.start, x.end) for x in _times(doc)]
        k = verb.i + 1
        while k < verb.sent.end and (doc[k].pos_ == "ADV" or any(a <= doc[k].idx < b for a, b in times)
                                     or fold(doc[k].text) in self.weekdays):
            k += 1
        if k >= verb.sent.end or doc[k].pos_ not in ("DET", "PROPN", "NOUN"):
            return NONE
        end = k
        while end < verb.sent.end and doc[end].text not in (",", ".", ";", ":", "«", "»", "!", "?") and end - k < 14:
            if end > k + 1 and doc[end].pos_ == "ADP" and fold(doc[end].text) not in self.of:
                break  # "l'agence devant la commission ...": the subject ends where a new phrase begins
            if end > k and doc[end].pos_ in ("VERB", "AUX") and doc[end].morph.get("VerbForm") == ["Fin"]:
                return NONE  # "..., said North Korea had sent 9 million shells": what was said, not who said it
            end += 1
        span = doc[k:end]
        if any(fold(t.text) in self.complementizers for t in span):
            return NONE  # "told Reuters that ...": the one told, not the one telling
        phrase = self.chains.with_relay_after(verb.sent, span)
        return self.chains.with_chain(verb.sent, phrase, f"{verb.text} (inverted subject {span.text!r})")

    @staticmethod
    def _is_label(token: Token) -> bool:
        """A name that opens its sentence before a colon ('Park: ...')."""
        doc = token.doc
        return token.i + 1 < len(doc) and doc[token.i + 1].text == ":" and token.left_edge.i == memo.sent_of(token).start

    def _is_time(self, token: Token) -> bool:
        if fold(token.text) in self.weekdays:
            return True
        return any(x.start <= token.idx < x.end for x in _times(token.doc))


def _memo(owner: Attribution, doc: Doc, key: tuple, compute):
    """A per-sentence (or per-verb) result of this component, computed once per Doc."""
    return memo.once(doc, (id(owner), *key), compute)


def ensure_extensions() -> None:
    if not Doc.has_extension("speakers"):
        Doc.set_extension("speakers", default=None)
    if not Doc.has_extension("data_owners"):
        Doc.set_extension("data_owners", default=None)


def _describes_counted(verb: Token, figure: Token) -> bool:
    """A participle after the figure, with no subject of its own, inside the phrase the figure
    counts: it says what the things counted are, not who counted them."""
    counted = figure.head
    return (counted.pos_ in ("NOUN", "PROPN", "SYM", "NUM") and verb.dep_.startswith("acl") and verb.i > figure.i
            and under(verb, counted) and not any(c.dep_ in ("nsubj", "nsubj:pass") for c in verb.children))


def _name_before_hyphen(doc: Doc, left: int, sent_start: int) -> int:
    """'Lee Seong-kweun said': where a subject that is a name's hyphenated end, which the parse
    made the subject alone, starts with the name before it."""
    while (left >= 2 and doc[left - 1].text == "-" and not doc[left - 2].whitespace_
           and not doc[left - 1].whitespace_ and doc[left - 2].pos_ == "PROPN"):
        left -= 2
        while left > sent_start and doc[left - 1].pos_ == "PROPN" and doc[left - 1].dep_ in ("flat", "compound", "appos"):
            left -= 1
    return left


def _path_up(token: Token, top: Token) -> list[Token]:
    """The tokens between a token and one above it in the tree (neither included); all the
    ancestors when `top` is not one of them."""
    between = []
    for a in token.ancestors:
        if a.i == top.i:
            break
        between.append(a)
    return between


def capitals_label(label: str) -> bool:
    """One word in capitals before a colon ("EXAGÉRÉ :", "FAUX :", "UPDATE:"): a fact-check's
    verdict or a kicker, not a speaker's name (a source the topic knows is looked up first)."""
    label = label.strip()
    return " " not in label and label.isupper()


def _relative_clause(verb: Token) -> bool:
    """A verb of a relative clause with its relative pronoun ("that documents", "qui recense"),
    not a clause the parser only labelled so."""
    return verb.dep_ == "acl:relcl" and any(c.morph.get("PronType") == ["Rel"] for c in verb.children)


def _passive_without_report(verb: Token) -> bool:
    """'ont été déclarés nuls', 'were declared dead': a passive verb of saying with no clause
    reported under it says nothing; its speaker is the incise after it ('a indiqué M. Amoroso')."""
    return any(c.dep_ == "aux:pass" for c in verb.children) and not any(
        c.dep_ in ("ccomp", "csubj", "csubj:pass") for c in verb.children)


def _data_shows_pattern(a: dict) -> re.Pattern | None:
    """"Data from OCHA shows", "Les chiffres d'Airwars montrent": a data noun, its owner after a
    preposition (one ending in an apostrophe glued to it), an auxiliary perhaps, a verb of showing."""
    shows = "|".join(re.escape(w) for w in a.get("data_show_verbs", []))
    nouns = "|".join(re.escape(w) for w in a.get("data_nouns", []))
    owners = a.get("data_show_owners", [])
    spaced = "|".join(re.escape(w) for w in owners if w[-1:] not in "'’")
    glued = "|".join(re.escape(w) for w in owners if w[-1:] in "'’")
    if not (shows and nouns and (spaced or glued)):
        return None
    owner = "|".join([*([rf"(?:{spaced})\s+"] if spaced else []), *([rf"(?:{glued})"] if glued else [])])
    aux = "|".join(re.escape(w) for w in a.get("data_show_auxiliaries", []))
    aux = rf"(?:(?:{aux})\s+)?" if aux else ""
    return re.compile(rf"^\W*(?:\w+\s+){{0,2}}?(?:{nouns})\s+(?:{owner})(?P<name>[^,;:.]{{2,80}}?)\s+{aux}(?:{shows})\b",
                      re.IGNORECASE)
