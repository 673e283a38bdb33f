"""Component `claimscope_timeref`: the periods a sentence names, and which one a figure takes.

Expressions are found on the characters (timeexpr.py) and kept unresolved until the
discourse step knows the article's date (periods.py resolves them).

An expression that hangs from a verb of saying outside the figure's clause dates the
statement ("a déclaré fin janvier que ..."): it is used only when the clause itself names
no period.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ..lang import LanguageData, fold
from . import memo
from .figures import figures_of
from .periods import is_day
from .timeexpr import TimeExpr, TimeFinder
from .tree import under

CLAUSES = ("ccomp", "xcomp", "csubj", "parataxis")  # what a verb of saying says, not when


class TimeRef:
    """spaCy component: the time expressions of each figure's sentence, claim's and statement's."""

    def __init__(self, lang: LanguageData, is_speech_verb):
        self.finder = TimeFinder(lang)
        self.is_speech_verb = is_speech_verb
        self.report_nouns = frozenset(fold(w) for w in lang.attribution.get("report_nouns", []))
        # "67.3 per cent, down from 68.8 per cent in 2017": a figure after these compares, and
        # the period after it is its own
        compare = sorted((re.escape(fold(w)) for w in lang.time.get("comparison_openers", [])), key=len, reverse=True)
        self.compared = re.compile(rf"(?<!\w)(?:{'|'.join(compare)})\s*$") if compare else None
        places = [re.escape(fold(w)) for w in lang.time.get("place_relatives", [])]
        self.place_relative = re.compile(rf"(?<!\w)(?:{'|'.join(places)})(?!\w)") if places else None
        # "au moment où", "le jour où": the same word after a time noun opens a clause of time
        times = [re.escape(fold(w)) for w in lang.time.get("place_relative_not_after", [])]
        self.time_before_relative = re.compile(rf"(?<!\w)(?:{'|'.join(times)})\s*$") if times else None

    def __call__(self, doc: Doc) -> Doc:
        exprs = self.finder.find(memo.text(doc))
        doc._.times = exprs
        figures = figures_of(doc)
        # each figure's phrase: the noun it counts ("3,000 reinforcements"), or the figure itself;
        # each expression's words, and the figure phrase above them in the tree, if one is
        phrases = {f.token: _phrase_head(doc[f.token]) for f in figures}
        spans = {x: doc.char_span(x.start, x.end, alignment_mode="expand") for x in exprs}
        owners = {x: _owner(span, phrases) for x, span in spans.items() if span is not None}
        # ("the first six months of 2024", "over the next three years": the months and years are a
        # figure too, as annotators count them)
        inside = {id(info): next((x for x in exprs if x.start <= info.figure.start and info.figure.end <= x.end
                                  and x.kind != "first_span" and not (x.relative or "").startswith("next:")), None)
                  for info in figures}
        # the figures that stand: a day of a date ("August 8-11") bounds no figure's stretch
        standing = [f for f in figures if inside[id(f)] is None]
        for info in figures:
            period = inside[id(info)]
            if period is not None:  # "in the first half of 2024" names a period, not half of something
                info.keep, info.drop_reason = False, f"part of the period {period.text!r}"
                continue
            token = doc[info.token]
            sent = memo.sent_of(token)
            in_sent = [x for x in exprs if sent.start_char <= x.start < sent.end_char]
            # the figure's own stretch of the sentence, between the figures before and after it
            lo = max([f.figure.end for f in standing if f.figure.end <= info.figure.start], default=sent.start_char)
            hi = min([f.figure.start for f in standing if f.figure.start >= info.figure.end], default=sent.end_char)
            own_verb = _clause_verb(token)
            mine = phrases[info.token]
            claim: list = []
            statement: list = []
            later = _token_at(doc, hi) if hi < sent.end_char else None
            compared_after = later is not None and self._compared(doc, lo, hi)
            # "rose to 300 on Monday from 250 on Sunday": the compared figure's period is not the
            # one said before the comparison word
            compared_here = lo > sent.start_char and self._compared(doc, lo, info.figure.start)
            for x in in_sent:
                if later is not None and x.start >= hi and _clause_verb(later) != own_verb:
                    continue  # "4,700 were killed, and Pyongyang may send 6,000 more later this year": the later figure's
                if compared_after and x.start >= hi:
                    continue  # "67.3 per cent, down from 68.8 per cent in 2017": the compared figure's
                if compared_here and lo <= x.start and x.end <= info.figure.start:
                    continue
                if self._after_place_relative(memo.text(doc), info.figure.end, x.start):
                    continue  # "un pays de 26 millions d'habitants où la famine des années 1990 ...": the place's time
                if _in_related_phrase(doc, spans[x], owners.get(x), mine, phrases):
                    continue  # "15,000, including 11,000 deployed in autumn 2024": the part's period, not the whole's
                aside = _bracket_around(memo.text(doc), x.start, x.end, sent.start_char)
                if aside is not None and not aside[0] < info.figure.start < aside[1]:
                    continue  # "Maduro, 61 ans, ... (le régime fondé par Hugo Chavez à partir de 1999)": an aside's own time
                # "recevra 1,6 milliard ... de la DANA qui, en octobre 2024, a fait 229 victimes": the relative
                # clause's own time (but "according to a report they offered on Friday": the report's day
                # dates the statement)
                if _in_other_relative(doc, spans[x], token) and not (is_day(x) and self._dates_report(doc, x, token)) and not (
                        x.mode == "since" and _on_figure_event(doc, spans[x], own_verb)):
                    continue
                (statement if self._dates_statement(doc, x, token, sent) else claim).append(x)

            # nearest first, within the figure's stretch and then its clause ("11,000 were sent in
            # the autumn and 3,000 have arrived since January"); an expression before the figure wins ties
            def key(x, lo=lo, hi=hi, token=token, own_verb=own_verb):
                span = doc.char_span(x.start, x.end, alignment_mode="expand")
                other_clause = span is not None and own_verb is not None and _clause_verb(span.root) != own_verb
                return (not lo <= x.start < hi, other_clause,
                        abs(x.start - token.idx) if x.start < token.idx else abs(x.start - token.idx) + 5)
            info.times = sorted(claim, key=key)
            info.statement_times = sorted(statement, key=key)
        return doc

    def _after_place_relative(self, text: str, figure_end: int, start: int) -> bool:
        """Whether a relative clause of place ("où", "where") opens between the figure and the expression,
        and runs on to it (a comma ends it: "..., où sont assemblés les drones, a indiqué jeudi le NIS")."""
        if self.place_relative is None or start < figure_end:
            return False
        between = fold(text[figure_end:start])
        opened = [m for m in self.place_relative.finditer(between)
                  if self.time_before_relative is None or not self.time_before_relative.search(between[:m.start()])]
        return bool(opened) and not any(c in ",;:" for c in text[figure_end + opened[-1].end():start])

    def _compared(self, doc: Doc, lo: int, at: int) -> bool:
        """A comparison word ends the text before `at`, after `lo`: the figure at `at` is compared."""
        return self.compared is not None and bool(self.compared.search(fold(memo.text(doc)[max(lo, at - 30):at])))

    def _dates_statement(self, doc: Doc, expr: TimeExpr, figure: Token, sent) -> bool:
        """True when the expression hangs from a verb of saying outside the figure's clause, or a
        day from a report ("le bilan, datant du 12 août, faisait état de ...", "the figures given
        on Friday showed ...")."""
        if expr.mode == "since":
            return False  # "killed since October 2023, the ministry reported Tuesday": a statement is a day, not a stretch
        if (is_day(expr) or expr.kind == "month") and self._dates_report(doc, expr, figure, own_report=expr.kind == "month"):
            return True
        verbs = memo.once(doc, ("timeref verbs", sent.start), lambda: [t for t in sent if self.is_speech_verb(t)])
        if not verbs:
            return False  # (the loop below finds nothing either)
        span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
        if span is None:
            return False
        key = max(span, key=lambda t: t.pos_ in ("NOUN", "NUM", "PROPN"))
        before = doc[span.start - 1] if span.start > sent.start else None
        if before is not None and before.i > sent.start and before.pos_ == "ADP":
            before = doc[before.i - 1]  # "said on Thursday"
        if before is not None and before in verbs and is_day(expr):
            return True  # "the spy agency said Thursday, ...": whatever the parse made of the rest
        if (before is not None and is_day(expr) and before.dep_ in ("obj", "iobj") and before.head in verbs
                and 0 < before.i - before.head.i <= 3):
            return True  # "the spy agency told lawmakers Tuesday": the day after the one told
        for verb in verbs:
            if any(c.dep_.startswith(("nsubj", "csubj")) and under(key, c) for c in verb.children):
                continue  # "The MSMT, set up last October, said ...": the subject's own time, not the statement's
            if _verb_between(key, verb):
                continue  # "says 11,000 were sent ... and 3,000 have arrived since January": another reported clause's
            # "warning that the situation is worse than the Nakba of 1948": a time inside what is said is not when it was said
            said_within = any(c.dep_ in CLAUSES and under(key, c) for c in verb.children)
            if not under(figure, verb):
                if under(key, verb) and not said_within and verb.head.i != verb.i and under(figure, verb.head):
                    return True  # ", the agency said on Monday": a verb of saying beside the figure's clause
                continue
            clause = next((c for c in verb.children if under(figure, c)), None)
            if under(key, verb) and not (clause is not None and under(key, clause)) and not said_within:
                return True
            if clause is not None and span.start <= clause.i < span.end and verb.i < span.start and span.end <= figure.i:
                return True  # "said last month that 300 ...": the parse hung the reported clause on "month"
        return False



    def _dates_report(self, doc: Doc, expr: TimeExpr, figure: Token, own_report: bool = False) -> bool:
        """Does the day hang (within a few steps up the tree, below the figure's own clause
        verb) from a report noun: the report's date, which is when its figures were stated?
        `own_report`: the figure's own report counts too ("the agency's estimate of 600 in April": a month
        dates the estimate, not the 600)."""
        span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
        if span is None:
            return False
        own = _clause_verb(figure)
        token = span.root
        for _ in range(4):
            if token.head.i == token.i or token.head.i == own or token.head.i == figure.i:
                return False
            token = token.head
            if token.pos_ == "NOUN" and (fold(token.text) in self.report_nouns or fold(token.lemma_) in self.report_nouns):
                # the figure's own report ("a report of 300 deaths on Monday") is no other's; unless
                # a verb of saying stands between ("the figures, given on Friday, showed 207 victims",
                # parsed with "showed" under "figures")
                return own_report or not under(figure, token) or _verb_between(figure, token, self.is_speech_verb)
        return False


BRACKETS = {"(": ")", "[": "]"}


def _bracket_around(text: str, start: int, end: int, floor: int) -> tuple[int, int] | None:
    """The brackets ((...) or [...]) that hold text[start:end], opened after `floor`, if any."""
    depth: list[str] = []
    for i in range(start - 1, floor - 1, -1):
        ch = text[i]
        if ch in (")", "]"):
            depth.append(ch)
        elif ch in BRACKETS:
            if depth:
                depth.pop()
                continue
            close = text.find(BRACKETS[ch], end)
            return (i, close) if close >= 0 and "\n" not in text[end:close] else None
    return None


def _phrase_head(token: Token) -> int:
    return token.head.i if token.dep_ == "nummod" and token.head.i != token.i else token.i


def _in_related_phrase(doc: Doc, span, owner: int | None, mine: int, phrases: dict[int, int]) -> bool:
    """Whether the expression (its words `span`, under the figure phrase `owner`) dates another
    figure's phrase that holds this one or hangs inside it: "around 15,000, including roughly
    11,000 deployed in autumn 2024 and about 3,000 reinforcements in early 2025" gives the total
    neither period and each part only its own. A figure beside the other phrase keeps it: "Sur
    les 15 000 soldats envoyés depuis octobre 2024, 6 000 ont été tués"."""
    if owner is None or owner == mine or span.start <= mine < span.end:
        return False
    if not (under(doc[owner], doc[mine]) or under(doc[mine], doc[owner])):
        return False
    # trusted only when the other figure stands next to the expression: "15,000, including
    # 10,000 sent in spring 2024" parsed with "spring" under the 15,000 dates the 10,000
    for figure in (f for f, p in phrases.items() if p == owner):
        lo, hi = sorted((figure, span.start))
        if not any(lo < other < hi for other in phrases):
            return True
    return False


def _in_other_relative(doc: Doc, span, figure: Token) -> bool:
    """Whether the expression's words hang from a relative clause that the figure is not in ("...
    des inondations de la DANA qui, en octobre 2024, a fait 229 victimes"), but for one on the
    object its figure measures ("évalue à 1,5 milliard les revenus que le régime en a tirés la
    même année")."""
    if span is None:
        return False
    verb = _clause_verb(span.root)
    if verb is None or doc[verb].dep_ != "acl:relcl" or under(figure, doc[verb]):
        return False
    noun = doc[verb].head
    return noun.i != figure.i and not (noun.dep_ == "obj" and noun.head.i == _clause_verb(figure))


def _on_figure_event(doc: Doc, span, own_verb: int | None) -> bool:
    """Whether the relative clause that holds the expression qualifies what the figure's own
    clause happened in: "205 personnes sont mortes dans les inondations qui frappent l'Espagne
    depuis ce mardi" (the floods' stretch is the deaths')."""
    verb = _clause_verb(span.root) if span is not None else None
    if verb is None or own_verb is None:
        return False
    noun = doc[verb].head
    return noun.dep_.startswith("obl") and noun.head.i == own_verb


def _owner(span, phrases: dict[int, int]) -> int | None:
    """The phrase of the nearest figure above the expression's words in the tree, if one is."""
    heads = set(phrases.values())
    t = span.root
    for _ in range(12):
        if t.i in heads and not (span.start <= t.i < span.end):
            return t.i
        if t.head is t:
            return None
        t = t.head
    return None


def _verb_between(token: Token, ancestor: Token, is_verb=lambda t: t.pos_ in ("VERB", "AUX")) -> bool:
    """Whether a verb (or a verb that `is_verb` accepts: one of saying) stands on the way up from
    `token` to `ancestor` (one of its heads or not)."""
    t = token
    for _ in range(12):
        if t.i == ancestor.i or t.head.i == t.i:
            return False
        t = t.head
        if t.i != ancestor.i and is_verb(t):
            return True
    return False


def _token_at(doc: Doc, char: int) -> Token:
    """The token at a character offset (a figure's start)."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else doc[-1]


def _clause_verb(token: Token) -> int | None:
    """The index of the verb whose clause holds the token (the token itself if it is one)."""
    t = token
    for _ in range(12):
        if t.pos_ in ("VERB", "AUX") or (t is not token and any(c.dep_ == "cop" for c in t.children)):
            return t.i  # a verb, or the head of a copular clause ("that González was the winner of ...")
        if t.head is t:
            return None
        t = t.head
    return None


def ensure_extensions() -> None:
    if not Doc.has_extension("times"):
        Doc.set_extension("times", default=None)
