"""Which of the topic's measures a figure belongs to, from its unit and the words of its clause."""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from ..lang import fold, unit_classes
from ..topic import Measure, Topic

OTHER = "other"
NO_CUE_DISTANCE = 1000  # a measure that needs no cue word ranks after any that found one


def select_measure(topic: Topic, unit: str | None, clause_words: list[tuple[int, str, str]],
                   concept: str | None, governors: Sequence[tuple[int, str, str]] = (),
                   restated_words: Sequence[tuple[int, str, str]] = ()) -> tuple[str, str]:
    """(measure id, why). The nearest cue word wins; measures are tried in the file's order.

    `governors` are the words the counted phrase depends on, up to its verb (they stand in
    `clause_words` too). A cue there, on the predicate, outranks one inside the counted phrase
    ("la capture de deux soldats blessés" counts soldiers captured, not wounded) and one before the
    figure, outside its phrase ("after heavy losses, fewer than 8,000 troops remained" counts troops
    present); not the counted word itself ("2,700 wounded while fighting" counts wounded), nor a
    cue after the figure ("two soldiers captured by Ukraine remain in Kyiv": captured).
    A measure's `not_words` rule it out where one governs the counted phrase (a phrase, where one
    of its words does), or stands as near the figure as the measure's own cue: "l'artillerie russe
    tire 10 000 obus par jour" counts no shells supplied, "détruit une dizaine de systèmes
    d'artillerie" no artillery supplied, "factories can turn out 2 million shells" none either.
    """
    if not unit:
        return OTHER, "measure: no unit"
    concept_words = set(_concept_words(concept))
    others, actor = _actor_words(topic)
    if unit in topic.actor_units and concept_words & others and not concept_words & actor:
        return OTHER, f"measure: {concept!r} names another actor"
    best: tuple | None = None
    on_predicate: tuple | None = None
    ruled_out = None
    cued: list[tuple] = []  # (candidate, measure) of every measure a cue found
    for order, m in enumerate(topic.measures):
        if unit not in m.units:
            continue
        if not m.cued:
            distance = NO_CUE_DISTANCE
            candidate = (NO_CUE_DISTANCE, 0, order, m.id, f"measure: unit {unit!r} -> {m.id}", None, None)
        else:
            hit = _nearest_cue(m.words, clause_words)
            if hit is None:
                continue
            distance, cue, at = hit
            # nearest first; at equal distance the longer, more specific cue ("tués ou blessés")
            candidate = (distance, -len(cue), order, m.id, f"measure: {cue!r} near a {unit} -> {m.id}", cue, at)  # type: ignore[assignment]
        against = _ruled_out(m, distance, clause_words, governors)
        if against:
            ruled_out = ruled_out or f"measure: {against!r} near a {unit} rules out {m.id}"
            continue
        if best is None or candidate[:3] < best[:3]:
            best = candidate
        if candidate[5] is not None:
            cued.append((candidate, m))
        governing = _nearest_cue(m.words, governors) if m.cued and governors else None
        if governing and (on_predicate is None or (governing[0], order) < on_predicate[:2]):
            on_predicate = (governing[0], order, m.id,
                            f"measure: {governing[1]!r} governs the {unit}s counted -> {m.id}", governing[1])
    if best is None and not ruled_out:
        kin = _kin_measure(topic, unit, clause_words, governors) or _named_measure(topic, unit, concept, clause_words, governors)
        if kin:
            return kin
    if best is None and not ruled_out and restated_words:
        # a share whose clause names no measure: the count it restates may ("4,5 millions de voix, soit 44,2 %")
        measure, why = select_measure(topic, unit, list(restated_words), concept, governors)
        if measure != OTHER and " near a " in why and ", akin to " not in why:  # a cue of its own unit only
            return measure, f"{why} (in the count it restates)"
    if best is None:
        return OTHER, ruled_out or f"measure: no measure of {topic.id} counts {unit!r} with these words"
    best = _distinct_cue(best, cued, clause_words, unit)
    if on_predicate and on_predicate[2] != best[3] and _predicate_says_more(best, on_predicate[4], clause_words, concept):
        return on_predicate[2], on_predicate[3]
    return best[3], best[4]


def _distinct_cue(best: tuple, cued: list[tuple], clause_words, unit: str) -> tuple:
    """The nearest cue is a word several measures share ("votes" for Maduro's votes and for
    González's): it tells none of them apart, so among those it found, the nearest cue that only
    one of them has decides ("Gonzalez with 5.3 million votes")."""
    tied = [(c, m) for c, m in cued if c[0] == best[0] and c[5] == best[5]]
    if len(tied) < 2:
        return best
    shared = set.intersection(*({fold(w) for w in m.words} for _, m in tied))
    ranked = []
    for c, m in tied:
        own = [w for w in m.words if fold(w) not in shared]
        hit = _nearest_cue(own, clause_words) if own else None
        if hit is not None:
            ranked.append((hit[0], -len(hit[1]), c[2], m.id, f"measure: {hit[1]!r} near a {unit} -> {m.id} ({best[5]!r} is shared)", hit[1], hit[2]))
    return min(ranked) if ranked else best


def _kin_measure(topic: Topic, unit: str, clause_words, governors) -> tuple[str, str] | None:
    """No measure lists the unit: the measure whose cue stands nearest, among those counting a
    unit of the same kind ("truckload" and "truck", "staff" and "aid worker": both people)."""
    best = None
    for order, m in enumerate(topic.measures):
        kinship = min(((_kinship(unit, u), u) for u in m.units if akin(unit, u)), default=None)
        if kinship is None or not m.cued:
            continue
        hit = _nearest_cue(m.words, clause_words)
        if hit is None or _ruled_out(m, hit[0], clause_words, governors):
            continue
        candidate = (hit[0], -len(hit[1]), kinship[0], order, m.id,
                     f"measure: {hit[1]!r} near a {unit}, akin to {kinship[1]!r} -> {m.id}")
        if best is None or candidate[:4] < best[:4]:
            best = candidate
    return (best[4], best[5]) if best else None


def _kinship(unit: str, other: str) -> int:
    """How near two akin units are, nearest first: the same word's forms ("truckload", "truck"),
    then any person, then another sort of people. Where one cue serves several measures, a
    colleague killed is a person killed, not a child killed."""
    if _same_word(unit, other):
        return 0
    return 1 if other in ("person", "people") else 2


def _named_measure(topic: Topic, unit: str, concept: str | None, clause_words, governors) -> tuple[str, str] | None:
    """No measure lists the unit, but the counted noun is itself one of a measure's cue words
    ("2.400 arrestations", "2,000 civilian arrests" where the topic's arrests measure lists
    'arrestations', 'arrests'): the topic's writer named what the figure counts. Not a share
    ("93 % des véhicules" is no count of vehicles)."""
    words = _concept_words(concept)
    if unit == "percent" or not words:
        return None
    heads = {words[0], words[-1]}  # the head noun: first in French, last in English
    for m in topic.measures:
        if not m.cued:
            continue
        hit = _nearest_cue(m.words, clause_words)
        if hit is None or hit[0] != 0 or _ruled_out(m, hit[0], clause_words, governors):
            continue
        if fold(hit[1]) in heads:
            return m.id, f"measure: the counted {hit[1]!r} is a cue of {m.id}"
    return None


def _concept_words(concept: str | None) -> list[str]:
    """The counted phrase's words, folded, in text order."""
    return re.findall(r"[\w'’-]+", fold(concept or ""))


def akin(unit: str, other: str) -> bool:
    """Whether two units count the same things: forms of one word, or both people."""
    if _same_word(unit, other):
        return True
    people = unit_classes()["people"]
    return unit in people and other in people


def _same_word(unit: str, other: str) -> bool:
    """Equal, one the other's stem ("truckload" and "truck") or last word ("aid worker" and "worker")."""
    if unit == other:
        return True
    if min(len(unit), len(other)) >= 4 and (unit.startswith(other) or other.startswith(unit)):
        return True
    return unit.endswith(" " + other) or other.endswith(" " + unit)


def _predicate_says_more(best: tuple, governing_cue: str, clause_words, concept: str | None) -> bool:
    """Whether the cue on the predicate outranks the nearest cue `best`: one that qualifies the
    counted noun ('soldats blessés'), or stands before the figure in another phrase ('after heavy
    losses'); not the counted word itself ('2,700 wounded'), nor a phrase that holds the predicate's
    own cue ('have been killed or wounded')."""
    distance, cue, at = best[0], best[5], best[6]
    if cue is None:
        return False
    if fold(governing_cue) in fold(cue).split() and fold(governing_cue) != fold(cue):
        return False
    if distance == 0:
        return fold(cue) != fold(concept or "").strip()
    figure = _figure_at(clause_words)
    return figure is not None and at < figure


def _ruled_out(m: Measure, distance: int, clause_words, governors) -> str | None:
    if not m.not_words:
        return None
    on_predicate = _nearest_cue(m.not_words, governors) if governors else None
    if on_predicate:
        return on_predicate[1]
    # a phrasal not_word on the predicate: "factories can turn out 2 million shells" ('turn' governs)
    governing = {word for _, _, word in governors}
    for w in m.not_words:
        parts = fold(w).split()
        if len(parts) > 1 and governing & set(parts):
            hit = _nearest_cue([w], clause_words)
            if hit and governing & {word for _, _, word in clause_words[hit[2]:hit[2] + len(parts)]}:
                return w
    near = _nearest_cue(m.not_words, clause_words) if m.cued else None
    return near[1] if near and near[0] <= distance else None


def _figure_at(clause_words) -> int | None:
    """The figure's own place in its clause's words (the '#' the clause holds for it)."""
    return next((k for k, (d, lemma, word) in enumerate(clause_words) if d == 0 and word == "#"), None)


@lru_cache(maxsize=32)
def _actor_words(topic: Topic) -> tuple[set[str], set[str]]:
    return {fold(w) for w in topic.other_actors}, {fold(w) for w in topic.actor}


@lru_cache(maxsize=1024)
def _cues(words: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """A measure's cues with their folded words, folded once."""
    return tuple((w, tuple(fold(w).split())) for w in words)


def _stem(word: str) -> str:
    """A participle without its gender and number endings ('arrêtées', 'arrêtés' -> 'arrêté';
    'détenues' -> 'détenu'; short ones too: 'tués' -> 'tué'), so that a cue written in one
    agreement finds the others."""
    short = len(word) == 4 and word.endswith("és")  # "tués", not "plus" nor "tous"
    return re.sub(r"(?<=..[éu])e?s?$", "", word) if (len(word) > 4 or short) and word[-1] in "és" or word.endswith("ée") else word


def _positions(clause_words) -> dict[str, list[int]]:
    """Where each lemma, word form and stem stands in the clause, in text order."""
    at: dict[str, list[int]] = {}
    for k, (_, lemma, word) in enumerate(clause_words):
        for key in dict.fromkeys((lemma, word, _stem(word))):
            at.setdefault(key, []).append(k)
    return at


def _nearest_cue(words, clause_words) -> tuple[int, str, int] | None:
    """The cue nearest the figure, (distance, cue, index in `clause_words`): a word by its word form
    or lemma; a phrase as consecutive words, as near as its nearest word ('tués ou blessés').
    A cue's first word is looked up among the clause's positions, in text order, so ties break
    as a scan of the clause would."""
    at = _positions(clause_words)
    best = None
    for w, parts in _cues(tuple(words)):
        for k in dict.fromkeys([*at.get(parts[0], ()), *at.get(_stem(parts[0]), ())]):
            window = clause_words[k:k + len(parts)]
            if len(window) == len(parts) and all(p in (lemma, word) or _stem(p) == _stem(word)
                                                 for p, (_, lemma, word) in zip(parts, window, strict=False)):
                d = min(x[0] for x in window)
                if best is None or (d, -len(w)) < (best[0], -len(best[1])):
                    best = (d, w, k)
    return best
