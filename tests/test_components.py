"""Each pipeline component run alone on a hand-built Doc, with the attributes it requires set by hand."""
import spacy
from spacy.tokens import Doc

from claimscope.extract import attribution, figures, timeref
from claimscope.extract.counted import CountedNoun
from claimscope.extract.figures import FigureFinder
from claimscope.extract.modality import Modality
from claimscope.extract.pipeline import _speech_test
from claimscope.extract.sentences import SentenceBoundaries
from claimscope.lang import load_language
from claimscope.topic import load_topic

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


# "Selon l'ONU , 200 soldats ont été tués en 2024 ." parsed by hand
ONU_WORDS = ["Selon", "l'", "ONU", ",", "200", "soldats", "ont", "été", "tués", "en", "2024", "."]
ONU_PARSE = dict(heads=[2, 2, 8, 8, 5, 8, 8, 8, 8, 10, 8, 8],
                 deps=["case", "det", "obl:mod", "punct", "nummod", "nsubj:pass", "aux:tense", "aux:pass", "ROOT", "case", "obl:mod", "punct"],
                 pos=["ADP", "DET", "PROPN", "PUNCT", "NUM", "NOUN", "AUX", "AUX", "VERB", "ADP", "NUM", "PUNCT"],
                 lemmas=["selon", "le", "ONU", ",", "200", "soldat", "avoir", "être", "tuer", "en", "2024", "."],
                 morphs=["", "", "", "", "", "Number=Plur", "Mood=Ind|Tense=Pres", "Tense=Past|VerbForm=Part",
                         "Tense=Past|VerbForm=Part", "", "", ""])


def _onu():
    doc = Doc(VOCAB, words=ONU_WORDS, spaces=[True, False, False, True, True, True, True, True, True, True, False, False],
              sent_starts=[True] + [False] * (len(ONU_WORDS) - 1), **ONU_PARSE)
    figures.ensure_extensions()
    FigureFinder("fr")(doc)
    return doc


def test_counted_names_what_the_figure_counts():
    doc = _onu()
    CountedNoun(load_language("fr"), load_topic(None).units_for("fr"))(doc)
    info = next(i for i in doc._.figures if doc[i.token].text == "200")
    assert info.concept == "soldats"
    assert info.unit is not None


def test_timeref_dates_the_figure_with_its_sentence_year():
    doc = _onu()
    timeref.ensure_extensions()
    timeref.TimeRef(load_language("fr"), _speech_test("fr"))(doc)
    assert any("2024" in x.text for x in doc._.times)
    info = next(i for i in doc._.figures if doc[i.token].text == "200")
    assert any("2024" in x.text for x in info.times)


def test_attribution_finds_the_named_source():
    doc = _onu()
    attribution.ensure_extensions()
    attribution.Attribution(load_language("fr"), load_topic(None))(doc)
    info = next(i for i in doc._.figures if doc[i.token].text == "200")
    assert info.speaker_kind == "named"
    assert info.speaker == "United Nations"  # the canonical name of "l'ONU"
