"""Topic files: who speaks (sources and their aliases) and what is counted (measures).

A topic is data in a TOML file; `load_topic()` validates it and says what is wrong, with
the file and the key. The built-in topic is `dprk_russia.toml` beside this file.
"""
from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from difflib import SequenceMatcher
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..lang import fold, strip_accents

BUILTIN = "dprk_russia"


class TopicError(ValueError):
    """A topic file that cannot be used, with where and why."""


@dataclass(frozen=True, slots=True)
class Measure:
    id: str
    label: str
    units: tuple[str, ...]
    words: tuple[str, ...]  # the cue words: any language's, or one language's once `in_language`
    not_words: tuple[str, ...] = ()  # words that rule the measure out, as near the figure as its cue
    # the same per language ("" for words of any language), as the file gives them
    words_by_lang: tuple[tuple[str, tuple[str, ...]], ...] = ()
    not_words_by_lang: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def cued(self) -> bool:
        """Does the measure need a cue word (in some language), or does its unit alone select it?"""
        return bool(self.words or self.words_by_lang)

    def in_language(self, lang: str) -> "Measure":
        """The measure as one language's pipeline sees it: the words of that language and of any."""
        def pick(by_lang):
            return tuple(w for code, words in by_lang if code in ("", lang) for w in words)

        return replace(self, words=pick(self.words_by_lang), not_words=pick(self.not_words_by_lang))


@dataclass(frozen=True, slots=True)
class Event:
    """A dated event the story's articles name ("the start of the invasion" = 2022-02-24):
    a figure "since" it runs from that date."""

    id: str
    date: date
    words_by_lang: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def words(self, lang: str | None) -> tuple[str, ...]:
        return tuple(w for code, words in self.words_by_lang if not lang or code in ("", lang) for w in words)


@dataclass(frozen=True, eq=False)  # hashed by identity: loaded once, cached
class Topic:
    id: str
    label: str
    measures: tuple[Measure, ...]
    sources: dict[str, tuple[str, ...]]  # canonical -> aliases
    actor: tuple[str, ...]
    other_actors: tuple[str, ...]
    actor_units: tuple[str, ...]
    flows: dict[str, tuple[str, str, str]]
    path: str
    events: tuple[Event, ...] = ()
    # the story's own counted nouns, per language: (language code, word, unit); they outrank the
    # language file's ("morts" counts soldiers in a war story, deaths elsewhere)
    unit_words: tuple[tuple[str, str, str], ...] = ()

    def units_for(self, lang: str) -> dict[str, str]:
        return {fold(w): u for code, w, u in self.unit_words if code in ("", lang)}

    def measure(self, measure_id: str) -> Measure | None:
        return next((m for m in self.measures if m.id == measure_id), None)

    def in_language(self, lang: str | None) -> "Topic":
        """The topic for one language's pipeline: each measure's cue words in that language (and
        those given for any language), so that a word of another language ('sent', 'station' in
        French) never selects a measure. The sources are the same in every language."""
        if not lang:
            return self
        return _in_language(self, lang)

    def mention_spans(self, text: str) -> list[tuple[str, int]]:
        """(canonical source, where its name starts in the folded text), in order. Folding keeps
        lengths except where it removes accents' combining marks; offsets are for ordering only."""
        by_alias = _alias_index(self)[1]
        return [(by_alias[m.group(1)], m.start()) for m in _alias_matches(self, text)]

    def named_in(self, text: str) -> bool:
        """Whether a text names the topic: its actor or one of its sources (a topic with no actor is
        named everywhere). A page that does not is read as any news: no topic units, no measures."""
        actor = _actor_pattern(self)
        return actor is None or bool(actor.search(fold(text))) or next(_alias_matches(self, text), None) is not None

    def mentions(self, text: str) -> list[str]:
        """The canonical sources a text names, in order (the longest alias at each place)."""
        return [name for name, _ in self.mention_spans(text)]

    def aliases_mention(self, canonical: str, words: str) -> bool:
        """Does a name of this source hold these words ('agence' in 'agence de renseignement ...')?"""
        wanted = [w for w in _key(words).split() if len(w) > 2]
        return bool(wanted) and any(all(w in names for w in wanted) for names in _alias_words(self, canonical))

    def source_by_acronym(self, phrase: str) -> str | None:
        """'The United Nations Relief and Works Agency for Palestine Refugees' is "UNRWA"'s: a run
        of three capitalised words or more whose initials spell a name of a source written in
        capitals (or that name's own initials: "UN Office for the Coordination of ..."); the
        longest run wins, and a tie between sources names none."""
        words = re.findall(r"[^\W\d_][\w'’-]*", phrase)
        best: tuple[int, set[str]] = (0, set())
        for i, first in enumerate(words):
            if not first[:1].isupper():
                continue
            initials = ""
            count = 0
            for w in words[i:]:
                if not w[:1].isupper():
                    if _key(w) in _function_words() or len(w) <= 3:
                        continue  # "Relief and Works", "Office for the Coordination"
                    break
                initials += _letters(w)
                count += 1
                found = _acronyms(self).get(initials) if count >= 3 else None
                if found:
                    if count > best[0]:
                        best = (count, {found})
                    elif count == best[0]:
                        best[1].add(found)
        return next(iter(best[1])) if len(best[1]) == 1 else None

    def source_by_words(self, phrase: str) -> str | None:
        """The source one of whose names (of two content words or more) has all its words in the
        phrase, in any order: "the Palestinian Ministry of Health in Gaza" is "Gaza health
        ministry"'s; the name with the most words wins, and a tie between sources names none."""
        words = _content_words(phrase)
        best, best_n, tie = None, 1, False
        for canonical, names in _name_word_sets(self):
            for name in names:
                if len(name) >= best_n and name <= words:
                    if len(name) > best_n or best is None:
                        best, best_n, tie = canonical, len(name), False
                    elif canonical != best:
                        tie = True
        return None if tie else best

    def source_by_spelling(self, name: str) -> str | None:
        """The source one of whose names is this name spelt another way: a transliteration
        ("Ashraf al-Qedra" for "Ashraf al-Qudra") or without its article ("Lancet" for "The
        Lancet"). Names are compared without function words, a letter or two apart at most and
        beginning alike; a tie between sources names none."""
        key = _plain_name(name)
        if len(key) < SPELLING_MIN:
            return None
        best, best_ratio, tie = None, SPELLING_RATIO, False
        for written, canonical in _plain_aliases(self):
            if written[:1] != key[:1] or abs(len(written) - len(key)) > (1 if " " not in key else 2):
                continue
            ratio = 1.0 if written == key else SequenceMatcher(None, key, written).ratio()
            if ratio > best_ratio or (ratio == best_ratio and best is None):
                best, best_ratio, tie = canonical, ratio, False
            elif ratio == best_ratio and canonical != best:
                tie = True
        return None if tie else best

    def source_by_part(self, phrase: str, head_final: bool | None = None) -> str | None:
        """The one source a name of which is the phrase and one word more: "le Premier ministre"
        is "le Premier ministre espagnol"'s, "l'exécutif" "l'exécutif espagnol"'s; None where
        the names of two sources hold the phrase ("le gouvernement": the country's or the region's).
        With the phrase's word order known (`head_final`: English), the phrase is the name's head,
        the word more its modifier: "le gouvernement" is "gouvernement espagnol"'s, not "déléguée du
        gouvernement"'s (a delegate's)."""
        words = _content_words(phrase)
        if not 1 <= len(words) <= 3:
            return None
        sets = _name_word_sets(self)
        if any(words == name for _, names in sets for name in names):
            return None  # a whole name, which the other readings give
        found = {canonical for canonical, names in sets for name in names if words < name and len(name - words) == 1}
        if head_final is not None and len(found) > 1:
            ordered = {canonical for canonical, names in _name_word_lists(self) for name, head_first in names
                       if canonical in found and len(name) == len(words) + 1
                       and set(name[:-1] if head_first or not head_final else name[1:]) == words}
            found = ordered or found
        return found.pop() if len(found) == 1 else None

    def canonical_source(self, phrase: str) -> str | None:
        """The canonical name of the longest alias found in a phrase, if any; not an alias that
        begins a longer name ("Washington" in "A Washington Post review", "Russia" in "Russia
        Today"): a capitalised word right after it as written."""
        by_alias = _alias_index(self)[1]
        best = None
        for m in _alias_matches(self, phrase):
            if best is None or len(m.group(1)) > len(best.group(1)):
                best = m
        if best is None or _begins_longer_name(phrase, best.group(1)):
            return None
        return by_alias[best.group(1)]


@lru_cache(maxsize=32)
def _in_language(topic: Topic, lang: str) -> Topic:
    return replace(topic, measures=tuple(m.in_language(lang) for m in topic.measures))


def _key(text: str) -> str:
    return " ".join(strip_accents(fold(text)).replace("-", " ").split())


@lru_cache(maxsize=4096)
def _alias_words(topic: Topic, canonical: str) -> tuple[frozenset[str], ...]:
    """The words of each name of a source (its canonical name, then its aliases), keyed once."""
    return tuple(frozenset(_key(a).split()) for a in (canonical, *topic.sources.get(canonical, ())))


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    """Every language's articles, prepositions of, demonstratives and noun links: no part of a name."""
    from ..lang import load_language, supported_languages

    words: set[str] = set()
    for code in supported_languages():
        g = load_language(code).data["grammar"]
        for key in ("articles", "of", "demonstratives", "noun_links"):
            words.update(_key(w).rstrip("'") for w in g.get(key, []))
    return frozenset(words)


@lru_cache(maxsize=1)
def _plural_endings() -> tuple[str, ...]:
    """Every language's regular plural endings: a topic's names are matched whatever the language."""
    from ..lang import load_language, supported_languages

    endings = (e for code in supported_languages() for e in load_language(code).data["grammar"]["plural_endings"])
    return tuple(dict.fromkeys(endings))


def _content_list(text: str) -> tuple[str, ...]:
    """A phrase's words in order, without function words, each without a plural ending,
    possessive or elision, each once."""
    out: list[str] = []
    for w in re.findall(r"\w+", _key(text).replace("'s ", " ")):
        if w in _function_words() or len(w) < 2:
            continue
        w = w[:-1] if len(w) > 3 and w.endswith(_plural_endings()) else w
        if w not in out:
            out.append(w)
    return tuple(out)


def _content_words(text: str) -> frozenset[str]:
    return frozenset(_content_list(text))


@lru_cache(maxsize=1)
def _of_words() -> frozenset[str]:
    """Every language's of-words, keyed as names are ("of", "de", "du", "d")."""
    from ..lang import load_language, supported_languages

    return frozenset(_key(w).rstrip("'’") for code in supported_languages() for w in load_language(code).data["grammar"].get("of", []))


def _begins_longer_name(phrase: str, alias_key: str) -> bool:
    """Whether a one-word alias (a place: "Washington", "Russia"), as the phrase writes it, runs on
    into a capitalised word of the same name ("Washington Post"); a possessive, a comma or a
    lower-case word ends it."""
    words = alias_key.split()
    if len(words) > 1:
        return False  # "Security Council Secretary Sergei Shoigu": a function before its holder's name
    written = re.escape(words[0])
    for m in re.finditer(rf"(?<!\w){written}(?!\w)", strip_accents(fold(phrase))):
        after = phrase[m.end():m.end() + 40]
        if m.start() != len(strip_accents(fold(phrase[:m.start()]))):
            continue
        # "Washington Post"; "Ukraine's Air Force": the place owns a body that has a name of its own
        if re.match(r"[ \u00a0]+[A-Z][a-z]", after) or re.match(r"['’]s[ \u00a0]+[A-Z][a-z]+[ \u00a0]+[A-Z][a-z]", after):
            return True
    return False


SPELLING_MIN = 5  # shorter names ("Iran", "Iraq") differ by a letter and are other names
SPELLING_RATIO = 0.8  # "qedra"/"qudra" 0.8; "niger"/"nigeria" is kept apart by their lengths


def _plain_name(text: str) -> str:
    """A name's words in order, without function words: how two spellings are compared."""
    return " ".join(w for w in re.findall(r"\w+", _key(text)) if w not in _function_words())


@lru_cache(maxsize=32)
def _plain_aliases(topic: Topic) -> tuple[tuple[str, str], ...]:
    return tuple((_plain_name(a), canonical) for canonical, aliases in topic.sources.items()
                 for a in (canonical, *aliases))


@lru_cache(maxsize=32)
def _name_word_lists(topic: Topic) -> tuple[tuple[str, tuple[tuple[tuple[str, ...], bool], ...]], ...]:
    """Each source's names as their content words in order, each with whether its head comes
    first in any language: a name that holds an of-word ("head of government", "chef du gouvernement")."""
    return tuple((canonical, tuple((_content_list(a), not _of_words().isdisjoint(re.findall(r"\w+", _key(a))))
                                   for a in (canonical, *aliases)))
                 for canonical, aliases in topic.sources.items())


@lru_cache(maxsize=32)
def _name_word_sets(topic: Topic) -> tuple[tuple[str, tuple[frozenset[str], ...]], ...]:
    """Each source's names of two content words or more, as sets (`_name_word_lists` in no order)."""
    return tuple((canonical, tuple(frozenset(words) for words, _ in names if len(words) >= 2))
                 for canonical, names in _name_word_lists(topic))


def _letters(word: str) -> str:
    """A word's part of an acronym: its capitals if it is one ('UN' -> 'UN'), else its initial."""
    return word if word.isupper() and len(word) <= 5 else word[0].upper()


@lru_cache(maxsize=32)
def _acronyms(topic: Topic) -> dict[str, str]:
    """Each source's names written in capitals (3 letters or more), and the initials of its
    longer names, keyed by their letters."""
    out: dict[str, str] = {}
    for canonical, aliases in topic.sources.items():
        for alias in (canonical, *aliases):
            words = re.findall(r"[^\W\d_][\w'’-]*", alias)
            caps = "".join(w for w in words if w.isupper())
            if caps and len(caps) >= 3 and all(w.isupper() for w in words):
                out.setdefault(caps, canonical)
            capitalised = [w for w in words if w[:1].isupper()]
            if len(capitalised) >= 3 and all(w[:1].isupper() for w in words if _key(w) not in _function_words() and len(w) > 3):
                out.setdefault("".join(_letters(w) for w in capitalised), canonical)
    return out


@lru_cache(maxsize=32)
def _actor_pattern(topic: Topic) -> re.Pattern | None:
    actor = sorted({fold(a) for a in topic.actor if a.strip()}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, actor)) + r")(?!\w)") if actor else None


ACRONYM_MAX = 3  # letters of a name written in capitals that is also a common word ("UN", "US", "AP")


@lru_cache(maxsize=32)
def _alias_index(topic: Topic) -> tuple[re.Pattern, dict[str, str], frozenset[str]]:
    """The pattern of every name of every source, the canonical name of each (keyed), and the
    short names only ever written in capitals."""
    by_alias: dict[str, str] = {}
    written: dict[str, set[str]] = {}
    for canonical, aliases in topic.sources.items():
        for alias in (canonical, *aliases):
            by_alias.setdefault(_key(alias), canonical)
            written.setdefault(_key(alias), set()).add(alias)
    capitals = frozenset(key for key, forms in written.items()
                         if len(key) <= ACRONYM_MAX and all(f.isupper() for f in forms))
    alt = "|".join(re.escape(a) for a in sorted(by_alias, key=len, reverse=True) if a) or "(?!)"
    # aliases match whole words only ("NIS" is not inside "unis"); a topic without sources matches none
    return re.compile(rf"(?<![\w])({alt})(?![\w])"), by_alias, capitals


def _alias_matches(topic: Topic, text: str) -> Iterator[re.Match]:
    """The names of sources in a text (matches in its key); a short name written in capitals only
    where the text writes it so: "UN" is not the French article in "selon un rapport", nor "US"
    the pronoun."""
    pattern, _, capitals = _alias_index(topic)
    key = _key(text)
    cased = None
    for m in pattern.finditer(key):
        if m.group(1) in capitals:
            if cased is None:
                cased = _cased_key(text)
            if len(cased) == len(key):
                if not cased[m.start():m.end()].isupper():
                    continue
            elif not re.search(rf"(?<!\w){re.escape(m.group(1).upper())}(?!\w)", cased):
                continue
        yield m


def _cased_key(text: str) -> str:
    """The key with the text's capitals kept (same length as the key where folding keeps lengths)."""
    return " ".join(strip_accents(text).replace("-", " ").split())


def _strings(value, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TopicError(f"{where} must be a list of strings")
    return tuple(value)


LANG_CODE = re.compile(r"[a-z]{2,3}")


def _words(value, where: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Cue words: a list (words of any language), or a table of language code -> list
    (`words.fr = [...]`, `words.en = [...]`), with `any` for words of every language."""
    if isinstance(value, list):
        return (("", _strings(value, where)),) if value else ()
    if not isinstance(value, dict):
        raise TopicError(f"{where} must be a list of strings, or a table of language code -> list of strings")
    out = []
    for code, words in value.items():
        if code != "any" and not LANG_CODE.fullmatch(code):
            raise TopicError(f"{where}.{code}: {code!r} is not a language code (two or three lower-case "
                             "letters, as 'fr' or 'en'), nor 'any'")
        out.append(("" if code == "any" else code, _strings(words, f"{where}.{code}")))
    return tuple(out)


def parse_topic(data: dict, path: str) -> Topic:
    def need(table: dict, key: str, kind, where: str):
        if key not in table:
            raise TopicError(f"{path}: {where} has no '{key}'")
        if not isinstance(table[key], kind):
            raise TopicError(f"{path}: {where}.{key} must be a {kind.__name__}")
        return table[key]

    head = need(data, "topic", dict, "the file")
    unknown = set(data) - {"topic", "measures", "sources", "flows", "events", "units"}
    if unknown:
        raise TopicError(f"{path}: unknown key(s) {sorted(unknown)} (a topic file has topic, measures, sources, "
                         "flows, events, units)")
    unknown = set(head) - {"id", "label", "actor", "other_actors", "actor_units"}
    if unknown:
        raise TopicError(f"{path}: [topic] has unknown key(s) {sorted(unknown)} (it has id, label, actor, "
                         "other_actors, actor_units)")
    measures = []
    seen = set()
    for i, m in enumerate(need(data, "measures", list, "the file")):
        where = f"measures[{i}]"
        if not isinstance(m, dict):
            raise TopicError(f"{path}: {where} must be a table")
        mid = need(m, "id", str, where)
        if not re.fullmatch(r"[a-z][a-z0-9_]*", mid):
            raise TopicError(f"{path}: {where}.id {mid!r} must be lower-case letters, digits and _")
        if mid in seen:
            raise TopicError(f"{path}: measure id {mid!r} is declared twice")
        seen.add(mid)
        unknown = set(m) - {"id", "label", "units", "words", "not_words"}
        if unknown:
            raise TopicError(f"{path}: {where} has unknown key(s) {sorted(unknown)}")
        words = _words(m.get("words", []), f"{path}: {where}.words")
        not_words = _words(m.get("not_words", []), f"{path}: {where}.not_words")
        measures.append(
            Measure(
                id=mid,
                label=m.get("label", mid),
                units=_strings(need(m, "units", list, where), f"{path}: {where}.units"),
                words=tuple(w for _, ws in words for w in ws),
                not_words=tuple(w for _, ws in not_words for w in ws),
                words_by_lang=words,
                not_words_by_lang=not_words,
            )
        )
    sources = {}
    owner: dict[str, str] = {}  # alias key -> canonical: one name, one source
    for canonical, aliases in need(data, "sources", dict, "the file").items():
        sources[canonical] = _strings(aliases, f"{path}: sources.{canonical!r}")
        for alias in (canonical, *sources[canonical]):
            other = owner.setdefault(_key(alias), canonical)
            if other != canonical:
                raise TopicError(f"{path}: sources.{canonical!r}: the alias {alias!r} already names {other!r} "
                                 "(aliases match without case, accents or hyphens)")
    flows: dict[str, tuple[str, str, str]] = {}
    for mid, flow in data.get("flows", {}).items():
        if mid not in seen:
            raise TopicError(f"{path}: flows.{mid} names no declared measure")
        flows[mid] = tuple(_strings(flow, f"{path}: flows.{mid}"))  # type: ignore[assignment]  # its length is checked next
        if len(flows[mid]) != 3:
            raise TopicError(f"{path}: flows.{mid} must be [from, to, what]")
    unit_words = []
    units = data.get("units", {})
    if not isinstance(units, dict):
        raise TopicError(f"{path}: units must be a table of language code -> {{word = unit}}")
    for code, table in units.items():
        if not LANG_CODE.fullmatch(code) or not isinstance(table, dict):
            raise TopicError(f"{path}: units.{code}: give words per language, as [units.fr] \"manifestant\" = \"protester\"")
        for word, unit in table.items():
            if not isinstance(unit, str) or not re.fullmatch(r"[a-z][a-z -]*", unit):
                raise TopicError(f"{path}: units.{code}.{word!r}: the unit must be a lower-case English noun, not {unit!r}")
            unit_words.append((code, word, unit))
    events = []
    for i, e in enumerate(data.get("events", [])):
        where = f"events[{i}]"
        if not isinstance(e, dict):
            raise TopicError(f"{path}: {where} must be a table")
        unknown = set(e) - {"id", "date", "words"}
        if unknown:
            raise TopicError(f"{path}: {where} has unknown key(s) {sorted(unknown)}")
        raw = e.get("date")
        try:
            when = raw if isinstance(raw, date) else date.fromisoformat(str(raw))
        except ValueError:
            raise TopicError(f"{path}: {where}.date {raw!r} is not an ISO date (YYYY-MM-DD)") from None
        events.append(Event(need(e, "id", str, where), when, _words(need(e, "words", (list, dict), where),
                                                                    f"{path}: {where}.words")))
    return Topic(
        id=need(head, "id", str, "[topic]"),
        label=head.get("label", head["id"]),
        measures=tuple(measures),
        sources=sources,
        actor=_strings(head.get("actor", []), f"{path}: topic.actor"),
        other_actors=_strings(head.get("other_actors", []), f"{path}: topic.other_actors"),
        actor_units=_strings(head.get("actor_units", []), f"{path}: topic.actor_units"),
        flows=flows,
        path=path,
        events=tuple(events),
        unit_words=tuple(unit_words),
    )


@lru_cache(maxsize=16)
def load_topic(path: str | None = None) -> Topic:
    """The topic in a file, or the built-in one when no path is given."""
    if path is None or path == BUILTIN:
        raw = resources.files(__package__).joinpath(f"{BUILTIN}.toml").read_text(encoding="utf-8")
        where = f"<built-in topic {BUILTIN}>"
    else:
        p = Path(path)
        if not p.is_file():
            raise TopicError(f"{path}: no such topic file")
        raw = p.read_text(encoding="utf-8")
        where = str(p)
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as e:
        raise TopicError(f"{where}: not valid TOML: {e}") from None
    return parse_topic(data, where)


TEMPLATE = '''# A claimscope topic: {name}
# Use it with: claimscope extract --topic {file} ... (or ingest, demo); check it with
# `claimscope topic check {file}`, try a sentence with `claimscope topic try {file} "..."`.

[topic]
id = "{name}"
label = "Describe the story this topic follows"
# Words naming the topic's main actor, and other actors whose figures are not its measures.
actor = ["example-country", "example-adjective"]
other_actors = []
# The units the actor's people are counted in ("12,000 North Koreans" are soldiers or workers,
# as the clause's cue says); the first is the default.
actor_units = ["person"]

# Each measure is a series of figures. A claim gets a measure when its unit (the counted
# thing, a lower-case English noun: soldier, worker, missile, percent, usd ...) is in
# `units` and one of its cue words (lemma or word form) stands in its clause. Cue words go
# per language (`words.fr`, `words.en` ...; a pipeline reads its own language's), or in a
# plain list `words = [...]` for every language. Measures are tried in order: put the most
# specific first. No words: the unit alone selects the measure. `not_words` (optional, same
# forms) rule a measure out where one stands as near the figure as its cue.
[[measures]]
id = "people_killed"
label = "People killed"
units = ["person", "soldier", "civilian"]
words.fr = ["tués", "morts"]
words.en = ["killed", "dead"]
not_words.en = ["rumoured"]

[[measures]]
id = "aid_pledged"
label = "Aid pledged, in dollars"
units = ["usd"]
words = []

# Optional: dated events the articles name; "since the start of the war" runs from its date.
[[events]]
id = "war_start"
date = "2023-04-15"
words.fr = ["début de la guerre"]
words.en = ["start of the war", "the war began"]

# Optional: what moves between actors, for the report's flows view.
[flows]
aid_pledged = ["Donor", "Recipient", "aid"]

# Sources: canonical name = [aliases in every spelling and language]. A source no list
# knows keeps the name the text gives.
[sources]
"Example Ministry" = ["ministère de l'Exemple", "Ministry of Example"]
'''


def topic_template(name: str, file: str) -> str:
    if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
        raise TopicError(f"topic name {name!r} must be lower-case letters, digits and _")
    return TEMPLATE.format(name=name, file=file)
