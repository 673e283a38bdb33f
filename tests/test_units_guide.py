"""Units come out as the GUIDE names them: English nouns, British spelling ('kilometre',
'metre'), temperatures in 'degree celsius' (French news give them so)."""
import re
from datetime import date

import pytest

from claimscope.extract.pipeline import Extractor
from claimscope.records import Article, Document, PartialDate, Span


def _units(lang: str, text: str) -> list[tuple[float, str | None]]:
    day = PartialDate(date(2024, 8, 20), "day")
    article = Article(span=Span(0, len(text)), body=(Span(0, len(text)),), date=day)
    doc = Document(name="t.txt", text=text, origin="t.txt", date=day, lang=lang, articles=(article,))
    return [(c.value, c.unit) for c in Extractor(lang).extract(doc)]


@pytest.mark.parametrize("lang, text, expected", [
    ("fr", "Il a fait 42 degrés à Séville, et 12 degrés Celsius à Lille.", [(42, "degree celsius"), (12, "degree celsius")]),
    ("fr", "Le cortège a parcouru 12 kilomètres, puis encore 800 mètres.", [(12, "kilometre"), (800, "metre")]),
    ("en", "The convoy drove 12 km, then another 800 meters.", [(12, "kilometre"), (800, "metre")]),
    # French counted nouns of economy and society pages, as English nouns
    ("fr", "On compte 12 000 demandeurs d'emploi de plus et 300 cambriolages.", [(12000, "jobseeker"), (300, "burglary")]),
    ("fr", "La ligne a transporté 5 millions de voyageurs en 40 000 voyages.", [(5e6, "passenger"), (40000, "journey")]),
    ("fr", "Quelque 1 500 tracteurs ont bloqué l'autoroute.", [(1500, "tractor")]),
    # nouns the unit table does not list: the language's general vocabulary, in English, never
    # the French lemma ("départements" -> 'département' is no unit of the GUIDE)
    ("fr", "La réforme touche 12 départements, 127 réseaux de bus et 40 gares.", [(12, "department"), (127, "network"), (40, "station")]),
    ("fr", "Quelque 43 500 engins ont été dérobés et 300 perquisitions menées.", [(43500, "vehicle"), (300, "search")]),
    # the commonest nouns of everyday French, beyond the domains the unit table was written for
    ("fr", "Le bailleur a reçu 40 loyers impayés pour 25 fenêtres brisées.", [(40, "rent"), (25, "window")]),
    # a past participle the parser took for a noun stays no noun, though the lexicon knows the word
    ("fr", "L'usine comptait 500 salariés, dont 200 licenciés en mars.", [(500, "employee"), (200, "employee")]),
    ("en", "A 7.8-magnitude earthquake struck.", [(7.8, "magnitude")]),
    # "won" the verb is no currency read back for a bare figure; "10,000 won" is one
    ("en", "The team won 3-0 on Sunday.", [(3, None), (0, None)]),
    ("en", "Tickets cost 10,000 won.", [(10000, "krw")]),
    ("fr", "Plus de 200 avocats ont signé la tribune.", [(200, "lawyer")]),
    # a death toll counts deaths; the tagger's verb "live" for "lives" is no unit
    ("en", "He rose to 217 the death toll caused by the flood.", [(217, "death")]),
    ("en", "The storm, which claimed at least 222 lives, destroyed homes.", [(222, "life")]),
    ("fr", "Le club a recruté 40 joueurs cet été.", [(40, "player")]),
    # "fin 2025" dates the figure: the noun is elided, the figure counts what the one before counted
    ("fr", "Les effectifs sont passés de 11 000 hommes fin 2024 à environ 9 000 fin 2025.", [(11000, "man"), (9000, "man")]),
    # "le nombre (total) de militaires" counts soldiers, an adjective after the container noun or not
    ("fr", "L'agence évalue à quelque 13 000 le nombre total de militaires dépêchés.", [(13000, "soldier")]),
    # the inhabitants of a place, as the English page names them
    ("fr", "Le pays compte 26 millions d'habitants.", [(26e6, "inhabitant")]),
    # "211 dead" counts deaths, as "211 morts" does
    ("en", "The floods left at least 211 dead.", [(211, "death")]),
    ("fr", "Les inondations ont fait au moins 211 morts.", [(211, "death")]),
    # news nouns and people by nationality, as English nouns
    ("fr", "Plus de 200 manifestations et 3 000 traversées ont eu lieu.", [(200, "demonstration"), (3000, "crossing")]),
    ("fr", "Parmi les victimes figurent 3 Libanais et 12 Syriens.", [(3, "lebanese"), (12, "syrian")]),
    ("fr", "L'enquête a entendu 40 témoins et 12 locataires.", [(40, "witness"), (12, "tenant")]),
    # a quantity over an area, a speed: one unit; a quantity per day stays a rate of its own unit
    ("en", "Up to 491 litres per square metre fell in one day.", [(491, "litre per square metre")]),
    ("fr", "Il est tombé 491 litres par mètre carré.", [(491, "litre per square metre")]),
    ("en", "Winds of 80 miles per hour hit the island.", [(80, "mile per hour")]),
    ("en", "The plant pumped 300 litres a day.", [(300, "litre")]),
])
def test_units_as_the_guide_names_them(lang, text, expected):
    assert _units(lang, text) == expected


@pytest.mark.parametrize("lang, text, expected", [
    # a part of a figure counts the figure's noun
    ("en", "Officials said 211 of the 217 confirmed deaths took place in Valencia.", [(211, "death"), (217, "death")]),
    ("fr", "Au total, 211 des 217 victimes ont été identifiées.", [(211, "victim"), (217, "victim")]),
    # the whole is a figure in words, with its own "of" before its noun
    ("fr", "Moins de 10 millions des 21 millions d'électeurs inscrits ont voté.", [(10_000_000, "voter"), (21_000_000, "voter")]),
    ("en", "Officials said 2 million of the 21 million voters stayed home.", [(2_000_000, "voter"), (21_000_000, "voter")]),
    # the noun after a number word is that number's: "89 one week after" counts no weeks
    ("en", "The number of people missing stood at 89 one week after the floods.", [(89, "missing person")]),
    # digits after a figure are its noun's calibre
    ("en", "That is the equivalent of more than 8 million 152 mm shells.", [(8e6, "shell")]),
    # "s'élève" is a verb: no pupil ("élève") is read back for the bare figure
    ("fr", "Le nombre de voyageurs s'élève à 89.", [(89, "passenger")]),
    # a past participle the parser takes for the noun, which no unit names: the noun is elided
    ("fr", "La libération de 79 personnes sur les 2 400 arrêtées a été annoncée.", [(79, "person"), (2400, "person")]),
    ("fr", "Au moins 300 blessés et 40 déplacés ont été recensés.", [(300, "person"), (40, "displaced person")]),
    # a participle or an adverb between the figure and the word it counts
    ("en", "89 confirmed missing after the flooding", [(89, "missing person")]),
    ("en", "Officials said 40 still missing and 12 reported dead.", [(40, "missing person"), (12, "death")]),
    # a possessive between "of" and the noun: "142 of its employees"
    ("en", "The agency said that 142 of its employees have been killed.", [(142, "worker")]),
    ("en", "The ministry put the number of its staff killed at 142.", [(142, "staff member")]),
    # a figure alone in brackets after a noun (and its adjectives) counts that noun, not the share before it
    ("fr", "Le rapport note un tassement de 1,6 % des homicides (185) sur trois mois.", [(1.6, "percent"), (185, "homicide"), (3, "month")]),
    ("fr", "Le rapport note un tassement de 1,6 % des homicides volontaires (185).", [(1.6, "percent"), (185, "homicide")]),
])
def test_what_a_figure_counts_past_another_number_or_a_verb(lang, text, expected):
    assert _units(lang, text) == expected


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "Some 5,000 soldiers will be deployed, including 4,000 today and 1,000 tomorrow morning.",
     [(5000, "soldier"), (4000, "soldier"), (1000, "soldier")]),
    ("fr", "Quelque 5 000 soldats seront déployés, dont 4 000 aujourd'hui et 1 000 demain matin.",
     [(5000, "soldier"), (4000, "soldier"), (1000, "soldier")]),
    # the verb's time after the noun ("last month") is no part of the counted compound
    ("en", "The army lost 3,000 soldiers last month. The app lost 35m users last year.",
     [(3000, "soldier"), (35_000_000, "user")]),
    ("en", "The company hired 200 workers this week.", [(200, "worker")]),
    ("en", "The telescope spotted a planet 1,200 light-years away.", [(1200, "light-year")]),  # a hyphenated unit
    ("en", "The striker has scored 14 goals in 20 matches this season.", [(14, "goal"), (20, "match")]),  # "matches" tagged a verb
    ("fr", "Un séisme de magnitude 7,8 a frappé la Turquie.", [(7.8, "magnitude")]),
    # an age between commas after a name or a noun
    ("en", "The patient, 34, was one of 12 people treated for burns.", [(34, "year"), (12, "person")]),
    ("en", "The drug helped patients over 65 and 3 million children.", [(65, "year"), (3e6, "child")]),
    ("en", "Russia lost over 500 tanks.", [(500, "tank")]),  # a bound on a count, no age
    # a name and a number after "and" repeat the clause before (no designation, as "Hwasong 19" is)
    ("en", "Maduro got 51% of the vote, and González 44.", [(51, "percent"), (44, "percent")]),
    ("en", "North Korea tested the Hwasong 18 and the Hwasong 19.", []),
    # a measuring unit first in an English compound is what the figure measures
    ("en", "A 7.8 magnitude quake hit the region.", [(7.8, "magnitude")]),
    ("en", "They built a 10 km wall and a 5 year plan.", [(10, "kilometre"), (5, "year")]),
    # points of an index beside a share stay points ("Dow" alone names the index)
    ("en", "The Dow lost 150 points, or 0.4%, on Friday.", [(150, "point"), (0.4, "percent")]),
    # the level a change of a share reached is no share
    ("en", "The FTSE 100 fell 1.2% to 7,500 on Monday.", [(1.2, "percent"), (7500, None)]),
    ("fr", "Le CAC 40 a reculé de 1,5 % à 7 200 lundi.", [(1.5, "percent"), (7200, None)]),
    ("en", "Inflation rose 0.5% and unemployment 7.1% in March.", [(0.5, "percent"), (7.1, "percent")]),
    # currencies named by their noun
    ("en", "Kyiv set aside 200 million hryvnias. Tokyo pledged 1.2 trillion yen.", [(2e8, "uah"), (1.2e12, "jpy")]),
])
def test_a_word_of_time_after_a_figure_is_not_what_it_counts(lang, text, expected):
    assert _units(lang, text) == expected


def test_a_nationality_after_a_noun_is_never_read_back_as_what_a_figure_counts():
    # "la région russe": an adjective; "200 d'entre eux" are the soldiers
    assert _units("fr", "Les soldats nord-coréens déployés dans la région russe de Koursk ont subi des pertes. "
                        "Au moins 200 d'entre eux ont été tués.") == [(200, "soldier")]


def test_a_share_of_the_actor_stays_a_share(tmp_path):
    # "12,000 Gazans" are the actor's people; "41% of Gaza" is a share, whatever it is a share of
    path = tmp_path / "gaza.toml"
    path.write_text('[topic]\nid = "gaza"\nlabel = "Gaza"\nactor = ["Gaza", "Gazans"]\nactor_units = ["person"]\n'
                    '[[measures]]\nid = "killed"\nunits = ["person"]\nwords.en = ["killed"]\n[sources]\n', encoding="utf-8")
    text = "Israeli forces have ordered the evacuation of 41% of Gaza, where 12,000 Gazans were killed."
    day = PartialDate(date(2024, 1, 30), "day")
    article = Article(span=Span(0, len(text)), body=(Span(0, len(text)),), date=day)
    doc = Document(name="t.txt", text=text, origin="t.txt", date=day, lang="en", articles=(article,))
    assert [(c.value, c.unit) for c in Extractor("en", str(path)).extract(doc)] == [(41, "percent"), (12000, "person")]


ACTOR_TOPIC = """
[topic]
id = "toll"
label = "A war's toll"
actor = ["Palestinians", "Palestiniens"]
actor_units = {units}
[[measures]]
id = "killed"
units = ["person"]
words.en = ["killed"]
words.fr = ["tués"]
[sources]
"""


@pytest.mark.parametrize("units, expected", [
    # the topic counts the actor's people as themselves: the noun stays, the measure is the people's
    ('["person", "palestinian"]', "palestinian"),
    # ... or only as people
    ('["person"]', "person"),
])
@pytest.mark.parametrize("lang, text", [
    ("en", "At least 60,034 Palestinians have been killed."),
    ("fr", "Au moins 60 034 Palestiniens ont été tués."),
])
def test_the_actors_people_keep_their_noun_where_the_topic_counts_them_so(tmp_path, units, expected, lang, text):
    path = tmp_path / "toll.toml"
    path.write_text(ACTOR_TOPIC.format(units=units), encoding="utf-8")
    day = PartialDate(date(2025, 7, 30), "day")
    article = Article(span=Span(0, len(text)), body=(Span(0, len(text)),), date=day)
    doc = Document(name="t.txt", text=text, origin="t.txt", date=day, lang=lang, articles=(article,))
    assert [(c.unit, c.measure) for c in Extractor(lang, str(path)).extract(doc)] == [(expected, "killed")]



def test_the_general_vocabulary_is_english_nouns():
    """Every entry of a language's lexicon maps a lower-case lemma to a lower-case English noun
    (a word, or a compound with spaces, hyphens or an apostrophe), so that no French word is left
    as a unit through it."""
    from claimscope.lang import load_language

    nouns = load_language("fr").nouns
    assert len(nouns) > 900
    bad = {k: v for k, v in nouns.items() if k != k.lower() or not re.fullmatch(r"[a-z][a-z' -]*[a-z]", v)}
    assert not bad
    # every entry reachable: one word (the counted noun's lemma), not one the unit table decides
    units = load_language("fr").units
    assert not [k for k in nouns if not re.fullmatch(r"[^\W\d_]+", k) or k in units]
    assert load_language("en").nouns == {}  # English nouns are units as they stand
