"""The extractor parses only the blocks whose parse can change a claim: the claims must be
exactly those of the whole model run over every block of every article."""
from pathlib import Path

from claimscope.extract.pipeline import Extractor
from claimscope.ingest import read
from claimscope.records import Document

GATE = Path(__file__).parent / "gate"


def _every_block(extractor, doc):
    """extract_many as it first was: the full pipeline over every body block, one document at a time."""
    blocks = [(a_i, span.start, doc.text[span.start:span.end])
              for a_i, article in enumerate(doc.articles) for span in article.body]
    parsed = list(extractor.nlp.pipe(((t, (a_i, start)) for a_i, start, t in blocks), as_tuples=True))
    claims = []
    for a_i, article in enumerate(doc.articles):
        mine = [(ctx[1], d) for d, ctx in parsed if ctx[0] == a_i]
        claims.extend(extractor.article_claims(doc, a_i, article, mine))
    return claims


def _gate_documents(sets=("dev", "fr", "fr_holdout", "fr_c")):
    paths = sorted(str(p) for s in sets for p in (GATE / s).glob("*.txt"))
    return [d for d in read(paths) if isinstance(d, Document)]


def test_skipping_blocks_changes_no_claim(extractor):
    """Skipped blocks, deferred NER and the per-Doc memos (memo.py) give every field of every
    claim of the French gate sets as the whole model over every block does."""
    docs = _gate_documents()
    assert not Extractor.parse_every_block
    got = [claims for _, claims in extractor.extract_many(docs)]
    assert got == [_every_block(extractor, d) for d in docs]
    assert sum(map(len, got)) > 400


def test_english_skips_blocks_by_the_written_forms_of_its_verbs_and_changes_no_claim():
    """English lemmas come from a statistical model, so the cue test reads the verbs' written
    forms (pipeline._SpeakerForms): every claim of both English gate sets stays the same."""
    from claimscope.extract.pipeline import _speaker_cues, _SpeakerForms

    english = Extractor("en")
    cues = _speaker_cues(english.nlp, english.lang)
    assert isinstance(cues, _SpeakerForms)
    assert all(cues._speech_word(w) for w in ("said", "denied", "Estimates", "citing", "found", "tallied"))
    assert not any(cues._speech_word(w) for w in ("troops", "shells", "Pyongyang", "sent"))
    docs = _gate_documents(("en", "en_holdout"))
    got = [claims for _, claims in english.extract_many(docs)]
    assert got == [_every_block(english, d) for d in docs]
    assert sum(map(len, got)) > 250


def test_parse_every_block_gives_the_same_claims(extractor, monkeypatch):
    docs = _gate_documents()[:12]
    fast = [claims for _, claims in extractor.extract_many(docs)]
    monkeypatch.setattr(Extractor, "parse_every_block", True)
    assert [claims for _, claims in extractor.extract_many(docs)] == fast


def test_deferred_ner_finds_the_entities_of_an_eager_pass(extractor):
    """NER reads only the words and the sentence starts: run after the other components, on
    demand, it marks the same entities."""
    from claimscope.extract import entities

    texts = ["Jean Dupont, porte-parole de la préfecture, a déclaré à Lyon que 300 personnes avaient été évacuées.",
             "Le front reste calme près de Koursk. Les 12 villages ont été évacués."]
    docs = extractor._parse(texts, 64)
    # the first block's speaker is resolved through its entities; nothing reads the second's
    assert [d._.pending_ner is None for d in docs] == [True, False]
    assert not docs[1].has_annotation("ENT_IOB")
    entities.ready(docs[1])
    assert docs[1]._.pending_ner is None and docs[1].has_annotation("ENT_IOB")
    eager = list(extractor.nlp.pipe(texts))
    assert [[(e.start, e.end, e.label_) for e in d.ents] for d in docs] == \
        [[(e.start, e.end, e.label_) for e in d.ents] for d in eager]
    assert any(e.label_ == "PER" for e in docs[0].ents)


def test_a_stream_of_new_words_leaves_the_vocabulary_as_it_was(extractor):
    """Every batch is parsed in a memory zone: words never seen before (names, numbers) do not
    stay in the vocabulary once their claims are made, so memory stays flat on long streams."""
    from claimscope.records import Article, Document, PartialDate, Span

    def doc(i: int) -> Document:
        text = (f"Selon le général Zorbulak{i}, la Corée du Nord a envoyé {1000 + 7 * i} soldats, "
                f"{40 + i} obus Kvarn{i} et {100 + i} 000 munitions vers Koursk.")
        article = Article(span=Span(0, len(text)), body=(Span(0, len(text)),), date=PartialDate(None, "unknown"))
        return Document(name=f"z{i}.txt", text=text, origin=f"z{i}.txt", lang="fr", articles=(article,))

    list(extractor.extract_many([doc(0)]))  # the first call loads what every call needs
    before = len(extractor.nlp.vocab.strings)
    rows = extractor.nlp.vocab.vectors.shape[0]
    got = [claims for _, claims in extractor.extract_many([doc(i) for i in range(1, 150)], batch_size=16)]
    assert all(len(claims) == 3 for claims in got)
    assert [(c.text, c.unit) for c in got[5]] == [("1042", "soldier"), ("46", "shell"), ("106 000", "shell")]
    assert len(extractor.nlp.vocab.strings) == before
    # each merged "106 000" got a vector in the model's table; the table is back as loaded
    assert extractor.nlp.vocab.vectors.shape[0] == rows
