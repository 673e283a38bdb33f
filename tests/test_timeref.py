"""Time expressions and their periods, against an article's date."""
from datetime import date

import pytest

from claimscope.extract.periods import resolve
from claimscope.extract.timeexpr import TimeFinder
from claimscope.lang import load_language

FINDER = TimeFinder(load_language("fr"))
SEASONS = load_language("fr").time["seasons"]
ANCHOR = date(2025, 11, 4)


def period(text, anchor=ANCHOR, previous=None):
    [x] = FINDER.find(text)
    p = resolve(x, anchor, previous, SEASONS)
    return tuple(d.isoformat() if d else None for d in p) if p else None


@pytest.mark.parametrize("text,expected", [
    ("au deuxième trimestre 2025", ("2025-04-01", "2025-06-30")),
    ("en juin", ("2025-06-01", "2025-06-30")),
    ("en décembre", ("2024-12-01", "2024-12-31")),  # a month after the article's: the year before
    ("fin janvier", ("2025-01-21", "2025-01-31")),
    ("fin de janvier", ("2025-01-21", "2025-01-31")),
    ("au début de 2025", ("2025-01-01", "2025-03-31")),  # its first quarter
    ("à la fin de 2024", ("2024-10-01", "2024-12-31")),  # its last quarter
    ("depuis octobre 2024", ("2024-10-01", None)),
    ("à partir de 2017", ("2017-01-01", None)),
    ("avant le début de l'année 2025", (None, "2024-12-31")),
    ("d'ici la fin de l'année", (None, "2025-12-31")),
    ("en 2025", ("2025-01-01", "2025-12-31")),
    ("le mois dernier", ("2025-10-01", "2025-10-31")),
    ("cette semaine", ("2025-11-03", "2025-11-09")),
    ("entre janvier et février", ("2025-01-01", "2025-02-28")),
    ("le 26 avril 2025", ("2025-04-26", "2025-04-26")),
    ("au 2ème trimestre 2018", ("2018-04-01", "2018-06-30")),  # an ordinal written "ème"
    ("les 7/8 octobre 2023", ("2023-10-07", "2023-10-08")),  # two days joined by a slash
    ("les 7-8 octobre 2023", ("2023-10-07", "2023-10-08")),
])
def test_periods(text, expected):
    assert period(text) == expected


def test_relative_periods_need_the_articles_date():
    assert period("le mois dernier", anchor=None) is None
    assert period("en juin", anchor=None) is None
    assert period("en juin 2024", anchor=None) == ("2024-06-01", "2024-06-30")


def test_the_same_month_refers_back():
    june = (date(2025, 6, 1), date(2025, 6, 30))
    assert period("Le même mois", previous=june) == ("2025-06-01", "2025-06-30")


def test_a_figure_beside_another_figures_phrase_takes_its_period(extract):
    # "Sur les 12 000 ouvriers envoyés depuis mars 2024, 3 000 ...": the 3 000 are among those
    # sent since March, so the period of the whole's phrase is theirs too
    whole, part = extract("Sur les quelque 12 000 ouvriers envoyés depuis mars 2024, environ 3 000 auraient "
                          "été blessés, selon Kiev.")
    assert (whole.value, part.value) == (12000, 3000)
    assert whole.time_start == part.time_start == "2024-03-01"


def test_the_period_after_a_compared_figure_is_its_own(extract):
    # "contre 68,8 % en 2017": 2017 dates the figure compared with, not the one before "contre"
    now, then = extract("Publié le 1er mars 2024\n\nLa participation a atteint 67,3 %, contre 68,8 % en 2017.")
    assert (now.value, now.time_start, now.time_end) == (67.3, None, "2024-03-01")
    assert (then.value, then.time_start, then.time_end) == (68.8, "2017-01-01", "2017-12-31")


def test_the_time_of_a_relative_clause_of_place_after_the_figure_is_the_places(extract):
    # "un pays de 26 millions d'habitants où la famine des années 1990 ...": the 1990s are the famine's
    [people] = extract("Publié le 6 septembre 2025\n\nDans un pays de 26 millions d'habitants où la famine des "
                       "années 1990 a laissé des cicatrices, chaque mort compte.")
    assert (people.value, people.time_start, people.time_end) == (26e6, None, "2025-09-06")
    # a comma ends the relative clause: the day after it dates the statement
    [workers] = extract("Publié le 10 octobre 2025\n\nPyongyang a envoyé 12 000 ouvriers à l'usine d'Alabuga, où sont "
                        "assemblés les drones, a indiqué jeudi 9 octobre le NIS.")
    assert (workers.value, workers.time_end) == (12000, "2025-10-09")

def test_the_years_of_a_person_are_an_age_with_no_period_of_the_sentence(extract):
    # "cette femme de 54 ans, arrivée au Sud en 2016": her age now, not in 2016; a sentence of
    # 20 years is no age and takes the sentence's year
    age, sentence = extract("Publié le 9 mars 2025\n\nCette femme de 54 ans est arrivée au Sud en 2016. "
                            "Une peine de 20 ans de prison a été requise en 2024.")
    assert (age.value, age.time_start, age.time_end) == (54, None, "2025-03-09")
    assert (sentence.value, sentence.time_start) == (20, "2024-01-01")

def test_the_day_before_a_timelines_heading_and_a_new_heading_dates_what_is_said_under_it(extract):
    # "La veille" under "5 novembre 2024": the 4th; under the next heading, the same speaker's
    # figure is of that heading's day, not of the day he spoke before
    before, later = extract("Publié le 5 novembre 2025\n\nChronologie\n\nRetour sur un an d'engagement nord-coréen en Russie."
                            "\n\n5 novembre 2024 – Premiers combats\nLes premiers affrontements "
                            "ont eu lieu. La veille, le président Volodymyr Zelensky a estimé à 11 000 le nombre de soldats "
                            "nord-coréens à Koursk.\n\n23 décembre 2024 – Les pertes\nSelon le président Volodymyr Zelensky, "
                            "plus de 3 000 soldats nord-coréens ont été tués ou blessés.")
    assert (before.value, before.time_end) == (11000, "2024-11-04")
    assert (later.value, later.time_end) == (3000, "2024-12-23")

EN = TimeFinder(load_language("en"))


@pytest.mark.parametrize("finder,text,expected", [
    (EN, "conducted between August 8-11, 2025", ("2025-08-08", "2025-08-11")),
    (EN, "from January 1-5 it was a daily average", ("2025-01-01", "2025-01-05")),  # a span, not a start
    (EN, "since January 5", ("2025-01-05", None)),
    (FINDER, "les 8-11 août", ("2025-08-08", "2025-08-11")),
    # the months that end with the month named: a statistics office's rolling year or quarter
    (EN, "in the 12 months to March", ("2024-04-01", "2025-03-31")),
    (EN, "inflation in the year to April 2024", ("2023-05-01", "2024-04-30")),
    (EN, "in the three months to June", ("2025-04-01", "2025-06-30")),
    # a span of years: from the first one's start to the last one's end
    (EN, "some 5,000 died between 2019 and 2023", ("2019-01-01", "2023-12-31")),
    (EN, "spending over 2024-2030", ("2024-01-01", "2030-12-31")),
    (FINDER, "413 milliards d'euros sur la période 2024-2030", ("2024-01-01", "2030-12-31")),
    (FINDER, "entre 2019 et 2023", ("2019-01-01", "2023-12-31")),
    # a span of days across months: from the first day to the last, the year before when it turns
    (EN, "between July 22 and August 22, 1,377 people were held", ("2025-07-22", "2025-08-22")),
    (EN, "from 20 December to 3 January", ("2024-12-20", "2025-01-03")),
    (FINDER, "du 22 juillet au 22 août", ("2025-07-22", "2025-08-22")),
    (FINDER, "entre le 28 septembre et le 4 octobre 2025", ("2025-09-28", "2025-10-04")),
    (FINDER, "arrivés en janvier et en février 2024", ("2024-01-01", "2024-02-29")),
])
def test_a_span_of_days_or_years_is_that_span(finder, text, expected):
    [x] = finder.find(text)
    p = resolve(x, ANCHOR, None, SEASONS)
    assert tuple(d.isoformat() if d else None for d in p) == expected  # type: ignore[union-attr]


@pytest.mark.parametrize("text, month_only, expected", [
    # a page dated only "2024-10": the 1st of November is the coming one (up to it, after "jusqu'au")
    ("trois jours de deuil jusqu'au 1er novembre", True, (None, "2024-11-01")),
    ("le 1er novembre", True, ("2024-11-01", "2024-11-01")),
    # a page dated to the day, or a whole month: the last such date, as before
    ("le 1er novembre", False, ("2023-11-01", "2023-11-01")),
    ("en novembre", True, ("2023-11-01", "2023-11-30")),
])
def test_a_day_of_the_month_after_a_month_only_date_is_the_coming_one(text, month_only, expected):
    [x] = FINDER.find(text)
    p = resolve(x, date(2024, 10, 1), None, SEASONS, anchor_month_only=month_only)
    assert tuple(d.isoformat() if d else None for d in p) == expected


def test_a_date_in_brackets_dates_only_what_the_brackets_hold(extract):
    # an aside's year is the aside's: the figures outside it keep the statement's date
    age, share = extract("Nicolas Maduro, 61 ans, est réélu avec 51,2 % des voix, selon le CNE, contrôlé par "
                         "le chavisme (le régime fondé par Hugo Chavez à partir de 1999).")
    assert (age.value, share.value) == (61, 51.2)
    assert age.time_start is None and share.time_start is None
    # a figure inside the brackets takes their date
    now, before = extract("Le bilan est passé à 300 morts (contre 250 en 2023).")
    assert (now.value, now.time_start) == (300, None)
    assert (before.value, before.time_start, before.time_end) == (250, "2023-01-01", "2023-12-31")



def test_a_polls_fieldwork_dates_its_figures_before_a_date_deeper_in_what_they_hold():
    # the day span is no figure bounding the others' stretch, and "the July 28 election" lies in a
    # clause of its own ("that González was the winner of ...")
    from claimscope.extract.pipeline import Extractor
    from claimscope.records import Article, Document, PartialDate, Span

    text = ("The poll, conducted between August 8-11, found that 93.4 percent of the respondents consider "
            "that Edmundo González was the actual winner of the July 28 election.")
    published = PartialDate(date(2024, 8, 15), "day")
    article = Article(span=Span(0, len(text)), body=(Span(0, len(text)),), date=published)
    doc = Document(name="t.txt", text=text, origin="t.txt", date=published, lang="en", articles=(article,))
    [share] = Extractor("en").extract(doc)
    assert (share.value, share.status) == (93.4, "actual")
    assert (share.time_start, share.time_end) == ("2024-08-08", "2024-08-11")


@pytest.mark.parametrize("lang,text,expected", [
    # "before the end of" a period is by its end, not before its last months
    ("en", "before the end of 2025", (None, "2025-12-31")),
    ("en", "before the end of the year", (None, "2025-12-31")),
    ("en", "before the end of March", (None, "2025-03-31")),
    ("fr", "avant la fin mars", (None, "2025-03-31")),
    ("en", "before 2025", (None, "2024-12-31")),  # before a year: it has not begun
    # a deadline in the middle of a month is its 15th; a part of a relative year is that part
    ("en", "by mid-February", (None, "2025-02-15")),
    ("en", "early next year", ("2026-01-01", "2026-03-31")),
    ("en", "late last year", ("2024-10-01", "2024-12-31")),
    ("fr", "début de l'année prochaine", ("2026-01-01", "2026-03-31")),
    ("fr", "à la fin de l'année dernière", ("2024-10-01", "2024-12-31")),
    ("en", "at the start of next year", ("2026-01-01", "2026-03-31")),
    # a verb before a relative year is no part of it
    ("en", "deliveries will start next year", ("2026-01-01", "2026-12-31")),
    # before a day: up to that day, the date its figure stood at when the day came
    ("en", "before October 7", (None, "2025-10-07")),
    ("fr", "avant le 7 octobre", (None, "2025-10-07")),
])
def test_bounds_before_and_by_a_date_and_parts_of_relative_years(lang, text, expected):
    [x] = TimeFinder(load_language(lang)).find(text)
    p = resolve(x, ANCHOR, None, SEASONS)
    assert tuple(d.isoformat() if d else None for d in p) == expected


def test_since_a_part_of_a_relative_year_runs_from_it():
    [x] = TimeFinder(load_language("en")).find("Since early last year, 300 were sent")
    assert (x.mode, x.part) == ("since", "early")


def test_the_eve_of_an_event_is_no_day_before_the_statement():
    assert TimeFinder(load_language("fr")).find("À la veille du sommet, 300 soldats") == []
    [x] = TimeFinder(load_language("fr")).find("La veille, 300 soldats")
    assert x.relative == "yesterday"


def test_where_after_a_time_noun_opens_a_clause_of_time(extract):
    # "au moment où la guerre a éclaté le 24 février 2022": the day is the figure's
    [soldiers] = extract("Publié le 11 mars 2025\n\nL'armée comptait 12 000 soldats au moment où la guerre a éclaté "
                         "le 24 février 2022.")
    assert (soldiers.time_start, soldiers.time_end) == ("2022-02-24", "2022-02-24")


def test_a_month_that_dates_the_figures_own_estimate_dates_its_statement(extract):
    # "contre quelque 600 lors de sa précédente estimation, en avril": April ends the 600, as the
    # date it was estimated, not as a period the 600 covers
    now, before = extract("Publié le 4 septembre 2025\n\nLe NIS estime qu'environ 2 000 soldats ont été tués, contre "
                          "quelque 600 lors de sa précédente estimation, en avril.")
    assert (before.value, before.time_start, before.time_end) == (600, None, "2025-04-30")

