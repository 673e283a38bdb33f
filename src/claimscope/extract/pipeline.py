"""The extraction pipeline: spaCy with claimscope's components, and the discourse step.

    figures (before the tagger: finds figures, merges their tokens) -> sentences (boundaries by punctuation)
    -> tok2vec, morphologizer, parser, lemmatizer, ner (the language's spaCy model)
    -> counted -> timeref -> attribution -> modality
    -> discourse (per article, in order): claims

`Extractor(lang, topic).extract(document)` gives a document's claims.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from ..lang import LanguageData, load_language
from ..records import Claim, Document
from ..topic import Topic, load_topic
from . import attribution, figures, timeref
from .discourse import Discourse

PIPELINE_VERSION = "claimscope-fr-1"
COMPONENTS = ("claimscope_figures", "claimscope_sentences", "claimscope_counted", "claimscope_timeref", "claimscope_attribution", "claimscope_modality")


def register_components() -> None:
    """Register the factories with spaCy (once, on purpose, not as an import side effect)."""
    from spacy.language import Language

    if Language.has_factory("claimscope_figures"):
        return
    from .counted import CountedNoun
    from .modality import Modality

    @Language.factory("claimscope_figures", default_config={"lang": "fr"}, assigns=["doc._.figures"])
    def make_figures(nlp, name, lang: str):
        return figures.FigureFinder(lang)

    @Language.factory("claimscope_sentences", default_config={"lang": "fr"}, assigns=["token.is_sent_start"])
    def make_sentences(nlp, name, lang: str):
        from .sentences import SentenceBoundaries

        return SentenceBoundaries(load_language(lang))

    @Language.factory("claimscope_counted", default_config={"lang": "fr"}, requires=["doc._.figures", "token.dep", "token.lemma"])
    def make_counted(nlp, name, lang: str):
        return CountedNoun(load_language(lang))

    @Language.factory("claimscope_attribution", default_config={"lang": "fr", "topic": ""},
                      requires=["doc._.figures", "token.dep"], assigns=["doc._.speakers"])
    def make_attribution(nlp, name, lang: str, topic: str):
        return attribution.Attribution(load_language(lang), load_topic(topic or None))

    @Language.factory("claimscope_timeref", default_config={"lang": "fr", "topic": ""}, assigns=["doc._.times"])
    def make_timeref(nlp, name, lang: str, topic: str):
        return timeref.TimeRef(load_language(lang), _speech_test(lang, topic))

    @Language.factory("claimscope_modality", default_config={"lang": "fr", "topic": ""}, requires=["token.morph"])
    def make_modality(nlp, name, lang: str, topic: str):
        return Modality(load_language(lang), _speech_test(lang, topic))


def _speech_test(lang: str, topic: str):
    return attribution.Attribution(load_language(lang), load_topic(topic or None))._is_speech_verb


@lru_cache(maxsize=4)
def build_nlp(lang: str = "fr", topic: str | None = None):
    import spacy

    register_components()
    for ensure in (figures.ensure_extensions, attribution.ensure_extensions, timeref.ensure_extensions):
        ensure()
    data = load_language(lang)
    nlp = spacy.load(data.spacy_model)
    cfg = {"lang": lang}
    tcfg = {"lang": lang, "topic": topic or ""}
    nlp.add_pipe("claimscope_figures", first=True, config=cfg)
    nlp.add_pipe("claimscope_sentences", after="claimscope_figures", config=cfg)
    nlp.add_pipe("claimscope_counted", last=True, config=cfg)
    nlp.add_pipe("claimscope_timeref", last=True, config=tcfg)
    nlp.add_pipe("claimscope_attribution", last=True, config=tcfg)
    nlp.add_pipe("claimscope_modality", last=True, config=tcfg)
    return nlp


class Extractor:
    """Claims from documents, for one language and one topic."""

    def __init__(self, lang: str = "fr", topic: str | None = None):
        self.lang_code = lang
        self.lang: LanguageData = load_language(lang)
        self.topic: Topic = load_topic(topic)
        self.nlp = build_nlp(lang, topic)
        seasons = {k: v for k, v in self.lang.time["season_months"].items()}
        self.discourse = Discourse(self.topic, seasons, tuple(self.lang.layout["bullets"]))

    def extract(self, document: Document) -> list[Claim]:
        return next(iter(self.extract_many([document])))[1]

    def extract_many(self, documents: Iterable[Document], batch_size: int = 64) -> Iterator[tuple[Document, list[Claim]]]:
        """(document, claims) in input order; the parse is batched across documents."""
        for doc in documents:
            blocks = [(a_i, span.start, doc.text[span.start:span.end])
                      for a_i, article in enumerate(doc.articles) for span in article.body]
            parsed = list(self.nlp.pipe(((text, (a_i, start)) for a_i, start, text in blocks),
                                        as_tuples=True, batch_size=batch_size))
            claims: list[Claim] = []
            for a_i, article in enumerate(doc.articles):
                mine = [(ctx[1], d) for d, ctx in parsed if ctx[0] == a_i]
                claims.extend(self.discourse.claims(doc, a_i, article, mine))
            yield doc, claims
