"""Small helpers over the dependency tree, shared by the components."""
from __future__ import annotations

from spacy.tokens import Token

from ..lang import fold


def under(token: Token, ancestor: Token) -> bool:
    """True when `ancestor` is `token` or one of its heads."""
    t = token
    for _ in range(60):
        if t.i == ancestor.i:
            return True
        if t.head is t:
            return False
        t = t.head
    return False


def verb_chain(token: Token, copulas: frozenset[str], limit: int = 4) -> list[Token]:
    """The verbs above a token, nearest first: '150 missiles' <- livrer <- prévoit (the
    language's copulas, folded lemmas, left out)."""
    chain: list[Token] = []
    t = token
    for _ in range(12):
        if t.head is t:
            break
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            chain.append(t)
        else:
            # a verb the parser hung under a noun as its copula: "dépêcherait 1.000 démineurs"
            chain.extend(c for c in t.children if c.dep_ == "cop" and c.pos_ in ("VERB", "AUX") and fold(c.lemma_) not in copulas)
        if len(chain) >= limit:
            break
    return chain
