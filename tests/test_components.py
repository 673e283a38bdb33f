"""Each pipeline component run alone on a hand-built Doc, with the attributes it requires set by hand."""
import spacy
from spacy.tokens import Doc

from claimscope.extract import figures
from claimscope.extract.figures import FigureFinder
from claimscope.extract.modality import Modality
from claimscope.extract.pipeline import _speech_test
from claimscope.extract.sentences import SentenceBoundaries
from claimscope.lang import load_language

VOCAB = spacy.blank("fr").vocab


def test_figures_merges_a_spaced_number_into_one_token():
    doc = Doc(VOCAB, words=["Le", "séisme", "a", "fait", "11", "000", "morts", "."],
              spaces=[True, True, True, True, True, True, False, False])
    FigureFinder("fr")(doc)
    (info,) = doc._.figures
    assert doc[info.token].text == "11 000"
    assert info.figure.value == 11000
    assert doc[info.token + 1].text == "morts"


def test_sentences_split_at_a_full_stop_before_a_capital_only():
    words = ["Il", "est", "parti", ".", "Elle", "reste", "à", "M.", "Dupont", "."]
    doc = Doc(VOCAB, words=words, spaces=[True, True, False, True, True, True, True, True, False, False])
    SentenceBoundaries(load_language("fr"))(doc)
    assert [t.i for t in doc if t.is_sent_start] == [0, 4]  # not after the abbreviation "M."


def _parsed(words, heads, deps, pos, lemmas, morphs):
    figures.ensure_extensions()
    doc = Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas, morphs=morphs,
              sent_starts=[True] + [False] * (len(words) - 1))
    FigureFinder("fr")(doc)
    return doc


def test_modality_marks_a_planned_figure_and_a_hedged_one():
    # "Paris prévoit de livrer 150 missiles ." : a planning verb above the figure
    planned = _parsed(["Paris", "prévoit", "de", "livrer", "150", "missiles", "."],
                      heads=[1, 1, 3, 1, 5, 3, 1], deps=["nsubj", "ROOT", "mark", "xcomp", "nummod", "obj", "punct"],
                      pos=["PROPN", "VERB", "ADP", "VERB", "NUM", "NOUN", "PUNCT"],
                      lemmas=["Paris", "prévoir", "de", "livrer", "150", "missile", "."],
                      morphs=["", "Mood=Ind|Tense=Pres", "", "VerbForm=Inf", "", "", ""])
    # "Paris a livré 150 missiles ." : a past fact
    actual = _parsed(["Paris", "a", "livré", "150", "missiles", "."],
                     heads=[2, 2, 2, 4, 2, 2], deps=["nsubj", "aux:tense", "ROOT", "nummod", "obj", "punct"],
                     pos=["PROPN", "AUX", "VERB", "NUM", "NOUN", "PUNCT"],
                     lemmas=["Paris", "avoir", "livrer", "150", "missile", "."],
                     morphs=["", "Mood=Ind|Tense=Pres", "Tense=Past|VerbForm=Part", "", "", ""])
    component = Modality(load_language("fr"), _speech_test("fr"))
    component(planned)
    component(actual)
    (p,) = planned._.figures
    (a,) = actual._.figures
    assert (p.status, a.status) == ("planned", "actual")
    assert not a.hedged
    assert any("prévoit" in why for why in p.why)
