"""What the components read many times from a parsed block, computed once per Doc.

spaCy rebuilds `Doc.text` and `Span.text` by joining the tokens on every access, and
`Token.sent` walks the sentence starts each time; the components ask for them once per
sentence, per figure and per candidate verb. After the parse the text and the sentence
boundaries of a block no longer change (the figures are merged before, and the parser
keeps the boundaries `claimscope_sentences` set), so they are kept in `Doc.user_data`.
"""
from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

_TEXT = "claimscope.text"
_SENTS = "claimscope.sents"


def text(doc: Doc) -> str:
    """`doc.text`, joined once."""
    t = doc.user_data.get(_TEXT)
    if t is None:
        t = doc.user_data[_TEXT] = doc.text
    return t


def span_text(span: Span) -> str:
    """`span.text` (the characters from its first token to the end of its last)."""
    return text(span.doc)[span.start_char:span.end_char]


def sents(doc: Doc) -> list[Span]:
    """`list(doc.sents)`, built once."""
    s = doc.user_data.get(_SENTS)
    if s is None:
        spans = list(doc.sents)
        s = doc.user_data[_SENTS] = (spans, [x.start for x in spans])
    return s[0]


def sent_of(token: Token) -> Span:
    """`token.sent`, found by bisection in the sentences built once."""
    spans = sents(token.doc)
    return spans[bisect_right(token.doc.user_data[_SENTS][1], token.i) - 1]


_ONCE = "claimscope.once"


def once(doc: Doc, key, compute):
    """compute(), kept under `key` for this Doc: a component's per-sentence or per-token result
    that it reads several times (a sentence's verbs of saying, its speaker)."""
    table = doc.user_data.get(_ONCE)
    if table is None:
        table = doc.user_data[_ONCE] = {}
    try:
        return table[key]
    except KeyError:
        value = table[key] = compute()
        return value


def release(doc: Doc) -> None:
    """Drop what was kept: the sentences and tokens in it refer back to the Doc, a cycle that
    would hold every parsed block (and its tensors) until the garbage collector runs."""
    for key in (_TEXT, _SENTS, _ONCE):
        doc.user_data.pop(key, None)
