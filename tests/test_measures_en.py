"""How the measure step reads English clauses: the predicate against other cues, the counted word
itself, not_words of unit-alone measures, and the English cue words of the built-in topic.
Hand-made clauses (distance, lemma, word) in text order, the figure as '#', as counted.py makes them."""
import pytest

from claimscope.extract.measures import OTHER, select_measure
from claimscope.topic import load_topic

EN = load_topic().in_language("en")
FR = load_topic().in_language("fr")


def _clause(text: str, figure: str, lemmas: dict[str, str] | None = None, phrase: int = 0):
    """A clause from its words, distances counted from `figure` (written '#'); the `phrase` words
    after the figure are its counted phrase (distance 0)."""
    words = text.split()
    at = words.index(figure)
    lemmas = lemmas or {}
    out = []
    for k, w in enumerate(words):
        if k == at:
            out.append((0, "#", "#"))
            continue
        d = 0 if at < k <= at + phrase else abs(k - at)
        out.append((d, lemmas.get(w, w.lower()), w.lower()))
    return out


def _gov(clause, *words):
    return [next(x for x in clause if x[2] == w) for w in words]


# -- the predicate against other cues -------------------------------------------------

def test_the_predicate_outranks_a_cue_before_the_figure():
    # "According to Budanov, after heavy losses fewer than 8,000 North Korean troops remained in Kursk"
    clause = _clause("after heavy losses fewer than N North Korean troops remained in Kursk", "N",
                     {"losses": "loss", "remained": "remain"}, phrase=3)
    assert select_measure(EN, "soldier", clause, "North Korean troops")[0] == "dprk_troops_casualties"
    measure, why = select_measure(EN, "soldier", clause, "North Korean troops", _gov(clause, "remained"))
    assert measure == "dprk_troops_present" and "governs" in why


def test_a_cue_after_the_figure_keeps_its_rank_against_the_predicate():
    # "Two soldiers captured by Ukraine in January remain in Kyiv": the participle qualifies them
    clause = _clause("N soldiers captured by Ukraine in January remain in Kyiv", "N",
                     {"captured": "capture", "remain": "remain"}, phrase=1)
    assert select_measure(EN, "soldier", clause, "soldiers", _gov(clause, "remain"))[0] == "dprk_troops_captured"


def test_the_counted_word_itself_outranks_the_predicate():
    # "... and 2,700 wounded remained in hospital": the elided noun's stand-in is the measure's cue
    clause = _clause("and N wounded remained in hospital", "N", {"wounded": "wound", "remained": "remain"}, phrase=1)
    assert select_measure(EN, "soldier", clause, "wounded", _gov(clause, "remained"))[0] == "dprk_troops_wounded"
    # a qualifier of the counted noun does not: "la capture de deux soldats blessés"
    clause = _clause("la capture de N soldats blessés", "N", phrase=2)
    assert select_measure(FR, "soldier", clause, "soldats blessés", _gov(clause, "capture"))[0] == "dprk_troops_captured"


def test_a_phrase_holding_the_predicates_cue_is_not_outranked_by_it():
    # "About 4,700 North Korean troops had been killed or wounded": 'killed' governs, the phrase says more
    clause = _clause("N North Korean troops had been killed or wounded", "N", {"killed": "kill", "wounded": "wound"},
                     phrase=3)
    assert select_measure(EN, "soldier", clause, "North Korean troops", _gov(clause, "killed"))[0] == "dprk_troops_casualties"


# -- not_words ---------------------------------------------------------------------------

def test_killed_while_fighting_counts_no_troops_present():
    # "2,700 wounded while fighting alongside Russian forces"
    clause = _clause("N wounded while fighting alongside Russian forces", "N", {"wounded": "wound", "fighting": "fight"},
                     phrase=1)
    assert select_measure(EN, "soldier", clause, "wounded", _gov(clause, "fighting"))[0] == "dprk_troops_wounded"
    # "... raising its estimate from 600": a bare figure with the fighting nearer than the deaths
    clause = _clause("soldiers have been killed while fighting for Russia raising its estimate from N", "N",
                     {"killed": "kill", "fighting": "fight"})
    assert select_measure(EN, "soldier", clause, None)[0] == "dprk_troops_killed"
    # fighting on its own still counts troops engaged
    clause = _clause("N North Korean troops are fighting in Kursk", "N", {"fighting": "fight"}, phrase=3)
    assert select_measure(EN, "soldier", clause, "North Korean troops")[0] == "dprk_troops_present"


def test_a_phrasal_not_word_rules_out_where_its_verb_governs_the_figure():
    # "North Korea's factories can turn out around 2 million shells a year"
    clause = _clause("factories can turn out around N shells a year", "N", phrase=1)
    measure, why = select_measure(EN, "shell", clause, "shells", _gov(clause, "turn"))
    assert measure == OTHER and "'turn out'" in why
    # the verb alone is no not_word: "North Korea turned over 1 million shells to Russia"
    clause = _clause("North Korea turned over N shells to Russia", "N", {"turned": "turn"}, phrase=1)
    assert select_measure(EN, "shell", clause, "shells", _gov(clause, "turned"))[0] == "dprk_shells_supplied"
    # nor the phrase where its verb governs nothing: "factories that turn out shells shipped 1 million"
    clause = _clause("factories that turn out shells shipped N shells", "N", {"shipped": "ship"}, phrase=1)
    assert select_measure(EN, "shell", clause, "shells", _gov(clause, "shipped"))[0] == "dprk_shells_supplied"
    # and a single not_word that governs nothing rules out no unit-alone measure
    clause = _clause("North Korea supplied N shells used at the front", "N", {"supplied": "supply"}, phrase=1)
    assert select_measure(EN, "shell", clause, "shells", _gov(clause, "supplied"))[0] == "dprk_shells_supplied"


def test_a_cut_by_half_is_no_share_but_a_share_of_the_shells_fired_is():
    # "Russian artillery would have had to cut its fire by half"
    clause = _clause("Russian artillery would have had to cut its fire by N", "N")
    assert select_measure(EN, "percent", clause, None, _gov(clause, "cut"))[0] == OTHER
    # "about 50% of the artillery ammunition fired by Russian forces"
    clause = _clause("account for about N of the artillery ammunition fired by Russian forces", "N")
    assert select_measure(EN, "percent", clause, "artillery ammunition", _gov(clause, "account"))[0] == "dprk_shells_share"


# -- English cue words ---------------------------------------------------------------------

@pytest.mark.parametrize("text, unit, lemmas, measure", [
    ("around N North Korean personnel are being prepared to join Russian forces", "soldier", {}, "dprk_troops_sent"),
    ("may replace them with up to N fresh troops early next year", "soldier", {}, "dprk_troops_sent"),
    ("North Korea has been transferring about N troops to Russia", "soldier", {"transferring": "transferr"},
     "dprk_troops_sent"),
    ("the Pentagon estimated that N North Korean troops are in Russia", "soldier", {}, "dprk_troops_present"),
    ("more than N North Korean troops were killed or wounded", "soldier", {}, "dprk_troops_casualties"),
    ("North Korea had lost over N soldiers", "soldier", {}, "dprk_troops_casualties"),
    ("fewer than N troops remain stationed in Kursk", "soldier", {}, "dprk_troops_present"),
    ("Pyongyang dispatched N troops", "soldier", {}, "dprk_troops_sent"),
    ("North Korea shipped N shells to Russia", "shell", {}, "dprk_shells_supplied"),
    ("North Korea handed over N shells", "shell", {}, "dprk_shells_supplied"),
    ("North Korean shells account for N of the shells Russia fires", "percent", {}, "dprk_shells_share"),
    ("North Korea has shipped N containers", "container", {}, "dprk_containers_shipped"),
    ("up to N North Korean workers sent to drone factories", "worker", {}, "dprk_workers_sent"),
    ("Pyongyang promised N deminers", "deminer", {}, "dprk_deminers_sent"),
    ("and N military builders", "engineer", {}, "dprk_engineers_sent"),
])
def test_english_cue_words(text, unit, lemmas, measure):
    assert select_measure(EN, unit, _clause(text, "N", lemmas), None)[0] == measure


# -- through the English pipeline --------------------------------------------------------------

@pytest.fixture(scope="module")
def en_extractor():
    from claimscope.extract.pipeline import Extractors

    return Extractors().for_language("en")


def _measures(extractor, text: str) -> dict[str, str]:
    from claimscope.records import Article, Document, PartialDate, Span

    article = Article(span=Span(0, len(text)), body=(Span(0, len(text)),), date=PartialDate(None, "unknown"))
    doc = Document(name="t.txt", text=text, origin="t.txt", date=PartialDate(None, "unknown"), lang="en",
                   articles=(article,))
    return {c.text: c.measure for c in extractor.extract(doc)}


def test_english_pipeline_measures(en_extractor):
    got = _measures(en_extractor, "About 300 North Korean soldiers have been killed and 2,700 wounded while "
                                  "fighting alongside Russian forces, South Korea's spy agency said on Monday.")
    assert got == {"About 300": "dprk_troops_killed", "2,700": "dprk_troops_wounded"}
    got = _measures(en_extractor, "She estimated that North Korea's factories can turn out around 2 million shells a year.")
    assert got == {"around 2 million": OTHER}


# -- a counted noun the topic names as a cue --------------------------------------------

def _arrests_topic():
    from claimscope.topic import parse_topic

    return parse_topic({"topic": {"id": "t"}, "sources": {}, "measures": [
        {"id": "arrested", "label": "people arrested", "units": ["person", "detainee"],
         "words": {"en": ["arrested", "arrests"], "fr": ["arrestations", "interpellés"]}}]}, "").in_language("en")


def test_a_counted_noun_that_is_a_measures_cue_takes_that_measure():
    # "Maduro announced that 2,000 civilian arrests have been made": no measure lists the unit
    # 'arrest', but the topic names 'arrests' as what its measure counts
    topic = _arrests_topic()
    clause = _clause("announced that N civilian arrests have been made", "N", phrase=2)
    measure, why = select_measure(topic, "arrest", clause, "civilian arrests")
    assert measure == "arrested" and "counted 'arrests'" in why


def test_a_cue_beside_the_count_or_a_share_of_it_does_not():
    topic = _arrests_topic()
    # the cue qualifies nothing counted: 300 houses searched during the arrests
    clause = _clause("N houses were searched during the arrests", "N", phrase=1)
    assert select_measure(topic, "house", clause, "houses")[0] == OTHER
    # a share of the arrests is no count of them
    clause = _clause("N % of arrests", "N", phrase=3)
    assert select_measure(topic, "percent", clause, "% of arrests")[0] == OTHER


def _english_topic(*measures: tuple[str, list[str], list[str]]):
    """A topic of the given measures (id, units, English cue words), in file order."""
    from claimscope.topic import parse_topic

    return parse_topic({"topic": {"id": "t"}, "sources": {}, "measures": [
        {"id": i, "label": i, "units": units, "words": {"en": words}} for i, units, words in measures]}, "").in_language("en")


def test_a_cue_two_measures_share_gives_way_to_one_only_one_has():
    topic = _english_topic(("maduro_votes", ["vote"], ["Maduro", "votes"]), ("gonzalez_votes", ["vote"], ["Gonzalez", "votes"]))
    # "Those numbers showed Maduro with 6.4 million votes and Gonzalez with 5.3 million votes"
    clause = _clause("Maduro with 6.4 million votes and Gonzalez with N votes", "N", phrase=1)
    measure, why = select_measure(topic, "vote", clause, "votes")
    assert measure == "gonzalez_votes" and "shared" in why
    clause = _clause("Maduro with N votes and Gonzalez with 5.3 million votes", "N", phrase=1)
    assert select_measure(topic, "vote", clause, "votes")[0] == "maduro_votes"
    # no word tells them apart: the file's order decides, as before
    clause = _clause("N votes were cast", "N", phrase=1)
    assert select_measure(topic, "vote", clause, "votes")[0] == "maduro_votes"


KIN_TOPIC = (("children_killed", ["child"], ["children", "killed"]), ("killed", ["person"], ["killed"]),
             ("trucks", ["truck"], ["entered"]))


@pytest.mark.parametrize("text, figure, phrase, unit, concept, expected", [
    # "one UN colleague was killed": a colleague is a person, not a child, though one cue serves both
    ("one UN colleague was killed in a strike", "one", 2, "colleague", "UN colleague", "killed"),
    # a child counted as such keeps its own measure
    ("N children were killed", "N", 1, "child", "children", "children_killed"),
    # forms of one word come first of all: truckloads are trucks
    ("N truckloads entered", "N", 1, "truckload", "truckloads", "trucks"),
])
def test_a_unit_no_measure_lists_takes_the_nearest_kin_a_person_before_a_child(text, figure, phrase, unit, concept, expected):
    topic = _english_topic(*KIN_TOPIC)
    assert select_measure(topic, unit, _clause(text, figure, phrase=phrase), concept)[0] == expected
