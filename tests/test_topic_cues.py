"""The topic's units and measures apply where the topic's cues are (issue 13): a page that names
neither the topic's actor nor any of its sources is read as any news, each figure in the
language's own unit ("13 members", not soldiers) and of no measure."""
import pytest

from claimscope.extract.pipeline import Extractor
from claimscope.ingest import lay_out
from claimscope.records import Document


@pytest.fixture(scope="module")
def english():
    return Extractor("en")


def read(extractor, text):
    claims = extractor.extract(lay_out(Document(name="t.txt", text=text, origin="t.txt", lang="en")))
    return {c.text: (c.unit, c.measure) for c in claims}


# Sentences written for these tests
def test_a_page_off_the_topic_keeps_the_counted_noun_and_no_measure(english):
    claims = read(english, "OPEC agreed on Thursday that its 13 members would cut output. "
                           "Niger deployed 300 troops to the border with Mali.")
    assert claims["13"] == ("member", "other")  # the built-in topic would make them soldiers
    assert claims["300"] == ("soldier", "other")  # "troops" are soldiers in any news


def test_a_page_that_names_the_topic_reads_it_with_the_topics_units_and_measures(english):
    claims = read(english, "North Korea sent 300 troops to Kursk, Seoul said. "
                           "Its 13 members were killed in a drone strike.")
    assert claims["300"] == ("soldier", "dprk_troops_sent")
    assert claims["13"][0] == "soldier"


def test_a_page_that_names_one_of_the_topics_sources_is_on_the_topic(english):
    claims = read(english, "Kyrylo Budanov said 11,000 troops had been deployed to Kursk.")
    assert claims["11,000"] == ("soldier", "dprk_troops_sent")


# Points: percentage points beside shares, index points beside an index (issue 13)
@pytest.mark.parametrize("text, figure, unit", [
    ("The Conservatives now stand on 41%, down two points on a week ago.", "two", "percentage point"),
    ("Labour is up three points on 29% in the latest poll.", "three", "percentage point"),
    ("The FTSE 100 closed down 0.8% or 61.42 points at 7,600.45.", "61.42", "point"),
    ("The home side won by 12 points after a late try.", "12", "point"),
    ("London's top index finished 64.86 points, or 0.78%, lower.", "64.86", "point"),
])
def test_points_beside_shares_are_percentage_points(english, text, figure, unit):
    assert read(english, text)[figure][0] == unit


def test_a_headlines_points_in_an_article_of_shares_are_percentage_points(english):
    """The headline and the body are parsed apart: the shares of the body still make the
    headline's points percentage points, and an index's paragraph keeps its own."""
    text = ("Tory poll lead over Labour drops by four points\n\n"
            "The Conservatives now stand on 41%, while Labour is on 29%.\n\n"
            "The FTSE 100 closed 61.42 points higher.")
    claims = read(english, text)
    assert claims["four"][0] == "percentage point"
    assert claims["61.42"][0] == "point"


@pytest.mark.parametrize("text, unit", [
    ("Selon le ministère, le bilan des journalistes tués s'est alourdi à 147.", "journalist"),
    ("Le nombre de demandeurs d'emploi a baissé de 34.200 au troisième trimestre.", "applicant"),
])
def test_a_bare_figure_counts_what_its_french_container_subject_holds(text, unit):
    [claim] = Extractor("fr").extract(lay_out(Document(name="t.txt", text=text, origin="t.txt", lang="fr")))
    assert claim.unit == unit


def test_basis_points_are_a_difference_of_shares(english):
    """'100 points de base', '25 basis points': hundredths of a percentage point, a change."""
    french = Extractor("fr")
    [points, share] = french.extract(lay_out(Document(name="t.txt", text="La marge progresse de 100 points de base à 7,3 %.",
                                                      origin="t.txt", lang="fr")))
    assert (points.unit, points.kind) == ("basis point", "change")
    assert read(english, "The bank's margin widened 25 bps to 3.1%.")["25"][0] == "basis point"


# A person's age between the measure's cue and the figure (issue 12): the age is no figure of the
# clause, so it does not cut the cue off ("Ana Ruiz, 58 ans, ... avec 51,2 % des voix").
ELECTION = """
[topic]
id = "election"
label = "A town election: the candidates' shares of the vote"
[[measures]]
id = "incumbent_share"
units = ["percent"]
words.fr = ["Ruiz"]
words.en = ["Ruiz"]
[[measures]]
id = "incumbent_votes"
units = ["vote"]
words.fr = ["Ruiz"]
words.en = ["Ruiz"]
[sources]
"Electoral board" = ["the electoral board", "la commission électorale"]
"""


def _election_claims(tmp_path, lang, text):
    topic = tmp_path / "election.toml"
    topic.write_text(ELECTION, encoding="utf-8")
    return Extractor(lang, str(topic)).extract(lay_out(Document(name="t.txt", text=text, origin="t.txt", lang=lang)))


@pytest.mark.parametrize("lang, text, figure", [
    ("fr", "La maire sortante Ana Ruiz, 58 ans, est réélue avec 51,2 % des voix.", "51,2 %"),
    ("en", "The outgoing mayor Ana Ruiz, 58, was declared the winner with 51.2% of the vote.", "51.2%"),
])
def test_an_age_does_not_cut_a_figure_off_its_measures_cue(tmp_path, lang, text, figure):
    claims = {c.text: (c.unit, c.measure) for c in _election_claims(tmp_path, lang, text)}
    assert claims[figure] == ("percent", "incumbent_share")
    assert claims["58"] == ("year", "other")


# An age beside a name describes the person: the article's, no source's (issue 12); an age a
# source gives ("aged 20 and 26, according to ...") stays theirs.
@pytest.mark.parametrize("lang, text, expected", [
    ("fr", "Ana Ruiz, 58 ans, est réélue avec 51,2 % des voix, selon la commission électorale.",
     {"58": None, "51,2 %": "Electoral board"}),
    ("en", "Ana Ruiz, 58, won 51.2% of the vote, the electoral board said.", {"58": None, "51.2%": "Electoral board"}),
    ("en", "Her two rivals are aged 40 and 46, according to the electoral board.",
     {"40": "Electoral board", "46": "Electoral board"}),
])
def test_an_age_beside_a_name_has_no_source(tmp_path, lang, text, expected):
    assert {c.text: c.source for c in _election_claims(tmp_path, lang, text)} == expected


# A share beside the count it restates takes the count's measure where its own clause names none
# (issue 12); a share another verb states stays its own.
@pytest.mark.parametrize("lang, text, expected", [
    ("fr", "Ana Ruiz a obtenu 4 500 voix, soit 44,2 % des suffrages exprimés.",
     {"4 500": "incumbent_votes", "44,2 %": "incumbent_share"}),
    ("en", "Ana Ruiz won 4,500 votes, or 44.2% of those cast.",
     {"4,500": "incumbent_votes", "44.2%": "incumbent_share"}),
    ("fr", "Ana Ruiz a obtenu 4 500 voix tandis que la participation a atteint 44 %.",
     {"4 500": "incumbent_votes", "44 %": "other"}),
    ("en", "Ana Ruiz won 4,500 votes while turnout reached 44%.", {"4,500": "incumbent_votes", "44%": "other"}),
    ("en", "Ana Ruiz won 4,500 votes; turnout was 44%.", {"4,500": "incumbent_votes", "44%": "other"}),
])
def test_a_share_takes_the_measure_of_the_count_it_restates(tmp_path, lang, text, expected):
    assert {c.text: c.measure for c in _election_claims(tmp_path, lang, text)} == expected


# A cue written in one agreement finds the others, short participles too (issue 12): the topic's
# "tués" is the verb's "tué" in "qui ont tué au moins 220 personnes".
FLOODS = """
[topic]
id = "floods"
label = "Floods in a town: the toll"
actor = ["Valence"]
[[measures]]
id = "deaths"
units = ["person", "death"]
words.fr = ["tués", "morts"]
words.en = ["killed", "dead"]
[sources]
"Town hall" = ["la mairie"]
"""


@pytest.mark.parametrize("text", [
    "Les inondations à Valence ont tué au moins 220 personnes.",
    "À Valence, au moins 220 personnes ont été tuées par les inondations.",
])
def test_a_short_participle_cue_finds_its_other_agreements(tmp_path, text):
    topic = tmp_path / "floods.toml"
    topic.write_text(FLOODS, encoding="utf-8")
    claims = Extractor("fr", str(topic)).extract(lay_out(Document(name="t.txt", text=text, origin="t.txt", lang="fr")))
    assert [(c.unit, c.measure) for c in claims] == [("person", "deaths")]
