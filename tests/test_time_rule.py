"""The GUIDE's time rule: a stated period as stated; with none, the statement's date bounds
the figure (done or current: ends then; planned: starts then); "since X" runs to the
statement; "since <the topic's event>" starts on the event's date."""
from dataclasses import replace
from datetime import date

import pytest

from claimscope.extract.pipeline import Extractor
from claimscope.records import Article, Document, PartialDate, Span
from claimscope.topic import TopicError, load_topic

TOPIC = """
[topic]
id = "quake"
label = "An earthquake"
[[measures]]
id = "people_killed"
units = ["person"]
words.en = ["killed", "dead"]
words.fr = ["tuées", "morts"]
[[events]]
id = "quake"
date = "2023-02-06"
words.en = ["the earthquake", "the quake"]
words.fr = ["le séisme", "du séisme", "depuis la secousse"]
[sources]
"AFAD" = ["Disaster and Emergency Management Authority"]
"""


def _doc(text: str, lang: str, published: PartialDate) -> Document:
    article = Article(span=Span(0, len(text)), body=(Span(0, len(text)),), date=published)
    return Document(name="t.txt", text=text, origin="t.txt", date=published, lang=lang, articles=(article,))


@pytest.fixture(scope="module")
def topic_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("topic") / "quake.toml"
    path.write_text(TOPIC, encoding="utf-8")
    return str(path)


FEB_20 = PartialDate(date(2023, 2, 20), "day")


def _periods(topic_file, lang, text, published=FEB_20):
    return [(c.value, c.time_start, c.time_end) for c in Extractor(lang, topic_file).extract(_doc(text, lang, published))]


def test_a_figure_with_no_period_ends_at_the_publication_date(topic_file):
    assert _periods(topic_file, "en", "At least 1,200 people were killed, AFAD said.") == [(1200, None, "2023-02-20")]


def test_a_planned_figure_starts_at_the_publication_date(topic_file):
    assert _periods(topic_file, "en", "The government will build 30,000 homes.") == [(30000, "2023-02-20", None)]


@pytest.mark.parametrize("lang,text,start,end", [
    # announcing a sending or a deployment plans it, as announcing an infinitive does
    ("fr", "Le ministre annonce l'envoi de 6 000 soldats.", "2023-02-20", None),
    ("en", "The minister announced the deployment of 6,000 soldiers.", "2023-02-20", None),
    # announcing a toll reports it
    ("fr", "Le ministère a annoncé 300 morts.", None, "2023-02-20"),
])
def test_announcing_an_action_to_come_plans_its_figure(topic_file, lang, text, start, end):
    assert _periods(topic_file, lang, text)[0][1:] == (start, end)


@pytest.mark.parametrize("lang,text", [
    ("fr", "Au moins 1 200 personnes sont mortes depuis ce mardi."),
    ("en", "At least 1,200 people have been killed since Tuesday."),
])
def test_since_a_weekday_runs_from_it_to_the_statement(topic_file, lang, text):
    # published Monday 20 February: Tuesday is the 14th
    assert _periods(topic_file, lang, text) == [(1200, "2023-02-14", "2023-02-20")]


@pytest.mark.parametrize("lang,text", [
    ("fr", "L'Espagne recevra 1,6 milliard d'euros pour réparer les dégâts des inondations du fleuve qui, "
           "en janvier 2023, ont fait 229 morts."),
    ("en", "Spain will receive 1.6 billion euros to repair the damage of the floods of the river which, "
           "in January 2023, killed 229 people."),
])
def test_a_relative_clauses_period_is_its_own(topic_file, lang, text):
    # January is when the floods killed; the aid, planned, starts at the statement
    assert _periods(topic_file, lang, text) == [(1_600_000_000, "2023-02-20", None), (229, "2023-01-01", "2023-01-31")]


@pytest.mark.parametrize("lang,text", [
    ("fr", "Au moins 1 200 personnes sont mortes dans les secousses qui frappent la Turquie depuis ce mardi."),
    ("en", "At least 1,200 people have died in the tremors that have hit Turkey since Tuesday."),
])
def test_since_in_a_relative_clause_on_what_the_figure_happened_in_is_the_figures(topic_file, lang, text):
    # the tremors' stretch is the deaths'
    assert _periods(topic_file, lang, text) == [(1200, "2023-02-14", "2023-02-20")]


@pytest.mark.parametrize("lang,text,period", [
    ("en", "At least 1,200 people were killed in the first six months of 2022.", ("2022-01-01", "2022-06-30")),
    ("fr", "Au moins 1 200 personnes sont mortes au cours des six premiers mois de l'année.", ("2023-01-01", "2023-06-30")),
])
def test_the_first_months_of_a_year_run_from_its_first_day(topic_file, lang, text, period):
    # the six months are a figure of their own, as annotators count them, over the same period
    assert _periods(topic_file, lang, text) == [(1200, *period), (6, *period)]


def test_a_month_date_bounds_at_the_month_end(topic_file):
    got = _periods(topic_file, "en", "At least 1,200 people were killed.", PartialDate(date(2023, 2, 1), "month"))
    assert got == [(1200, None, "2023-02-28")]


def test_metadata_known_to_the_day_refines_a_page_stamp_known_to_the_month(topic_file):
    """The page's own stamp says February 2023, the document's metadata (a JSONL record's date)
    the 20th: the statement is bounded by the 20th, and its weekday resolves against it."""
    text = "At least 1,200 people were killed, AFAD said on Monday."
    month = Article(span=Span(0, len(text)), body=(Span(0, len(text)),), date=PartialDate(date(2023, 2, 1), "month"))
    doc = Document(name="t.txt", text=text, origin="t.txt", date=FEB_20, lang="en", articles=(month,))
    got = [(c.value, c.time_start, c.time_end) for c in Extractor("en", topic_file).extract(doc)]
    assert got == [(1200, None, "2023-02-20")]
    other_month = Document(name="t.txt", text=text, origin="t.txt", date=PartialDate(date(2023, 3, 20), "day"),
                           lang="en", articles=(month,))
    # metadata that contradicts the page's own date with a later one (a crawl's) does not override it
    assert [c.time_end for c in Extractor("en", topic_file).extract(other_month)] == ["2023-02-28"]
    # a stamp later than the metadata is an update's or the crawl's: the metadata's day stands
    later_stamp = Article(span=Span(0, len(text)), body=(Span(0, len(text)),), date=PartialDate(date(2025, 6, 1), "month"))
    stamped_later = Document(name="t.txt", text=text, origin="t.txt", date=FEB_20, lang="en", articles=(later_stamp,))
    assert [c.time_end for c in Extractor("en", topic_file).extract(stamped_later)] == ["2023-02-20"]


def test_since_an_event_of_the_topic_runs_from_its_date_to_the_statement(topic_file):
    assert _periods(topic_file, "en", "Since the earthquake, 40,000 people have died.") == [(40000, "2023-02-06", "2023-02-20")]
    assert _periods(topic_file, "fr", "Depuis le séisme, 40 000 personnes sont mortes.") == [(40000, "2023-02-06", "2023-02-20")]


@pytest.mark.parametrize("lang,text,start", [
    # a running total given for a day counts up to that day
    ("en", "The death toll stood at 40,000 on Sunday.", None),
    ("fr", "Le 19 février, le bilan était de 40 000 morts.", None),
    # what happened on a day is that day's
    ("en", "On Sunday, 40,000 people were evacuated.", "2023-02-19"),
])
def test_a_running_total_on_a_day_counts_up_to_it(topic_file, lang, text, start):
    assert _periods(topic_file, lang, text) == [(40000, start, "2023-02-19")]


def test_the_month_of_a_since_is_narrowed_to_the_day_of_the_event_it_names(topic_file):
    # "since the earthquake struck in February 2023": the month holds the topic's day of the quake
    got = _periods(topic_file, "en", "Since the earthquake struck in February 2023, 40,000 people have died.")
    assert got == [(40000, "2023-02-06", "2023-02-20")]
    # a month the event is not in, or no event named: the month as written
    assert _periods(topic_file, "en", "Since January 2023, 40,000 people have died.") == [(40000, "2023-01-01", "2023-02-20")]
    assert _periods(topic_file, "en", "Since February 2023, 40,000 people have died.") == [(40000, "2023-02-01", "2023-02-20")]
    # an event named further on in the sentence is not the month's
    got = _periods(topic_file, "en", "Since February 2023, 40,000 people have died, most of them since the earthquake.")
    assert got == [(40000, "2023-02-01", "2023-02-20")]


def test_an_events_name_is_found_in_any_number_and_with_any_article(topic_file):
    # written "depuis la secousse" in the topic: its since-word and article aside, in the plural
    got = _periods(topic_file, "fr", "Depuis les secousses du mois dernier, 40 000 personnes sont mortes.")
    assert got == [(40000, "2023-02-06", "2023-02-20")]
    assert _periods(topic_file, "en", "Since earthquakes struck, 40,000 people have died.") == [(40000, "2023-02-06", "2023-02-20")]


def test_no_date_known_leaves_the_period_open(topic_file):
    assert _periods(topic_file, "en", "At least 1,200 people were killed.", PartialDate(None)) == [(1200, None, None)]


def test_an_event_needs_an_iso_date(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(TOPIC.replace('date = "2023-02-06"', 'date = "6 February"'), encoding="utf-8")
    with pytest.raises(TopicError, match=r"events\[0\]\.date .* not an ISO date"):
        load_topic(str(bad))


def test_a_since_word_reaches_the_date_a_few_words_on():
    from claimscope.extract.timeexpr import TimeFinder
    from claimscope.lang import load_language

    [x] = TimeFinder(load_language("en")).find("killed since the beginning of hostilities on 7 October.")
    assert (x.kind, x.mode) == ("day", "since")
    [x] = TimeFinder(load_language("fr")).find("15 523 morts depuis le début de la guerre le 7 octobre.")
    assert (x.kind, x.mode) == ("day", "since")
    [x] = TimeFinder(load_language("fr")).find("Le 4 décembre, alors que le bilan dépassait 15 000")
    assert x.mode == "in"


def test_as_of_a_date_runs_up_to_it():
    from claimscope.extract.timeexpr import TimeFinder
    from claimscope.lang import load_language

    [x] = TimeFinder(load_language("en")).find("152 staff killed as of January 22.")
    assert x.mode == "until"


def test_a_weekday_needs_a_publication_date_known_to_the_day(topic_file):
    month_only = PartialDate(date(2024, 6, 1), "month")
    # "samedi" cannot be placed in June 2024 without the day: the month bounds the figure
    assert _periods(topic_file, "fr", "Dix personnes sont mortes samedi.", month_only) == [(10, None, "2024-06-30")]
    assert _periods(topic_file, "fr", "Dix personnes sont mortes samedi.", PartialDate(date(2024, 6, 4), "day")) == \
        [(10, "2024-06-01", "2024-06-01")]


def test_a_dateline_dates_the_statement_not_the_figure(topic_file):
    text = "Gaza, Dec 5 The death toll has risen to 15,899 since the earthquake, the ministry said."
    assert _periods(topic_file, "en", text, PartialDate(date(2023, 12, 5), "day")) == [(15899, "2023-02-06", "2023-12-05")]


def test_a_plan_with_a_deadline_runs_from_the_statement(topic_file):
    got = _periods(topic_file, "en", "The government will build 30,000 homes by the end of the year.")
    assert got == [(30000, "2023-02-20", "2023-12-31")]


def test_a_done_figure_said_in_a_month_ends_with_the_month(topic_file):
    got = _periods(topic_file, "en", "AFAD said in January that 1,200 people were killed.")
    assert got == [(1200, None, "2023-01-31")]


def test_a_plan_announced_on_a_past_day_runs_from_that_day(topic_file):
    got = _periods(topic_file, "en", "On Monday the government pledged to build 3,000 homes.",
                   PartialDate(date(2023, 2, 22), "day"))
    assert got == [(3000, "2023-02-20", None)]


def test_the_toll_from_an_event_is_not_a_period_since_it(topic_file):
    got = _periods(topic_file, "en", "The death toll from the earthquake stood at 219 people.")
    assert got == [(219, None, "2023-02-20")]


def test_that_year_is_the_year_named_before():
    from claimscope.extract.timeexpr import TimeFinder
    from claimscope.lang import load_language

    [x] = TimeFinder(load_language("fr")).find("Cette année-là, 87 personnes étaient mortes.")
    assert x.relative == "same_year"


def test_a_quarter_written_q1_is_read_not_a_crash():
    from claimscope.extract.periods import resolve
    from claimscope.extract.timeexpr import TimeFinder
    from claimscope.lang import load_language

    [x] = TimeFinder(load_language("en")).find("the council saw Q1 2025 register a 36% rise")
    assert (x.kind, x.number) == ("quarter", 1)
    assert resolve(x, date(2025, 5, 1)) == (date(2025, 1, 1), date(2025, 3, 31))


def test_today_dates_the_statement_of_a_current_figure(topic_file):
    """'today' says when the figure is the case, which is when it is said: it ends then."""
    assert _periods(topic_file, "en", "Today, 1,200 people are dead, AFAD said.") == [(1200, None, "2023-02-20")]
    assert _periods(topic_file, "fr", "Aujourd'hui, 1 200 personnes sont mortes.") == [(1200, None, "2023-02-20")]


@pytest.mark.parametrize("lang,text", [
    ("en", "The army will send 1,000 soldiers tomorrow."),
    ("fr", "L'armée enverra 1 000 soldats demain."),
])
def test_tomorrow_is_the_day_after_the_statement(topic_file, lang, text):
    # published Monday 20 February
    assert _periods(topic_file, lang, text) == [(1000, "2023-02-21", "2023-02-21")]


@pytest.mark.parametrize("lang,text", [
    ("en", "AFAD will rehouse 1,200 people over the next three months."),
    ("fr", "L'AFAD relogera 1 200 personnes au cours des trois prochains mois."),
])
def test_the_next_months_run_from_the_day_after_the_statement(topic_file, lang, text):
    # published Monday 20 February; the months are a figure too
    assert _periods(topic_file, lang, text) == [(1200, "2023-02-21", "2023-05-20"), (3, "2023-02-21", "2023-05-20")]


def test_a_done_figure_over_the_next_years_is_planned_even_without_a_date(topic_file):
    text = "Some 1,200 people face eviction over the next two years."
    claims = Extractor("en", topic_file).extract(_doc(text, "en", PartialDate(None, "unknown")))
    assert [(c.value, c.status) for c in claims] == [(1200, "planned"), (2, "planned")]


def test_as_of_a_day_written_day_first_runs_up_to_it(topic_file):
    got = _periods(topic_file, "en", "As of 12 February 2023, 1,200 people were dead.")
    assert got == [(1200, None, "2023-02-12")]


def test_a_day_that_dates_a_report_dates_its_statement(topic_file):
    """'le bilan, datant du 12 février': the report's date, when its figures were stated, not
    the day the deaths happened."""
    got = _periods(topic_file, "fr", "Le bilan précédent, datant du 12 février, faisait état de 1 200 morts.")
    assert got == [(1200, None, "2023-02-12")]
    # a day on the figure's own verb is the figure's period
    assert _periods(topic_file, "en", "On 12 February, 1,200 people were killed.") == [(1200, "2023-02-12", "2023-02-12")]


def test_a_day_a_report_was_given_on_dates_its_statement(topic_file):
    """'according to a report it gave on Friday, February 17': the report's day, though said in a
    relative clause (another relative clause's time is its own)."""
    got = _periods(topic_file, "en", ("AFAD confirmed a total of 1,200 dead in the provinces, the highest number reported in the "
                                          "country, according to a report they offered on Friday, February 17."))
    assert got == [(1200, None, "2023-02-17")]


def test_a_figure_s_own_speaker_dates_the_parts_that_follow(tmp_path):
    """'The NGO Foro Penal confirmed a total of 1,600 political prisoners ..., according to a report
    they offered on Friday, August 23. Of the total, 1,400 are men': the sentence's speaker reads
    as nobody named, its figure's as Foro Penal; the part takes the report's day, not the end of
    the page's month."""
    topic = tmp_path / "prisoners.toml"
    topic.write_text(('[topic]\nid = "prisoners"\nlabel = "Political prisoners"\n[[measures]]\nid = "prisoners"\n'
                     'units = ["prisoner"]\nwords.en = ["prisoners"]\n[sources]\n"Foro Penal" = []\n'),
                     encoding="utf-8")
    parts = ["The non-governmental organization (NGO) Foro Penal confirmed a total of 1,600 political prisoners in "
             "Venezuela, the highest number reported in the country, according to a report they offered on Friday, August 23.",
             "Of the total number of political prisoners, 1,400 are men and 200 are women."]
    text = "\n\n".join(parts)
    august = PartialDate(date(2024, 8, 1), "month")
    article = Article(span=Span(0, len(text)), body=(Span(0, len(parts[0])), Span(len(parts[0]) + 2, len(text))), date=august)
    doc = Document(name="t.txt", text=text, origin="t.txt", date=august, lang="en", articles=(article,))
    got = [(c.value, c.source, c.time_end) for c in Extractor("en", str(topic)).extract(doc)]
    assert got == [(1600, "Foro Penal", "2024-08-23"), (1400, "Foro Penal", "2024-08-23"), (200, "Foro Penal", "2024-08-23")]


def test_a_season_a_source_spoke_in_dates_that_figure_only(topic_file):
    """'... says the Red Crescent, whose head spoke of nearly 60% in spring. According to the same
    source, 300 ...': spring dates the 60%, not what the source says next."""
    text = ("Some 40% of the dead are children, says the Red Crescent, whose head, John Smith, spoke of "
            "nearly 60% in spring. According to the same source, 300 were buried in one day.")
    assert [p[2] for p in _periods(topic_file, "en", text)][-1] == "2023-02-20"


def test_a_speaker_s_day_carries_to_its_next_sentence_under_another_name(topic_file):
    """'the Disaster and Emergency Management Authority said Friday. AFAD said ...': one source
    spelt two ways, one statement day; an open 'since the 6th' dates no statement."""
    text = ("At least 1,200 people have been killed since February 6, the Disaster and Emergency Management "
            "Authority said Friday. AFAD said the dead include 300 children.")
    assert _periods(topic_file, "en", text) == [(1200, "2023-02-06", "2023-02-17"), (300, None, "2023-02-17")]


def test_a_day_after_the_one_told_dates_the_telling(topic_file):
    """'the spy agency told lawmakers Tuesday': the day of the briefing, not of the casualties."""
    got = _periods(topic_file, "en", "At least 1,200 people have been killed, AFAD told reporters Monday.")
    assert got == [(1200, None, "2023-02-20")]


def test_a_month_that_dates_the_saying_bounds_the_figure(topic_file):
    """'said last month that ...': when it was said, not when the deaths happened."""
    got = _periods(topic_file, "en", "AFAD, which is usually cautious, said last month that some 1,200 people had been killed.")
    assert got == [(1200, None, "2023-01-31")]


@pytest.mark.parametrize("parts", [
    ["Quake toll rises", "By A Reporter", "ISTANBUL, Feb 20 (Reuters) - At least 1,200 people have been killed, AFAD said."],
    # a byline over two lines (names, then the agency) still leaves the dateline first in the body
    ["Quake toll rises", "By A REPORTER and ANOTHER", "Associated Press",
     "ISTANBUL, Feb 20 (AP) — At least 1,200 people have been killed, AFAD said."],
])
def test_a_dateline_after_the_headline_and_byline_dates_the_statement(topic_file, parts):
    """'ISTANBUL, Feb 20 (Reuters) - ...' opens the first paragraph, after a headline and a byline:
    the day the story was filed, so a count in it ends then rather than covering that day only."""
    text = "\n\n".join(parts)
    spans, at = [], 0
    for p in parts:
        spans.append(Span(at, at + len(p)))
        at += len(p) + 2
    article = Article(span=Span(0, len(text)), body=tuple(spans), date=FEB_20)
    doc = Document(name="t.txt", text=text, origin="t.txt", date=FEB_20, lang="en", articles=(article,))
    got = [(c.value, c.time_start, c.time_end) for c in Extractor("en", topic_file).extract(doc)]
    assert got == [(1200, None, "2023-02-20")]


def test_a_figure_for_a_later_year_is_to_come(topic_file):
    """'... 1.2% in 2015 and 1.7% in 2016', written in 2014: a year after the article's is to
    come, whatever the verb; a day just after a page dated to the month ('jusqu'au 1er
    novembre' on an October page) says nothing of what is done."""
    from claimscope.records import Article, Document, PartialDate, Span

    text = "The rate is put at 1.5% this year, 1.2% in 2015 and 1.7% in 2016."
    day = PartialDate(date(2014, 12, 3), "day")
    doc = Document(name="t.txt", text=text, origin="t.txt", date=day, lang="en",
                   articles=(Article(span=Span(0, len(text)), body=(Span(0, len(text)),), date=day),))
    assert [(c.value, c.status) for c in Extractor("en", topic_file).extract(doc)] == [
        (1.5, "actual"), (1.2, "planned"), (1.7, "planned")]
    month = PartialDate(date(2024, 10, 1), "month")
    text = "Trois jours de deuil ont été décrétés pour 200 morts jusqu'au 1er novembre."
    doc = Document(name="t.txt", text=text, origin="t.txt", date=month, lang="fr",
                   articles=(Article(span=Span(0, len(text)), body=(Span(0, len(text)),), date=month),))
    assert [(c.value, c.status) for c in Extractor("fr", topic_file).extract(doc)] == [(3, "actual"), (200, "actual")]


@pytest.mark.parametrize("lang,text", [
    ("en", "Some 1,000 soldiers arrive tomorrow, AFAD said."),
    ("en", "Some 1,000 soldiers arrive next year, AFAD said."),
    ("fr", "Quelque 1 000 soldats arrivent demain, selon l'AFAD."),
])
def test_a_figure_of_a_day_or_year_to_come_is_planned(topic_file, lang, text):
    [c] = Extractor(lang, topic_file).extract(_doc(text, lang, FEB_20))
    assert (c.value, c.status) == (1000, "planned")


@pytest.mark.parametrize("lang,text", [
    ("fr", "Hier, Mehmet Kaya, 34 ans, a été sorti des décombres le 8 février."),
    ("en", "Yesterday Mehmet Kaya, 34, who was pulled from the rubble on February 8, left hospital."),
])
def test_an_age_is_the_persons_when_it_is_said_not_in_the_sentences_period(topic_file, lang, text):
    ages = [p for p in _periods(topic_file, lang, text) if p[0] == 34]
    assert ages == [(34, None, "2023-02-20")]


def test_a_time_inside_what_a_verb_of_saying_says_does_not_date_the_statement(topic_file):
    text = ("According to AFAD, 130 schools were damaged, warning that the situation is worse than after "
            "the earthquake of 1999.")
    [claim] = [c for c in Extractor("en", topic_file).extract(_doc(text, "en", FEB_20)) if c.value == 130]
    assert not any("dates the statement" in w for w in claim.why), claim.why


@pytest.mark.parametrize("lang, text, expected", [
    ("fr", "Les prix ont progressé de 1,9 % entre 2011 et 2012.", ("2012-01-01", "2012-12-31")),
    ("en", "Prices rose by 1.9% between November and December 2012.", ("2012-12-01", "2012-12-31")),
    # a count over the two years stays over both; a change over five years stays over five
    ("fr", "Entre 2011 et 2012, 300 maisons ont été construites.", ("2011-01-01", "2012-12-31")),
    ("en", "Prices rose by 9% between 2015 and 2020.", ("2015-01-01", "2020-12-31")),
])
def test_a_change_between_two_years_is_the_later_years(topic_file, lang, text, expected):
    """'progressé de 1,9 % entre 2011 et 2012': the change of 2012 over 2011."""
    assert [p[1:] for p in _periods(topic_file, lang, text)] == [expected]


@pytest.mark.parametrize("lang, text, status", [
    ("fr", "AFAD a annoncé que le bilan s'est alourdi à 1 200 morts.", "actual"),
    ("fr", "AFAD a annoncé qu'elle enverrait 1 200 secouristes.", "planned"),
    ("en", "AFAD announced that 1,200 people were killed.", "actual"),
    ("en", "AFAD announced that it would send 1,200 rescuers.", "planned"),
])
def test_announcing_a_done_figure_plans_nothing(topic_file, lang, text, status):
    """A verb of announcing plans what its clause puts in the future or the conditional, not a
    figure its clause reports as done (which starts nothing: it ends at the statement)."""
    [claim] = Extractor(lang, topic_file).extract(_doc(text, lang, FEB_20))
    assert claim.status == status


@pytest.mark.parametrize("lang, text, statuses", [
    ("fr", "AFAD a envoyé 300 secouristes, loin de l'objectif de 1 000 secouristes.", ["actual", "planned"]),
    ("en", "AFAD sent 300 rescuers, short of the target of 1,000 rescuers.", ["actual", "planned"]),
])
def test_a_target_right_before_a_figure_is_planned(topic_file, lang, text, statuses):
    """'the target of 1,000': what is aimed at, not what is done; only the figure the target
    word stands right before (the 300 sent beside it are done)."""
    claims = Extractor(lang, topic_file).extract(_doc(text, lang, FEB_20))
    assert [c.status for c in claims] == statuses


def test_since_a_day_without_its_year_is_the_topics_event_of_that_day(topic_file):
    """'depuis le 6 février', written a year after the quake of 6 February 2023: from the quake,
    not from the last 6 February; a day named otherwise keeps its nearest year."""
    later = PartialDate(date(2024, 3, 1), "day")
    assert _periods(topic_file, "fr", "Depuis le 6 février, 1 200 personnes sont mortes.", later) == [(1200, "2023-02-06", "2024-03-01")]
    assert _periods(topic_file, "en", "On February 6, 1,200 people were killed.", later) == [(1200, "2024-02-06", "2024-02-06")]


@pytest.mark.parametrize("lang,text", [
    ("en", "AFAD told lawmakers earlier this month that at least 1,200 people had been killed."),
    ("fr", "AFAD a indiqué plus tôt ce mois-ci qu'au moins 1 200 personnes avaient été tuées."),
])
def test_a_statement_dated_to_its_month_is_made_no_later_than_the_page(topic_file, lang, text):
    assert _periods(topic_file, lang, text) == [(1200, None, "2023-02-20")]


@pytest.mark.parametrize("lang,text", [
    ("fr", "Le gouvernement versera 300 millions d'euros d'ici fin mars."),
    ("fr", "Le gouvernement versera 300 millions d'euros d'ici la fin mars."),
    ("en", "The government will pay 300 million euros by the end of March."),
])
def test_a_deadline_at_the_end_of_a_month_is_that_months_end(topic_file, lang, text):
    assert _periods(topic_file, lang, text) == [(300e6, "2023-02-20", "2023-03-31")]


@pytest.mark.parametrize("lang,text", [
    ("fr", "Au moins 1 200 personnes ont été tuées depuis le début du mois."),
    ("en", "At least 1,200 people have been killed since the start of the month."),
])
def test_since_the_start_of_the_month_runs_from_its_first_day_to_the_statement(topic_file, lang, text):
    assert _periods(topic_file, lang, text) == [(1200, "2023-02-01", "2023-02-20")]


@pytest.mark.parametrize("headings_in_body", [True, False])  # (a page layout may leave short heading lines out)
def test_a_timelines_dated_heading_dates_the_statements_under_it(topic_file, headings_in_body):
    import re

    text = ("Les dates clés du séisme\n"
            "6 février 2023 – Le séisme\n"
            "AFAD annonce qu'au moins 1 200 personnes ont été tuées.\n"
            "8 février 2023 – Le bilan s'alourdit\n"
            "AFAD annonce qu'au moins 5 000 personnes ont été tuées.\n")
    doc = _doc(text, "fr", FEB_20)
    body = tuple(Span(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)
                 if headings_in_body or "–" not in m.group(0))
    doc = replace(doc, articles=(replace(doc.articles[0], body=body),))
    found = [(c.value, c.time_end) for c in Extractor("fr", topic_file).extract(doc)]
    assert found == [(1200, "2023-02-06"), (5000, "2023-02-08")]


def test_a_date_without_a_year_under_a_timelines_heading_is_of_the_headings_year(topic_file):
    import re

    text = ("Les dates clés\n"
            "Janvier-février 2022 – Les premiers bilans\n"
            "Fin février, AFAD annonce qu'au moins 1 200 personnes ont été tuées.\n")
    doc = _doc(text, "fr", FEB_20)
    body = tuple(Span(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text))
    doc = replace(doc, articles=(replace(doc.articles[0], body=body),))
    assert [(c.value, c.time_start, c.time_end) for c in Extractor("fr", topic_file).extract(doc)] == \
        [(1200, None, "2022-02-28")]  # "Fin février" dates the statement, of 2022
