"""Ingest: read inputs and find the articles in them."""
from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from ..lang import DEFAULT_LANG, lang_tag, load_language, supported_languages
from ..records import Document, Rejection
from .language import detect_language
from .layout import Layout
from .parts import Notice
from .readers import read_inputs


@lru_cache(maxsize=None)
def layout_for(code: str) -> Layout:
    return Layout(load_language(code))


def lay_out(doc: Document, lang: str | None = None) -> Document:
    """The document's articles, in its language (given, else detected); a language claimscope
    has no data for gets no articles, so no claims, and keeps its code for the report."""
    code = lang_tag(lang or doc.lang) or detect_language(doc.text) or DEFAULT_LANG
    if code not in supported_languages():
        return _with_lang(doc, code)
    return _with_lang(layout_for(code).lay_out(doc), code)


def _with_lang(doc: Document, code: str) -> Document:
    from dataclasses import replace

    return replace(doc, lang=code)


def read(paths: list[str], lang: str | None = None,
         allow_private: bool = False) -> Iterator[Document | Rejection | Notice]:
    """Documents laid out into articles, rejections and notices (a long text split), in input order;
    `allow_private`: URLs on loopback and private addresses are fetched too."""
    for item in read_inputs(paths, allow_private=allow_private):
        if not isinstance(item, Document):
            yield item
            continue
        try:
            yield lay_out(item, lang)
        except Exception as e:  # a bug on one strange text must not stop the batch; named, recorded
            yield Rejection(item.origin, f"layout failed: {type(e).__name__}: {e}"[:500])
