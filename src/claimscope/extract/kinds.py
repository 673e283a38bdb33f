"""What sort of figure a claim is (the GUIDE's `kind`): a total, an increment ("another
3,000"), a rate ("1,000 a day", with `per`), a change ("up 9.4 %"), a ratio ("five times
more") or a figure its speaker denies. Read from the words around the figure in its
sentence, with the language data's `[kind]` lists; the reconciliation compares like with like.
"""
from __future__ import annotations

import re

from ..lang import LanguageData, fold

# how far after the figure a rate or an increment word may stand: the counted noun and its
# modifiers ("3,000 North Korean troops a day")
AFTER_WORDS = 4
SHARE_UNITS = ("percent", "percentage point", "basis point", "point")
POINTS_OF_SHARES = ("percentage point", "basis point")  # differences of shares
CHANGE_NOUN_WORDS = 8  # a change's noun this many words before a share, at most, makes it a change
DENIAL_WORDS = 12  # a denial verb this many words before the figure, at most, denies it
# a figure as written, decimal commas and narrow grouping spaces in it ("5,2 %", "0.4%")
FIGURE = r"\d(?:[.,'\u00a0\u202f]?\d)*[^\s,;()]*"
# a word between a figure and the joiner after it: no other figure ("the FTSE 100 fell 1.01pc or"
# is about 1.01pc, not 100), a year aside ("de 5,8 % en 2012 après")
WORDS_AFTER_FIGURE = r"(?:\s+(?:(?:19|20)\d\d\b|[^\s\d,;()][^\s,;()]*))"
RESTATED_REACH = 120  # characters before a figure where the clause it restates or gaps may stand


def _alt(lang: LanguageData, phrases) -> str:
    return "|".join(lang.phrase_pattern(fold(p)) for p in sorted(phrases, key=len, reverse=True)) or "(?!)"


class KindReader:
    def __init__(self, lang: LanguageData):
        k = lang.data.get("kind", {})
        self.rate_per = {fold(p): per for p, per in k.get("rate_after", {}).items()}
        # the words between a figure and its rate or increment word: no punctuation, and no
        # preposition that would make the phrase a period ("11,000 soldiers in a month")
        stop = _alt(lang, k.get("gap_stops", []))
        gap = rf"(?:(?!(?:{stop})\s)[^\W\d][\w'’-]*\s+){{0,{AFTER_WORDS}}}?"
        # "a week ago", "une semaine plus tôt": a point in time, no rate
        not_rate = "|".join(map(re.escape, k.get("rate_not_before", []))) or "(?!)"
        # "a daily average of 51", "une moyenne quotidienne de 72": the rate word before the figure
        self.rate_before_per = {fold(p): per for p, per in k.get("rate_before", {}).items()}
        self.rate_before = re.compile(rf"(?<!\w)(?P<per>{_alt(lang, self.rate_before_per)})\s*$") if self.rate_before_per else None
        self.rate = re.compile(rf"^\s*{gap}(?P<per>{_alt(lang, self.rate_per)})(?!\w)(?!\s+(?:{not_rate}))")
        self.increment_after = re.compile(rf"^\s*{gap}(?:{_alt(lang, k.get('increment_after', []))})(?!\w)")
        self.increment_next = re.compile(rf"^\s*(?:{_alt(lang, k.get('increment_next', []))})(?!\w)")
        self.increment_before = re.compile(rf"(?<!\w)(?:{_alt(lang, k.get('increment_before', []))})\s*$")
        changes = _alt(lang, k.get("change_before", []))
        # "have risen by 11.6%": the word a change's size follows ("by", "de") may stand after any change word
        by_words = _alt(lang, k.get("gapped", {}).get("by", []))
        self.change_before = re.compile(rf"(?<!\w)(?:{changes})(?:\s+(?:{by_words}))?\s*$")
        # "the CAC 40 lost 1.2 %": verbs that say a share or an index moved, not what was lost or won
        share = k.get("change_before_share", [])
        self.change_before_share = re.compile(rf"(?<!\w)(?:{_alt(lang, share)})\s*$") if share else None
        # "a perdu près d'un tiers de ses effectifs": a share of something lost is a total
        of = sorted((re.escape(fold(w)) for w in lang.data["grammar"]["of"]), key=len, reverse=True)
        self.share_of = re.compile(rf"^\s*(?:{'|'.join(of)})(?:(?<=['’])|(?=\s))")
        # "fell 2.84pc or 13.7p to ...": a change word up to two words before
        self.change_near_pattern = re.compile(rf"(?<![\w-])(?:{changes})(?:\s+\S+){{0,2}}\s+$")
        self.change_not_after = frozenset(fold(w) for w in k.get("change_not_after", []))
        # "a 14% increase in homicides, from 630 to 719": after a change word of its sentence, "from
        # X to Y" gives the level before and the level after, two figures, not a range
        opener = _alt(lang, k.get("change_from", []))
        words = _alt(lang, k.get("change_words", []))
        self.change_from = re.compile(rf"(?<!\w)(?:{opener})\s*$") if opener else None
        self.change_word = re.compile(rf"(?<![\w-])(?:{words})(?!\w)") if words else None
        # "has fallen sharply by three points", "a progressé fortement de 5 %": an adverb between
        adverb = "|".join(re.escape(e) for e in k.get("adverb_endings", []))
        by = _alt(lang, k.get("gapped", {}).get("by", []))
        self.change_adverb_by = (re.compile(rf"(?<![\w-])(?:{words})\s+[^\W\d]+(?:{adverb})\s+(?:{by})\s*$")
                                 if words and adverb else None)
        # "raised rates by 25 basis points", "cut its rate by 0.5 percentage points": points of shares
        # by which something moved, whatever words stand between the verb and "by"
        self.points_by = re.compile(rf"(?<!\w)(?:{by})\s*$") if by else None
        # "+9,4 %", "(-0,9 %)": a glued sign; a minus only after a space or a bracket (at a
        # sentence's start a dash may be a bullet)
        minus = "".join(re.escape(m) for m in lang.numbers.get("minus_signs", []))
        self.sign = re.compile(r"(?:^|[\s(])\+\s?$" + (rf"|[\s(][{minus}]$" if minus else ""))  # "(+ 0,7 %)" too
        # "la hausse atteint 0,6 %", "economic growth is predicted to slow to 2.2%": a share whose
        # clause names a change as what it measures, a few words before it with no figure between
        nouns = k.get("change_nouns", [])
        self.change_noun = re.compile(rf"(?<!\w)(?:{_alt(lang, nouns)})(?!\w)(?:[^\d.;:!?]*?)$") if nouns else None
        self.ratio = re.compile(rf"^\s*(?:{_alt(lang, k.get('ratio_after', []))})(?!\w)")
        # "lost 150 points, or 0.4%", "en baisse de 3 %, soit 1 200 emplois": the same change said
        # another way, after the figure it restates
        restate = _alt(lang, [*k.get("restating", []), *k.get("comparing", [])])
        # "les prix ont augmenté de 5,2 %, et les salaires de 3 %": a second subject, the change verb left out
        gap = k.get("gapped", {})
        self.gapped = re.compile(rf"{FIGURE}{WORDS_AFTER_FIGURE}{{0,4}}\s*,?\s*(?:{_alt(lang, gap.get('joiners', []))})"
                                 rf"(?:\s+[^\W\d][\w'’-]*){{0,3}}\s+(?:{_alt(lang, gap.get('by', []))})\s*$")
        self.restated = re.compile(rf"{FIGURE}{WORDS_AFTER_FIGURE}{{0,3}}\s*,?\s*(?:{restate})\s*$")
        # "ended 0.24% lower", "64.86 points, or 0.78%, lower", "0,5 % de hausse": the change said after the figure
        after = _alt(lang, k.get("change_after", []))
        # (not "169,20 ME, en hausse de 7,1 %": the change whose size follows is the next figure's)
        self.change_after = re.compile(rf"^\s*(?:,\s*)?(?:{after})(?!\w)(?!\s*(?:{by_words})\s*[+-]?(?!(?:19|20)\d\d(?!\d))\d)")
        # "finished 64.86 points, or 0.78%, lower": the change said after the figure that restates this one
        restating = _alt(lang, k.get("restating", []))
        self.restated_then_moved = re.compile(
            rf"^{WORDS_AFTER_FIGURE}{{0,2}}\s*,?\s*(?:{restating})\s+{FIGURE}{WORDS_AFTER_FIGURE}{{0,2}}\s*,?\s*(?:{after})(?!\w)")
        self.denial = re.compile(rf"(?<!\w)(?:{_alt(lang, k.get('denial', []))})(?!\w)")

    def read(self, before: str, after: str, unit: str | None = None, restates: bool = True) -> tuple[str, str | None, str | None]:
        """(kind, per, why) for a figure with `before` the sentence's text up to it and `after`
        the rest of the sentence; `restates`: whether it may restate or gap the figure before
        (read once: that figure's own kind is read without it)."""
        b, a = fold(before), fold(after)
        m = self.denial.search(" ".join(b.split()[-DENIAL_WORDS:]))
        if m:
            return "denied", None, f"kind: denied ({m.group(0)!r} before the figure)"
        if self.ratio.match(a):
            return "ratio", None, "kind: ratio (a multiple follows the figure)"
        for m, pers in ((self.rate.match(a), self.rate_per),
                        (self.rate_before.search(b) if self.rate_before else None, self.rate_before_per)):
            if m and unit in SHARE_UNITS and self._change(b, self.change_before):
                break  # "rose by 6.8% annually": a share's change per period, not a rate
            if m:
                per = pers.get(" ".join(m.group("per").split()))
                return "rate", per, f"kind: rate per {per} ({m.group('per')!r})"
        share_moved = (unit in SHARE_UNITS and self.change_before_share is not None
                       and self._change(b, self.change_before_share) and not self.share_of.match(a))
        signed = self.sign.search(b) and not (unit or "").startswith("degree")  # "-5 °C" is a value, not a fall
        moved_after = self.change_after.match(a) or self.restated_then_moved.match(a)
        named_change = (unit in SHARE_UNITS and self.change_noun is not None and not self.share_of.match(a)
                        and self.change_noun.search(" ".join(b.split()[-CHANGE_NOUN_WORDS:])) is not None)
        adverb_between = self.change_adverb_by is not None and self.change_adverb_by.search(b) is not None
        points_by = unit in POINTS_OF_SHARES and self.points_by is not None and self.points_by.search(b) is not None
        if (self._change(b, self.change_before) or share_moved or signed or moved_after or named_change or adverb_between
                or points_by):
            return "change", None, "kind: change (a rise or fall is measured)"
        near = len(b) - len(b[-RESTATED_REACH:])  # the search stays short whatever the sentence
        gapped = self.gapped.search(b, near) if restates else None
        if gapped and self.read(b[:gapped.start()], "", unit, restates=False)[0] == "change":
            return "change", None, "kind: change (the clause before says the change, this one leaves it out)"
        restated = self.restated.search(b, near) if restates else None
        if restated and self.read(b[:restated.start()], "", unit, restates=False)[0] == "change":
            return "change", None, "kind: change (it restates the change before it, or is compared with it)"
        if self.increment_before.search(b) or self.increment_after.match(a) or self.increment_next.match(a):
            return "increment", None, "kind: increment (added to an earlier figure)"
        return "total", None, None

    def change_from_to(self, before: str) -> bool:
        """`before` (the sentence up to the first number) ends with "from" and holds a change word."""
        if self.change_from is None or self.change_word is None:
            return False
        b = fold(before)
        m = self.change_from.search(b)
        # the change word may be the opener's own ("est passé de 200 à 300")
        return m is not None and self.change_word.search(b, 0, m.end()) is not None

    def change_near(self, before: str) -> bool:
        """A change word stands at most two words before the end of `before` ("fell 2.84pc or")."""
        return self._change(fold(before), self.change_near_pattern)

    def _change(self, folded: str, pattern: re.Pattern) -> bool:
        """`pattern` finds a change word, and it is no phrasal verb's particle ("made up")."""
        m = pattern.search(folded)
        return m is not None and (folded[:m.start()].split() or [""])[-1] not in self.change_not_after
