"""Who a figure is from, chosen over candidates with the whole article in view.

The sentence rules (attribution.py, discourse.py) propose one source for a figure; the
article proposes others: every source that has spoken before it, by recency and distance,
and "the article itself" (no source). A small linear model scores each candidate from its
features (the rule that proposed it, how recently and how near the candidate spoke, whether
the figure's own sentence names someone, is in the conditional or a quotation ...) and the
best one wins. The weights are learned from annotated articles by `training/chooser/train.py`
(conditional logit, no randomness) and ship in `claimscope/models/source_chooser.json`;
without them the rule's proposal stands. `why` names the features that decided.
"""
from __future__ import annotations

import json
import math
from collections.abc import Sequence, Set
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

WEIGHTS = "source_chooser.json"
MAX_CARRIED = 4  # earlier speakers offered as candidates, the most recent first


@dataclass(slots=True)
class Candidate:
    name: str | None  # None: the article's own authority
    via: tuple[str, ...] = ()
    features: dict[str, float] = field(default_factory=dict)
    why: list[str] = field(default_factory=list)  # the rule's own reasons, when it proposed this one


def _bucket(n: int) -> str:
    return str(n) if n < 3 else ("3-5" if n <= 5 else "6+")


def candidates(rule: tuple[str | None, tuple[str, ...], list[str], str], earlier: list[tuple[str, tuple[str, ...], int, int]],
               sentence_no: int, block_no: int, context: dict[str, bool], known,
               mentions: Sequence[tuple[str, bool]] = (), headline: Set[str] = frozenset(),
               earlier_sources: Sequence[str | None] = ()) -> list[Candidate]:
    """The rule's proposal (name, via, why, the rule that fired), the speakers before the figure
    ((name, via, sentence number, block number), oldest first), the figure's context flags, the
    sources its sentence names ((name, before the figure)), those the headline names, and the
    rule's source of each earlier figure of the article."""
    name, via, why, rule_kind = rule
    flags = {k for k, v in context.items() if v}
    out: dict[str | None, Candidate] = {}
    none = out.setdefault(None, Candidate(None))
    none.features.update({"none": 1.0, f"none_when_rule_{rule_kind}": 1.0})
    none.features.update({f"none_{k}": 1.0 for k in flags})
    if name is not None:
        c = out.setdefault(name, Candidate(name, tuple(via)))
        c.features.update({"rule": 1.0, f"rule_{rule_kind}": 1.0})
        c.why = list(why)
        if known(name):
            c.features["rule_known_source"] = 1.0
    else:
        none.why = list(why)
        none.features["rule_none"] = 1.0
    seen: list[str] = []
    for cname, cvia, s_no, b_no in reversed(earlier):
        if cname in seen or cname is None:
            continue
        rank = len(seen)
        seen.append(cname)
        if rank >= MAX_CARRIED:
            break
        c = out.setdefault(cname, Candidate(cname, tuple(cvia)))
        c.features.update({f"carry_rank{rank}": 1.0, f"carry_dist{_bucket(sentence_no - s_no)}": 1.0})
        if b_no == block_no:
            c.features["carry_same_block"] = 1.0
        if known(cname):
            c.features["carry_known_source"] = 1.0
        c.features.update({f"carry_{k}": 1.0 for k in flags})
        if not c.why:
            c.why = [f"choose: {cname!r} spoke {sentence_no - s_no} sentence(s) before"]
    for mname, before in mentions:
        c = out.setdefault(mname, Candidate(mname))
        c.features["mention_sentence"] = 1.0
        c.features[f"mention_{'before' if before else 'after'}_figure"] = 1.0
        if not c.why:
            c.why = [f"choose: its sentence names {mname!r}"]
    flags_none = not name and "sentence_named" not in flags
    for c in out.values():
        if c.name is None:
            continue
        if c.name in headline:
            c.features["in_headline"] = 1.0
        share = sum(s == c.name for s in earlier_sources) / len(earlier_sources) if earlier_sources else 0.0
        if share:
            c.features["doc_share_most" if share > 0.5 else "doc_share_some"] = 1.0
        if flags_none:  # nobody named in the sentence, the rule proposes nobody: which earlier one goes on
            for k in [k for k in c.features if k.startswith(("carry_rank", "carry_dist", "mention_"))]:
                c.features[f"{k}_unclaimed"] = 1.0
            if "carry_same_block" in c.features:
                c.features["carry_same_block_unclaimed"] = 1.0
    return list(out.values())


class SourceChooser:
    def __init__(self, weights: dict[str, float] | None):
        self.weights = weights or {}

    def score(self, c: Candidate) -> float:
        return sum(self.weights.get(k, 0.0) * v for k, v in c.features.items())

    def choose(self, cands: list[Candidate]) -> tuple[Candidate, str | None]:
        """The best candidate (the rule's proposal when no weights are loaded, or on a tie),
        and a line of why naming the features that decided."""
        rule = next((c for c in cands if "rule" in c.features or "rule_none" in c.features), cands[0])
        if not self.weights:
            return rule, None
        best = max(cands, key=lambda c: (round(self.score(c), 9), c is rule))
        if best is rule:
            return best, None
        top = sorted(best.features, key=lambda k: -abs(self.weights.get(k, 0.0)))[:3]
        said = ", ".join(f"{k} {self.weights.get(k, 0.0):+.2f}" for k in top)
        return best, (f"choose: {best.name!r} over the rule's {rule.name!r} "
                      f"(score {self.score(best):.2f} vs {self.score(rule):.2f}: {said})")


@lru_cache(maxsize=1)
def shipped_chooser() -> SourceChooser:
    path = resources.files("claimscope").joinpath("models", WEIGHTS)
    if not path.is_file():
        return SourceChooser(None)
    return SourceChooser(json.loads(path.read_text(encoding="utf-8"))["weights"])


def fit(examples: list[tuple[list[dict[str, float]], int]], l2: float = 0.05, iterations: int = 400,
        rate: float = 0.5) -> dict[str, float]:
    """Conditional-logit weights: each example is its candidates' features and the index of the
    right one. Full-batch gradient ascent from zero: the same data gives the same weights."""
    import numpy as np

    names = sorted({k for cands, _ in examples for f in cands for k in f})
    index = {k: i for i, k in enumerate(names)}
    mats = []
    for cands, right in examples:
        m = np.zeros((len(cands), len(names)))
        for r, f in enumerate(cands):
            for k, v in f.items():
                m[r, index[k]] = v
        mats.append((m, right))
    w = np.zeros(len(names))
    n = max(1, len(examples))
    for _ in range(iterations):
        grad = -l2 * w
        for m, right in mats:
            s = m @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            grad += (m[right] - p @ m) / n
        w += rate * grad
    return {k: round(float(w[i]), 6) for k, i in index.items() if not math.isclose(w[i], 0.0, abs_tol=1e-9)}
