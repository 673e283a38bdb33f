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
        claims.extend(extractor.discourse.claims(doc, a_i, article, mine))
    return claims


def test_skipping_blocks_changes_no_claim(extractor):
    paths = sorted(str(p) for s in ("dev", "fr", "fr_holdout") for p in (GATE / s).glob("*.txt"))
    docs = [d for d in read(paths) if isinstance(d, Document)]
    assert not Extractor.parse_every_block
    got = [claims for _, claims in extractor.extract_many(docs)]
    assert got == [_every_block(extractor, d) for d in docs]
    assert sum(map(len, got)) > 300


def test_blocks_without_figure_or_speaker_cue_skip_the_model(extractor):
    texts = ["Le ministère a déclaré lundi que 300 soldats avaient été tués.",  # a figure
             "Le ministère a déclaré lundi que la situation restait tendue.",  # a verb of saying
             "Selon le NIS, la situation reste tendue.",  # an attribution phrase
             "Pour Séoul, la situation reste tendue.",  # one at the start of a sentence
             "Le front reste calme depuis mars 2024. Aucun mouvement n'a eu lieu."]  # neither
    docs = extractor._parse(texts, 64)
    assert [d.has_annotation("DEP") for d in docs] == [True, True, True, True, False]
    # the skipped block still carries its period and its (empty) speakers to the discourse step
    assert [x.text for x in docs[-1]._.times] == ["depuis mars 2024"]
    assert [s.kind for *_, s in docs[-1]._.speakers] == ["none", "none"]
