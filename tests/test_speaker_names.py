"""Names come out clean where the parser errs on page text: a participle opening the sentence
is not its speaker ("Contacté, Olivier Rafowicz, ... indique"), and a photo credit glued to
the headline ("Mansour/ Morning Edition/") is never a name."""
import re
from dataclasses import replace
from datetime import date

import pytest

from claimscope.records import Article, Document, PartialDate, Span


@pytest.fixture(scope="module")
def extractors():
    from claimscope.extract.pipeline import Extractors

    return Extractors()


def _document(text: str, lang: str, day: date = date(2025, 6, 18)) -> Document:
    published = PartialDate(day, "day")
    article = Article(span=Span(0, len(text)), body=(Span(0, len(text)),), date=published)
    return Document(name="t.txt", text=text, origin="t.txt", date=published, lang=lang, articles=(article,))


def _sources(extractors, text: str, lang: str) -> list:
    return [(c.value, c.source) for c in extractors.extract(_document(text, lang))]


def _claims_with_topic(tmp_path, text: str, lang: str, day: date, paragraphs: bool = False) -> list:
    """The claims of a text with SPELLINGS_TOPIC; `paragraphs`: each blank-line-separated part is
    a paragraph of the article's body (the first its headline), else the text is one."""
    from claimscope.extract.pipeline import Extractor

    path = tmp_path / "toll.toml"
    path.write_text(SPELLINGS_TOPIC, encoding="utf-8")
    doc = _document(text, lang, day)
    if paragraphs:
        body = tuple(Span(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text))
        doc = replace(doc, articles=(replace(doc.articles[0], body=body),))
    return Extractor(lang, str(path)).extract(doc)


def test_a_participle_opening_the_sentence_is_not_the_speaker(extractors):
    text = ("Contacté, Olivier Rafowicz, porte-parole de l'armée israélienne, indique qu'il y a "
            "entre 17 000 et 18 000 membres du Hamas qui ont été tués.")
    assert _sources(extractors, text, "fr") == [(17000, "Olivier Rafowicz")]


@pytest.mark.parametrize("lang,text,source", [
    # the parse hangs the relative clause on "proches" or "those": its pronoun stands for the noun
    # phrase before it, by its head, past a place or a time after it
    ("fr", "Ces chiffres sont proches de ceux du Service national de renseignement sud-coréen (NIS), "
           "qui évaluait en septembre le nombre de morts à environ 2 000.", "South Korea NIS"),
    ("en", "These figures are close to those of the Health Ministry in Gaza, which estimated in September "
           "the number of dead at about 2,000.", "Health Ministry"),
    ("fr", "Ces chiffres sont proches de ceux de l'Unrwa en décembre, qui évaluait le nombre de morts à environ 2 000.",
     "Unrwa"),
])
def test_a_relative_pronoun_speaks_for_the_noun_before_it(extractors, lang, text, source):
    assert _sources(extractors, text, lang) == [(2000, source)]


@pytest.mark.parametrize("lang,text,sources", [
    # the owner of the data the sentence opens on, read from its words where the parse breaks
    # (it makes a noun of "shows" after "OCHA"), an apostrophe glued to it, an auxiliary before the verb
    ("en", "Data from OCHA shows 2230 aid truckloads - an average of 72 a day - were picked up in December.",
     [(2230, "UN OCHA"), (72, "UN OCHA")]),
    ("fr", "Les chiffres d'Airwars montrent que 300 civils ont été tués.", [(300, "Airwars")]),
    ("en", "Data from OCHA has shown 2230 aid truckloads were picked up in December.", [(2230, "UN OCHA")]),
    # an owner that names nobody gives the figure no source and takes no earlier one
    ("fr", "Le ministère de la Défense a annoncé 200 morts lundi. Les données de l'ONG montrent aussi "
           "que 300 civils ont été tués.", [(200, "Defence Ministry"), (300, None)]),
])
def test_data_from_a_source_shows_the_sources_figures(tmp_path, lang, text, sources):
    claims = _claims_with_topic(tmp_path, text, lang, date(2025, 1, 10))
    assert [(c.value, c.source) for c in claims] == sources


def test_a_countrys_named_body_speaks_under_its_english_name(extractors):
    # not the country's own voice: its body, "Ukraine's Air Force" written as "Ukrainian Air Force"
    text = "Russia launched 74 attack drones overnight, Ukraine's Air Force reported."
    assert _sources(extractors, text, "en") == [(74, "Ukrainian Air Force")]


def test_a_photo_credit_is_not_the_speaker(extractors):
    text = "Mansour/ Morning Edition/ Gaza’s Health Ministry reports over 60,000 Palestinian deaths since the war began."
    [(value, source)] = _sources(extractors, text, "en")
    assert value == 60000
    assert source is not None and "/" not in source and "Ministry" in source


@pytest.mark.parametrize("text,source", [
    ("Au moins 205 personnes sont mortes, selon les autorités espagnoles.", "Spanish authorities"),
    ("Les autorités soudanaises ont annoncé que 205 personnes sont mortes.", "Sudanese authorities"),
    ("Selon l'armée israélienne, 300 roquettes ont été tirées.", "Israeli army"),
])
def test_a_french_group_named_by_its_nationality_is_named_in_english(extractors, text, source):
    assert [s for _, s in _sources(extractors, text, "fr")] == [source]


@pytest.mark.parametrize("lang,text,source", [
    ("en", "On Tuesday, local hospitals reported at least 70 new deaths.", "local hospitals"),
    ("en", "At least 25,700 people have been killed so far, local authorities said.", "local authorities"),
    ("fr", "Selon les autorités locales, 70 personnes ont été tuées.", "local authorities"),
    ("fr", "Les autorités sanitaires ont annoncé que 70 personnes ont été tuées.", "health authorities"),
    ("en", "The emergency services said at least 207 people died.", "emergency services"),
    # the owner of the figures a report noun names: the group after "from", "des"
    ("en", "The latest figures from the emergency services, given on Friday, showed at least 207 victims.",
     "emergency services"),
    ("fr", "Selon les chiffres des autorités locales, 70 personnes sont mortes.", "local authorities"),
    # a bare group, or one a modifier does not place, names nobody
    ("en", "Officials said 70 people died.", None),
    ("en", "Many hospitals reported 70 deaths.", None),
])
def test_a_group_a_modifier_places_is_named_as_written(extractors, lang, text, source):
    assert [s for _, s in _sources(extractors, text, lang)] == [source]


@pytest.mark.parametrize("lang,text,source", [
    ("fr", "Selon les derniers chiffres communiqués par les autorités espagnoles, au moins 205 personnes sont mortes.",
     "Spanish authorities"),
    ("en", "According to figures released by the Spanish authorities, 205 people died.", "Spanish authorities"),
])
def test_the_maker_of_the_figures_an_attribution_cites_is_the_source(extractors, lang, text, source):
    assert [s for _, s in _sources(extractors, text, lang)] == [source]


SPELLINGS_TOPIC = """
[topic]
id = "toll"
label = "A war's toll"
[[measures]]
id = "killed"
units = ["person"]
words.en = ["killed"]
words.fr = ["tués", "tuées"]
[sources]
"Ashraf al-Qudra" = ["al-Qudra"]
"The Lancet" = []
"Israeli government" = ["gouvernement israélien"]
"Gaza Health Ministry" = ["ministère de la Santé de Gaza"]
"UNRWA" = ["Unrwa"]
"Defence Ministry" = ["ministère de la Défense"]
"CNE" = ["Elvis Amoroso", "Amoroso"]
"AP" = ["Associated Press"]
"Committee to Protect Journalists" = ["CPJ"]
"United Nations" = ["UN", "ONU"]
"Edison Research" = ["exit poll", "sondage sortie des urnes"]
"US government" = ["State Department"]
"UN OCHA" = ["OCHA"]
"""


def test_a_source_spelt_another_way_comes_out_as_the_topic_names_it(tmp_path):
    text = ("Ashraf al-Qedra, the spokesman of the ministry, said that 300 people were killed on Monday. "
            "A study published in the journal Lancet found that 64,260 people were killed.")
    claims = _claims_with_topic(tmp_path, text, "en", date(2023, 12, 5))
    assert [(c.value, c.source) for c in claims] == [(300, "Ashraf al-Qudra"), (64260, "The Lancet")]
    assert any("spelt another way" in w for w in claims[0].why)


@pytest.mark.parametrize("lang,text,source", [
    # a particle glued to the surname ("al-Qidreh"), the surname alone further on: the name given earlier,
    # without the capitalised word before it that is no given name ("du Hamas"), as the topic writes it
    ("fr", "Les frappes ont fait 15 523 morts, a précisé le porte-parole du ministère de la Santé du Hamas "
           "Ashraf al-Qidreh. « Seuls 316 morts ont été sortis des décombres », a souligné le docteur Qidreh.",
     "Ashraf al-Qudra"),
    # one the topic does not know keeps two given names
    ("en", "Sudan's army chief Abdel Fattah al-Burhan spoke on Monday. Burhan said 3,000 fighters had joined.",
     "Abdel Fattah al-Burhan"),
    # nor a capitalised word an of-word governs ("du Hamas")
    ("fr", "Le porte-parole du Hamas Mahmoud al-Rantisi a parlé lundi. « 300 blessés », a souligné le docteur Rantisi.",
     "Mahmoud al-Rantisi"),
])
def test_a_surname_alone_is_the_full_name_given_earlier(tmp_path, lang, text, source):
    # the last figure's: the one the surname alone gives
    assert _claims_with_topic(tmp_path, text, lang, date(2023, 12, 4))[-1].source == source


@pytest.mark.parametrize("lang,text,source", [
    ("en", "Israel said 13 more of its soldiers had died in clashes in Gaza.", "Israeli government"),
    ("fr", "Israël a annoncé que 13 soldats avaient été tués à Gaza.", "Israeli government"),
    # a country the topic has no government of stays as written
    ("en", "Egypt said 13 trucks had crossed into Gaza.", "Egypt"),
    # a name the parser takes whole, one word short of the topic's
    ("en", "Health Ministry spokesman Ashraf said 15,899 people have been killed.", "Gaza Health Ministry"),
])
def test_a_name_the_topic_writes_otherwise_is_the_topics(tmp_path, lang, text, source):
    assert [c.source for c in _claims_with_topic(tmp_path, text, lang, date(2023, 11, 1))] == [source]


def test_the_agent_of_a_verb_above_a_participle_of_saying_is_not_its_speaker(tmp_path):
    """'... sont entrés par les points d'accès de Kerem Shalom, selon l'Unrwa, estimant que ...':
    the crossing is the agent of 'entrés', not who estimates; nor is a source its own relay."""
    text = ("Depuis le début du mois d'avril, en moyenne 181 camions d'aide sont entrés chaque jour dans Gaza "
            "par les points d'accès de Rafah et de Kerem Shalom, selon l'Unrwa, estimant que ce chiffre est "
            "bien en deçà de l'objectif de 500 camions par jour.")
    claims = _claims_with_topic(tmp_path, text, "fr", date(2024, 4, 30))
    assert [(c.value, c.source, c.via) for c in claims] == [(181, "UNRWA", ()), (500, "UNRWA", ())]


@pytest.mark.parametrize("text", [
    "Le ministère de la Défense a fait savoir que plus de 7 800 soldats travaillaient dans les zones sinistrées.",
    "Le ministère de la Défense a fait part de 7 800 soldats déployés dans les zones sinistrées.",
])
def test_faire_savoir_and_faire_part_are_verbs_of_saying(tmp_path, text):
    assert [c.source for c in _claims_with_topic(tmp_path, text, "fr", date(2024, 11, 5))] == ["Defence Ministry"]


@pytest.mark.parametrize("lang, text", [
    ("fr", "Plus de 12 386 000 votes ont été exprimés, et un peu plus de 50 000 bulletins ont été déclarés nuls, "
           "a indiqué M. Amoroso."),
    ("en", "More than 50,000 ballots were declared void, Amoroso said."),
])
def test_a_passive_verb_of_saying_with_nothing_reported_under_it_is_no_speaker(tmp_path, lang, text):
    """'déclarés nuls', 'declared void': the speaker is the incise after it."""
    assert set(c.source for c in _claims_with_topic(tmp_path, text, lang, date(2024, 7, 29))) == {"CNE"}


def test_these_numbers_refer_back_to_who_tallied_them(tmp_path):
    text = ("AP decrypted these codes, analyzed the numbers, and tallied 10.26 million votes. "
            "According to these numbers, González received 6.98 million votes.")
    assert [c.source for c in _claims_with_topic(tmp_path, text, "en", date(2024, 8, 4))] == ["AP", "AP"]


def test_a_headline_that_rounds_the_bodys_figure_takes_its_source(tmp_path):
    """'Gaza death toll surpasses 60,000' over '... killed at least 60,034 ..., the Health
    Ministry said': the headline's figure is the body's, rounded; a figure far from it is not."""
    headline = "Gaza death toll surpasses 60,000 as 2,000 more are killed"
    body = ("Israel's war in Gaza has killed at least 60,034 Palestinians since October 2023, "
            "Ashraf al-Qudra said on Tuesday.")
    claims = _claims_with_topic(tmp_path, f"{headline}\n\n{body}", "en", date(2025, 7, 29), paragraphs=True)
    assert [(c.value, c.source) for c in claims] == [(60000, "Ashraf al-Qudra"), (2000, None), (60034, "Ashraf al-Qudra")]


def test_a_headline_that_rounds_the_bodys_figure_takes_the_day_its_statement_gives(tmp_path):
    """Published on Wednesday, the body's figure said on Tuesday: the headline's is Tuesday's too."""
    text = ("Gaza death toll surpasses 60,000 as 2,000 more are killed\n\nIsrael's war in Gaza has killed at least "
            "60,034 Palestinians since October 2023, Ashraf al-Qudra said on Tuesday.")
    claims = _claims_with_topic(tmp_path, text, "en", date(2025, 7, 30), paragraphs=True)
    assert [(c.value, c.time_end) for c in claims] == [(60000, "2025-07-29"), (2000, "2025-07-30"), (60034, "2025-07-29")]


def test_assure_is_a_verb_of_saying_and_she_refers_back_to_who_assured(extractors):
    text = ("Defense Minister Margarita Robles assured Friday that the government would send as many "
            "reinforcements as necessary. \u201cWe will send the 120,000 men of the army if necessary,\u201d she said.")
    assert [s for _, s in _sources(extractors, text, "en")] == ["Margarita Robles"]


def test_a_quoted_claim_after_a_participle_and_a_name_is_the_names(extractors):
    text = ("Contacté, Olivier Rafowicz, porte-parole de l'armée israélienne, indique qu'\"il y a "
            "entre 17 000 et 18 000 membres du Hamas qui ont été tués\".")
    assert _sources(extractors, text, "fr") == [(17000, "Olivier Rafowicz")]


def test_a_short_name_in_brackets_after_a_long_one_names_the_topics_source(tmp_path):
    # the long name translated otherwise than the topic writes it; "un rapport" is not the UN
    text = ("Selon un rapport du 5 décembre du Comité pour la défense des journalistes (CPJ), 56 journalistes "
            "ont été tués depuis le 7 octobre.")
    claims = _claims_with_topic(tmp_path, text, "fr", date(2023, 12, 8))
    assert [(c.value, c.source) for c in claims] == [(56, "Committee to Protect Journalists")]


def test_the_place_of_a_dateline_is_not_the_speaker(tmp_path):
    text = ("Gaza, Dec 5 The Palestinian death toll has risen to 15,899 since October 7, "
            "the Gaza Health Ministry has said.")
    claims = _claims_with_topic(tmp_path, text, "en", date(2023, 12, 5))
    assert [(c.value, c.source) for c in claims] == [(15899, "Gaza Health Ministry")]


def test_a_headline_repeated_in_the_body_still_takes_the_sourced_figures_source(tmp_path):
    # the page repeats its headline as a first paragraph: that copy has no source, the report does
    headline = "More than 60,000 killed in Gaza"
    body = ("Israel's war in Gaza has killed at least 60,034 Palestinians since October 2023, "
            "Ashraf al-Qudra said on Tuesday.")
    claims = _claims_with_topic(tmp_path, f"{headline}\n\n{headline}\n\n{body}", "en", date(2025, 7, 29), paragraphs=True)
    assert [(c.value, c.source) for c in claims][0] == (60000, "Ashraf al-Qudra")
    assert [c.value for c in claims] == [60000, 60000, 60034]


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "Amnesty International counted 1,200 detainees in the region. In addition, 300 are minors.",
     [(1200, "Amnesty International"), (300, "Amnesty International")]),
    ("fr", "Amnesty International a recensé 1 200 détenus dans la région. En outre, 300 sont mineurs.",
     [(1200, "Amnesty International"), (300, "Amnesty International")]),
    # with no such opening, the next sentence stands on the article's authority
    ("en", "Amnesty International counted 1,200 detainees in the region. Some 300 are minors.",
     [(1200, "Amnesty International"), (300, None)]),
])
def test_a_sentence_that_goes_on_keeps_the_source_of_the_one_before(extractors, lang, text, expected):
    assert _sources(extractors, text, lang) == expected


def test_it_refers_back_to_who_gave_the_figure_before(extractors):
    """'A Washington Post review, published Sunday, analyzed ... It found ...': the sentence has no
    speaker of its own (the verb of saying is in an aside), but its figure does; 'It' is that one,
    not an earlier speaker."""
    text = ("Mayor Richard Bissen said 40 homes were destroyed. A Washington Post review, published Sunday, "
            "analyzed more than 2,300 insurance claims filed by residents. It found about 300 were rejected.")
    assert _sources(extractors, text, "en") == [(40, "Richard Bissen"), (2300, "Washington Post"), (300, "Washington Post")]


@pytest.mark.parametrize("lang,text", [
    ("fr", "Au moins 27 personnes ont été tuées, selon le procureur général Tarek William Saab. "
           "Le bilan précédent, datant du 12 août, faisait état de 25 morts."),
    ("en", "At least 27 people were killed, said the attorney general Tarek William Saab. "
           "The previous figures showed 25 dead."),
])
def test_a_report_placed_in_a_sequence_is_the_last_speaker_s(extractors, lang, text):
    """'Le bilan précédent', 'the previous figures': the earlier report of the speaker before, not nobody's."""
    assert _sources(extractors, text, lang) == [(27, "Tarek William Saab"), (25, "Tarek William Saab")]


@pytest.mark.parametrize("lang,text", [
    ("en", "The UNRWA said 12 of its staff were killed. Some 120 schools were damaged and 45 hospitals were hit. "
           "These figures were released on Monday by the Gaza Health Ministry."),
    ("en", "The UNRWA said 12 of its staff were killed. Some 120 schools were damaged and 45 hospitals were hit. "
           "The data come from the Gaza Health Ministry."),
    ("fr", "L'Unrwa a indiqué que 12 de ses employés ont été tués. Quelque 120 écoles ont été endommagées et 45 hôpitaux touchés. "
           "Ce sont quelques-unes des données fournies par le ministère de la Santé de Gaza."),
    ("fr", "L'Unrwa a indiqué que 12 de ses employés ont été tués. Quelque 120 écoles ont été endommagées et 45 hôpitaux touchés. "
           "Ces chiffres ont été communiqués lundi par le ministère de la Santé de Gaza."),
])
def test_a_sentence_saying_who_gave_the_figures_before_it_gives_their_source(tmp_path, lang, text):
    """'These figures were released by ...', said after the figures: theirs, back to the figure that had a source."""
    claims = _claims_with_topic(tmp_path, text, lang, date(2023, 12, 5))
    assert [(c.value, c.source) for c in claims] == [
        (12, "UNRWA"), (120, "Gaza Health Ministry"), (45, "Gaza Health Ministry")]


def test_the_giver_of_the_figures_is_not_its_head_named_in_a_clause_below_it(tmp_path):
    text = ("Le nombre de voitures endommagées s’élève à 120 000. Ce sont quelques-unes des données fournies par la "
            "nouvelle Vice-Présidence pour la relance de la Communauté valencienne dirigée par le lieutenant général Gan Pampols.")
    assert [c.source for c in _claims_with_topic(tmp_path, text, "fr", date(2024, 11, 20))] == ["Vice-Présidence"]


def test_figures_a_sentence_opens_on_without_a_giver_leave_the_figures_before_alone(tmp_path):
    """'The figures show ...' names no giver; 'the figures published by the ministry' deep in a sentence is no opening."""
    text = ("Some 120 schools were damaged. The figures show a steep rise. "
            "The study counts 64,260 deaths, a 41% increase on the figures published by the Gaza Health Ministry.")
    claims = _claims_with_topic(tmp_path, text, "en", date(2023, 12, 5))
    assert [c.source for c in claims if c.value == 120] == [None]


@pytest.mark.parametrize("lang,text", [
    ("en", "The UNRWA said 300 people were killed. Of this number, 114 were children and 90 were women; of these, 8 were hospitals."),
    ("fr", "L'Unrwa a indiqué que 300 personnes ont été tuées, dont 114 enfants et 90 femmes ; parmi ces lieux, 8 hôpitaux."),
])
def test_a_part_of_the_figure_before_counts_what_it_counts(tmp_path, lang, text):
    """'Of this number, 114 were children': the dead, as the figure before; a part of another kind (hospitals) is not."""
    claims = _claims_with_topic(tmp_path, text, lang, date(2023, 12, 5))
    assert [(c.value, c.measure) for c in claims] == [(300, "killed"), (114, "killed"), (90, "killed"), (8, "other")]


def test_these_results_refer_back_to_who_gave_them(tmp_path):
    """'Selon ces résultats officiels': the results of the source named before."""
    text = ("Maduro a obtenu 51 % des voix, selon le CNE. "
            "Selon ces résultats officiels, moins de 10 millions d'électeurs ont voté.")
    claims = _claims_with_topic(tmp_path, text, "fr", date(2024, 7, 29))
    assert [(c.value, c.source) for c in claims] == [(51, "CNE"), (10_000_000, "CNE")]


def test_a_reports_owner_named_before_is_its_source_not_the_maker_of_the_figures_it_is_compared_with(tmp_path):
    """'The study's best estimate is 64,260, a 41% increase from the figures published by the
    ministry': the study's (The Lancet, named before), not the ministry's."""
    text = ("A new study published in The Lancet has revealed that the toll is 40% higher. "
            "The study's best estimate is 64,260 deaths, marking a 41% increase from the figures published by the Gaza Health Ministry.")
    claims = _claims_with_topic(tmp_path, text, "en", date(2025, 1, 20))
    assert [c.source for c in claims if c.value == 64260] == ["The Lancet"]


@pytest.mark.parametrize("lang,text", [
    ("fr", "Au total, 117 camions sont entrés à Gaza, a précisé l'Unrwa. 60 contenaient de la nourriture."),
    ("en", "In all, 117 trucks entered Gaza, the UNRWA said. 60 were carrying food."),
])
def test_a_sentence_opening_on_a_bare_figure_breaks_down_the_one_before(tmp_path, lang, text):
    """'60 contenaient de la nourriture': of the 117 trucks the source before counted."""
    claims = _claims_with_topic(tmp_path, text, lang, date(2023, 10, 31))
    assert [(c.value, c.source) for c in claims] == [(117, "UNRWA"), (60, "UNRWA")]


@pytest.mark.parametrize("lang,text", [
    ("en", "The UNRWA said 133 bodies were identified. Of the 133 identifications, 119 were made by fingerprints."),
    ("fr", "L'Unrwa a indiqué que 133 corps ont été identifiés. Sur les 133 identifications, 119 ont été faites par empreintes."),
])
def test_a_sentence_opening_on_of_the_breaks_down_the_figure_before(tmp_path, lang, text):
    """'Of the 133 identifications, 119 ...', 'Sur les 133 ...': parts of the source's figure before."""
    claims = _claims_with_topic(tmp_path, text, lang, date(2024, 11, 5))
    assert [(c.value, c.source) for c in claims] == [(133, "UNRWA"), (133, "UNRWA"), (119, "UNRWA")]


@pytest.mark.parametrize("lang,text", [
    ("en", "The UNRWA issued the following report on November 16:\n"
           "In the last 24 hours, 120 trucks entered Gaza.\n"
           "Nearly 813,000 displaced people are sheltering in its schools.\n"
           "According to Hamas, 300 people were killed."),
    ("fr", "L'Unrwa a publié jeudi le rapport suivant :\n"
           "Au cours des dernières 24 heures, 120 camions sont entrés à Gaza.\n"
           "Près de 813 000 déplacés sont hébergés dans ses écoles.\n"
           "Selon le Hamas, 300 personnes ont été tuées."),
])
def test_a_report_a_colon_introduces_is_the_source_of_the_figures_after_it(tmp_path, lang, text):
    """'UNRWA issued the following report:': the paragraphs after it are the report's; a figure
    with a source of its own keeps it."""
    claims = _claims_with_topic(tmp_path, text, lang, date(2023, 11, 16), paragraphs=True)
    assert [(c.value, c.source) for c in claims] == [(120, "UNRWA"), (813_000, "UNRWA"), (300, "Hamas")]


def test_a_country_named_alone_is_not_completed_by_the_words_before_it_earlier(tmp_path):
    """'Both Israel and Hamas have accused ...', then 'according to Israel': Israel's government,
    not a person called 'Both Israel'."""
    text = ("Both Israel and Hamas have accused each other of violating the deal. "
            "At least eight of the hostages are dead, according to Israel.")
    claims = _claims_with_topic(tmp_path, text, "en", date(2025, 2, 20))
    assert [(c.value, c.source) for c in claims] == [(8, "Israeli government")]


def test_a_kicker_before_a_title_case_headline_is_no_speaker_a_name_before_an_answer_is(tmp_path):
    """'Deep Look: Gaza War Death Toll Surpasses 60,000 ...' is a heading with its kicker; in an
    interview, 'Mathieu Lefort: we counted 300 dead' is what Mathieu Lefort says."""
    text = ("Toll rises in Gaza\n"
            "Deep Look: Gaza War Death Toll Surpasses 60,000 Amid Hunger Crisis and Renewed Strikes\n"
            "Mathieu Lefort: we counted 300 dead in the town on Monday.")
    claims = _claims_with_topic(tmp_path, text, "en", date(2025, 7, 30), paragraphs=True)
    assert [(c.value, c.source) for c in claims] == [(60000, None), (300, "Mathieu Lefort")]


@pytest.mark.parametrize("lang,text", [
    ("en", "A poll published this week found that 300 people were killed. The exit poll found that 400 people were killed."),
    ("fr", "Un sondage publié cette semaine indique que 300 personnes ont été tuées. "
           "Le sondage sortie des urnes indique que 400 personnes ont été tuées."),
])
def test_an_indefinite_phrase_is_not_the_topics_source_it_is_a_word_short_of(tmp_path, lang, text):
    """'A poll' is some poll, not the exit poll the topic names; 'the exit poll' is."""
    claims = _claims_with_topic(tmp_path, text, lang, date(2024, 8, 15))
    assert [(c.value, c.source) for c in claims] == [(300, None), (400, "Edison Research")]


@pytest.mark.parametrize("lang,text,maker", [
    ("en", "A poll published this week by the Venezuelan firm Meganálisis found that 300 people were killed.", "Meganálisis"),
    ("en", "A study published on Monday by Airwars found that 300 people were killed.", "Airwars"),
    ("fr", "Une étude publiée lundi par Airwars indique que 300 personnes ont été tuées.", "Airwars"),
])
def test_a_thing_that_says_speaks_for_whoever_made_it_after_by(tmp_path, lang, text, maker):
    """'A poll published by the firm Meganálisis found that ...': the poll's maker."""
    claims = _claims_with_topic(tmp_path, text, lang, date(2024, 8, 15))
    assert [(c.value, c.source) for c in claims] == [(300, maker)]


@pytest.mark.parametrize("lang,text", [
    ("fr", "Les données ont été consolidées. \"Nous avons identifié plus de 3 000 noms tués. "
           "Nous avons trouvé 300 noms de plus\", explique Emily Tripp, directrice de l'ONG Airwars."),
    ("en", "The data were consolidated. “More than 3,000 people were killed in the first weeks. "
           "Some 300 died later,” said Emily Tripp, the director of Airwars."),
])
def test_a_quotation_over_several_sentences_is_the_speaker_named_at_its_end(tmp_path, lang, text):
    """The figures of a quotation's first sentences are the speaker's named after it closes."""
    claims = _claims_with_topic(tmp_path, text, lang, date(2024, 10, 31))
    assert [(c.value, c.source) for c in claims] == [(3000, "Emily Tripp"), (300, "Emily Tripp")]


def test_a_figure_before_the_quotation_opens_keeps_no_source(tmp_path):
    text = "Quelque 500 personnes ont été tuées. \"Nous avons identifié 300 noms\", explique Emily Tripp."
    claims = _claims_with_topic(tmp_path, text, "fr", date(2024, 10, 31))
    assert [(c.value, c.source) for c in claims] == [(500, None), (300, "Emily Tripp")]


def test_a_name_after_by_in_a_relative_clause_in_the_present_is_not_the_speaker(tmp_path):
    """'an NGO that documents killings by the State': the State made the killings; it says nothing."""
    text = ("The Penal Forum, an independent NGO that documents arbitrary arrests and killings by the State, "
            "has been able to verify 835 people killed.")
    claims = _claims_with_topic(tmp_path, text, "en", date(2024, 8, 5))
    assert [c.value for c in claims] == [835] and claims[0].source != "US government"


@pytest.mark.parametrize("lang,text,expected", [
    # an interview set as questions and answers: the answers are the interviewee's, named in the lead
    ("en", "Interview: a hydrologist on the drought\n"
           "By Tom Reeves\n"
           "Marta Solberg has studied the river basin for twenty years at the University of Oslo. We reached her by phone.\n"
           "Q: How many wells have dried up this summer?\n"
           "A: The count I trust is about 1,200 dry wells, most of them in the south.\n",
     [(1200, "Marta Solberg")]),
    # a transcript: the outlet's own journalists are no source, its guests are
    ("fr", "Journal de la mi-journée\n"
           "Présentation : Hélène Garnier. Avec notre correspondant Marc Delaunay à Lyon.\n"
           "HÉLÈNE GARNIER : Marc Delaunay, où en est la crue ?\n"
           "MARC DELAUNAY : Environ 450 habitants ont été évacués cette nuit dans le quartier.\n"
           "Paul Roux : Nous avons relogé 120 familles dans les gymnases.\n",
     [(450, None), (120, "Paul Roux")]),
])
def test_who_speaks_under_the_labels_of_an_interview_or_a_transcript(tmp_path, lang, text, expected):
    claims = _claims_with_topic(tmp_path, text, lang, date(2025, 8, 2), paragraphs=True)
    assert [(c.value, c.source) for c in claims if c.value in dict(expected)] == expected


@pytest.mark.parametrize("lang,lead,day", [
    ("en", "Marta Solberg has studied the river basin for twenty years. We spoke to her by phone on 28 July.", date(2025, 7, 28)),
    ("fr", "Marta Solberg étudie le bassin depuis vingt ans. Propos recueillis le 28 juillet par téléphone.", date(2025, 7, 28)),
    # no day for the interview: the answers are dated by the page, as any figure
    ("en", "Marta Solberg has studied the river basin for twenty years. We spoke to her by phone.", date(2025, 8, 2)),
    # a day the interview is about, not the one it took place on
    ("en", "Marta Solberg has studied the river basin for twenty years. We spoke to her about the floods of 14 July.",
     date(2025, 8, 2)),
])
def test_an_interviews_answers_are_dated_by_the_interview(tmp_path, lang, lead, day):
    answer = ("A: The count I trust is about 1,200 dry wells." if lang == "en"
              else "R : Le chiffre auquel je crois est d'environ 1 200 puits à sec.")
    question = "Q: How many wells have dried up?" if lang == "en" else "Q : Combien de puits sont à sec ?"
    text = f"Interview\n{lead}\n{question}\n{answer}\n"
    [claim] = [c for c in _claims_with_topic(tmp_path, text, lang, date(2025, 8, 2), paragraphs=True) if c.value == 1200]
    assert claim.source == "Marta Solberg"
    assert (claim.time_start, claim.time_end) == (None, day.isoformat())


def test_a_standfirst_under_a_date_line_takes_the_source_of_the_bodys_figure(tmp_path):
    # the page opens on a date line, then the headline and a standfirst: both sum up the body
    text = ("March 4, 2025, 10:12 AM\n\n"
            "Hospitals overwhelmed as toll climbs\n\n"
            "More than 12,000 people have been killed since the offensive began\n\n"
            "The offensive has killed at least 12,310 people since October, the Gaza Health Ministry said "
            "on Monday, as aid agencies warned of shortages of fuel and medicine across the territory.")
    claims = _claims_with_topic(tmp_path, text, "en", date(2025, 3, 4), paragraphs=True)
    assert [(c.value, c.source) for c in claims if c.value in (12000, 12310)] == [
        (12000, "Gaza Health Ministry"), (12310, "Gaza Health Ministry")]


def test_a_summary_with_a_start_of_its_own_ends_on_the_day_of_the_statement_it_sums_up(tmp_path):
    # the headline gives its own start ("since October 7"), not the day: the body's statement gives it
    text = ("More than 18,000 children have been killed since October 7, 2023\n\n"
            "At least 18,592 children have been killed since October 7, 2023, the Gaza Health Ministry said "
            "on Tuesday, as aid agencies warned of shortages of fuel and medicine across the territory.")
    claims = _claims_with_topic(tmp_path, text, "en", date(2025, 7, 30), paragraphs=True)
    assert [(c.value, c.time_start, c.time_end) for c in claims if c.value in (18000, 18592)] == [
        (18000, "2023-10-07", "2025-07-29"), (18592, "2023-10-07", "2025-07-29")]


@pytest.mark.parametrize("lang,text", [
    ("fr", "EXAGÉRÉ : « Ils ont perdu 5 000 hommes en une semaine »"),
    ("en", "MISLEADING: “They lost 5,000 men in a week”"),
])
def test_a_fact_checks_verdict_before_a_quotation_is_not_its_speaker(tmp_path, lang, text):
    claims = _claims_with_topic(tmp_path, text, lang, date(2025, 3, 4))
    assert [(c.value, c.source) for c in claims] == [(5000, None)]


# Sentences written for these tests: a name never runs across a paragraph break or a sentence's
# full stop, and a time owns no report (issue 14's junk origins: "Jeremy Corbyn. Opinium", "March")
@pytest.mark.parametrize("text, expected", [
    ("Some voters preferred her to Jane Morrow.\n\nPollwise said that 40% now back the Tories.",
     [(40, "Pollwise")]),
    ("Economists had expected 185,000 jobs, according to estimates from Bloomberg. "
     "March's report is a slowdown from the 313,000 jobs created in February.",
     [(185_000, "Bloomberg"), (313_000, None)]),
    ("Last week's count of 4,000 deaths was revised upwards.", [(4_000, None)]),
])
def test_no_name_across_a_break_and_no_report_owned_by_a_time(extractors, text, expected):
    assert _sources(extractors, text, "en") == expected


# Sentences written for these tests: no speaker from a verb of saying made reflexive ("S'y
# ajoutent"), from a wire slug in brackets, or from a place inside the clause that modifies a
# common noun; a report's provider still speaks
@pytest.mark.parametrize("lang, text, expected", [
    ("fr", "S'y ajoutent des obusiers Tigre de 170 mm, dont environ 250 exemplaires auraient été livrés.", [(250, None)]),
    ("en", "Oslo crude found itself below 73 dollars a barrel as traders fretted.", [(73, None)]),
    ("fr", "(LEAD) Le NIS estime qu'environ 5.000 soldats sont en route vers la Russie.", [(5_000, "South Korea NIS")]),
    ("en", "(UPDATE) The NIS said about 5,000 engineers are heading to Russia.", [(5_000, "South Korea NIS")]),
    ("en", "Organisers of the rally calling for the release of prisoners held in Lyon said 24,000 people marched.",
     [(24_000, None)]),
    ("fr", "Les organisateurs du rassemblement appelant à la libération des prisonniers détenus à Lyon indiquent "
           "que 24 000 personnes ont défilé.", [(24_000, None)]),
    ("en", "Police have killed 20 people, according to figures provided by the Rights Watchdog, a monitoring group.",
     [(20, "Rights Watchdog")]),
])
def test_no_speaker_from_a_reflexive_verb_a_slug_or_a_place_in_a_clause(extractors, lang, text, expected):
    assert _sources(extractors, text, lang) == expected


# Sentences written for these tests: a verb of saying in an adverbial clause its conjunction
# opens speaks for no figure outside it; "as the ministry said" still attributes
@pytest.mark.parametrize("lang, text, expected", [
    ("en", "The Green Party has fallen by three points in a week to 6%, since party leader Ana Ruiz announced "
           "she would not stand.", [(3, None), (6, None)]),
    ("fr", "Le parti a perdu 3 points, depuis que la dirigeante du parti Ana Ruiz a annoncé qu'elle ne se "
           "présenterait pas.", [(3, None)]),
    ("en", "As Ana Ruiz said on Monday, 300 people died.", [(300, "Ana Ruiz")]),
])
def test_a_verb_of_saying_in_an_adverbial_clause_speaks_for_no_figure_outside_it(extractors, lang, text, expected):
    assert _sources(extractors, text, lang) == expected


# Sentences written for these tests: "add" with an object of its own says nothing ("the economy
# added 50,000 jobs"); "added that", an incise and an inverted subject still attribute
@pytest.mark.parametrize("lang, text, expected", [
    ("en", "The Ruritanian economy added 50,000 jobs in May, the Statistics Office reported.", [(50_000, None)]),
    ("en", "Ana Ruiz added that 300 people had died.", [(300, "Ana Ruiz")]),
    ("en", "300 people died, Ana Ruiz added.", [(300, "Ana Ruiz")]),
    ("fr", "L'économie a ajouté 50 000 emplois en mai.", [(50_000, None)]),
    ("fr", "Il s'agit d'un écart de trois millions de voix, a ajouté Ana Ruiz.", [(3_000_000, "Ana Ruiz")]),
])
def test_add_with_an_object_of_its_own_says_nothing(extractors, lang, text, expected):
    assert _sources(extractors, text, lang) == expected


# Sentences written for these tests: "put in" (a performance) and "respond to" (protests, with a
# crackdown) say nothing; "put the toll at" and "responded that" still give a figure
@pytest.mark.parametrize("text, expected", [
    ("Nordic indices put in a mixed performance, with the Oslo index falling by 0.4%.", [(0.4, None)]),
    ("Ana Ruiz put the toll at 300.", [(300, "Ana Ruiz")]),
    ("The protests, which the Ruritanian government responded to with a crackdown, left 24 dead.", [(24, None)]),
    ("Ana Ruiz responded that 300 people had died.", [(300, "Ana Ruiz")]),
])
def test_put_in_and_respond_to_say_nothing(extractors, text, expected):
    assert _sources(extractors, text, "en") == expected


# Sentences written for these tests: "according to the numbers" refers back to the figures just
# named, as "these numbers" does; figures with a name of their own still name it
@pytest.mark.parametrize("text, expected", [
    ("Ana Ruiz said turnout was 64%. According to the numbers, her rival received 71,000 votes.",
     [(64, "Ana Ruiz"), (71_000, "Ana Ruiz")]),
    ("Ana Ruiz said turnout was 64%. According to figures from Oxfam, her rival received 71,000 votes.",
     [(64, "Ana Ruiz"), (71_000, "Oxfam")]),
])
def test_the_numbers_refer_back_to_who_gave_them(extractors, text, expected):
    assert _sources(extractors, text, "en") == expected


# Sentences written for these tests: one letter names no origin ("a widely shared post on X");
# a headline takes the source of the figure it rounds even where the layout reads that figure's
# short paragraph as above the lead
def test_one_letter_names_no_origin(extractors):
    assert _sources(extractors, "A widely shared post on X says that 40,000 soldiers died.", "en") == [(40_000, None)]


def test_a_headline_takes_the_source_of_a_sourced_figure_above_the_lead(tmp_path):
    text = ("July 30, 2025\nOver 60,000 people killed in the war\nOver 60,000 people killed in the war\n"
            "At least 60,034 people have been killed, the Gaza Health Ministry said.\n"
            "Rescuers kept digging through the night in the north of the territory, where whole streets "
            "have been flattened and the hospitals that remain open report running out of fuel and of beds.")
    claims = _claims_with_topic(tmp_path, text, "en", date(2025, 7, 30), paragraphs=True)
    assert [(c.value, c.source) for c in claims] == [(60_000, "Gaza Health Ministry"), (60_000, "Gaza Health Ministry"),
                                                    (60_034, "Gaza Health Ministry")]


def test_a_capital_article_inside_a_sentence_is_the_names_own(extractors):
    text = ("A study published in The Lancet, a medical journal, revealed that 40% of the dead were children. "
            "The Lancet said 30% were women.")
    assert _sources(extractors, text, "en") == [(40, "The Lancet"), (30, "The Lancet")]


@pytest.mark.parametrize("second", [
    "Selon le communiqué, 3 000 ouvriers partiront au premier trimestre.",
    "Selon le média, 3 000 ouvriers partiront au premier trimestre.",
    "Au total, 3 000 ouvriers partiront au premier trimestre, précise le texte.",
])
def test_the_communique_the_outlet_and_the_text_refer_back_to_who_published_them(extractors, second):
    text = "Le ministère sud-coréen de la Défense a publié mardi un communiqué. " + second
    assert [s for _, s in _sources(extractors, text, "fr")] == ["South Korea MND"]


@pytest.mark.parametrize("text,source", [
    ("By the Pentagon’s count, North Korea has supplied more than 10 million rounds since 2023.", "US officials"),
    ("A year earlier the share was roughly a third, by ISW's count.", "Institute for the Study of War"),
    ("By 2025, 300 soldiers had died.", None),
])
def test_by_an_owners_count_the_owner_gives_the_figure(extractors, text, source):
    assert [s for _, s in _sources(extractors, text, "en")] == [source]


def test_a_verb_of_saying_read_as_a_plural_noun_after_a_name_still_says(extractors):
    text = ("The Dong-A Ilbo reports, without naming its sources, that as many as 10,000 North Korean "
            "workers could leave for Russian construction sites.")
    assert _sources(extractors, text, "en") == [(10000, "Dong-A Ilbo")]


def test_a_verb_of_saying_tagged_a_noun_with_a_subject_still_says(extractors):
    # "chiffre" is a noun to the tagger, yet the parse gives it a subject and no copula
    text = "Le KEDF chiffre enfin entre 9 et 14 milliards de dollars les recettes tirées par Pyongyang."
    assert _sources(extractors, text, "fr") == [(9e9, "KEDF")]


def test_who_sizes_or_pegs_a_figure_gives_it(extractors):
    text = "North Korea's economy, which the Bank of Korea sizes at roughly $30 billion, grew last year."
    assert _sources(extractors, text, "en") == [(30e9, "Bank of Korea")]


@pytest.mark.parametrize("text,source", [
    ("About 300 soldiers have been killed in Kursk, South Korean lawmaker Lee Seong-kweun said on Monday.", "Lee Seong-kweun"),
    ("About 300 soldiers have been killed in Kursk, Kim Jong-un said on Monday.", "Kim Jong Un"),  # as the topic writes him
])
def test_a_hyphenated_given_name_in_lower_case_is_part_of_the_speakers_name(extractors, text, source):
    assert _sources(extractors, text, "en") == [(300, source)]


def test_an_anaphor_whose_words_no_name_holds_refers_back_by_its_head_noun(extractors):
    # the NIS's names say "agence de renseignement", not "agence d'espionnage": the head noun decides
    text = ("Le NIS a présenté mardi ses estimations aux députés Lee Seong-kweun et Park Sun-won, qui ont informé "
            "les journalistes. Selon l'agence d'espionnage, environ 10.000 soldats nord-coréens restent déployés à Koursk.")
    assert _sources(extractors, text, "fr") == [(10000, "South Korea NIS")]


def test_the_statisticians_refer_back_to_the_statistics_office(extractors):
    text = ("Police-recorded crime has risen by 10% across England and Wales, according to the Office for National "
            "Statistics. More alarmingly, the statisticians say the rise is accelerating, with a 3% increase in 2015.")
    assert [s for _, s in _sources(extractors, text, "en")] == ["Office for National Statistics"] * 2


@pytest.mark.parametrize("lang,text", [
    # who keeps, raises or revises their estimate at a figure gives it
    ("en", "South Korea's National Intelligence Service briefed lawmakers on Tuesday. "
           "The spy agency kept its estimate of North Korean combat deaths unchanged at about 2,000."),
    ("fr", "Le NIS a informé les députés mardi. L'agence maintient son estimation du nombre de soldats "
           "nord-coréens tués à environ 2 000."),
])
def test_who_keeps_or_revises_an_estimate_gives_it(extractors, lang, text):
    assert _sources(extractors, text, lang) == [(2000, "South Korea NIS")]


def test_the_conditional_of_hearsay_reports_the_last_to_speak_a_possibility_does_not(extractors):
    """Paragraphs after a report's authors spoke, 'les livraisons auraient atteint 4,2 millions
    d'obus' is their report (the GUIDE's hearsay conditional); 'pourrait envoyer' is a possibility,
    said by nobody."""
    from claimscope.ingest import lay_out

    text = ("Rapport du NIS\n\nLe NIS a affirmé mardi devant les députés que Pyongyang avait envoyé 15 000 soldats.\n\n"
            "Sur l'ensemble de l'année 2024, les livraisons auraient atteint 4,2 millions d'obus.\n\n"
            "La Corée du Nord pourrait envoyer 5 000 soldats de plus.")
    doc = lay_out(Document(name="t.txt", text=text, origin="t.txt", lang="fr", date=PartialDate(date(2025, 6, 18), "day")))
    claims = {c.value: c.source for c in extractors.extract(doc)}
    assert claims == {15_000: "South Korea NIS", 4_200_000: "South Korea NIS", 5000: None}
