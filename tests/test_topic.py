"""The topic file: cue words per language, not_words, sources and their aliases, and how the
measure step reads them (spaCy-free where the clause can be written by hand)."""
import pytest

from claimscope.extract.measures import OTHER, select_measure
from claimscope.topic import TopicError, load_topic, parse_topic


def _topic(measures, sources=None, **head):
    return parse_topic({"topic": {"id": "t", **head}, "measures": measures, "sources": sources or {}}, "t.toml")


def _words(*pairs, at=1):
    """A hand-made clause: (lemma, word) pairs, each `at` words from the figure."""
    return [(at, lemma, word) for lemma, word in pairs]


# -- the format -------------------------------------------------------------------

def test_words_per_language_are_read_by_that_language_only():
    t = _topic([{"id": "killed", "units": ["soldier"], "words": {"fr": ["tués"], "en": ["killed"], "any": ["KIA"]}}])
    m = t.measures[0]
    assert m.words == ("tués", "killed", "KIA")  # every language, before a pipeline picks one
    assert t.in_language("fr").measures[0].words == ("tués", "KIA")
    assert t.in_language("en").measures[0].words == ("killed", "KIA")
    assert t.in_language("fr") is t.in_language("fr")  # cached: one topic object per language


def test_a_plain_list_of_words_serves_every_language():
    t = _topic([{"id": "killed", "units": ["soldier"], "words": ["tués", "killed"]}])
    assert t.in_language("fr").measures[0].words == ("tués", "killed")
    assert t.in_language("en").measures[0].words == ("tués", "killed")


def test_a_measure_with_cues_in_another_language_only_is_not_a_unit_alone_measure():
    t = _topic([{"id": "killed", "units": ["soldier"], "words": {"en": ["killed"]}}]).in_language("fr")
    assert t.measures[0].cued and not t.measures[0].words
    assert select_measure(t, "soldier", _words(("tuer", "tués")), None)[0] == OTHER


def test_a_participle_cue_finds_its_other_agreements():
    """The topic lists 'arrêtés'; the article writes 'arrêtées' (feminine: 'personnes')."""
    t = _topic([{"id": "arrested", "units": ["person"], "words": {"fr": ["arrêtés", "détenus"]}}]).in_language("fr")
    assert select_measure(t, "person", _words(("arrêter", "arrêtées")), None)[0] == "arrested"
    assert select_measure(t, "person", _words(("détenir", "détenues")), None)[0] == "arrested"
    assert select_measure(t, "person", _words(("arrêt", "arrêts")), None)[0] == OTHER  # a noun is no agreement of it


@pytest.mark.parametrize("words, message", [
    ({"french": ["tués"]}, "'french' is not a language code"),
    ({"fr": "tués"}, "words.fr must be a list of strings"),
    ("tués", "must be a list of strings, or a table of language code"),
])
def test_bad_words_say_where_and_why(words, message):
    with pytest.raises(TopicError, match=message) as e:
        _topic([{"id": "killed", "units": ["soldier"], "words": words}])
    assert "t.toml: measures[0].words" in str(e.value)


def test_not_words_take_the_same_forms_and_unknown_keys_are_refused():
    t = _topic([{"id": "shells", "units": ["shell"], "not_words": {"fr": ["tirer"], "en": ["fired"]}}])
    assert t.in_language("en").measures[0].not_words == ("fired",)
    with pytest.raises(TopicError, match=r"unknown key\(s\) \['word'\]"):
        _topic([{"id": "x", "units": ["soldier"], "word": ["tués"]}])


def test_an_alias_names_one_source_only():
    with pytest.raises(TopicError, match="'Seoul' already names 'South Korean government'"):
        _topic([], {"South Korean government": ["Séoul"], "South Korea NIS": ["NIS", "Seoul"]})


def test_a_long_name_is_the_source_its_initials_spell():
    topic = _topic([], {"UNRWA": ["UNRWA"], "UN OCHA": ["OCHA", "UN Office for the Coordination of Humanitarian Affairs"],
                        "United Nations": ["UN", "United Nations"]})
    assert topic.source_by_acronym("The United Nations Relief and Works Agency for Palestine Refugees") == "UNRWA"
    assert topic.source_by_acronym("The United Nations Office for the Coordination of Humanitarian Affairs") == "UN OCHA"
    # two words spell no acronym worth trusting; words that spell nothing known name nobody
    assert topic.source_by_acronym("the United Nations") is None
    assert topic.source_by_acronym("The World Health Organization") is None


def test_a_function_names_the_one_source_whose_name_it_shortens():
    topic = _topic([], {"Pedro Sánchez": ["le Premier ministre espagnol", "le chef du gouvernement espagnol"],
                        "Spanish government": ["gouvernement espagnol", "l'exécutif espagnol"],
                        "Generalitat Valenciana": ["gouvernement valencien"]})
    assert topic.source_by_part("le Premier ministre") == "Pedro Sánchez"
    assert topic.source_by_part("l'exécutif") == "Spanish government"
    # the country's or the region's: no one source
    assert topic.source_by_part("le gouvernement") is None
    # a name is no part of itself, and a phrase two words short of a name is too far from it
    assert topic.source_by_part("gouvernement espagnol") is None
    assert topic.source_by_part("le chef") is None


def test_a_function_is_the_head_of_the_name_it_shortens():
    """'le gouvernement' (French: the head first) shortens 'gouvernement espagnol', not
    'déléguée du gouvernement', where the government is a delegate's complement."""
    topic = _topic([], {"Spanish government": ["gouvernement espagnol"],
                        "Pilar Bernabé": ["déléguée du gouvernement", "government delegate"]})
    assert topic.source_by_part("le gouvernement") is None  # word order unknown: either
    assert topic.source_by_part("le gouvernement", head_final=False) == "Spanish government"
    # English puts the head last: "the delegate" shortens "government delegate"
    assert topic.source_by_part("the delegate", head_final=True) == "Pilar Bernabé"
    # two names the phrase heads alike: still no one source
    two = _topic([], {"Spanish government": ["gouvernement espagnol"], "Generalitat Valenciana": ["gouvernement valencien"]})
    assert two.source_by_part("le gouvernement", head_final=False) is None
    # a name with an of-word puts its head first in English too: "head of government" is a head's
    of = _topic([], {"Generalitat Valenciana": ["government of Valencia"], "Pedro Sánchez": ["head of government"]})
    assert of.source_by_part("the government", head_final=True) == "Generalitat Valenciana"



def test_a_source_spelt_another_way_is_the_topics():
    topic = _topic([], {"Ashraf al-Qudra": ["al-Qudra"], "The Lancet": [], "Nigeria": [], "Iraq": [],
                        "Mohamed Hamdan Dagalo": ["Hemedti"]})
    # transliterations of one name, and a name without its article
    assert topic.source_by_spelling("Ashraf al-Qedra") == "Ashraf al-Qudra"
    assert topic.source_by_spelling("Al-Qedra") == "Ashraf al-Qudra"
    assert topic.source_by_spelling("Lancet") == "The Lancet"
    assert topic.source_by_spelling("Mohammed Hamdan Daglo") == "Mohamed Hamdan Dagalo"
    # other names that look alike: another length, too short to tell, or far apart
    assert topic.source_by_spelling("Niger") is None
    assert topic.source_by_spelling("Iran") is None
    assert topic.source_by_spelling("Hamas") is None
    assert topic.source_by_spelling("Ashraf Ghani") is None


def test_an_alias_that_begins_a_longer_name_is_not_that_source():
    topic = _topic([], {"US government": ["Washington", "State Department"], "Russian government": ["Russia"]})
    assert topic.canonical_source("A Washington Post review") is None
    assert topic.canonical_source("Russia Today") is None
    # the alias alone, before a possessive, a comma or a lower-case word, still is
    assert topic.canonical_source("officials in Washington said") == "US government"
    assert topic.canonical_source("Washington, which") == "US government"
    assert topic.canonical_source("Russia's defence ministry") == "Russian government"
    # ... but not before a body named in capitals that the place owns
    assert topic.canonical_source("Russia's Defence Ministry") is None


def test_a_short_name_written_in_capitals_is_found_only_in_capitals():
    topic = _topic([], {"United Nations": ["UN", "ONU"], "US government": ["US"], "UNRWA": ["Unrwa"]})
    # the French article and the English pronoun are no source
    assert topic.canonical_source("Selon un rapport du Comité pour la défense des journalistes") is None
    assert topic.canonical_source("officials told us") is None
    assert topic.mentions("un rapport et un communiqué") == []
    assert topic.canonical_source("the UN said") == "United Nations"
    assert topic.canonical_source("selon l'ONU") == "United Nations"
    assert topic.mentions("l'ONU et les US") == ["United Nations", "US government"]
    # a longer name matches however it is written ("Unrwa", "UNRWA", "unrwa")
    assert topic.canonical_source("according to unrwa") == "UNRWA"


def test_a_spelling_two_sources_share_names_neither():
    topic = _topic([], {"Ali Hassan": [], "Ali Hasson": []})
    assert topic.source_by_spelling("Ali Hassan") == "Ali Hassan"  # written as one of them: that one
    assert topic.source_by_spelling("Ali Hasson") == "Ali Hasson"
    assert topic.source_by_spelling("Ali Hassen") is None  # as near to both


# -- the measure step ---------------------------------------------------------------

EN = load_topic().in_language("en")
FR = load_topic().in_language("fr")


@pytest.mark.parametrize("unit, lemma, word, measure", [
    ("soldier", "kill", "killed", "dprk_troops_killed"),
    ("soldier", "die", "died", "dprk_troops_killed"),
    ("soldier", "wound", "wounded", "dprk_troops_wounded"),
    ("soldier", "injure", "injured", "dprk_troops_wounded"),
    ("soldier", "casualty", "casualties", "dprk_troops_casualties"),
    ("soldier", "loss", "losses", "dprk_troops_casualties"),
    ("soldier", "capture", "captured", "dprk_troops_captured"),
    ("soldier", "remain", "remained", "dprk_troops_present"),
    ("soldier", "station", "stationed", "dprk_troops_present"),
    ("soldier", "send", "sent", "dprk_troops_sent"),
    ("soldier", "deploy", "deployed", "dprk_troops_sent"),
    ("soldier", "dispatch", "dispatched", "dprk_troops_sent"),
    ("percent", "shell", "shells", "dprk_shells_share"),
    ("percent", "ammunition", "ammunition", "dprk_shells_share"),
    ("shell", "ship", "shipped", "dprk_shells_supplied"),
    ("worker", "send", "sent", "dprk_workers_sent"),
    ("missile", "deliver", "delivered", "dprk_missiles_supplied"),
])
def test_english_cues_select_their_measure(unit, lemma, word, measure):
    assert select_measure(EN, unit, _words((lemma, word)), None)[0] == measure


def test_english_cue_phrases_match_word_by_word():
    clause = _words(("have", "had"), ("be", "been"), ("kill", "killed"), ("or", "or"), ("wound", "wounded"))
    assert select_measure(EN, "soldier", clause, None)[0] == "dprk_troops_casualties"


def test_english_words_mean_nothing_to_the_french_pipeline():
    # "la Russie se sent ...", "la station radar": no troops sent, none stationed
    assert select_measure(FR, "soldier", _words(("sentir", "sent")), None)[0] == OTHER
    assert select_measure(FR, "soldier", _words(("station", "station")), None)[0] == OTHER
    assert select_measure(FR, "soldier", _words(("envoyer", "envoyés")), None)[0] == "dprk_troops_sent"


def test_a_cue_on_the_predicate_outranks_one_inside_the_counted_phrase():
    # "la capture de deux soldats nord-coréens blessés"
    clause = [(2, "capture", "capture"), (1, "de", "de"), (0, "#", "#"), (0, "soldat", "soldats"),
              (0, "blessé", "blessés"), (3, "capture", "capture")]
    governors = [(3, "capture", "capture")]
    assert select_measure(FR, "soldier", clause, "soldats blessés")[0] == "dprk_troops_wounded"
    assert select_measure(FR, "soldier", clause, "soldats blessés", governors)[0] == "dprk_troops_captured"


def test_not_words_on_the_predicate_rule_a_supplied_measure_out():
    # "l'artillerie russe tire chaque jour 10 000 obus"; "Russia fires 10,000 shells a day"
    clause = [(3, "tirer", "tire"), (0, "#", "#"), (0, "obus", "obus"), (4, "tirer", "tire")]
    measure, why = select_measure(FR, "shell", clause, "obus", [(4, "tirer", "tire")])
    assert measure == OTHER and "rules out dprk_shells_supplied" in why
    assert select_measure(EN, "shell", [(2, "fire", "fires")], "shells", [(2, "fire", "fires")])[0] == OTHER
    # a word of the clause that does not govern the figure rules out no unit-alone measure
    assert select_measure(FR, "shell", clause, "obus", [(4, "livrer", "livré")])[0] == "dprk_shells_supplied"


def test_not_words_as_near_as_the_cue_rule_a_cued_measure_out():
    # "un tiers des obus nord-coréens ne fonctionnent pas"
    clause = [(0, "#", "#"), (2, "obus", "obus"), (4, "fonctionner", "fonctionnent")]
    assert select_measure(FR, "percent", clause, None)[0] == "dprk_shells_share"  # farther than the cue
    assert select_measure(FR, "percent", clause, None, [(4, "fonctionner", "fonctionnent")])[0] == OTHER


# -- sources ----------------------------------------------------------------------

@pytest.mark.parametrize("phrase, canonical", [
    ("Le ministre de la Défense, Roustem Oumerov", "Rustem Umerov"),
    ("le Service de sécurité d’Ukraine (SBU)", "Security Service of Ukraine"),
    ("Ukraine's SBU security service", "Security Service of Ukraine"),
    ("Un autre organisme de Séoul, l’Institut coréen pour l’analyse de la défense (KIDA)",
     "Korea Institute for Defense Analyses"),
    ("l’Institut coréen d’analyses de défense (KIDA)", "Korea Institute for Defense Analyses"),
    ("L’institut Asan, à Séoul", "Asan Institute for Policy Studies"),
    ("les estimations de l’Institut pour l’étude de la guerre (ISW)", "Institute for the Study of War"),
    ("le renseignement britannique", "UK Defence Intelligence"),
    ("le ministère britannique de la Défense", "UK Ministry of Defence"),
    ("le quotidien Die Welt, citant le renseignement allemand", "German intelligence"),
    ("des documents internes du ministère russe de la Défense", "Russian Ministry of Defence"),
    ("certains médias sud-coréens", "South Korean media"),
    ("Sergueï Choïgou", "Sergei Shoigu"),
    ("Andriï Youssov, porte-parole de la HUR", "Andriy Yusov"),
    ("le porte-parole du Kremlin, Dmitri Peskov", "Dmitry Peskov"),
    ("l'agence officielle nord-coréenne KCNA", "KCNA"),
    ("l'agence de presse Yonhap", "Yonhap"),
    # English
    ("South Korea's spy agency", "South Korea NIS"),
    ("the National Intelligence Service (NIS)", "South Korea NIS"),
    ("Ukraine's military intelligence agency (HUR)", "Ukraine HUR"),
    ("Ukraine's GUR", "Ukraine HUR"),
    ("HUR chief Kyrylo Budanov", "Kyrylo Budanov"),
    ("A senior Pentagon official", "US officials"),
    ("Ukraine's General Staff", "Ukrainian military"),
    ("Russian Security Council Secretary Sergei Shoigu", "Sergei Shoigu"),
    ("the Multilateral Sanctions Monitoring Team (MSMT)", "MSMT"),
    ("an 11-nation monitoring group", "MSMT"),
    ("Japan's NHK", "NHK"),
    ("the Kremlin", "Kremlin"),
    ("Vadym Skibitskyi, deputy head of Ukraine's HUR", "Vadym Skibitskyi"),
    # an outlet named after a city is no government
    ("the Kyiv Independent", "Kyiv Independent"),
])
def test_the_actors_of_the_story_resolve_in_french_and_english_spellings(phrase, canonical):
    assert load_topic().canonical_source(phrase) == canonical


def test_short_aliases_match_whole_words_only():
    t = load_topic()
    for phrase in ("un ou deux soldats", "il a eu raison", "car il le dit"):  # not UN, EU, CAR
        assert t.canonical_source(phrase) is None


# -- through the French pipeline ------------------------------------------------------

def test_french_pipeline_measures_and_sources(extract):
    claims = extract(
        "Samedi, le président Volodymyr Zelensky a annoncé la capture de deux soldats nord-coréens "
        "blessés dans la région de Koursk.\n\n"
        "Le ministre de la Défense, Roustem Oumerov, a indiqué que les forces ukrainiennes avaient "
        "détruit une dizaine de systèmes d’artillerie nord-coréens depuis janvier.\n")
    by_text = {c.text: c for c in claims}
    assert by_text["deux"].measure == "dprk_troops_captured"
    assert by_text["une dizaine"].measure == "other"
    assert by_text["une dizaine"].source == "Rustem Umerov"
