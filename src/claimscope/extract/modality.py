"""Component `claimscope_modality`: is a figure done or planned, stated or hedged?

Read on the verbs above the figure (the model's morphology gives Mood=Cnd, Tense=Fut):
- compound conditional ("auraient été déployés", "aurait fourni"): a report, hedged, actual;
- simple conditional of a possibility modal ("pourraient aboutir à l'envoi"): planned, hedged;
  of an expectation modal ("devrait"): planned, not hedged;
- simple conditional under a verb of saying in a past tense ("avait confirmé que l'armée
  dépêcherait"): the future in the past, planned, not hedged;
- any other simple conditional ("Moscou fournirait"): a report, hedged;
- future tense, or a planning verb above the figure ("prévoit de livrer", "s'est engagé à
  envoyer"), or a planning word in its clause ("promis", "prévu"): planned;
- hedging phrases anywhere in the sentence ("selon certaines informations", "présumé"): hedged.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ..lang import LanguageData, fold, strip_accents
from ..records import Status
from . import memo
from .figures import FigureInfo, figures_of
from .tree import under, verb_chain

SEGMENT_BREAKS = frozenset({"—", "–", ";"})  # a dash or a semicolon opens another statement


class Modality:
    def __init__(self, lang: LanguageData, is_speech_verb):
        m = lang.modality
        self.planned_lemmas = {fold(w) for w in m["planned_lemmas"]}
        self.needs_complement = {fold(w) for w in m["planned_needs_complement"]}
        self.action_nouns = {fold(w) for w in m.get("planned_action_nouns", [])}
        self.planned_words = [(w, re.compile(rf"(?<!\w){re.escape(w)}(?!\w)")) for w in (fold(w) for w in m["planned_words"])]
        # "due to arrive" plans; "killed due to a strike" gives a cause: planned only before a verb
        self.before_verb = {fold(w) for w in m.get("planned_before_verb", [])}
        just_before = "|".join(re.escape(fold(w)) for w in sorted(m.get("planned_just_before", []), key=len, reverse=True))
        self.just_before = re.compile(rf"(?<!\w)(?:{just_before})\s*$") if just_before else None
        # verbs of a view or a wish: the people a figure counts who hold it are there now
        self.attitudes = {fold(w) for w in m.get("attitude_lemmas", [])}
        # "£20billion more than expected", "plus élevé que prévu": a forecast the figure is compared with
        self.than = {fold(w) for w in m.get("comparison_than", [])}
        than = "|".join(re.escape(w) for w in sorted(self.than, key=len, reverse=True))
        self.than_word = re.compile(rf"(?<!\w)(?:{than})\s*\S+") if than else None
        self.possibility = {fold(w) for w in m["possibility_modals"]}
        self.expectation = {fold(w) for w in m["expectation_modals"]}
        hedges = "|".join(lang.phrase_pattern(h) for h in sorted(lang.attribution["hedges"], key=len, reverse=True))
        self.hedges = re.compile(rf"(?<!\w)(?:{hedges})(?!\w)", re.IGNORECASE)
        self.future_endings = tuple(m.get("future_endings", []))
        self.supposing = frozenset(fold(w) for w in m.get("supposing_words", []))
        self.gerund_marks = frozenset(fold(w) for w in m.get("gerund_marks", []))
        self.conditional_endings = tuple(sorted(m.get("conditional_endings", []), key=len, reverse=True))
        self.conditional_stems = frozenset(strip_accents(fold(w)) for w in m.get("conditional_stems", []))
        self.needs_reflexive = {fold(w) for w in m.get("planned_needs_reflexive", [])}
        self.reflexive = lang.words("grammar", "reflexive")
        self.perfect = {fold(w) for w in m["perfect_auxiliaries"]}
        self.copulas = frozenset(fold(w) for w in m.get("copulas", []))
        # English "would send", "could send", "will send": the mood or tense is in an auxiliary word
        self.conditional_aux = {fold(w) for w in m.get("conditional_auxiliaries", [])}
        # French reports hearsay in the conditional ("auraient été déployés"); English does not
        self.conditional_reports = bool(m.get("conditional_reports", True))
        self.future_aux = {fold(w) for w in m.get("future_auxiliaries", [])}
        self.infinitive_markers = {fold(w) for w in m.get("infinitive_markers", [])}
        self.stative = {fold(w) for w in m.get("stative_lemmas", [])}
        self.is_speech_verb = is_speech_verb

    def __call__(self, doc: Doc) -> Doc:
        for info in figures_of(doc):
            self._judge(info, doc[info.token])
        return doc

    def _judge(self, info: FigureInfo, token: Token) -> None:
        chain = verb_chain(token, self.copulas)
        status: Status = "actual"
        hedged = False
        # the verbs of the figure's own clause: up to the first verb of saying
        own: list[Token] = []
        for v in chain:
            if self.is_speech_verb(v) and own:
                break
            own.append(v)
        forms = [(v, [a for a in v.children if a.dep_.startswith("aux")]) for v in own[:3]]
        first = forms[0] if forms else None
        if first:
            verb, auxes = first
            moods, tenses = self._moods(verb, auxes), self._tenses(verb, auxes)
            # "auraient fourni", "would have sent": a perfect auxiliary in the conditional
            conditional_aux = any(fold(a.lemma_) in self.conditional_aux or fold(a.text) in self.conditional_aux for a in auxes)
            compound = any(fold(a.lemma_) in self.perfect and ("Cnd" in a.morph.get("Mood") or conditional_aux) for a in auxes)
            if "Cnd" in moods:
                info.conditional = True
                modals = [fold(t.lemma_) for v, a in forms for t in (v, *a)]
                modal = next((w for w in modals if w in self.possibility | self.expectation), None)
                if compound:
                    hedged, info.reported = True, self.conditional_reports
                    info.why.append(f"modality: compound conditional {verb.text!r} -> reported, hedged")
                elif modal in self.possibility and fold(verb.lemma_) in self.stative:
                    hedged = True
                    info.why.append(f"modality: {modal!r} with a verb of state {verb.text!r} -> possible, hedged")
                elif modal in self.possibility:
                    status, hedged = "planned", True
                    info.why.append(f"modality: conditional of {modal!r} -> possible: planned, hedged")
                elif modal in self.expectation:
                    status = "planned"
                    info.why.append(f"modality: conditional of {modal!r} -> expected: planned")
                elif self._future_in_past(token, verb):
                    status = "planned"
                    info.why.append(f"modality: conditional {verb.text!r} after a past verb of saying -> future in the past: planned")
                elif not self.conditional_reports:
                    # English "would pay out €945 million": a plan or a prospect, not hearsay
                    status = "planned"
                    info.why.append(f"modality: conditional {verb.text!r} -> expected: planned")
                else:
                    hedged = info.reported = True
                    info.why.append(f"modality: conditional {verb.text!r} -> reported, hedged")
            elif "Fut" in tenses and self._looks_future(verb, auxes):
                status = "planned"
                info.why.append(f"modality: future {verb.text!r} -> planned")
            elif self._heading_infinitive(verb):
                status = "planned"
                info.why.append(f"modality: infinitive {verb.text!r} with no finite verb above -> planned")
        if status == "actual":
            planner = self._planning_verb(own, token) or self._planning_head(own)
            if planner is not None:
                status = "planned"
                info.why.append(f"modality: planning verb {planner.text!r} -> planned")
                if fold(planner.lemma_) in self.possibility and "Cnd" in planner.morph.get("Mood"):
                    hedged = True
        if status == "actual":
            # the figure's own segment: "ticked up to 5 percent — analysts had expected ..." is another's
            words = info.clause_words
            at = next((k for k, (_, _, w) in enumerate(words) if w == "#"), 0)
            lo = max((k + 1 for k, (_, _, w) in enumerate(words[:at]) if w in SEGMENT_BREAKS), default=0)
            hi = min((k for k, (_, _, w) in enumerate(words) if k > at and w in SEGMENT_BREAKS), default=len(words))
            near = " ".join(w for d, _, w in words[lo:hi] if d <= 6)
            if self.than_word is not None:
                near = self.than_word.sub(" ", near)  # "more than expected": compared with a forecast
            word = next((w for w, pattern in self.planned_words if pattern.search(near)
                         and (w not in self.before_verb or self._before_verb(memo.sent_of(token), w))), None)
            if word:
                status = "planned"
                info.why.append(f"modality: planning word {word!r} -> planned")
            elif self.just_before is not None:
                sent = memo.sent_of(token)
                before = fold(memo.text(token.doc)[max(sent.start_char, info.figure.start - 30):info.figure.start])
                target = self.just_before.search(before)
                if target:
                    status = "planned"
                    info.why.append(f"modality: {target.group(0).strip()!r} -> a target: planned")
        m = self.hedges.search(memo.span_text(memo.sent_of(token)))
        if m and not hedged:
            hedged = True
            info.why.append(f"modality: hedge {m.group(0)!r}")
        if not hedged and not info.conditional:
            copula = self._conditional_copula(token)
            if copula is not None:
                hedged = info.conditional = True
                info.reported = self.conditional_reports
                info.why.append(f"modality: conditional {copula.text!r} on the phrase the figure is in -> reported, hedged")
        if info.conditional and self._supposed(memo.sent_of(token)):
            # "même en retenant l'estimation la plus haute, les pertes représenteraient ...": a supposition,
            # hedged, but nobody's report (neither the last speaker's nor the paragraph's)
            info.reported = info.conditional = False
            info.why.append("modality: the conditional of a supposition, not a report")
        info.status, info.hedged = status, hedged

    def _supposed(self, sent) -> bool:
        """A condition in the sentence ('si ...', 'en retenant ...'): its conditional supposes, it does not report."""
        for t in sent:
            if fold(t.text) in self.supposing:
                return True
            if (fold(t.text) in self.gerund_marks and t.i + 1 < sent.end
                    and t.doc[t.i + 1].morph.get("VerbForm") == ["Part"] and t.doc[t.i + 1].morph.get("Tense") == ["Pres"]):
                return True  # "en retenant": a gerund sets the condition
        return False

    @staticmethod
    def _conditional_copula(token: Token) -> Token | None:
        """'15 000 ouvriers seraient partis': an auxiliary or copula in the conditional on a head the
        figure hangs from, where the parse made the participle a noun (so no verb is above it)."""
        t = token
        for _ in range(3):
            if t.head.i == t.i:
                return None
            t = t.head
            if t.pos_ in ("VERB", "AUX"):
                return None  # a verb above: its own mood was read
            found = next((c for c in t.children if c.dep_ in ("cop", "aux", "aux:pass", "aux:tense")
                          and "Cnd" in c.morph.get("Mood")), None)
            if found is not None:
                return found
        return None

    def _heading_infinitive(self, verb: Token) -> bool:
        """'North Korea to send 1,000 deminers': a headline's infinitive is what is to come."""
        if verb.morph.get("VerbForm") != ["Inf"] or not any(
                c.dep_ == "mark" and fold(c.text) in self.infinitive_markers for c in verb.children):
            return False
        return verb.dep_ == "ROOT" or verb.head.pos_ not in ("VERB", "AUX", "ADJ", "NOUN")

    def _moods(self, verb: Token, auxes: list[Token]) -> list[str]:
        """The verb group's moods; 'would'/'could' count as the conditional where the language says so."""
        moods = verb.morph.get("Mood") + [m for a in auxes for m in a.morph.get("Mood")]
        if any(fold(a.lemma_) in self.conditional_aux or fold(a.text) in self.conditional_aux for a in auxes):
            moods.append("Cnd")
        if "Cnd" not in moods and any(self._conditional_form(t) for t in (verb, *auxes)):
            moods.append("Cnd")
        return moods

    def _conditional_form(self, t: Token) -> bool:
        """'resteraient', 'auraient', 'prendrait' read as an imperfect: the future stem and an
        imperfect ending ('déclarait' is an imperfect: its stem is no infinitive)."""
        if not self.conditional_endings or t.morph.get("Tense") != ["Imp"]:
            return False
        word, lemma = strip_accents(fold(t.text)), strip_accents(fold(t.lemma_))
        ending = next((e for e in self.conditional_endings if word.endswith("r" + e)), None)
        if ending is None:
            return False
        stem = word[:-len(ending)]
        return stem == lemma or (lemma.endswith("re") and stem == lemma[:-1]) or stem in self.conditional_stems

    def _tenses(self, verb: Token, auxes: list[Token]) -> list[str]:
        tenses = verb.morph.get("Tense") + [t for a in auxes for t in a.morph.get("Tense")]
        if any(fold(a.lemma_) in self.future_aux or fold(a.text) in self.future_aux for a in auxes):
            tenses.append("Fut")
        return tenses

    def _looks_future(self, verb: Token, auxes: list[Token]) -> bool:
        """The tagger's Tense=Fut, confirmed by the word's ending where the language lists them."""
        if not self.future_endings or any(fold(a.lemma_) in self.future_aux or fold(a.text) in self.future_aux for a in auxes):
            return True
        finite = [t for t in (verb, *auxes) if "Fut" in t.morph.get("Tense")]
        return any(fold(t.text).endswith(self.future_endings) for t in finite)

    @staticmethod
    def _before_verb(sent, phrase: str) -> bool:
        """Whether a verb follows the phrase in the sentence ("is due to arrive")."""
        words = phrase.split()
        for t in sent:
            at = t.i
            if [fold(x.text) for x in t.doc[at:at + len(words)]] == words:
                after = at + len(words)
                if after < sent.end and t.doc[after].pos_ in ("VERB", "AUX"):
                    return True
        return False

    def _planning_verb(self, own: list[Token], figure: Token) -> Token | None:
        for v in own:
            lemma = fold(v.lemma_)
            if lemma not in self.planned_lemmas:
                continue
            if lemma in self.attitudes and any(c.dep_ == "nsubj" and under(figure, c) for c in v.children):
                continue  # "93.4 percent of the respondents consider that ...", "43 % des Français veulent ...": a share of opinion, now
            if self._completed_possibility(v):
                continue  # "117 camions ont pu entrer": a possibility in a completed tense happened
            if v.i > 0 and fold(v.doc[v.i - 1].text) in self.than:
                continue  # "borrowed £20billion more than expected": what was done, against a forecast
            if lemma in self.needs_complement:
                # "s'est engagé à envoyer", "pourraient aboutir": only with an infinitive or action below
                if not any(c.morph.get("VerbForm") == ["Inf"] or c.dep_ == "xcomp" or (c.dep_ == "ccomp" and self._to_come(c))
                           or (c.dep_ == "obj" and fold(c.lemma_) in self.action_nouns) for c in v.children) and v is own[0]:
                    continue
                if lemma in self.needs_reflexive and not any(fold(c.text) in self.reflexive for c in v.children):
                    continue
            return v
        return None

    def _to_come(self, clause: Token) -> bool:
        """A clause in the future or the conditional ("a annoncé qu'il enverrait 3 000 soldats",
        "announced it will send"), or an infinitive: a plan; "a annoncé que le bilan s'est
        alourdi à 147" reports what is done."""
        for t in (clause, *(c for c in clause.children if c.dep_.startswith("aux"))):
            if (t.morph.get("VerbForm") == ["Inf"] or "Fut" in t.morph.get("Tense") or "Cnd" in t.morph.get("Mood")
                    or fold(t.text) in self.future_aux or fold(t.text) in self.conditional_aux):
                return True
        return False

    def _planning_head(self, own: list[Token]) -> Token | None:
        """'North Korea plans to send ...' where the tagger made 'plans' a noun: the word an
        infinitive completes, whatever its part of speech."""
        if not own or own[0].morph.get("VerbForm") != ["Inf"]:
            return None
        head = own[0].head
        if head.i == own[0].i or fold(head.lemma_) not in self.planned_lemmas or self._completed_possibility(head):
            return None  # "ont pu constater la libération de neuf personnes": it happened
        return head

    def _completed_possibility(self, verb: Token) -> bool:
        """'ont pu', 'a pu': a verb of possibility in a completed tense, so what it allowed happened."""
        return (fold(verb.lemma_) in self.possibility and verb.morph.get("VerbForm") == ["Part"]
                and any(c.dep_.startswith("aux") for c in verb.children))

    def _future_in_past(self, figure: Token, verb: Token) -> bool:
        for v in verb_chain(verb, self.copulas, limit=3):
            if self.is_speech_verb(v) and under(figure, v):
                auxes = [a for a in v.children if a.dep_.startswith("aux")]
                tenses, moods = self._tenses(v, auxes), self._moods(v, auxes)
                past = "Past" in tenses or "Imp" in tenses or (auxes and v.morph.get("VerbForm") == ["Part"])
                return bool(past) and "Cnd" not in moods
        return False
