"""Across sentences: carry sources and periods forward, and make the claims of an article.

The components look at one sentence; an article is read in order here:
- a pronoun or bare noun speaker ("Il a ajouté", "Ces rapports", "l'agence précise") takes
  the last named speaker of the article;
- a sentence with no cue in the conditional (reported speech) keeps the speaker its
  paragraph opened with;
- "le même mois" takes the month last named; relative periods resolve against the
  article's date, and stay unresolved when the article has none;
- "2 000 d'entre eux" counts what the figure before counted;
- a bare figure with no cue of its own ("une proportion plus modeste, d'un tiers") continues
  the series of its paragraph's last claim of the same unit;
- a figure in a bullet summary or the headline, with no source or period of its own,
  takes those of the same figure in the body.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc

from ..lang import UPPER, fold, load_language
from ..records import TIME_UNITS, Article, Claim, Document
from ..topic import Topic
from . import memo
from .attribution import POSSESSIVE, capitals_label
from .choose import SourceChooser, candidates, shipped_chooser
from .figures import FigureInfo, figures_of
from .kinds import SHARE_UNITS, KindReader
from .measures import OTHER, akin, select_measure
from .periods import is_day, month_end, resolve
from .timeexpr import TimeFinder

SAME_DAY = {"past:hour:24", "past:day:1"}
AHEAD_RELATIVE = ("next:", "tomorrow", "next_year")  # periods to come: "over the next three years", "tomorrow", "next year"
DAY_RELATIVE = ("weekday", "yesterday", "today", "tomorrow", "this_week", "last_week", "past:day", "past:hour")  # "in the past 24 hours" is the day of the statement


def _bound(d, start: bool) -> date:
    """A partial date's first or last day: 2025-11 -> 2025-11-01 or 2025-11-30."""
    v = d.value
    if d.precision == "year":
        return date(v.year, 1, 1) if start else date(v.year, 12, 31)
    if d.precision == "month":
        return date(v.year, v.month, 1) if start else month_end(v.year, v.month)
    return v


@dataclass(slots=True)
class _Said:
    name: str
    via: tuple[str, ...]
    label: bool = False  # the paragraph opens with "Name :", so everything in it is theirs
    answer: bool = False  # "A: ...": an interview's answer, by the one the lead introduces


@dataclass(frozen=True, slots=True)
class _Before:
    """The figure before: who gave it, in which sentence, and what it counts."""

    source: str | None
    via: tuple[str, ...]
    sentence: int
    measure: str


SUMMARY_ROUNDING = 0.05  # "60,000" in a headline for the body's "60,034"


def _country_key(name: str) -> str:
    words = fold(name).split()
    return " ".join(words[1:] if words[:1] in (["the"], ["la"], ["le"]) else words)


class Discourse:
    def __init__(self, topic: Topic, lang: str, seasons: dict, bullets: tuple[str, ...], units: dict[str, str],
                 titles: frozenset[str] = frozenset(), since: tuple[str, ...] = (),
                 chooser: SourceChooser | None = None):
        self.topic = topic
        self.titles = titles  # words before a name that are not part of it ("President", "Gen.")
        self.units = units
        self.seasons = seasons
        self.bullets = bullets
        language = load_language(lang)
        # the language's articles as a name's first word ("The Lancet", "Le Monde")
        self.name_articles = tuple(a[:1].upper() + a[1:] for a in language.data["grammar"].get("articles", []) if a.isalpha())
        # "Ashraf al-Qidreh", then "le docteur Qidreh": a particle glued to a surname is part of the full name
        particles = language.attribution.get("surname_particles", [])
        self.surname_particle = "(?:" + "|".join(re.escape(p) for p in particles) + ")?" if particles else ""
        self.events, self.event_dates = _event_pattern(
            topic, since, lang, tuple(language.time.get("not_since_an_event", [])))
        self.kinds = KindReader(language)
        running = "|".join(re.escape(fold(w)) for w in language.data["kind"].get("running_total_words", []))
        self.running_total = re.compile(rf"(?<!\w)(?:{running})(?!\w)") if running else re.compile("(?!)")
        self.time_finder = TimeFinder(language)  # for the headings of a timeline the page layout left out of the body
        joiners = [re.escape(w) for w in language.ranges["joiners"] if w[:1].isalpha()]  # "to", "à"
        self.level_joiner = re.compile(rf"\s*,?\s*(?:{'|'.join(joiners)})\s+", re.IGNORECASE)
        openers = [re.escape(w) for w in language.data["kind"].get("change_from", [])]
        self.level_words = re.compile(rf"(?<!\w)(?:{'|'.join(joiners + openers)})(?!\w)", re.IGNORECASE)
        self.plural_endings = tuple(language.data["grammar"]["plural_endings"])
        self.head_final = bool(language.data["grammar"].get("head_final", False))
        self.of_words = {fold(w) for w in language.data["grammar"].get("of", [])}
        # unit words that are more often other words ("won" the verb): never a unit read back
        self.not_read_back = frozenset(language.data["grammar"].get("units_not_read_back", [])) | frozenset(language.demonyms)
        # a reflexive pronoun makes the next word a verb ("le bilan s'élève à 205": no pupil, "élève")
        reflexives = language.data["grammar"].get("reflexive", [])
        self.reflexive = re.compile(r"(?i)(?<!\w)(?:" + "|".join(map(re.escape, reflexives)) + r")\s*$") if reflexives else None
        # the actor's names without a plural ending: "Nord-Coréens", "North Koreans" are its people
        self.actor_keys = {_singular(a, self.plural_endings) for a in topic.actor}
        # a country as a speaker, with its people's adjective: "Israel said" is the Israeli government's
        countries: dict[str, str] = language.data["attribution"].get("countries", {})
        self.countries = {_country_key(k): v for k, v in countries.items()}
        parts = sorted(language.attribution.get("part_of", []), key=len, reverse=True)
        self.part_of = re.compile(r"(?i)(?<!\w)(?:" + "|".join(map(re.escape, parts)) + r")(?!\w)") if parts else None
        going_on = sorted(language.attribution.get("continuing", []), key=len, reverse=True)
        self.continuing = re.compile(r"(?i)^\W*(?:" + "|".join(map(re.escape, going_on)) + r")(?!\w)") if going_on else None
        self._named: tuple[Document | None, bool] = (None, True)  # the last document, and whether it names the topic
        self.report_nouns = language.words("attribution", "report_nouns")
        self.question_labels = language.words("attribution", "question_labels")
        self.answer_labels = language.words("attribution", "answer_labels")
        # "We spoke to him by video call on 12 November": the day an interview's answers were given
        cues = "|".join(re.escape(w) for w in language.attribution.get("interview_date_cues", []))
        self.interview_cue = re.compile(rf"(?<!\w)(?:{cues})(?!\w)[^\n]{{0,60}}", re.IGNORECASE) if cues else None
        self.interview_date_links = {fold(w) for w in language.attribution.get("interview_date_links", [])}
        self.first_question = re.compile(r"(?im)^\s*(?:" + "|".join(map(re.escape, self.question_labels)) + r")\s*[.:]")
        roles = sorted({fold(r) for r in language.attribution.get("journalist_roles", [])}, key=len, reverse=True)
        self.journalist_roles = re.compile(r"(?i)(?<!\w)(?:" + "|".join(map(re.escape, roles)) + r")(?!\w)") if roles else None
        self.bylines = language.words("layout", "source_line")
        self.organisation_words = language.words("attribution", "organisation_words")
        self.chooser = chooser or shipped_chooser()
        self.collect: list | None = None  # when a list: each figure's candidates, for training the chooser

    def claims(self, document: Document, index: int, article: Article, blocks: list[tuple[int, Doc]]) -> list[Claim]:
        published = article.date if article.date.value else (
            document.date if len(document.articles) <= 1 else article.date)
        if len(document.articles) <= 1 and _finer(document.date, published):
            # the page's stamp says "2023-12", its metadata (a JSONL record's date, a page's
            # <meta>) "2023-12-04": the same date, known to the day; or the two disagree and the
            # stamp is the later, an update's or the crawl's ("date 2021-12" on a 2014 wire story)
            published = document.date
        anchor = published.value if published.precision in ("day", "month") else None
        self._day_known = published.precision == "day"  # a weekday or "hier" needs the day itself
        in_topic = self._names_topic(document)
        interviewed = self._interviewed_on(document, article, anchor)  # the day of an interview's answers, if the lead gives it
        lead = _lead(document, article)  # where the article's lead starts: the lines above it sum up the body
        last: _Said | None = None
        previous_period = None
        last_unit = None
        said_at: dict[str, tuple] = {}  # speaker (as the topic names them) -> the date of their statement, once given
        mentioned: list[str] = []  # the sources named so far, speakers or not, in order
        recent: list[str] = []  # those of the sentence before
        out: list[_Found] = []
        out_blocks: list[int] = []  # the block each of them stands in
        spoke: list[tuple[str, tuple[str, ...], int, int]] = []  # who spoke, in which sentence and block
        sentence_no = 0
        headline_names: set[str] = set()  # the sources the headline names
        chosen_so_far: list[str | None] = []  # the rule's source of each earlier figure
        last_claim: _Before | None = None  # the figure before
        introduced: _Said | None = None  # who gives the report that a sentence ending in a colon introduced
        section = None  # the date a timeline's heading gives the paragraphs under it, and its words
        for block_no, (offset, doc) in enumerate(blocks):
            series: tuple[str, str] | None = None  # (unit, measure) of the paragraph's last claim
            # a headline's "Guerre en Ukraine : ..." is a kicker, not a speaker's label ("Budanov: ..." is one)
            headline = bool(article.body) and offset == article.body[0].start
            paragraph: _Said | None = self._label_speaker(doc, document, offset, known_only=headline)
            # read once a block, not once a figure; the dateline opens the first paragraph, after the
            # headline and a byline
            datelines = self._datelines(doc) if block_no < DATELINE_BLOCKS else ()
            # "13 octobre 2023 – Premières preuves de livraisons": a timeline's heading dates its section
            section = self._heading(document, blocks, block_no, anchor, said_at) or section
            # a date with no year, a weekday, "fin février", under a timeline's heading: of the heading's time
            dated_by = section[0][1] if section is not None else anchor
            for sent_start, sent_end, speaker in doc._.speakers:
                here = self.topic.mention_spans(memo.text(doc)[sent_start:sent_end])  # (name, offset in sentence)
                if headline:
                    headline_names.update(n for n, _ in here)
                infos = [i for i in figures_of(doc) if i.keep and sent_start <= doc[i.token].idx < sent_end]
                # a figure's own speaker, when the sentence as a whole has none ("A Washington Post
                # review, published Sunday, analyzed more than 23,000 ...")
                figure_speaker = next((_Said(i.speaker, tuple(i.via)) for i in infos if i.speaker_kind == "named" and i.speaker), None)
                for k, info in enumerate(infos):
                    if info.unit_anaphor:
                        # "delivered another batch of KN-23 missiles, bringing the total to almost 250":
                        # the sentence's own counted noun before the figure, when no figure precedes it
                        # in the sentence; else what the figure before counted
                        # (and "a 14% increase in homicide offences, from 630 to 719": the levels a change of
                        # a share joins count the sentence's noun too, not percent; "51% of the vote, and
                        # González 44" stays a share)
                        reads_own = not k or (last_unit in SHARE_UNITS and self.level_words.search(
                            memo.text(doc)[infos[k - 1].figure.end:info.figure.start]) is not None)
                        own = self._unit_before(document, offset + info.figure.start, offset + sent_start) if reads_own else None
                        info.unit = own or last_unit or self._unit_before(document, offset + info.figure.start)
                        if k and info.unit in SHARE_UNITS and self._level_after_change(memo.text(doc), sent_start, infos[k - 1], info):
                            # "the FTSE fell 1.2% to 7,500": the level the change reached, no share
                            info.unit = None
                            info.why.append("counted: the level a change of a share reached is no share")
                    rule = self._source(info, last, paragraph, mentioned, recent)
                    if (rule[3] == "none" and last_claim and last_claim.source and last_claim.sentence >= sentence_no - 1
                            and (self._breaks_down(memo.text(doc)[sent_start:doc[info.token].idx])
                                 or (info.unit_anaphor and not memo.text(doc)[sent_start:info.figure.start].strip()))):
                        # "... 1,780 political prisoners, announced Foro Penal. Of this number, 114 are
                        # teenagers": a part of the figure before, given by the same source; so is a bare
                        # figure that opens its sentence ("117 camions ..., a précisé l'OCHA. 60 contenaient ...")
                        rule = (last_claim.source, last_claim.via,
                                [f"discourse: a part of the figure before, from {last_claim.source!r}"], "part")
                    if rule[3] == "none" and introduced is not None:
                        # "UNRWA issued the following report on November 16: ... 103 UNRWA colleagues have
                        # been killed": what the report says is the report's
                        rule = (introduced.name, introduced.via, [f"discourse: in the report {introduced.name!r} introduced"], "report")
                    source, via, why = rule[0], rule[1], list(rule[2])
                    if self.chooser.weights or self.collect is not None:
                        context = {"sentence_named": info.speaker_kind == "named", "conditional": info.conditional,
                                   "quote": info.in_quote, "headline": headline, "hedged": info.hedged,
                                   "planned": info.status == "planned"}
                        at = doc[info.token].idx - sent_start
                        cands = candidates(rule, spoke, sentence_no, block_no, context, self.topic.canonical_source,
                                           mentions=[(n, o < at) for n, o in here], headline=headline_names,
                                           earlier_sources=chosen_so_far)
                        chosen, cwhy = self.chooser.choose(cands)
                        source, via, why = chosen.name, chosen.via, [*chosen.why, cwhy]
                    chosen_so_far.append(rule[0])
                    if self.collect is not None:
                        before = document.text[:offset + info.figure.start]
                        self.collect.append((document.name, offset + info.figure.start, offset + info.figure.end,
                                             [(self._full_name(c.name, before, [])[0], c.features) for c in cands]))
                    period, twhy = self._period(info, dated_by, previous_period, datelines)
                    if period is not None and info.age:
                        # "Yair Roitman, 19 ans, ... blessé le 10 juin": an age is the person's when it is said
                        period, twhy = None, "time: an age: the statement's date bounds it"
                    if (info.status == "actual" and period is not None and period[0] is not None and published.value is not None
                            and period[0].year > published.value.year):
                        # "unemployment is predicted to fall to 5.3% in 2016", written in 2014: what is
                        # counted lies in a year after the article's, so it is to come
                        info.status = "planned"
                        twhy = f"{twhy}; status: the period starts in a year after the publication's -> planned"
                    said, swhy = self._said_on(info, dated_by, said_at.get(self._said_key(source)) if source else None, source,
                                               interviewed if paragraph is not None and paragraph.answer else None)
                    if said is None:
                        said, swhy = self._heading_date(datelines, section, anchor, swhy)
                    since = self._since_event(doc, info, sent_start, sent_end)
                    period, twhy = _event_day(period, twhy, since, info, memo.text(doc))
                    stated = period is not None or since is not None
                    period, twhy, said_bound = self._bounded(period, twhy, info.status, said, swhy, published, since)
                    source, why = self._full_name(source, document.text[:offset + info.figure.start], why)
                    if source and source not in self.topic.sources:
                        source, why = self._topic_name(source, why)
                    source, via, why = _unless_an_age_beside_a_name(info, source, via, why)
                    counted_as = info.unit  # the unit the measure is chosen by
                    if self._is_demonym(info.concept) and info.unit not in SHARE_UNITS:  # "41% of Gaza" stays a share
                        counted_as, uwhy = self._demonym_unit(info)
                        if info.unit in self.topic.actor_units:
                            # "60,034 Palestinians": the people themselves, where the topic counts them so;
                            # their measure is still the one their cue gives the actor's people
                            uwhy = f"counted: {info.concept!r} are people of the actor, a unit of the topic's"
                        else:
                            info.unit = counted_as
                        why = [*why, uwhy]
                    if in_topic:
                        measure, mwhy = select_measure(self.topic, counted_as, info.clause_words, info.concept, info.governors,
                                                       info.restated_words)
                    else:
                        if info.plain_unit:
                            why = [*why, f"counted: the page names nothing of {self.topic.id}: {info.unit} -> {info.plain_unit}"]
                            info.unit = info.plain_unit
                        measure, mwhy = OTHER, f"measure: the page names nothing of {self.topic.id}"
                    if (measure == OTHER and info.concept is None and series and series[0] == info.unit
                            and mwhy.startswith("measure: no measure")):
                        # "... les deux tiers de ces munitions. Le Pentagone avançait un tiers.": a bare
                        # figure with no cue of its own goes on with the paragraph's series
                        measure, mwhy = series[1], f"measure: a bare figure continues the paragraph's {series[1]}"
                    if (measure == OTHER and last_claim and last_claim.sentence >= sentence_no - 1
                            and info.unit and any(akin(info.unit, u) for u in getattr(self.topic.measure(last_claim.measure), "units", ()))
                            and self.part_of
                            and self.part_of.search(memo.text(doc)[sent_start:doc[info.token].idx])):
                        # "... 1,780 political prisoners. Of this number, 114 are teenagers": a part of
                        # the figure before counts what it counts, in a unit of its measure
                        measure, mwhy = last_claim.measure, f"measure: a part of the figure before, {last_claim.measure}"
                    series = (info.unit, measure) if info.unit else series
                    claim = self._claim(document, index, article, offset, doc, info, source, via, period,
                                        measure, [*why, twhy, mwhy])
                    out.append((claim, self._is_summary(article, offset, doc, lead), stated, said_bound))
                    last_claim = _Before(source, via, sentence_no, measure)
                    if info.unit:
                        last_unit = info.unit
                owner = (doc._.data_owners or {}).get(sent_start)
                if owner is not None:
                    self._give_back(out, out_blocks, block_no, owner)
                out_blocks.extend([block_no] * (len(out) - len(out_blocks)))
                # this sentence's speaker carries forward, with the date of the statement
                sentence_no += 1
                if speaker.kind == "anaphor" and speaker.hint:
                    antecedent = self._antecedent(speaker.hint, mentioned)
                    if antecedent:
                        last = _Said(antecedent, ())
                introduced = self._introduces(doc, sent_start, sent_end, speaker, here) or introduced
                recent = [name for name, _ in here]
                mentioned.extend(recent)
                if speaker.kind == "named":
                    mentioned.append(speaker.name)
                    last = _Said(speaker.name, speaker.via)
                    paragraph = paragraph or last
                elif figure_speaker is not None and speaker.kind != "anaphor":
                    last = figure_speaker  # "... It found Maduro received about 30 percent": the review's
                who = speaker.name if speaker.kind == "named" else (last.name if speaker.kind == "anaphor" and last else None)
                if who:
                    spoke.append((who, speaker.via if speaker.kind == "named" else last.via, sentence_no, block_no))  # type: ignore[union-attr]
                when = self._statement_date(doc, sent_start, sent_end, infos, dated_by)
                if who and when:
                    said_at[self._said_key(who)] = when
                elif figure_speaker is not None and speaker.kind != "anaphor":
                    # a figure's own speaker dates their statement too ("Foro Penal confirmed a total
                    # of 1,674 ..., according to a report they offered on Friday, August 23. Of the
                    # total, 1,458 are men"), by the days of their own figures only ("évoquait au
                    # printemps « près de 60 % »" dates that one figure, not what the source says next)
                    own_figures = [i for i in infos if i.speaker_kind == "named" and i.speaker == figure_speaker.name]
                    when = self._statement_date(doc, sent_start, sent_end, own_figures, dated_by, days_only=True)
                    if when:
                        said_at[self._said_key(figure_speaker.name)] = when
                previous_period = self._latest_period(doc, sent_start, sent_end, dated_by, previous_period)
        return self._summaries_from_body(out)

    def _names_topic(self, document: Document) -> bool:
        """Whether the page names the topic (read once a document, not once an article): if not,
        its figures take the language's own units ("13 members", not soldiers) and no measure."""
        if self._named[0] is not document:
            self._named = (document, self.topic.named_in(document.text))
        return self._named[1]

    # -- sources -------------------------------------------------------------------

    def _breaks_down(self, before: str) -> bool:
        """The words before the figure in its sentence open a part of an earlier figure ("Of this
        number, ..."), or the sentence goes on with the one before ("In addition, 1,567 are adults")."""
        return bool((self.part_of and self.part_of.search(before)) or (self.continuing and self.continuing.match(before)))

    def _give_back(self, out: list[_Found], out_blocks: list[int], block_no: int, owner) -> None:
        """'... around 69,000 people out of a total of 234,000. The figures were declared on Thursday
        by the Government delegate, Pilar Bernabe': the figures said before with no source, back to
        one that has a source (and no further than two paragraphs back), are the owner's; so are
        the sentence's own."""
        name, why = owner.name, [f"attribution: {owner.cue} -> named {owner.name}, said after the figures"]
        if name not in self.topic.sources:
            name, why = self._topic_name(name, why)
        for k in range(len(out) - 1, -1, -1):
            claim, summary, stated, said = out[k]
            if claim.source is not None or (k < len(out_blocks) and out_blocks[k] < block_no - 2):
                break
            out[k] = (replace(claim, source=name, via=tuple(v for v in owner.via if v != name),
                              why=(*claim.why, *why)), summary, stated, said)

    def _introduces(self, doc: Doc, start: int, end: int, speaker, here) -> _Said | None:
        """A sentence that ends in a colon and announces a report, statement or figures of a
        named source ("UNRWA issued the following report:", "Le ministère a publié le bilan
        suivant :"): that source, for the figures that follow with none of their own."""
        if not memo.text(doc)[start:end].rstrip().endswith(":"):
            return None
        report = next((t.idx - start for t in doc.char_span(start, end, alignment_mode="expand") or ()
                       if fold(t.text) in self.report_nouns or fold(t.lemma_) in self.report_nouns), None)
        if report is None:
            return None
        if speaker.kind == "named" and speaker.name:
            return _Said(speaker.name, speaker.via)
        return _Said(here[0][0], ()) if here and here[0][1] < report else None  # the source named before its report

    def _topic_name(self, source: str, why: list[str]) -> tuple[str, list[str]]:
        """A name the topic lists another way: spelt otherwise ("Ashraf al-Qedra"), or a country
        standing for its government ("Israel" for the topic's "Israeli government")."""
        worded = self.topic.source_by_words(source) or self.topic.source_by_part(source, self.head_final)
        if worded:
            return worded, [*why, f"discourse: {source!r} is {worded!r} by its words"]
        spelt = self.topic.source_by_spelling(source)
        if spelt:
            return spelt, [*why, f"discourse: {source!r} is {spelt!r} spelt another way"]
        people = self.countries.get(_country_key(source))
        government = self.topic.source_by_spelling(f"{people} government") if people else None
        if government:
            return government, [*why, f"discourse: the country {source!r} speaks as its government, {government!r}"]
        owner, _, body = source.partition("'s ") if "'s " in source else source.partition("’s ")
        people = self.countries.get(_country_key(owner)) if body[:1].isupper() else None
        if people:
            # "Ukraine's Air Force": the country's body, named in English as "Ukrainian Air Force"
            named = f"{people} {body}"
            return (self.topic.canonical_source(named) or named), [*why, f"discourse: {source!r} is {named!r}"]
        return source, why

    def _said_key(self, name: str) -> str:
        """A speaker as the topic names them: "the enclave's Health Ministry reported Tuesday. The
        ministry said ...": both sentences are the Gaza Health Ministry's, said on Tuesday."""
        return self._topic_name(name, [])[0]

    def _level_after_change(self, text: str, sent_start: int, before: FigureInfo, info: FigureInfo) -> bool:
        """'fell 1.2% to 7,500', 'a perdu 1,5 % à 7 200': a figure joined to a change by 'to'."""
        between = text[before.figure.end:info.figure.start]
        return bool(self.level_joiner.fullmatch(between)) and self.kinds.read(
            text[sent_start:before.figure.start], text[before.figure.end:], before.unit)[0] == "change"

    def _unit_before(self, document: Document, at: int, since: int | None = None) -> str | None:
        """'Les soldats ... au moins 200 d'entre eux': the last counted noun named before the figure
        (within 400 characters; or since `since`, names aside: "Ukraine's General Staff")."""
        import re

        best = None
        text = document.text[max(0, at - 400) if since is None else since:at]
        for m in re.finditer(r"[^\W\d_]+", text):
            if since is not None and m.group(0)[0].isupper():
                continue
            if self.reflexive and self.reflexive.search(text, max(0, m.start() - 4), m.start()):
                continue  # "s'élève": a verb
            if text[m.end():m.end() + 1] == "-":
                continue  # "police-recorded homicides": the first part of a compound modifies what is counted
            w = m.group(0).casefold()
            for key in (w, w[:-1] if w.endswith(self.plural_endings) else w):
                # "d'entre eux" never counts units of time
                if key in self.units and " " not in key and self.units[key] not in TIME_UNITS and w not in self.not_read_back:
                    best = self.units[key]
        return best

    def _full_name(self, name: str | None, before: str, why: list[str]) -> tuple[str | None, list[str]]:
        """'Park' -> 'Soo-jin Park': a surname alone takes the full name the article gave it earlier
        (titles aside: 'President', 'Gen.'); a name the topic knows stays as the topic writes it."""
        import re

        if not name or not name[:1].isupper() or self.topic.canonical_source(name):
            return name, why
        if self.name_articles and not name.startswith(tuple(f"{a} " for a in self.name_articles)):
            # "published in The Lancet", then "The Lancet said": the capital article mid-sentence is the name's own
            own = re.search(rf"(?<=[\w,;:] )({'|'.join(self.name_articles)}) {re.escape(name)}(?![\w'’-])", before)
            if own:
                return f"{own.group(1)} {name}", [*why, f"discourse: {name!r} is {own.group(0)!r}, named so earlier"]
        if " " in name:
            return name, why
        if _country_key(name) in self.countries:
            return name, why  # "according to Israel": a country, which no earlier "Both Israel" completes
        # given names on the same line, an initial or a title's abbreviation the only ones with a
        # full stop: "Jeremy Corbyn.\n\nOpinium said" is no "Jeremy Corbyn Opinium"
        word = rf"[{UPPER}](?:[\w'’-]*|[\w'’-]{{0,2}}\.)"
        for m in re.finditer(rf"((?:{word}[ \t\u00a0]+){{1,3}})({self.surname_particle}){re.escape(name)}\b", before):
            given = [w for w in m.group(1).split() if fold(w).rstrip(".") not in self.titles]
            preceding = before[max(0, m.start() - 12):m.start()].split()
            if len(given) > 1 and preceding and fold(preceding[-1]) in self.of_words:
                given = given[1:]  # "du ministère de la Santé du Hamas Ashraf al-Qidreh": what the of-word names is no given name
            if given:
                # two given names at most ("Abdel Fattah al-Burhan"); one where the topic knows the name so
                # ("du Hamas Ashraf al-Qidreh": 'Ashraf al-Qidreh', not 'Hamas Ashraf al-Qidreh')
                shortest = " ".join([given[-1], m.group(2) + name])
                known = self.topic.canonical_source(shortest) or self.topic.source_by_spelling(shortest)
                full = shortest if known else " ".join([*given[-2:], m.group(2) + name])
                return full, [*why, f"discourse: {name!r} is {full!r}, named so earlier"]
        return name, why

    def _is_demonym(self, concept: str | None) -> bool:
        """'4 000 Nord-Coréens', '12,000 North Koreans': the actor's people, with no other noun."""
        if not concept:
            return False
        return _singular(concept, self.plural_endings) in self.actor_keys

    def _demonym_unit(self, info: FigureInfo) -> tuple[str, str]:
        """The actor's people counted: the unit whose measure the clause's words select by a cue
        ('ont été tués' -> soldier, 'brought to the Alabuga plant' -> worker), else the first."""
        units = self.topic.actor_units or ("person",)  # a topic that names an actor but not its units
        for unit in units:
            _, mwhy = select_measure(self.topic, unit, info.clause_words, None, info.governors)
            if " near a " in mwhy or " governs the " in mwhy:
                return unit, f"counted: {info.concept!r} are people of the actor; the clause's cue makes them {unit}s"
        return units[0], f"counted: {info.concept!r} are people of the actor, counted as {units[0]}s"

    def _antecedent(self, hint: str, mentioned: list[str]) -> str | None:
        """The latest source named so far that the anaphor's noun fits ('l'agence' -> an agency)."""
        if hint == "self":
            return None  # the first person is the paragraph's speaker, not an earlier source
        if hint == "same":
            return mentioned[-1] if mentioned else None
        if hint == POSSESSIVE:
            return None  # "Its", "Their": the last speaker, or the source named just before (_source)
        found = next((m for m in reversed(mentioned) if self.topic.aliases_mention(m, hint)), None)  # every word of the hint
        words = hint.split()
        if found is None and len(words) > 1:
            # "l'agence d'espionnage" where the NIS's names say "agence de renseignement": its head noun alone
            head = words[-1] if self.head_final else words[0]
            found = next((m for m in reversed(mentioned) if self.topic.aliases_mention(m, head)), None)
        return found

    def _label_speaker(self, doc: Doc, document: Document, offset: int, known_only: bool = False) -> _Said | None:
        """'Mathieu Lefort : ...', 'M. L. : ...': a paragraph a named speaker opens with a colon (interviews, transcripts)."""
        import re

        text = memo.text(doc)
        m = re.match(r"\s*([^\W\d][^:\n]{0,40}?)\s*:\s+\S", text)
        if not m or len(m.group(1).split()) > 5 or text[:m.end()].count("«"):
            return None
        label = m.group(1).strip(" —–-")
        canonical = self.topic.canonical_source(label)
        if canonical:
            return _Said(canonical, (), label=True)
        if known_only:
            return None
        if fold(label) in self.answer_labels:
            interviewee = self._interviewee(document.text[:offset])
            return _Said(interviewee, (), label=True, answer=True) if interviewee else None
        if len(label) == 1 or fold(label) in self.question_labels or self._journalist(label, document.text[:offset]):
            return None  # the interviewer, a letter, the outlet's own journalists: no source
        if capitals_label(label):
            return None  # "EXAGÉRÉ : ...", "UPDATE: ...": a fact-check's verdict, a kicker
        initials = re.fullmatch(rf"((?:[{UPPER}]\.\s*){{1,3}})", label)
        if initials:
            letters = re.findall(f"[{UPPER}]", label)
            names = re.findall(rf"\b([{UPPER}][\w-]+(?:\s+[{UPPER}][\w-]+){{1,2}})\b", document.text[:offset])
            match = next((n for n in names if [w[0] for w in n.split()] == letters), None)
            return _Said(match, (), label=True) if match else None
        words = [w for w in text[m.end() - 1:].split("\n", 1)[0].split() if len(w) > 3]
        if len(words) >= 4 and sum(w[:1].isupper() for w in words) > 0.6 * len(words):
            return None  # "Deep Look: Gaza War Death Toll Surpasses 60,000": a kicker before a headline in title case
        if label[:1].isupper() and all(w[:1].isupper() for w in label.split() if len(w) > 3):
            return _Said(label, (), label=True)
        return None

    def _interviewed_on(self, document: Document, article: Article, anchor: date | None):
        """The day the lead says the interview took place ("We spoke to him by video call on 12
        November", "Propos recueillis le 3 mars"), for the figures of its answers."""
        if self.interview_cue is None:
            return None
        text = document.text[article.span.start:article.span.end]
        first_question = self.first_question.search(text)
        lead = text[:first_question.start()] if first_question else text
        for m in self.interview_cue.finditer(lead):
            segment = m.group(0)
            for x in self.time_finder.find(segment):
                # "on 12 November", "le 3 mars": the interview's day, not one it speaks of ("the floods of 14 July")
                if fold(segment[:x.start]).split()[-1:] not in ([w] for w in self.interview_date_links):
                    continue
                p = self._resolve(x, anchor) if x.kind == "day" or (x.relative or "").startswith(DAY_RELATIVE) else None
                if p is not None and p[1] is not None and p[0] == p[1]:
                    return p, f"time: the interview took place {x.text.strip()!r}"
        return None

    def _interviewee(self, before: str) -> str | None:
        """Who answers an interview set as questions and answers: the first person the lead names
        (before the first question), quotations, bylines, countries and organisations aside."""
        first_question = self.first_question.search(before)
        lead = before[:first_question.start()] if first_question else before
        lead = re.sub(r"[“«\"][^”»\"\n]*[”»\"]", " ", lead)
        word = rf"[{UPPER}][\w'’-]+"
        for m in re.finditer(rf"\b({word}(?:[ \t]+{word}){{1,2}})\b", lead):
            words = m.group(1).split()
            line = lead[lead.rfind("\n", 0, m.start()) + 1:m.start()].strip(" :").lower()
            if line in self.bylines or any(w.isupper() or fold(w) in self.organisation_words for w in words):
                continue
            if fold(words[0]).rstrip(".") in self.titles or _country_key(m.group(1)) in self.countries \
                    or any(_country_key(w) in self.countries for w in words):
                continue
            return m.group(1)
        return None

    def _journalist(self, label: str, before: str) -> bool:
        """A label that names one of the outlet's journalists, introduced so earlier on its line
        ("Avec nos correspondants Camille Perrot à Séoul", "Présentation : Anne-Sophie Delmas")."""
        if self.journalist_roles is None:
            return False
        for line in fold(before).splitlines():
            at = line.find(fold(label))
            if at > 0 and self.journalist_roles.search(line[:at]):
                return True
        return False

    def _source(self, info: FigureInfo, last: _Said | None, paragraph: _Said | None, mentioned: list[str],
                recent: list[str]):
        if info.speaker_kind == "named":
            return info.speaker, info.via, [], "sentence"
        if info.speaker_hint == "self" and paragraph and paragraph.label:
            return paragraph.name, (), [f"discourse: the first person of {paragraph.name!r}'s answer"], "label"
        if info.speaker_kind == "anaphor" and info.speaker_hint:
            antecedent = self._antecedent(info.speaker_hint, mentioned)
            if antecedent:
                return antecedent, (), [f"discourse: {info.speaker_hint!r} refers back to {antecedent!r}"], "anaphor"
        if info.speaker_kind == "anaphor":
            if last:
                return last.name, last.via, [f"discourse: anaphoric speaker -> last named {last.name!r}"], "anaphor_last"
            if info.speaker_hint == POSSESSIVE and recent:
                # "Ukraine's military intelligence released new figures. Their tally ...": nobody has
                # spoken yet, so the owner is the source the sentence before named
                return recent[-1], (), [f"discourse: possessive owner -> {recent[-1]!r}, named just before"], "possessive"
            return None, (), ["discourse: anaphoric speaker with no antecedent"], "anaphor_none"
        if info.speaker_kind == "unnamed":
            return None, info.via, ["discourse: the speaker names nobody"], "unnamed"
        if paragraph and (info.conditional or info.in_quote or paragraph.label):
            return paragraph.name, paragraph.via, [f"discourse: reported speech continues the paragraph of {paragraph.name!r}"], "paragraph"
        if info.reported and last:
            # "Sur l'ensemble de l'année 2024, les livraisons auraient atteint 4,2 millions d'obus", paragraphs
            # after the report's authors spoke: the conditional of hearsay reports the last to speak
            return last.name, last.via, [f"discourse: reported speech (conditional) continues {last.name!r}, the last to speak"], "conditional"
        return None, (), [], "none"

    # -- time ----------------------------------------------------------------------

    def _period(self, info: FigureInfo, anchor: date | None, previous, datelines=()):
        """The period the figure's own clause names, if any; a period to come ("over the next three
        years", "tomorrow") makes a done figure planned, with or without the article's date."""
        ahead = ""
        if info.status == "actual" and info.times and (info.times[0].relative or "").startswith(AHEAD_RELATIVE):
            info.status, ahead = "planned", "; status: the period is to come -> planned"
        for x in info.times:
            if x in datelines:
                continue  # "Gaza, Dec 5 The death toll ...": the dateline dates the statement, not the figure
            if x.relative == "today" and info.status != "planned":
                continue  # "fewer than 8,000 are at the front today": what is the case when it is said
            p = self._resolve(x, anchor, previous, ahead=info.status == "planned")
            if p is not None:
                if x.relative in SAME_DAY:  # "in the past 24 hours": the day of the statement
                    p = (p[1], p[1])
                return p, f"time: {x.text!r} -> period{ahead}"
        if info.times and anchor is None:
            return None, f"time: {info.times[0].text!r} cannot be resolved without the article's date{ahead}"
        return None, f"time: none stated{ahead}"

    _day_known = True

    def _resolve(self, x, anchor: date | None, previous=None, ahead: bool = False):
        """`resolve` against the article's date; a day named relative to it ("lundi", "hier",
        "last week") only when that date is known to the day, not to the month."""
        if x.kind == "relative" and (x.relative or "").startswith(DAY_RELATIVE) and not self._day_known:
            return None
        if x.kind == "day" and x.year is None and x.mode == "since" and anchor is not None:
            # "depuis le 7 octobre" in a story of the war that began on 7 October 2023, written a
            # year on: the day of the topic's event, not the last 7 October
            event = next((e.date for e in self.topic.events if (e.date.month, e.date.day) == (x.month, x.day)
                          and e.date <= anchor), None)
            if event is not None:
                x = replace(x, year=event.year)
        return resolve(x, anchor, previous, self.seasons, ahead=ahead, anchor_month_only=not self._day_known)

    def _heading_date(self, datelines: tuple, section, anchor: date | None, swhy: str):
        """With no date of its own, a statement is dated by the article's dateline, else by the
        heading of its timeline's section."""
        if datelines:
            said = self._resolve(datelines[0], anchor)
            if said is not None:
                return said, f"time: the dateline {datelines[0].text!r} dates the statement"
        if section is not None:
            return section[0], f"time: the section's heading {section[1]!r} dates the statement"
        return None, swhy

    def _heading(self, document: Document, blocks: list[tuple[int, Doc]], block_no: int, anchor: date | None,
                 said_at: dict[str, tuple]):
        """The date of the timeline heading that opens the block, if one does (in its first line or in
        the lines the layout left out of the body before it). A new heading's date ends the carry of
        speakers' statement dates: what they said under the heading before was said then."""
        offset, doc = blocks[block_no]
        gap_start = blocks[block_no - 1][0] + len(memo.text(blocks[block_no - 1][1])) if block_no else offset
        heading = self._section_date(document.text[gap_start:offset] + "\n" + memo.text(doc).partition("\n")[0], anchor)
        if heading is not None:
            said_at.clear()
        return heading

    def _section_date(self, lines: str, anchor: date | None):
        """The last line of `lines` that a date opens before a dash ('13 octobre 2023 – Le sommet',
        'June 19, 2024 — A treaty'): a timeline's heading, which dates the statements under it. The
        lines are the block's own and those the page layout left out of the body just before it."""
        found = None
        for line in lines.splitlines():
            if not HEADING_DASH.search(line[:60]):
                continue  # (most lines: no dash near their start, no heading; the time finder is not run)
            # (at the line's start, or after the first month of a span: "Janvier-février 2024 – ...")
            first = next((x for x in self.time_finder.find(line[:40]) if x.kind in ("day", "month", "part_month", "month_range")
                          and re.fullmatch(r"\s*(?:[^\W\d]+\s*[-–]\s*)?", line[:x.start])), None)
            if first is None or not re.match(r"\s*[–—-]\s", line[first.end:first.end + 4]):
                continue
            p = self._resolve(first, anchor)
            if p is not None and p[1] is not None:
                found = (p, first.text)
        return found

    @staticmethod
    def _datelines(doc: Doc) -> tuple:
        """A day at the head of the article's first block after a place ("Gaza, Dec 5 ...",
        "PARIS, 3 novembre (AFP) -"): when the story was filed."""
        import re

        text = memo.text(doc)
        return tuple(x for x in doc._.times if x.kind == "day" and x.start < 60 and
                     re.fullmatch(rf"(?:\s*date \S+\s+)?\s*[{UPPER}][\w'’ .-]{{0,30}},\s*", text[:x.start]))

    def _said_on(self, info: FigureInfo, anchor: date | None, earlier, source: str | None, interviewed=None):
        """The day the figure was stated: a date the statement gives ('a déclaré lundi'), else
        the date its speaker's statement was given earlier in the article, else, in an interview's
        answer, the day the lead gives the interview (`interviewed`: (period, why))."""
        for x in info.statement_times:
            p = self._resolve(x, anchor)
            if p is not None and p[1] is not None:
                return p, f"time: {x.text!r} dates the statement"
        if earlier is not None:
            return earlier, f"time: the date of {source!r}'s statement, given earlier"
        return interviewed or (None, "")

    def _since_event(self, doc: Doc, info: FigureInfo, start: int, end: int):
        """'since the start of the invasion': the topic's dated event the figure's sentence runs from:
        (its date, why, where its name ends in the Doc's text)."""
        if not self.events:
            return None
        m = self.events.search(fold(memo.text(doc)[start:end]))
        if m is None:
            return None
        which = next(k for k, v in m.groupdict().items() if k != "event" and v is not None)
        when, name = self.event_dates[which]
        return when, f"time: since {name!r}, the topic's event", start + m.end()

    @staticmethod
    def _bounded(period, why: str, status: str, said: date | None, swhy: str, published, since):
        """The GUIDE's time rule: a stated period as stated ("since X" ending at the statement);
        with none, the date of the statement bounds the figure: a done or current figure ends
        then, a planned one starts then. The statement's date is the one the text gives, else
        the article's (a month or a year: its end, or its start for a planned figure). The third
        value: whether the statement's date the text gives bounds the figure."""
        planned = status == "planned"
        if period is None and since is None and said is not None and None not in said and said[0] != said[1] and (  # type: ignore[index, operator]
                planned or (said[1] - said[0]).days > 31):  # type: ignore[index]
            # a plan stated in a month ("en juin, Choïgou avait confirmé qu'il dépêcherait ..."), or
            # a quarter or a year, which dates what was counted more than when it was said: that
            # period; a done figure said in a month is bounded by the month's end, as any statement
            return said, f"{swhy} (its period)", True
        when, wwhy = (said[1] if said else None), swhy  # type: ignore[index]
        if when is not None and published.precision == "day" and published.value is not None and when > published.value:
            # "told lawmakers earlier this month", in a page of the 27th: said by the page's day at the latest
            when, wwhy = published.value, f"{swhy}, no later than the publication date {published.iso()}"
        by_said = when is not None
        if when is None and published.value is not None:
            when = _bound(published, start=planned)
            wwhy = f"{PAGE_BOUND} {published.iso()}"
        if period is None and since is not None:
            period, why = (since[0], None), since[1]
        if period is None:
            if when is None:
                return None, why, False
            return ((when, None) if planned else (None, when)), f"{wwhy} ({'planned: from' if planned else 'up to'} then)", by_said
        lo, hi = period
        if planned and lo is not None and hi is not None and when is not None and hi <= when:
            # "unveiled on Monday a €3.8bn package", "pledged last week": the plan runs from then
            return (lo, None), f"{why}, planned: from then", False
        if lo is not None and hi is None and not planned and when is not None and when >= lo:
            return (lo, when), f"{why}, up to the statement ({wwhy.removeprefix('time: ')})", by_said
        if lo is None and hi is not None and planned and when is not None and when <= hi:
            # "will send 3,000 more by mid-January": from the statement to the deadline
            return (when, hi), f"{why}, from the statement ({wwhy.removeprefix('time: ')})", by_said
        return period, why, False

    def _statement_date(self, doc: Doc, start: int, end: int, infos: list[FigureInfo], anchor, days_only: bool = False):
        """When the sentence's speaker spoke: a statement date, or a day named in a sentence without figures."""
        for info in infos:
            for x in info.statement_times:
                if days_only and not is_day(x):
                    continue
                p = self._resolve(x, anchor)
                if p is not None and p[1] is not None:  # (an open "since October 2023" dates no statement, as in _said_on)
                    return p
        if infos:
            return None
        for x in doc._.times:
            if start <= x.start < end and is_day(x):
                p = self._resolve(x, anchor)
                if p is not None:
                    return p
        return None

    def _latest_period(self, doc: Doc, start: int, end: int, anchor, previous):
        """The sentence's main period (its first), which 'le même mois' and 'la même année' refer to."""
        for x in doc._.times:
            if start <= x.start < end and x.kind != "relative":
                p = self._resolve(x, anchor, previous)
                if p is not None and p[0] is not None:
                    return p
        return previous

    # -- claims --------------------------------------------------------------------

    def _claim(self, document, index, article, offset, doc, info, source, via, period, measure, why) -> Claim:
        f = info.figure
        sent = memo.sent_of(doc[info.token])
        start, end = offset + f.start, offset + f.end
        text = memo.text(doc)
        kind, per, kwhy = self.kinds.read(text[sent.start_char:f.start], text[f.end:sent.end_char], info.unit or f.unit)
        if f.form == "multiplier":
            kind, per, kwhy = "ratio", None, f"kind: {text[f.start:f.end]!r} multiplies -> ratio"
        why = [*why, kwhy]
        later = _later_of_two(period) if kind == "change" else None
        if later is not None:
            # "les prix ont progressé de 1,9 % entre 2011 et 2012": the change of 2012 over 2011
            period, why = later, [*why, "time: a change between two years (or months) is the later one's"]
        elif kind == "total" and info.status == "actual" and period and period[0] is not None and period[0] == period[1] \
                and self.running_total.search(fold(text[sent.start_char:f.start])):
            # "le nombre de tués était de 42 le 12 novembre", "the toll stood at 219 on Thursday": a running
            # total as it stood that day, counted up to it, not what that day alone added
            period, why = (None, period[1]), [*why, "time: a running total on that day: up to it"]
        return Claim(
            doc=document.name,
            start=start,
            end=end,
            text=document.text[start:end],
            value=f.value,
            value_high=f.value_high,
            qualifier=f.qualifier,
            unit=info.unit,
            measure=measure,
            source=source,
            via=tuple(v for v in via if v != source),  # never its own relay ("UNRWA via UNRWA")
            publisher=article.publisher or document.publisher,
            status=info.status,
            hedged=info.hedged,
            time_start=period[0].isoformat() if period and period[0] else None,
            time_end=period[1].isoformat() if period and period[1] else None,
            kind=kind,
            per=per,
            concept=info.concept,
            series=(info.concept_key or info.unit) if measure == OTHER else measure,
            sentence=memo.span_text(sent),
            sentence_start=offset + sent.start_char,
            sentence_end=offset + sent.end_char,
            article=index,
            why=tuple(w for w in [*info.why, *why] if w),
            lang=document.lang,
        )

    def _is_summary(self, article: Article, offset: int, doc: Doc, lead: int) -> str:
        """A bullet, the headline, or a line above the lead (a repeated headline, a standfirst
        after a date line): it sums up figures the body gives with their source."""
        first_body = article.body[0].start if article.body else -1
        if memo.text(doc).lstrip().startswith(self.bullets) or offset == first_body:
            return SUMMARY
        return ABOVE_LEAD if offset < lead else ""

    def _summaries_from_body(self, out: list[_Found]) -> list[Claim]:
        claims = [c for c, _, _, _ in out]
        for k, (claim, summary, stated, said) in enumerate(out):
            if not summary:
                continue
            body, body_stated, body_said = next(((c, st, sd) for c, s, st, sd in out[k + 1:]
                                                 if not s and c.value == claim.value and c.unit == claim.unit), (None, False, False))
            sourced, sourced_said = body, body_said
            if claim.source is None and (body is None or body.source is None):
                # "Gaza death toll surpasses 60,000" over "... at least 60,034, the Health Ministry said":
                # a summary rounds the body's figure of the same series; its source only, not its period.
                # A repeated headline or standfirst is the same figure with no source: look past it
                # (not past a sourced line the layout puts above the lead: "At least 60,034 ..., the
                # Health Ministry said" in a short paragraph)
                sourced, sourced_said = next(((c, sd) for c, s, _, sd in out[k + 1:] if s != SUMMARY and c.source is not None and
                                              ((c.value == claim.value and c.unit == claim.unit) or _rounds(claim, c))),
                                             (body, body_said))
                if body is None:
                    body, body_stated = sourced, False
            if body is None or sourced is None:  # (sourced is None only where body is)
                continue
            changes: dict = {}
            if claim.source is None and sourced.source is not None:
                changes.update(source=sourced.source, via=sourced.via)
            if not stated and summary == SUMMARY:  # (a line above the lead takes the source only)
                if body_stated:
                    changes.update(time_start=body.time_start, time_end=body.time_end)
                elif sourced_said and not said:
                    # "Gaza death toll surpasses 60,000" over "..., the Health Ministry reported Tuesday":
                    # the day of the statement it rounds, not the page's
                    changes.update(time_start=sourced.time_start, time_end=sourced.time_end)
            elif summary == SUMMARY and sourced_said and not said and _up_to_the_page(claim) and sourced.time_end \
                    and claim.time_end and sourced.time_end < claim.time_end:
                # "Over 18,000 children have been killed since the war began" over "..., the ministry
                # reported Tuesday": its own start, up to the day of the statement it sums up
                changes.update(time_end=sourced.time_end)
            if changes:
                note = f"discourse: summary figure takes {', '.join(sorted(changes))} of the body's [{body.start}, {body.end})"
                claims[k] = replace(claim, **changes, why=(*claim.why, note))
        return claims


DATELINE_BLOCKS = 5  # a dateline opens one of the first blocks: after the headline, a byline, an agency's line
LEAD_CHARS = 150  # a paragraph this long, ending as a sentence ends, is the article's lead
HEADING_DASH = re.compile(r"\s[–—-]\s")  # the dash between a timeline heading's date and its title
PAGE_BOUND = "time: bounded by the publication date"  # the why of a period the page's date ends
SUMMARY, ABOVE_LEAD = "summary", "above the lead"  # a headline or a bullet; another line above the lead
# a claim as the article's pass finds it: (claim, SUMMARY, ABOVE_LEAD or "", has a stated period,
# is bounded by the day the text gives for its statement)
_Found = tuple[Claim, str, bool, bool]


def _event_day(period, why: str, since, info: FigureInfo, text: str):
    """'since the war began in October 2023', 'since the earthquake struck in February 2023': the
    month the text gives right after the event's name (a word at most between them) holds the
    topic's day of that event, which the period then starts on."""
    x = info.times[0] if info.times else None
    if (since is None or period is None or period[0] is None or period[1] is not None or x is None
            or x.month is None or x.day is not None or x.start < since[2]
            or not re.fullmatch(r"\s*(?:[\w'’-]+\s+)?", text[since[2]:x.start])
            or (period[0].year, period[0].month) != (since[0].year, since[0].month)):
        return period, why
    return (since[0], None), f"{why}, to the day of {since[1].removeprefix('time: ')}"


def _up_to_the_page(claim: Claim) -> bool:
    """Whether the claim's period runs up to the page's date for want of the statement's."""
    return any(w.startswith("time:") and f"up to the statement ({PAGE_BOUND.removeprefix('time: ')}" in w for w in claim.why)


def _lead(document: Document, article: Article) -> int:
    """Where the article's lead starts: its first paragraph that ends as a sentence ends and is
    LEAD_CHARS long (the headline, a date line, a standfirst and a byline stand above it)."""
    for span in article.body:
        text = document.text[span.start:span.end].strip()
        if len(text) >= LEAD_CHARS and text[-1:] in ".!?»\"”…":
            return span.start
    return -1


def _rounds(summary: Claim, body: Claim) -> bool:
    """The summary's figure is the body's, rounded: the same measure of the topic, within 5 %."""
    return (summary.measure != OTHER and summary.measure == body.measure and body.value > 0
            and summary.value_high is None and abs(summary.value - body.value) <= SUMMARY_ROUNDING * body.value)


def _finer(a, b) -> bool:
    """Is partial date `a` known more precisely than `b`, and either the same date (a day inside
    b's month or year) or an earlier one (of two dates a page carries, the later is an update's)?"""
    order = {"year": 1, "month": 2, "day": 3}
    if a.value is None or b.value is None or order.get(a.precision, 0) <= order.get(b.precision, 0):
        return False
    return a.iso().startswith(b.iso()) or a.value < b.value


def _later_of_two(period) -> tuple[date, date] | None:
    """The later of two whole consecutive years or months a period spans, if it spans just that."""
    if not period or period[0] is None or period[1] is None:
        return None
    lo, hi = period
    if (lo.month, lo.day, hi.month, hi.day) == (1, 1, 12, 31) and hi.year == lo.year + 1:
        return date(hi.year, 1, 1), hi
    months = (hi.year - lo.year) * 12 + hi.month - lo.month
    if lo.day == 1 and hi == month_end(hi.year, hi.month) and months == 1:
        return date(hi.year, hi.month, 1), hi
    return None


def _unless_an_age_beside_a_name(info: FigureInfo, source: str | None, via: tuple[str, ...], why: list[str]):
    """'Nicolas Maduro, 61 ans, est réélu ..., selon le CNE': the article describes the person, so
    the age is nobody's figure (a speaker's "aged 20 and 26" or a quoted age stays theirs)."""
    if source is None or not info.beside_name or info.in_quote:
        return source, via, why
    return None, (), [*why, "discourse: an age beside a name is the article's, no source's"]


def _event_pattern(topic: Topic, since: tuple[str, ...], lang: str | None, event_not_since: tuple[str, ...] = ()):
    """'depuis le début de l'invasion': a since-word, a few words at most, then a name of one of
    the topic's events (folded text); the event's name -> its date."""
    import re

    names = {fold(w): e.date for e in topic.events for w in e.words(lang)}
    since = tuple(w for w in since if w not in event_not_since)
    if not names or not since:
        return None, {}
    lead_words = sorted({fold(w) for w in since}, key=len, reverse=True)
    grammar = load_language(lang).data["grammar"] if lang else {}
    articles = {fold(a) for a in grammar.get("articles", [])}
    plural = "|".join(re.escape(p) for p in grammar.get("plural_endings", []))
    # a name as written in the topic ("depuis l'élection") is found in any number and with any
    # article ("depuis les élections du mois dernier"): its since-word and article aside, each word
    # may take a plural ending
    variants: dict[str, str] = {}
    for name in sorted(names, key=len, reverse=True):
        core = name
        for w in lead_words:
            if core.startswith(w + " "):
                core = core[len(w) + 1:]
                break
        core = re.sub(rf"^(?:{'|'.join(re.escape(a) for a in sorted(articles, key=len, reverse=True))})\s*", "", core) if articles else core
        words = core.split()
        if not words:
            continue
        ending = rf"(?:{plural})?" if plural else ""
        variants[name] = r"\s+".join(re.escape(w) + (ending if w[-1:].isalpha() else "") for w in words)
    groups = "|".join(f"(?P<e{k}>{v})" for k, v in enumerate(variants.values()))
    lead = "|".join(re.escape(w) for w in lead_words)
    pattern = re.compile(rf"(?<!\w)(?:{lead})\s+(?:\S+\s+){{0,3}}?(?P<event>{groups})(?!\w)")
    by_group = {f"e{k}": (names[n], n) for k, n in enumerate(variants)}  # the date, the name as the topic writes it
    return pattern, by_group


def _singular(phrase: str, plural_endings: tuple[str, ...]) -> str:
    """'Nord-Coréens' -> 'nord-coréen', 'North Koreans' -> 'north korean': folded, each word's
    plural ending (the language's `plural_endings`) aside."""
    return " ".join(w[:-1] if w.endswith(plural_endings) else w for w in fold(phrase).split())
