"""Named entities on demand: the NER model runs on a block only when a component reads them.

Two places read entities: the speaker resolution (attribution: is this subject a person, a
named organisation?) and the designation test (counted: 'Hwasong 19' after a name). Most
parsed blocks reach neither, and NER is the costliest model component (it has its own
tok2vec). Its input is lexical only (NORM, PREFIX, SUFFIX, SHAPE and the static vectors,
never the tags or the parse) and the sentence starts, which are final once the parser has
run, so running it later, on the same block, gives the same entities.
"""
from __future__ import annotations

from spacy.tokens import Doc


def ensure_extensions() -> None:
    if not Doc.has_extension("pending_ner"):
        Doc.set_extension("pending_ner", default=None)


def defer(doc: Doc, ner) -> None:
    """Leave the NER component for `ready` to run when the entities are first read."""
    doc._.pending_ner = ner


def ready(doc: Doc) -> Doc:
    """The Doc with its entities set; call before reading `ents` or `ent_type_`."""
    ner = doc._.pending_ner
    if ner is not None:
        doc._.pending_ner = None
        ner(doc)
    return doc
