"""Who decides a figure gives it, where no one is said to report it: the subject of a verb of
deciding ("approved", "pledged", "a débloqué") is the claim's source; a verb of saying still
names the source over it, and a phrase after the verb is never read as its subject."""
from datetime import date

import pytest

from claimscope.extract.pipeline import Extractor
from claimscope.records import Article, Document, PartialDate, Span

TOPIC = """
[topic]
id = "floods"
label = "Floods and the aid that followed"
[[measures]]
id = "aid"
units = ["eur"]
words.en = ["aid", "package", "relief"]
words.fr = ["aide", "aides", "plan"]
[sources]
"Spanish government" = ["the Spanish government", "le gouvernement espagnol"]
"European Commission" = ["the European Commission", "la Commission européenne"]
"Pedro Sánchez" = ["Sánchez", "Pedro Sanchez", "le Premier ministre espagnol"]
"AEMET" = ["the weather agency"]
"""


@pytest.fixture(scope="module")
def topic_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("topic") / "floods.toml"
    path.write_text(TOPIC, encoding="utf-8")
    return str(path)


def _sources(topic_file, lang, text):
    published = PartialDate(date(2024, 11, 12), "day")
    article = Article(span=Span(0, len(text)), body=(Span(0, len(text)),), date=published)
    doc = Document(name="t.txt", text=text, origin="t.txt", date=published, lang=lang, articles=(article,))
    return [(c.value, c.source) for c in Extractor(lang, topic_file).extract(doc)]


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "The Spanish government approved a 10.6-billion-euro relief package on Tuesday.",
     [(10_600_000_000, "Spanish government")]),
    ("en", "The new aid follows the 10.6 billion euros that Pedro Sanchez pledged last week.",
     [(10_600_000_000, "Pedro Sánchez")]),
    ("fr", "Le gouvernement espagnol a débloqué une aide de 3,8 milliards d'euros.",
     [(3_800_000_000, "Spanish government")]),
    # the subject of the first of two coordinated verbs decides the second's figure too
    ("fr", "La Commission européenne a proposé une aide de 945 millions d'euros et a approuvé "
           "la réaffectation de 645 millions d'euros.",
     [(945_000_000, "European Commission"), (645_000_000, "European Commission")]),
    # asking for a sum, or taking on a share of the costs, is deciding it too
    ("en", "The Spanish government had applied for €4.4 billion in aid.", [(4_400_000_000, "Spanish government")]),
    ("en", "Under the aid plan, the Spanish government will cover 100 percent of the immediate costs.",
     [(100, "Spanish government")]),
    ("fr", "Le gouvernement espagnol a demandé une aide de 4,4 milliards d'euros.", [(4_400_000_000, "Spanish government")]),
])
def test_the_subject_of_a_verb_of_deciding_gives_the_figure(topic_file, lang, text, expected):
    assert _sources(topic_file, lang, text) == expected


def test_a_verb_of_saying_names_the_source_over_the_one_who_decides(topic_file):
    text = "Pedro Sanchez pledged 500 million euros, the weather agency said."
    assert _sources(topic_file, "en", text) == [(500_000_000, "AEMET")]


def test_a_phrase_after_a_verb_of_deciding_is_not_its_subject(topic_file):
    # no subject before "a approuvé": what follows it is what was approved, not who approved it
    text = "Hier a été approuvée la réaffectation de 645 millions d'euros de l'Espagne."
    assert _sources(topic_file, "fr", text) == [(645_000_000, None)]


def test_a_function_the_topic_names_in_full_is_its_source(topic_file):
    # the topic knows "le Premier ministre espagnol"; the article says "le Premier ministre"
    text = "Selon le Premier ministre, le plan s'appliquera à 78 municipalités."
    assert _sources(topic_file, "fr", text) == [(78, "Pedro Sánchez")]


@pytest.mark.parametrize("lang,text,expected", [
    # who processes or verifies the things counted gives their number; a participle inside the
    # counted phrase ("sheets published by the opposition") only describes them
    ("en", "The news agency AP processed nearly 24,000 images of tally sheets published by the opposition.",
     [(24_000, "AP")]),
    # the subject of the verb that "verify" completes
    ("en", "The Penal Forum, an independent NGO, has been able to verify 835 detainees.", [(835, "Penal Forum")]),
])
def test_who_processes_or_verifies_the_things_counted_gives_their_number(topic_file, lang, text, expected):
    assert _sources(topic_file, lang, text) == expected
