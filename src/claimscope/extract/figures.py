"""The first pipeline component: find the figures and make each one a single token.

It runs before the tagger and parser, so that "11 000" or "10 000 à 12 000" reach them as
one numeral instead of two determiners. Every later component reads `doc._.figures`.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..records import SpeakerKind, Status
from .numbers import Figure, finder_for
from .timeexpr import TimeExpr


@dataclass(slots=True)
class FigureInfo:
    """A figure and what the components learn about it, offsets relative to the Doc."""

    figure: Figure
    token: int = -1  # index of the numeral token
    keep: bool = True
    drop_reason: str | None = None  # why a component dropped it, in words, for `why`
    unit: str | None = None
    plain_unit: str | None = None  # the unit by the language's nouns alone, where the topic's gave another
    concept: str | None = None  # what is counted, as written
    concept_key: str | None = None  # its lemmas, for automatic series
    unit_anaphor: bool = False  # "2 000 d'entre eux": the unit comes from an earlier figure
    age: bool = False  # a person's age ("Maduro, 61", "Yair Roitman, 19 ans", "aged 20"): no period of its sentence's
    beside_name: bool = False  # an age right after a name and a comma: the article describing the person
    clause_words: list[tuple[int, str, str]] = field(default_factory=list)  # (distance, lemma, word), text order
    governors: list[tuple[int, str, str]] = field(default_factory=list)  # the words governing the counted phrase, up to its verb
    # a share's: the clause words of the counts beside it that it restates, read where its own clause names no measure
    restated_words: list[tuple[int, str, str]] = field(default_factory=list)
    other_actor: bool = False
    # attribution: the speaker as found in the sentence
    speaker_kind: SpeakerKind = "none"
    speaker: str | None = None  # canonical or as written
    via: tuple[str, ...] = ()
    speaker_hint: str | None = None  # an anaphor's noun: "l'agence" -> "agence"
    # time: expressions found in the sentence, best first
    times: list[TimeExpr] = field(default_factory=list)  # the figure's own period, if any
    statement_times: list[TimeExpr] = field(default_factory=list)  # when it was said ("said on Monday")
    # modality
    status: Status = "actual"
    hedged: bool = False
    conditional: bool = False  # the clause is in the conditional mood
    reported: bool = False  # ... the conditional of hearsay ("auraient été tués"), not of a plan or a possibility
    in_quote: bool = False
    why: list[str] = field(default_factory=list)


def figures_of(doc: Doc) -> list[FigureInfo]:
    return doc._.figures


def ensure_extensions() -> None:
    if not Doc.has_extension("figures"):
        Doc.set_extension("figures", default=None)


class FigureFinder:
    """spaCy component `claimscope_figures`: figures found on the characters, tokens merged."""

    def __init__(self, lang: str):
        ensure_extensions()
        self.finder = finder_for(lang)

    def __call__(self, doc: Doc) -> Doc:
        infos = [FigureInfo(f) for f in self.finder.find(doc.text)]
        spans: list = []
        with doc.retokenize() as retok:
            for info in infos:
                span = doc.char_span(info.figure.num_start, info.figure.num_end, alignment_mode="expand")
                if span is None:
                    continue
                if len(span) > 1 and not any(s.start < span.end and span.start < s.end for s in spans):
                    retok.merge(span)
                spans.append(span)
        starts = [t.idx for t in doc]
        for info in infos:
            # the token whose characters hold the figure's first one
            k = bisect_right(starts, info.figure.num_start) - 1
            token = doc[k] if k >= 0 and info.figure.num_start < starts[k] + len(doc[k]) else None
            if token is None:
                info.keep, info.drop_reason = False, "no token"
            else:
                info.token = token.i
        doc._.figures = [i for i in infos if i.token >= 0]
        return doc
