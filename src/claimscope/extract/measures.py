"""Which of the topic's measures a figure belongs to, from its unit and the words of its clause."""
from __future__ import annotations

import re
from functools import lru_cache

from ..lang import fold
from ..topic import Topic

OTHER = "other"
NO_CUE_DISTANCE = 1000  # a measure that needs no cue word ranks after any that found one


def select_measure(topic: Topic, unit: str | None, clause_words: list[tuple[int, str, str]],
                   concept: str | None) -> tuple[str, str]:
    """(measure id, why). The nearest cue word wins; measures are tried in the file's order."""
    if not unit:
        return OTHER, "measure: no unit"
    concept_words = set(re.findall(r"[\w'’-]+", fold(concept or "")))
    others, actor = _actor_words(topic)
    if unit in topic.actor_units and concept_words & others and not concept_words & actor:
        return OTHER, f"measure: {concept!r} names another actor"
    at = _positions(clause_words)
    best: tuple[int, int, str, str] | None = None
    for order, m in enumerate(topic.measures):
        if unit not in m.units:
            continue
        if not m.words:
            candidate = (NO_CUE_DISTANCE, 0, order, m.id, f"measure: unit {unit!r} -> {m.id}")
        else:
            hit = _nearest_cue(_cues(m.words), clause_words, at)
            if hit is None:
                continue
            distance, cue = hit
            # nearest first; at equal distance the longer, more specific cue ("tués ou blessés")
            candidate = (distance, -len(cue), order, m.id, f"measure: {cue!r} near a {unit} -> {m.id}")
        if best is None or candidate[:3] < best[:3]:
            best = candidate
    if best is None:
        return OTHER, f"measure: no measure of {topic.id} counts {unit!r} with these words"
    return best[3], best[4]


@lru_cache(maxsize=32)
def _actor_words(topic: Topic) -> tuple[set[str], set[str]]:
    return {fold(w) for w in topic.other_actors}, {fold(w) for w in topic.actor}


@lru_cache(maxsize=256)
def _cues(words: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """A measure's cues with their folded words, folded once."""
    return tuple((w, tuple(fold(w).split())) for w in words)


def _positions(clause_words) -> dict[str, list[int]]:
    """Where each lemma or word form stands in the clause, in text order."""
    at: dict[str, list[int]] = {}
    for k, (_, lemma, word) in enumerate(clause_words):
        at.setdefault(lemma, []).append(k)
        if word != lemma:
            at.setdefault(word, []).append(k)
    return at


def _nearest_cue(cues, clause_words, at) -> tuple[int, str] | None:
    """The cue nearest the figure: a word by its word form or lemma; a phrase as consecutive words,
    as near as its nearest word ('tués ou blessés'). Windows are tried where the cue's first word
    stands (`at`), in text order."""
    best = None
    for w, parts in cues:
        n = len(parts)
        for k in at.get(parts[0], ()) if parts else range(len(clause_words) + 1):
            window = clause_words[k:k + n]
            if len(window) < n or not all(p in (lemma, word) for p, (_, lemma, word) in zip(parts[1:], window[1:])):
                continue
            d = min(x[0] for x in window)
            if best is None or (d, -len(w)) < (best[0], -len(best[1])):
                best = (d, w)
    return best
