"""The extraction pipeline: spaCy with claimscope's components, and the discourse step.

    figures (before the tagger: finds figures, merges their tokens) -> sentences (boundaries by punctuation)
    -> tok2vec, morphologizer, parser, lemmatizer, ner (the language's spaCy model; only on
       blocks with a figure or a speaker cue, see Extractor._parse)
    -> counted -> timeref -> attribution -> modality
    -> discourse (per article, in order): claims

`Extractor(lang, topic).extract(document)` gives a document's claims.
"""
from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterable, Iterator
from functools import lru_cache

from ..batching import batches
from ..lang import DEFAULT_LANG, LanguageData, fold, load_language, supported_languages
from ..records import Claim, Document
from ..topic import Topic, load_topic
from . import attribution, entities, figures, memo, timeref
from .discourse import Discourse
from .speech import SpeechVerbs

PIPELINE_VERSION = "claimscope-2"
COMPONENTS = ("claimscope_figures", "claimscope_sentences", "claimscope_counted", "claimscope_timeref", "claimscope_attribution", "claimscope_modality")


def register_components() -> None:
    """Register the factories with spaCy (once, on purpose, not as an import side effect)."""
    from spacy.language import Language

    if Language.has_factory("claimscope_figures"):
        return
    from .counted import CountedNoun
    from .modality import Modality

    @Language.factory("claimscope_figures", assigns=["doc._.figures"])
    def make_figures(nlp, name, lang: str):
        return figures.FigureFinder(lang)

    @Language.factory("claimscope_sentences", assigns=["token.is_sent_start"])
    def make_sentences(nlp, name, lang: str):
        from .sentences import SentenceBoundaries

        return SentenceBoundaries(load_language(lang))

    @Language.factory("claimscope_counted", default_config={"topic": ""},
                      requires=["doc._.figures", "token.dep", "token.lemma", "token.pos", "token.morph"])
    def make_counted(nlp, name, lang: str, topic: str):
        return CountedNoun(load_language(lang), load_topic(topic or None).units_for(lang))

    @Language.factory("claimscope_attribution", default_config={"topic": ""},
                      requires=["doc._.figures", "token.dep", "token.lemma", "token.pos", "token.morph"],
                      assigns=["doc._.speakers", "doc._.data_owners"])
    def make_attribution(nlp, name, lang: str, topic: str):
        return attribution.Attribution(load_language(lang), load_topic(topic or None))

    @Language.factory("claimscope_timeref", default_config={"topic": ""},
                      requires=["doc._.figures", "token.dep", "token.pos"], assigns=["doc._.times"])
    def make_timeref(nlp, name, lang: str, topic: str):
        return timeref.TimeRef(load_language(lang), _speech_test(lang))

    @Language.factory("claimscope_modality", default_config={"topic": ""},
                      requires=["doc._.figures", "token.dep", "token.lemma", "token.pos", "token.morph"])
    def make_modality(nlp, name, lang: str, topic: str):
        return Modality(load_language(lang), _speech_test(lang))


def _pieces(start: int, text: str, longest: int) -> Iterator[tuple[int, str]]:
    """A block as pieces of at most `longest` characters (with their offsets), each cut after
    the last sentence end before the limit, or the last space, or at the limit."""
    while len(text) > longest:
        window = text[:longest]
        cut = max(window.rfind(". "), window.rfind("! "), window.rfind("? "))
        cut = cut + 2 if cut > longest // 2 else window.rfind(" ") + 1
        if cut <= 0:
            cut = longest
        yield start, text[:cut]
        start, text = start + cut, text[cut:]
    yield start, text


@lru_cache(maxsize=4)
def _speech_test(lang: str) -> SpeechVerbs:
    """The verb-of-saying test, one instance shared by timeref and modality."""
    return SpeechVerbs(load_language(lang))


BUNDLED = "claimscope:"  # a model shipped inside the package, in claimscope/models/


def model_location(name: str) -> str:
    """The installed package name of a spaCy model, or the folder of one claimscope ships."""
    if not name.startswith(BUNDLED):
        return name
    from importlib import resources

    folder = resources.files("claimscope").joinpath("models", name[len(BUNDLED):])
    if not folder.joinpath("meta.json").is_file():
        raise RuntimeError(f"claimscope's bundled pipeline {name[len(BUNDLED):]!r} is missing from {folder}: "
                           "rebuild it with `python training/en/train.py --install`")
    return str(folder)


@lru_cache(maxsize=4)
def build_nlp(lang: str, topic: str | None = None):
    import spacy

    register_components()
    for ensure in (figures.ensure_extensions, attribution.ensure_extensions, timeref.ensure_extensions,
                   entities.ensure_extensions):
        ensure()
    data = load_language(lang)
    nlp = spacy.load(model_location(data.spacy_model))
    cfg = {"lang": lang}
    tcfg = {"lang": lang, "topic": topic or ""}
    nlp.add_pipe("claimscope_figures", first=True, config=cfg)
    nlp.add_pipe("claimscope_sentences", after="claimscope_figures", config=cfg)
    nlp.add_pipe("claimscope_counted", last=True, config=tcfg)
    nlp.add_pipe("claimscope_timeref", last=True, config=tcfg)
    nlp.add_pipe("claimscope_attribution", last=True, config=tcfg)
    nlp.add_pipe("claimscope_modality", last=True, config=tcfg)
    return nlp


class Extractor:
    """Claims from documents, for one language and one topic."""

    def __init__(self, lang: str, topic: str | None = None, chooser=None):
        self.lang_code = lang
        self.lang: LanguageData = load_language(lang)
        self.topic: Topic = load_topic(topic).in_language(lang)  # the measures' cue words in this language
        self.nlp = build_nlp(lang, topic)
        seasons = {fold(k): v for k, v in self.lang.time["seasons"].items()}
        self.discourse = Discourse(self.topic, lang, seasons, tuple(self.lang.layout["bullets"]),
                                   {**self.lang.units, **self.topic.units_for(lang)},
                                   _not_given_names(self.lang), tuple(self.lang.time["since"]), chooser)

    def extract(self, document: Document) -> list[Claim]:
        return next(iter(self.extract_many([document])))[1]

    # the caches of words seen (lemmas, the cue test) are emptied past this many entries
    CACHE_LIMIT = 50_000
    ZONE_BATCHES = 16  # batches of about `batch_size` blocks in one memory zone
    # The model's memory grows with the tokens of a batch (a 30,000-token block: +500 MiB), so a
    # block longer than any paragraph is parsed in pieces, and a batch holds at most so many
    # characters. Real paragraphs are far shorter: neither changes their claims.
    MAX_BLOCK_CHARS = 8_000
    BATCH_CHARS = 20_000

    def extract_many(self, documents: Iterable[Document], batch_size: int = 64) -> Iterator[tuple[Document, list[Claim]]]:
        """(document, claims) in input order; the parse is batched across documents.

        Batches are parsed inside spaCy memory zones (ZONE_BATCHES at a time): the strings and
        lexemes their words add to the vocabulary are freed with their Docs, once their claims
        (plain Python objects) are made. Without them the vocabulary grows with every new word,
        number or name, and a stream of a hundred thousand articles would not run in flat memory."""
        self._keep_pristine_vectors()
        # documents in runs of about `batch_size` body blocks: one batch for the model, not one per article
        groups = batches(documents, batch_size, _blocks)
        while True:
            # The extractor's first window runs outside a zone: the words it meets (the language's
            # common words, most of any later text) stay in the vocabulary and the tokenizer's
            # cache for good; a zone frees its words' tokenizations too, so that each later zone
            # has to redo only the rarer words
            zone = self.nlp.memory_zone() if id(self.nlp) in _UNZONED_DONE else contextlib.nullcontext()
            with zone:
                window = list(itertools.islice(groups, self.ZONE_BATCHES))
                results = [r for group in window for r in self._extract_group(group, batch_size)]
            _UNZONED_DONE.add(id(self.nlp))
            self._bound_memory()
            yield from results
            if len(window) < self.ZONE_BATCHES:
                return

    def _extract_group(self, group: list[Document], batch_size: int) -> Iterator[tuple[Document, list[Claim]]]:
        blocks = [(d_i, a_i, start, text)
                  for d_i, doc in enumerate(group) if self._reads(doc)
                  for a_i, article in enumerate(doc.articles) for span in article.body
                  for start, text in _pieces(span.start, doc.text[span.start:span.end], self.MAX_BLOCK_CHARS)]
        parsed = self._parse([text for *_, text in blocks], batch_size)
        for d_i, doc in enumerate(group):
            if not self._reads(doc):
                yield doc, []  # another language: its own extractor handles it, or none does
                continue
            claims: list[Claim] = []
            for a_i, article in enumerate(doc.articles):
                mine = [(start, d) for (b_d, b_a, start, _), d in zip(blocks, parsed, strict=False) if (b_d, b_a) == (d_i, a_i)]
                claims.extend(self.article_claims(doc, a_i, article, mine))
            yield doc, claims
        for d in parsed:
            memo.release(d)

    def article_claims(self, document: Document, index: int, article, blocks: list) -> list[Claim]:
        """The claims of one article from its parsed blocks ((offset, Doc), in order): what the
        article as a whole settles first (points in an article of shares), then its discourse."""
        self.nlp.get_pipe("claimscope_counted").points_of_shares([d for _, d in blocks])
        return self.discourse.claims(document, index, article, blocks)

    def _keep_pristine_vectors(self) -> None:
        vectors = self.nlp.vocab.vectors
        if vectors.shape[1] and id(self.nlp) not in _PRISTINE_VECTORS:
            _PRISTINE_VECTORS[id(self.nlp)] = (vectors.shape[0], vectors.to_bytes(exclude=["strings"]))

    def _bound_memory(self) -> None:
        """What a long stream would otherwise grow without end, bounded.

        The word vectors: merging a figure's tokens ("11 000", figures.py) makes spaCy store the
        merged string's vector (the mean of its parts') in the model's table, which grows by a
        third each time it is full. Once it has grown, the table is put back as it was loaded
        (0.14 s for the French model's, about every 1,500 articles of figures); a merged string
        met again gets the same mean again, so no claim changes.
        Per-word caches (lemmas, the cue test) are emptied past CACHE_LIMIT words."""
        vectors = self.nlp.vocab.vectors
        if vectors.shape[1]:
            rows, pristine = _PRISTINE_VECTORS[id(self.nlp)]
            if vectors.shape[0] > rows:
                from spacy.vectors import Vectors

                # a new table: from_bytes into the grown one would keep the keys it added
                self.nlp.vocab.vectors = Vectors(strings=self.nlp.vocab.strings).from_bytes(
                    pristine, exclude=["strings"])
        lemmatizer = self.nlp.get_pipe("lemmatizer") if "lemmatizer" in self.nlp.pipe_names else None
        caches = [getattr(lemmatizer, "cache", None)]
        cues = None if self.parse_every_block else _speaker_cues(self.nlp, self.lang)
        caches.append(cues.words if cues is not None else None)
        for cache in caches:
            if isinstance(cache, dict) and len(cache) > self.CACHE_LIMIT:
                cache.clear()

    def handles(self, lang: str | None) -> bool:
        return (lang or DEFAULT_LANG) == self.lang_code

    def _reads(self, doc: Document) -> bool:
        return self.handles(doc.lang)

    # True: the whole model over every block, for comparisons (the claims must be the same).
    parse_every_block = False

    def _parse(self, texts: list[str], batch_size: int) -> list:
        """The blocks through the pipeline, the spaCy model only where its parse can matter.

        A block reaches the claims only through its figures, and through what it carries over
        to the next sentences (discourse.py): its periods (a regex over the characters) and the
        speakers it names, which need a verb of saying or an attribution phrase. A block with
        neither figure nor such a cue gives the same claims without tagger, parser and NER,
        so it gets only figures, sentences and claimscope's components (a third of the gate's
        blocks; tests/test_pipeline_parse.py checks the claims against a parse of every block).
        """
        names = self.nlp.pipe_names
        first = ["claimscope_figures", "claimscope_sentences"]
        model = [n for n in names if not n.startswith("claimscope_")]
        docs = list(self.nlp.pipe(texts, batch_size=batch_size, disable=[n for n in names if n not in first]))
        cues = None if self.parse_every_block else _speaker_cues(self.nlp, self.lang)
        needs = [cues is None or bool(d._.figures) or cues.may_name(d) for d in docs]
        full = [d for d, need in zip(docs, needs, strict=False) if need]
        light = [d for d, need in zip(docs, needs, strict=False) if not need]
        # NER waits until a component reads the entities (entities.py): most blocks never do
        lazy = [] if self.parse_every_block or "ner" not in names else ["ner"]
        for d in full:
            if lazy:
                entities.defer(d, self.nlp.get_pipe("ner"))
        # components work on the Doc in place: the list keeps the input order
        for part in batches(full, self.BATCH_CHARS, weight=lambda d: len(d.text)):
            for _ in self.nlp.pipe(part, batch_size=batch_size, disable=first + lazy):
                pass
        for _ in self.nlp.pipe(light, batch_size=batch_size, disable=first + model):
            pass
        return docs


# the pipelines (by id) whose first window of batches has run, outside a memory zone
_UNZONED_DONE: set[int] = set()
# each pipeline's word vectors as loaded (rows, serialized), taken before its first figure merge
_PRISTINE_VECTORS: dict[int, tuple[int, bytes]] = {}



class Extractors:
    """Claims from documents in every language claimscope has a pipeline for: each document
    goes to its language's Extractor, loaded on first use (a French-only batch never loads the
    English model). A document in another language gets no claims; `handles` tells which.
    `forced` treats every document as that language (the command line's --lang)."""

    def __init__(self, topic: str | None = None, forced: str | None = None, chooser=None):
        """`chooser`: the source chooser's weights to use (a SourceChooser), else the shipped ones."""
        self.chooser = chooser
        self.topic_arg = topic
        self.topic: Topic = load_topic(topic)
        self.languages = (forced,) if forced else tuple(supported_languages())
        if forced and forced not in supported_languages():
            raise ValueError(f"claimscope has no language data for {forced!r} (it has {', '.join(supported_languages())})")
        self.forced = forced
        self.lang_code = forced or "+".join(self.languages)
        self._by_lang: dict[str, Extractor] = {}

    def handles(self, lang: str | None) -> bool:
        return bool(self.forced) or (lang or DEFAULT_LANG) in self.languages

    def for_language(self, lang: str) -> Extractor:
        if lang not in self._by_lang:
            self._by_lang[lang] = Extractor(lang, self.topic_arg, self.chooser)
        return self._by_lang[lang]

    def extract(self, document: Document) -> list[Claim]:
        return next(iter(self.extract_many([document])))[1]

    def extract_many(self, documents: Iterable[Document], batch_size: int = 64) -> Iterator[tuple[Document, list[Claim]]]:
        """(document, claims) in input order; each language's documents parsed as one batch."""
        from dataclasses import replace

        for window in batches(documents, batch_size):
            if self.forced:
                window = [d if d.lang == self.forced else replace(d, lang=self.forced) for d in window]
            found: dict[int, list[Claim]] = {}
            for lang in dict.fromkeys((d.lang or DEFAULT_LANG) for d in window):
                mine = [d for d in window if (d.lang or DEFAULT_LANG) == lang]
                if lang not in self.languages:
                    found.update((id(d), []) for d in mine)
                    continue
                for d, claims in self.for_language(lang).extract_many(mine, batch_size):
                    found[id(d)] = claims
            for d in window:
                yield d, found[id(d)]


def _not_given_names(lang: LanguageData) -> frozenset[str]:
    """Capitalised words before a surname that are not given names: titles, and the function
    words that open sentences ('Selon Park', 'According to Park')."""
    a, g = lang.attribution, lang.data["grammar"]
    words = [*a.get("titles", []), *g["articles"], *g["demonstratives"], *g["of"], *a["anaphor_determiners"],
             *(w for p in a["prepositions"] for w in p.split())]
    return frozenset(fold(w) for w in words)


def _blocks(doc: Document) -> int:
    return sum(len(a.body) for a in doc.articles)


@lru_cache(maxsize=4)
def _speaker_cues(nlp, lang: LanguageData) -> _SpeakerCues | None:
    """The cue test for this pipeline, or None (parse every block) where it has no way to tell."""
    from spacy.pipeline import Lemmatizer

    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    attribution = nlp.get_pipe("claimscope_attribution")
    if isinstance(lemmatizer, Lemmatizer) and lemmatizer.mode in ("rule", "lookup"):
        return _SpeakerCues(nlp, attribution, lemmatizer)
    if lang.attribution.get("speech_verb_endings"):
        # a statistical lemmatizer: a word's lemma cannot be told without the model, so the
        # verbs' written forms stand for them
        return _SpeakerForms(nlp, attribution, lang.attribution)
    return None


class _SpeakerCues:
    """Whether a block could name a speaker once parsed: Attribution.sentence_speaker finds
    one only after an attribution phrase or a verb of saying (by lemma or stem, as
    SpeechVerbs). Errs on the side of parsing."""

    SPEECH_POS = ("VERB", "AUX", "NOUN")  # the only parts of speech SpeechVerbs accepts

    def __init__(self, nlp, attribution: attribution.Attribution, lemmatizer):
        self.vocab = nlp.vocab
        self.att = attribution
        self.lemmatizer = lemmatizer
        # "faire" for "fait état de", which SpeechVerbs reads from the next words
        self.lemmas = {*attribution.speech_lemmas, *attribution.decision_lemmas, *(verb for verb, _ in attribution.speech_phrases)}
        self.words: dict[str, bool] = {}

    def may_name(self, doc) -> bool:
        att = self.att
        text = memo.text(doc)
        for sent in doc.sents:
            s = text[sent.start_char:sent.end_char]
            if att.preposition.search(s) or (att.initial_preposition and att.initial_preposition.match(s)):
                return True
        return any(self._speech_word(t.text) for t in doc)

    def _speech_word(self, text: str) -> bool:
        """Could this word be a verb of saying under any tag? The rule lemmatizer's lemma
        depends on the word and its part of speech only, so every candidate is tried."""
        known = self.words.get(text)
        if known is None:
            from spacy.tokens import Doc

            known = fold(text).startswith(self.att.speech_stems) or any(
                fold(lemma) in self.lemmas
                for pos in self.SPEECH_POS
                for lemma in self.lemmatizer.lemmatize(Doc(self.vocab, words=[text], pos=[pos])[0]))
            self.words[text] = known
        return known


class _SpeakerForms(_SpeakerCues):
    """The cue test where lemmas come from a statistical model (English): a word is a candidate
    verb of saying when it is one of the written forms of one (every verb with every ending of
    the language data, and its irregular forms) or starts like one. Unlike the rule lemmatizer's
    test this is not exact by construction: a model could give a verb's lemma to a form nobody
    listed; tests/test_pipeline_parse.py checks the English gate sets claim for claim, and the
    benchmark its corpus."""

    def __init__(self, nlp, attribution: attribution.Attribution, data: dict):
        super().__init__(nlp, attribution, None)
        endings = data["speech_verb_endings"]
        forms = {fold(w) for w in data.get("speech_verb_irregular", [])}
        for verb in self.lemmas:
            bases = {verb, verb[:-1] if verb.endswith("e") else verb, verb + verb[-1]}
            if verb.endswith("y"):
                bases.add(verb[:-1] + "i")
            forms.add(verb)
            forms.update(base + ending for base in bases for ending in endings)
        self.forms = frozenset(forms)

    def _speech_word(self, text: str) -> bool:
        word = fold(text)
        return word in self.forms or word.startswith(self.att.speech_stems)
