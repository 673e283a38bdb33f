"""Which of the topic's measures a figure belongs to, from its unit and the words of its clause."""
from __future__ import annotations

import re

from ..lang import fold
from ..topic import Topic

OTHER = "other"
NO_CUE_DISTANCE = 1000  # a measure that needs no cue word ranks after any that found one


def select_measure(topic: Topic, unit: str | None, clause_words: list[tuple[int, str, str]],
                   concept: str | None, clause_text: str = "") -> tuple[str, str]:
    """(measure id, why). The nearest cue word wins; measures are tried in the file's order."""
    if not unit:
        return OTHER, "measure: no unit"
    concept_words = set(re.findall(r"[\w'’-]+", fold(concept or "")))
    if (unit in topic.actor_units and concept_words & {fold(w) for w in topic.other_actors}
            and not concept_words & {fold(w) for w in topic.actor}):
        return OTHER, f"measure: {concept!r} names another actor"
    text = f" {clause_text} "
    best: tuple[int, int, str, str] | None = None
    for order, m in enumerate(topic.measures):
        if unit not in m.units:
            continue
        if not m.words:
            candidate = (NO_CUE_DISTANCE, 0, order, m.id, f"measure: unit {unit!r} -> {m.id}")
        else:
            hit = _nearest_cue(m.words, clause_words, text)
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


def _nearest_cue(words, clause_words, text: str) -> tuple[int, str] | None:
    best = None
    for w in words:
        fw = fold(w)
        if " " in fw:
            if f" {fw} " in text:
                d = 0  # a phrase cue is specific: it counts as nearest
                if best is None or d < best[0]:
                    best = (d, w)
            continue
        for distance, lemma, word in clause_words:
            if fw == lemma or fw == word:
                if best is None or distance < best[0]:
                    best = (distance, w)
                break
    return best
