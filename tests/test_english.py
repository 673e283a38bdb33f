"""English: numbers, periods, modality and attribution read by claimscope's own EWT pipeline,
and the router that sends each document to its language's pipeline."""
from datetime import date

import pytest

from claimscope.extract.numbers import find_figures
from claimscope.extract.periods import resolve
from claimscope.extract.timeexpr import TimeFinder
from claimscope.lang import load_language
from claimscope.records import Article, Document, PartialDate, Span


@pytest.mark.parametrize("text,value,high,qualifier", [
    ("about 11,000 troops", 11000, None, "about"),
    ("some 200 artillery systems", 200, None, "about"),
    ("an estimated 1.5 million shells", 1_500_000, None, "about"),
    ("as many as 12,000 workers", 12000, None, "at_most"),
    ("fewer than 8,000 soldiers", 8000, None, "at_most"),
    ("more than 20,000 containers", 20000, None, "at_least"),
    ("nearly 3,000 more", 3000, None, "nearly"),
    ("between 4 and 6 million shells", 4_000_000, 6_000_000, "range"),
    ("11,000-12,000 troops", 11000, 12000, "range"),
    ("$2.3 billion in oil", 2_300_000_000, None, "exact"),
    ("two-thirds of the shells", 200 / 3, None, "exact"),
    ("half of the artillery ammunition", 50, None, "exact"),
    ("two hundred and fifty missiles", 250, None, "exact"),
    ("North Korea handed over 148 missiles", 148, None, "exact"),  # a verb's particle, not a qualifier
    ("over 100,000 troops", 100000, None, "at_least"),
])
def test_english_figures(text, value, high, qualifier):
    [f] = find_figures(text, "en")
    assert f.value == pytest.approx(value)
    assert f.value_high == (pytest.approx(high) if high else None)
    assert f.qualifier == qualifier


@pytest.mark.parametrize("text", [
    "1. North Korea has sent troops",  # a list item's number
    "in 2024 the war went on",  # a year
    "on January 13, 2025",  # a date
    "at 9 a.m. on Monday",  # a time of day
    "the KN-23 missile",  # a designation
    "the agency's 2025 report",  # a year after a possessive
    "their 2022 peak",
])
def test_english_numbers_that_are_not_figures(text):
    assert find_figures(text, "en") == []


@pytest.mark.parametrize("lang, text, value", [
    ("en", "The total rainfall was 641 mm, of which 618 mm fell in a day.", 641),
    ("fr", "Il est tombé 300 mm en une nuit.", 300),
])
def test_millimetres_that_measure_are_figures_calibres_are_not(lang, text, value):
    """A calibre describes a weapon ("170 mm shells", "obusiers de 155 mm", "the (170 mm) guns");
    a quantity after a verb is measured ("the rainfall was 641 mm")."""
    assert [f.value for f in find_figures(text, lang)][0] == value
    assert find_figures("It fired 170 mm shells from its (152 mm) guns.", "en") == []


ANCHOR = date(2025, 3, 11)


@pytest.mark.parametrize("text,period", [
    ("in late October", (date(2024, 10, 21), date(2024, 10, 31))),
    ("since October 2024", (date(2024, 10, 1), None)),
    ("by mid-January", (None, date(2025, 1, 15))),
    ("in the first quarter of 2025", (date(2025, 1, 1), date(2025, 3, 31))),
    ("last month", (date(2025, 2, 1), date(2025, 2, 28))),
    ("over the past three months", (date(2024, 12, 11), ANCHOR)),
    ("over the past six months", (date(2024, 9, 11), ANCHOR)),  # calendar months, not 180 days
    ("in the past two years", (date(2023, 3, 11), ANCHOR)),
    # a headline drops the article: "fined £178m in past year"
    ("in past year", (date(2024, 3, 11), ANCHOR)),
    ("in past three months", (date(2024, 12, 11), ANCHOR)),
    ("between March and November 2024", (date(2024, 3, 1), date(2024, 11, 30))),
    ("on January 13, 2025", (date(2025, 1, 13), date(2025, 1, 13))),
    ("before the start of 2025", (None, date(2024, 12, 31))),
    ("in 2023", (date(2023, 1, 1), date(2023, 12, 31))),
    # the end of a month named, not of the year
    ("by the end of August", (None, date(2024, 8, 31))),
    ("by the end of June 2024", (None, date(2024, 6, 30))),
    ("by the end of 2024", (None, date(2024, 12, 31))),
    # two months named together: both
    ("in January and February 2024", (date(2024, 1, 1), date(2024, 2, 29))),
])
def test_english_periods(text, period):
    [expr] = TimeFinder(load_language("en")).find(text)
    assert resolve(expr, ANCHOR) == period


def test_in_past_years_without_the_article_is_no_span():
    # "In past years, 300 people were killed each winter": earlier years, not the years up to now
    assert TimeFinder(load_language("en")).find("In past years, 300 people were killed.") == []


def test_english_relative_period_needs_the_articles_date():
    [expr] = TimeFinder(load_language("en")).find("last month")
    assert resolve(expr, None) is None


def _doc(name: str, text: str, lang: str | None, day: date | None = date(2025, 6, 18)) -> Document:
    dated = PartialDate(day, "day") if day else PartialDate(None, "unknown")
    article = Article(span=Span(0, len(text)), body=(Span(0, len(text)),), date=dated)
    return Document(name=name, text=text, origin=name, date=dated, lang=lang, articles=(article,))


@pytest.fixture(scope="module")
def extractors():
    from claimscope.extract.pipeline import Extractors

    return Extractors()


def _claims(extractors, text: str):
    return extractors.extract(_doc("t.txt", text, "en"))


def test_english_sentence_gives_its_claim(extractors):
    [c] = _claims(extractors, "About 300 North Korean soldiers have been killed in Kursk, according to the NIS.")
    assert (c.value, c.qualifier, c.unit, c.source) == (300, "about", "soldier", "South Korea NIS")
    assert c.measure == "dprk_troops_killed"
    assert (c.status, c.hedged) == ("actual", False)


def test_english_headline_infinitive_is_planned(extractors):
    [c, d] = _claims(extractors, "North Korea to send 1,000 deminers and 5,000 military builders to Russia.")
    assert (c.value, c.unit, c.status) == (1000, "deminer", "planned")
    assert d.status == "planned"


def test_english_hedges(extractors):
    [c] = _claims(extractors, "Up to 12,000 North Korean workers could be sent to the Alabuga plant.")
    assert (c.status, c.hedged) == ("planned", True)
    [c] = _claims(extractors, "North Korea has reportedly sent 3,000 more troops to Russia.")
    assert c.hedged


def test_english_unit_from_a_compound_noun(extractors):
    [c] = _claims(extractors, "Pyongyang also sent around 200 long-range artillery systems.")
    assert c.unit == "artillery system"


def test_people_by_nationality_tagged_as_a_plural_proper_noun_are_counted(extractors):
    """The English tagger reads "Americans" as a plural proper noun: still what the figure counts,
    not the unit of a figure before it."""
    claims = _claims(extractors, "Unemployment fell to 4.9 percent. Last week, 249,000 Americans filed for benefits.")
    assert [(c.value, c.unit) for c in claims] == [(4.9, "percent"), (249000, "american")]


def test_crimes_are_counted_and_a_compounds_first_part_is_not_what_a_bare_figure_counts(extractors):
    claims = _claims(extractors, "Police recorded 61,318 burglaries. The data showed a 14% increase in "
                                 "police-recorded homicide offences, from 630 to 719.")
    assert [(c.value, c.unit) for c in claims] == [(61318, "burglary"), (14, "percent"), (630, "offence"), (719, "offence")]


def test_a_bare_figure_counts_what_its_clauses_container_subject_holds(extractors):
    """'The number of rail journeys increased from just under 51m': journeys, even where the parse
    hangs the verb on the noun; not the unit of an earlier figure."""
    claims = _claims(extractors, "The line cost £2bn. The number of rail journeys increased from just under 51m last year.")
    assert [(c.value, c.unit) for c in claims] == [(2e9, "gbp"), (51e6, "journey")]


def test_a_bare_figure_counts_the_number_its_change_is_of_or_reaches(extractors):
    """'a fall of 924 in the number of police officers, to 123,142': both count police officers,
    not the crimes of the sentence before."""
    claims = _claims(extractors, "Police recorded 61,318 burglaries. Home Office figures show a further fall of 924 in the past year "
                                 "in the number of police officers, to 123,142 in England and Wales.")
    assert [(c.value, c.unit) for c in claims] == [(61318, "burglary"), (924, "police officer"), (123142, "police officer")]


def test_more_of_a_noun_and_a_part_of_a_qualified_whole_count_that_noun(extractors):
    """'13 more of its soldiers' counts soldiers (no noun is elided); '45 of the at least 224
    hostages' counts hostages, past the whole's own qualifier."""
    claims = _claims(extractors, "The army said 13 more of its soldiers had died. Hamas holds 45 of the at least 224 hostages.")
    assert [(c.value, c.unit) for c in claims] == [(13, "soldier"), (45, "hostage"), (224, "hostage")]


def test_a_small_number_after_a_name_before_a_singular_noun_is_a_designation(extractors):
    """'the Antena 3 television channel' names a channel; 'Hamas freed 3 hostages' counts."""
    claims = _claims(extractors, "The minister spoke on the Antena 3 television channel. Hamas freed 3 hostages.")
    assert [(c.value, c.unit) for c in claims] == [(3, "hostage")]


def test_the_period_before_a_comparison_word_is_not_the_compared_figures(extractors):
    # the article is of Wednesday 18 June 2025: Monday the 16th, Sunday the 15th
    now, then = extractors.extract(_doc("t.txt", "The toll rose to 300 on Monday from 250 on Sunday.", "en"))
    assert (now.value, now.time_end, then.value, then.time_end) == (300, "2025-06-16", 250, "2025-06-15")


def test_a_day_given_to_the_figures_that_show_a_total_dates_the_statement(extractors):
    # the parser hangs "showed" under "figures": the day still dates the figures' release (Friday
    # the 13th, before the article of the 18th), so the total runs up to it, not over that day alone
    [c] = _claims(extractors, "The latest figures from the emergency services, given on Friday evening, showed 207 victims.")
    assert (c.value, c.time_start, c.time_end) == (207, None, "2025-06-13")


def test_an_abbreviated_unit_keeps_no_period(extractors):
    # "2m." is one token; the sentence speaks of a length, so metres, not millions
    [c] = _claims(extractors, "The river rose 2m.")
    assert (c.value, c.unit) == (2, "metre")


def test_router_sends_each_document_to_its_language(extractors):
    french = _doc("fr.txt", "Selon le NIS, environ 11 000 soldats nord-coréens ont été envoyés en Russie.", "fr")
    english = _doc("en.txt", "According to the NIS, about 11,000 North Korean soldiers have been sent to Russia.", "en")
    german = _doc("de.txt", "Nordkorea hat etwa 11.000 Soldaten nach Russland geschickt.", "de")
    out = dict((d.name, claims) for d, claims in extractors.extract_many([french, english, german]))
    assert [(c.value, c.unit, c.source) for c in out["fr.txt"]] == [(11000, "soldier", "South Korea NIS")]
    assert [(c.value, c.unit, c.source) for c in out["en.txt"]] == [(11000, "soldier", "South Korea NIS")]
    assert out["de.txt"] == [] and not extractors.handles("de")
    assert {c.lang for c in out["en.txt"]} == {"en"}


def test_forced_language_reads_every_document_as_that_language():
    from claimscope.extract.pipeline import Extractors

    forced = Extractors(forced="en")
    [(doc, [claim])] = list(forced.extract_many([_doc("x.txt", "About 300 soldiers were killed.", "fr")]))
    assert doc.lang == "en" and claim.value == 300
    with pytest.raises(ValueError, match="no language data for 'xx'"):
        Extractors(forced="xx")


def test_missing_bundled_model_names_the_command_that_builds_it():
    from claimscope.extract.pipeline import model_location

    with pytest.raises(RuntimeError, match="training/en/train.py --install"):
        model_location("claimscope:no_such_model")
    assert model_location("fr_core_news_md") == "fr_core_news_md"


def test_english_counted_phrase_runs_from_the_figure_to_its_noun(extractors):
    [c] = _claims(extractors, "North Korea has been transferring about 5,000 military construction troops to Russia.")
    assert c.unit == "engineer"  # "construction troop", not the parse's bare "troops"
    [c, d] = _claims(extractors, "Pyongyang shipped 13,000 containers carrying artillery shells and 120 self-propelled guns.")
    assert (c.unit, d.unit) == ("container", "artillery system")


def test_english_ages_are_years(extractors):
    # "the two captured men" counts them too (a definite article no longer makes a number word a
    # reference: on the looked-at sets, 4 of 6 such figures are claims)
    two, age = _claims(extractors, "The younger of the two captured men, aged 20, said he had been told he was going to a training exercise.")
    assert (two.value, age.value, age.unit) == (2, 20, "year")


@pytest.mark.parametrize("lang,line,text,expected", [
    ("en", "SEOUL, Jan 13 (Reuters) - About 300 soldiers", "troops sent since late October 2024", date(2025, 1, 13)),
    ("en", "SEOUL, Oct. 18 (Yonhap) -- North Korea", "shells shipped since August 2024", date(2024, 10, 18)),
    ("fr", "SÉOUL, 13 janv. (AFP) - Environ 300", "depuis octobre 2024", date(2025, 1, 13)),
    ("en", "SEOUL, Jan 13 (Reuters) - About 300 soldiers", "no month with its year here", None),
    ("en", "Seoul said on Monday", "since October 2024", None),
])
def test_a_yearless_dateline_takes_the_year_the_text_implies(lang, line, text, expected):
    from claimscope.textdates import date_reader

    found = date_reader(lang).yearless_dateline(line, text)
    assert (found.value if found else None) == expected


@pytest.mark.parametrize("text,source,via", [
    ("Reuters, citing South Korea's National Intelligence Service, said about 11,000 troops had been sent.", "South Korea NIS", ["Reuters"]),
    ("The NIS told lawmakers that about 11,000 troops had been sent to Russia.", "South Korea NIS", []),
    # a verb after a relay set off by commas is its subject's, not an incise with a subject after it
    ("The JoongAng Ilbo, citing lawmakers briefed by the National Intelligence Service, puts the number of "
     "North Korean soldiers killed at around 2,000.", "South Korea NIS", ["JoongAng Ilbo"]),
    # a known relay's own name does not cut its chain short; the maker of the figures cited speaks
    ("Reuters, citing figures compiled by the Kyiv School of Economics, says 300 North Korean soldiers were killed.",
     "Kyiv School of Economics", ["Reuters"]),
    # after an aside set off by commas, what follows "said" is what was said, not an inverted subject
    ("The MSMT, set up last October by several countries after Russia vetoed the panel, said North Korea "
     "had sent 9 million shells.", "MSMT", []),
    # the one quoted "as saying" speaks; the one quoting relays
    ("Yonhap quotes the Joint Chiefs of Staff as saying that North Korea has sent 12 million shells to Russia.",
     "South Korea JCS", ["Yonhap"]),
    # the parse hangs the cited office on "says": the relay is still read to its end
    ("The Guardian, citing Ukraine's Prosecutor General's Office, says 60 North Korean missiles were fired.",
     "Ukraine Prosecutor General's Office", ["Guardian"]),
    # the parse leaves the relay after the first phrase out of the subject: it is read all the same
    ("Newsweek, quoting a US official, reports that the North earned around $1.2 billion from arms sales.",
     "US officials", ["Newsweek"]),
    # relaying a statement is relaying its owner
    ("The Kyiv Post, relaying a statement from Ukraine's military intelligence, says Pyongyang plans to deliver "
     "up to 150 more missiles.", "Ukraine HUR", ["Kyiv Post"]),
    ("About 11,000 troops have been sent to Russia, according to Ukraine's military intelligence.", "Ukraine HUR", []),
    ("Some 3,000 North Korean soldiers have been killed, said Kyrylo Budanov.", "Kyrylo Budanov", []),
    ("Kyrylo Budanov estimated that 4,000 North Korean soldiers had been killed or wounded.", "Kyrylo Budanov", []),
])
def test_english_attribution(extractors, text, source, via):
    [c] = _claims(extractors, text)
    assert (c.source, list(c.via)) == (source, via)


@pytest.mark.parametrize("text,source", [
    # an institution's name runs over its nouns and "of": never a fragment of it
    ("The Palestinian Ministry of Health announced that 300 people were killed.", "Palestinian Ministry of Health"),
    ("According to data collected by the University of Valencia, 300 homes were destroyed.", "University of Valencia"),
    ("The Israeli Army said 300 fighters were killed.", "Israeli Army"),
    # a nationality alone is no name: the group it qualifies is
    ("The Israeli authorities estimate that 1,200 people were killed.", "Israeli authorities"),
    # a title before a person's name still ends the run: the person is the name
    ("Palestinian President Mahmoud Abbas said 300 people were killed.", "Mahmoud Abbas"),
    ("Russian Defence Minister Sergei Shoigu said 300 soldiers were killed.", "Sergei Shoigu"),
    # what the organisation is, before its name, is no part of it
    ("The NGO Foro Penal reported 1,674 political prisoners.", "Foro Penal"),
    # the domain of a function is no name; a person named after the function is
    ("The Mayor of Chiva told reporters that 300 homes were destroyed.", None),
    # ... and a name in apposition after it is the speaker, though no longer than the function
    ("The Mayor of Chiva, Amparo Fort, told reporters that 300 homes were destroyed.", "Amparo Fort"),
    # figures and data name nobody, whatever qualifies them (the GUIDE's "reports", "sources")
    ("Official figures show that 300 people were killed.", None),
    ("The Minister of Labour Yolanda Díaz announced 300 million euros in aid.", "Yolanda Díaz"),
    # an owner's possessive ending is no part of the name after it
    ("The enclave’s Health Ministry reported that 300 people were killed.", "Health Ministry"),
    # a number word is no name, even capitalised at the start of a sentence
    ("Seven of those deaths were recorded in the past 24 hours, the ministry said.", None),
    # a month is a date, no name; a name that is also a month stays a name
    ("The poll, conducted between August 8-11, found that 93 percent agreed.", None),
    ("Theresa May said 300 jobs would go.", "Theresa May"),
])
def test_english_names_come_out_whole(extractors, text, source):
    [c] = _claims(extractors, text)
    assert c.source == source


def test_english_carry_over_to_the_next_sentence(extractors):
    cs = _claims(extractors, "The National Intelligence Service said about 11,000 troops had been sent. "
                             "The agency added that about 2,000 had been killed.")
    assert [c.source for c in cs] == ["South Korea NIS", "South Korea NIS"]


@pytest.mark.parametrize("follow", ["According to these, about 2,000 had been killed.",
                                    "According to those, about 2,000 had been killed."])
def test_english_a_demonstrative_alone_refers_back(extractors, follow):
    # the GUIDE: a pronoun takes the source of the sentence it refers back to
    cs = _claims(extractors, "The National Intelligence Service said about 11,000 troops had been sent. " + follow)
    assert [c.source for c in cs] == ["South Korea NIS", "South Korea NIS"]


@pytest.mark.parametrize("text,status,hedged", [
    ("North Korea plans to send 6,000 more troops to Russia.", "planned", False),
    ("North Korea is set to deliver 150 ballistic missiles to Russia.", "planned", False),
    ("Pyongyang has pledged to send 1,000 deminers to Kursk.", "planned", False),
    ("Kim agreed to send 5,000 military builders to Russia.", "planned", False),
    ("North Korea is considering sending 6,000 more troops to Russia.", "planned", False),
    ("North Korea will send 5,000 workers to the Alabuga plant.", "planned", False),
    ("North Korea has allegedly sent 3,000 more troops to Russia.", "actual", True),
    ("About 3,000 North Korean troops are believed to have been killed.", "actual", True),
    ("North Korean troops may have suffered 4,000 casualties.", "actual", True),
    ("North Korea likely shipped 9 million shells to Russia.", "actual", True),
    ("North Korea is due to send 3,000 more troops to Kursk.", "planned", False),
    # a cause, not a plan
    ("Two soldiers were killed due to a strike.", "actual", False),
    # a share of people holding a view or a wish holds it now
    ("A poll found that 43 percent of South Koreans want the troops withdrawn.", "actual", False),
])
def test_english_status_and_hedge(extractors, text, status, hedged):
    [c] = _claims(extractors, text)
    assert (c.status, c.hedged) == (status, hedged)


def test_english_range_with_to():
    [f] = find_figures("4 to 6 million shells", "en")
    assert (f.value, f.value_high, f.qualifier) == (4_000_000, 6_000_000, "range")


@pytest.mark.parametrize("lang,text,anchor,ahead,period", [
    ("en", "by mid-January", date(2024, 12, 23), True, (None, date(2025, 1, 15))),
    ("en", "by mid-January", date(2025, 3, 11), False, (None, date(2025, 1, 15))),
    ("en", "in the second quarter", date(2025, 9, 4), False, (date(2025, 4, 1), date(2025, 6, 30))),
    ("en", "since the summer", date(2025, 11, 20), False, (date(2025, 6, 21), None)),
    ("en", "in the autumn", date(2025, 2, 26), False, (date(2024, 9, 22), date(2024, 12, 21))),
    ("fr", "depuis l'été 2023", date(2025, 5, 13), False, (date(2023, 6, 21), None)),
    ("fr", "d'ici janvier", date(2024, 11, 5), True, (None, date(2025, 1, 31))),
    # the GUIDE: "in the past 24 hours" is the day of the statement
    ("en", "in the past 24 hours", date(2023, 11, 16), False, (date(2023, 11, 16), date(2023, 11, 16))),
    ("en", "over the last 48 hours", date(2023, 11, 16), False, (date(2023, 11, 15), date(2023, 11, 16))),
    ("en", "in the past week", date(2023, 11, 16), False, (date(2023, 11, 9), date(2023, 11, 16))),
    ("fr", "au cours des dernières 24 heures", date(2023, 11, 16), False, (date(2023, 11, 16), date(2023, 11, 16))),
    ("fr", "ces 48 dernières heures", date(2023, 11, 16), False, (date(2023, 11, 15), date(2023, 11, 16))),
    ("fr", "les 24 heures écoulées", date(2023, 11, 16), False, (date(2023, 11, 16), date(2023, 11, 16))),
    # a span of days: from the first to the last (a poll's fieldwork), not the last day alone
    ("en", "from August 8 to 11", date(2024, 8, 15), False, (date(2024, 8, 8), date(2024, 8, 11))),
    ("en", "between 8 and 11 August", date(2024, 8, 15), False, (date(2024, 8, 8), date(2024, 8, 11))),
    ("fr", "du 8 au 11 août", date(2024, 8, 15), False, (date(2024, 8, 8), date(2024, 8, 11))),
    ("fr", "les 8 et 9 août", date(2024, 8, 15), False, (date(2024, 8, 8), date(2024, 8, 9))),
])
def test_periods_that_need_the_claim_or_the_season(lang, text, anchor, ahead, period):
    lang_data = load_language(lang)
    [expr] = TimeFinder(lang_data).find(text)
    assert resolve(expr, anchor, None, lang_data.time["seasons"], ahead=ahead) == period


@pytest.mark.parametrize("lang,text,qualifier,covered", [
    ("fr", "un tiers environ des obus", "about", "un tiers environ"),
    ("fr", "à peu près 50 % des obus", "about", "à peu près 50 %"),
    ("en", "3,000 or more troops", "at_least", "3,000 or more"),
])
def test_qualifiers_before_and_after_the_figure(lang, text, qualifier, covered):
    [f] = find_figures(text, lang)
    assert (f.qualifier, text[f.start:f.end]) == (qualifier, covered)


def test_the_actors_people_take_the_unit_their_clause_selects(extractors):
    fr = _doc("d.txt", "Le président Zelensky affirme que près de 4 000 Nord-Coréens ont été tués ou blessés.", "fr")
    [c] = extractors.extract(fr)
    assert (c.unit, c.measure) == ("soldier", "dprk_troops_casualties")


def test_the_bundled_english_pipeline_ships_with_its_licence():
    from pathlib import Path

    from claimscope.extract.pipeline import model_location

    folder = Path(model_location("claimscope:en_ewt"))
    assert (folder / "meta.json").is_file()
    assert "Attribution-ShareAlike 4.0" in (folder / "LICENSE").read_text(encoding="utf-8")
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "English-EWT" in readme and "CC BY-SA 4.0" in readme


def test_a_report_noun_owns_the_figure_it_is_and_the_parts_it_includes(extractors):
    # the copula hangs the figure as the predicate of "Its estimate"; the parts listed after
    # "including" share the whole's source but each keeps its own period, and the whole takes neither
    whole, spring, late = _claims(extractors,
                                  "South Korea's spy agency briefed lawmakers on Tuesday. Its estimate of the workers "
                                  "sent to Russia was about 15,000, including some 10,000 sent in spring 2024 and "
                                  "about 5,000 more in late 2025.")
    assert [c.value for c in (whole, spring, late)] == [15000, 10000, 5000]
    assert {c.source for c in (whole, spring, late)} == {"South Korea NIS"}
    assert (spring.time_start, spring.time_end) == ("2024-03-20", "2024-06-20")
    assert (late.time_start, late.time_end) == ("2025-10-01", "2025-12-31")
    # the briefing's Tuesday bounds it (the GUIDE: a current figure ends at its statement), not a part's period
    assert (whole.time_start, whole.time_end) == (None, "2025-06-17")


@pytest.mark.parametrize("text,source", [
    # an attribution phrase names the source of the figure a possessive owns
    ("Its estimate was 15,000 troops, according to the NIS.", "South Korea NIS"),
    ("South Korea's NIS says North Korea has sent troops. Their count was 12,000, according to Ukraine's HUR.",
     "Ukraine HUR"),
    # a pronoun subject with no speaker before it takes nobody, not whoever the sentence before named
    ("Zelensky spoke with Yoon Suk Yeol about North Korea. He said 11,000 troops were in Kursk.", None),
])
def test_possessive_and_pronoun_speakers(extractors, text, source):
    assert [c.source for c in _claims(extractors, text)] == [source]


def test_a_possessive_owner_takes_the_source_named_just_before(extractors):
    # "Their" with no earlier speaker: the last source the article named; "half" inside a period is
    # no figure; a participle after the figure ("4 million shipped") is not what is counted
    cs = _claims(extractors, "Ukraine's military intelligence released new figures. Their tally of shells delivered "
                             "was about 9 million, including 4 million shipped in the first half of 2024.")
    assert [(c.value, c.unit, c.source) for c in cs] == [(9_000_000, "shell", "Ukraine HUR"),
                                                         (4_000_000, "shell", "Ukraine HUR")]
    assert (cs[1].time_start, cs[1].time_end) == ("2024-01-01", "2024-06-30")


def test_a_day_right_after_the_verb_of_saying_dates_the_statement(extractors):
    # however the parser hangs "Thursday" (here under the participle that follows), it is when
    # the agency spoke; the next sentence's figure, with no period of its own, takes that date
    cs = _claims(extractors, "About 900 North Korean soldiers have been wounded near Kursk, South Korea's spy agency said "
                             "Thursday, sharply raising its estimate. The agency told lawmakers that North Korea is "
                             "considering sending another 3,000 troops to Russia.")
    assert [c.value for c in cs] == [900, 3000]
    # done figure: up to the statement; planned figure: from it (the GUIDE's time rule)
    assert [(c.time_start, c.time_end) for c in cs] == [(None, "2025-06-12"), ("2025-06-12", None)]


def test_a_headline_figure_misparsed_as_a_second_subject_is_not_the_speaker(extractors):
    # the parser gives "says" two subjects, the counted soldiers and the agency: the one that
    # holds a figure is the claim
    for text, source in (("Some 2,000 North Korean troops wounded in Russia's offensive, Seoul's spy agency "
                          "says", "South Korea NIS"),
                         ("About 300 North Korean troops captured in Russia's war, Ukraine's military "
                          "intelligence says", "Ukraine HUR")):
        [c] = _claims(extractors, text)
        assert (c.unit, c.source) == ("soldier", source)
    # both subjects hold a number ("the agency's 2025 report": a year, no figure): the speaker stays
    [c] = _claims(extractors, "About 300 North Korean troops captured in Russia's war, the NIS's 2025 report says")
    assert c.source == "South Korea NIS"


@pytest.mark.parametrize("lang,text", [
    ("en", "Tracking groups counted 30 ships in the port. Pyongyang also handed over more KN-24 missiles in "
           "September, bringing the total Russia has received to about 180."),
    ("fr", "Les satellites ont repéré 30 navires le mois dernier. Pyongyang a aussi livré des missiles KN-24 en "
           "septembre, ce qui porte le total reçu par la Russie à environ 180."),
])
def test_a_figure_without_noun_counts_what_its_own_sentence_names(extractors, lang, text):
    # the sentence names what it counts before the figure: not the previous sentence's ships
    ships, total = extractors.extract(_doc("t.txt", text, lang))
    assert (ships.unit, total.value, total.unit) == ("ship", 180, "missile")


def test_a_name_is_not_what_a_figure_without_noun_counts(extractors):
    # "General Staff" names an institution, not generals
    _, c = _claims(extractors, "About 12,000 North Korean soldiers were sent to Kursk. Ukraine's General Staff "
                               "estimated in March that nearly 4,000 had been killed or wounded.")
    assert (c.value, c.unit) == (4000, "soldier")


def test_an_english_conditional_is_a_prospect_a_french_one_a_report(extractors):
    # "would" marks a plan or a prospect in English, not hearsay as the French conditional does
    [c] = _claims(extractors, "The EU Solidarity Fund would pay out 945 million euros to Spain.")
    assert (c.status, c.hedged) == ("planned", False)
    # "would have sent" stays a report, hedged, as "auraient envoyé" does
    [c] = _claims(extractors, "North Korea would have sent 3,000 soldiers to Russia.")
    assert (c.status, c.hedged) == ("actual", True)
    [c] = extractors.extract(_doc("t.txt", "Environ 11 000 soldats nord-coréens auraient été déployés en Russie.", "fr"))
    assert (c.status, c.hedged) == ("actual", True)


def test_a_multiplier_claim_is_a_ratio(extractors):
    [c] = _claims(extractors, "Gonzalez won twice as many votes as Maduro.")
    assert (c.value, c.kind) == (2, "ratio")


@pytest.mark.parametrize("text,status", [
    # a possibility in a completed tense happened, whichever verb it completes
    ("Les journalistes de l'AFP ont pu constater la libération de neuf soldats nord-coréens.", "actual"),
    ("Kiev pourrait constater la capture de neuf soldats nord-coréens.", "planned"),
])
def test_a_possibility_that_was_realised_is_actual(extractors, text, status):
    [c] = extractors.extract(_doc("t.txt", text, "fr"))
    assert (c.value, c.status) == (9, status)


@pytest.mark.parametrize("lang,text,status", [
    # the share of people who hold a plan is there now; what a plan sends is to come
    ("en", "Some 66% of Labour Leavers now plan to vote for the party.", "actual"),
    ("fr", "Quelque 66 % des électeurs comptent voter pour le parti.", "actual"),
    ("en", "The army plans to send 66 more tanks.", "planned"),
])
def test_the_people_who_hold_a_plan_are_counted_now(extractors, lang, text, status):
    [c] = extractors.extract(_doc("t.txt", text, lang))
    assert (c.value, c.status) == (66, status)


@pytest.mark.parametrize("lang,text,status", [
    # a forecast the figure is compared with plans nothing: what was done was done
    ("en", "The Government borrowed £66 billion, more than expected.", "actual"),
    ("fr", "Le gouvernement a emprunté 66 milliards de livres, plus que prévu.", "actual"),
    ("en", "The Government is expected to borrow £66 billion.", "planned"),
])
def test_more_than_expected_is_done(extractors, lang, text, status):
    [c] = extractors.extract(_doc("t.txt", text, lang))
    assert (c.value, c.status) == (66e9, status)


def test_a_forecast_after_a_dash_is_anothers(extractors):
    """'ticked up to 5 percent — analysts had expected it to stay at 4.9 percent': 5 is done."""
    text = "Unemployment ticked up to 5 percent — analysts had expected it to stay at 4.9 percent."
    assert [(c.value, c.status) for c in extractors.extract(_doc("t.txt", text, "en"))][0] == (5, "actual")


@pytest.mark.parametrize("lang,text,expected", [
    ("fr", "Le 22 août 2024, la police a arrêté 77 personnes.", [date(2024, 8, 22)]),
    ("en", "On August 22, 2024, police held 77 people.", [date(2024, 8, 22)]),
    # a count right after a date is not its year
    ("fr", "Le 22 août, 1377 personnes ont été arrêtées.", []),
    ("en", "By March 3, 1250 people had fled.", []),
])
def test_a_date_s_year_is_a_year_of_this_era(lang, text, expected):
    from claimscope.textdates import date_reader

    assert [d.value for _, _, d in date_reader(lang).find(text)] == expected


def test_a_bare_figure_after_a_share_counts_the_sentence_s_noun(extractors):
    """'a 14% increase in arrests, from 630 to 719': the levels are arrests, not percent."""
    claims = _claims(extractors, "Police data showed a 14% increase in arrests, from 630 to 719.")
    assert [(c.value, c.unit) for c in claims] == [(14, "percent"), (630, "arrest"), (719, "arrest")]


@pytest.mark.parametrize("text,status", [
    ("Economists anticipated 120,000 added jobs.", "planned"),
    ("Analysts predict a deficit of 3,000 teachers.", "planned"),
    ("The agency forecast 5,000 new homes.", "planned"),
    ("The agency counted 5,000 new homes.", "actual"),
])
def test_a_forecast_is_to_come(extractors, text, status):
    [c] = _claims(extractors, text)
    assert c.status == status


@pytest.mark.parametrize("text,unit", [
    ("Israel destroyed 56 health institutions in Gaza.", "health institution"),
    ("UNRWA runs 90 daily mobile clinics in the south.", "mobile clinic"),
    ("Donations arrive through 1,000 collection points.", "collection point"),
    ("The city opened 25 new centers.", "center"),
])
def test_a_noun_too_general_to_say_what_is_counted_keeps_the_word_that_classifies_it(extractors, text, unit):
    [c] = _claims(extractors, text)
    assert c.unit == unit


def test_english_of_before_years_is_no_age_and_an_english_conditional_reports_nobody(extractors):
    """'a resident of 30 years' is how long, not an age (French 'une femme de 54 ans' is one);
    'could have died' is a possibility, not a report of the last one to speak."""
    from claimscope.ingest import lay_out

    [resident] = _claims(extractors, "Maria Lopez, a resident of 30 years, lost her home.")
    assert resident.value == 30 and not any("an age" in w for w in resident.why)
    text = ("Troops in Kursk\n\nSeoul's NIS said 11,000 troops were sent to Russia.\n\n"
            "Without the evacuation, 2,000 people could have died.")
    doc = lay_out(Document(name="t.txt", text=text, origin="t.txt", lang="en", date=PartialDate(date(2025, 3, 11), "day")))
    assert [(c.value, c.source) for c in extractors.extract(doc)] == [(11000, "South Korea NIS"), (2000, None)]


def test_the_injured_are_counted_as_the_wounded_are(extractors):
    """'nearly 146,000 injured', as '2 700 blessés': people, not the deaths counted before them."""
    claims = _claims(extractors, "The ministry reports over 60,000 deaths. About 146,000 injured were taken to hospitals.")
    assert [(c.value, c.unit) for c in claims] == [(60000, "death"), (146000, "person")]
