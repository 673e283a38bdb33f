"""`claimscope topic check`: every problem of a topic file at once, with its line, instead of
the first one that stops loading it; and what a new user needs to write one (the unit names
the language files give).

A topic file that loads can still never work: a measure whose units no language file gives
(the tool names what a figure counts with the language data's English nouns, so "protesters"
must be `protester` and must be a noun the language files know), an actor without the units
its people are counted in, an alias of two sources. Those are said too, as warnings.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..lang import load_language, supported_languages
from . import TopicError, parse_topic

TOP_KEYS = {"topic", "measures", "sources", "flows", "events", "units"}
TOPIC_KEYS = {"id", "label", "actor", "other_actors", "actor_units"}
# units the number reader gives whatever the counted noun: shares, money, time
BUILT_IN_UNITS = {"percent", "usd", "eur", "gbp", "jpy", "chf", "rub", "uah", "krw", "cny", "hour", "day", "week",
                  "month", "year"}


@dataclass(frozen=True)
class Problem:
    line: int | None
    level: str  # error (the file cannot be used) or warning (it can, but something can never match)
    message: str

    def format(self, path: str) -> str:
        where = f"{path}:{self.line}" if self.line else path
        return f"{where}: {self.level}: {self.message}"


def known_units(lang: str | None = None) -> dict[str, set[str]]:
    """Every unit name the language files give, with the words that give it (per language, or all)."""
    out: dict[str, set[str]] = {u: set() for u in BUILT_IN_UNITS}
    for code in [lang] if lang else supported_languages():
        data = load_language(code)
        for word, unit in data.units.items():
            out.setdefault(unit, set()).add(word)
        for symbol, unit in data.units_by_symbol.items():
            out.setdefault(unit, set()).add(symbol)
    return out


def _line_of(raw: str, pattern: str, after: int = 0) -> int | None:
    m = re.compile(pattern, re.M).search(raw, after)
    return raw.count("\n", 0, m.start()) + 1 if m else None


def _offset_of_line(raw: str, line: int | None) -> int:
    if not line:
        return 0
    return sum(len(x) + 1 for x in raw.split("\n")[: line - 1])


def check_topic(path: str) -> list[Problem]:
    p = Path(path)
    if not p.is_file():
        return [Problem(None, "error", "no such topic file")]
    raw = p.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as e:
        m = re.search(r"line (\d+)", str(e))
        return [Problem(int(m.group(1)) if m else None, "error", f"not valid TOML: {e}")]
    problems: list[Problem] = []
    for key in sorted(set(data) - TOP_KEYS):
        problems.append(Problem(_line_of(raw, rf"^\s*\[*\s*{re.escape(key)}\b"), "error",
                                f"unknown key {key!r} (known: {', '.join(sorted(TOP_KEYS))})"))
    head = data.get("topic") if isinstance(data.get("topic"), dict) else {}
    for key in sorted(set(head) - TOPIC_KEYS):  # type: ignore[arg-type]
        problems.append(Problem(_line_of(raw, rf"^\s*{re.escape(key)}\s*="), "error",
                                f"[topic] has unknown key {key!r} (known: {', '.join(sorted(TOPIC_KEYS))})"))
    # each measure alone, so that one bad measure does not hide the others' problems
    measures = data.get("measures") if isinstance(data.get("measures"), list) else []
    units = known_units()
    for table in (data.get("units") or {}).values():
        if isinstance(table, dict):
            units.update({u: {w} for w, u in table.items() if isinstance(u, str)})
    seen: set[str] = set()
    for i, m in enumerate(measures):  # type: ignore[arg-type]
        mid = m.get("id") if isinstance(m, dict) else None
        line = _line_of(raw, rf"^\s*id\s*=\s*[\"']{re.escape(mid)}[\"']") if isinstance(mid, str) else None
        label = f"measure {mid!r}" if mid else f"measures[{i}]"
        try:
            parse_topic({"topic": {"id": "t"}, "measures": [m], "sources": {}}, "")
        except TopicError as e:
            problems.append(Problem(line, "error", f"{label}: {str(e).removeprefix(': ')}"))
            continue
        if mid in seen:
            problems.append(Problem(line, "error", f"{label} is declared twice"))
        seen.add(mid)  # type: ignore[arg-type]
        for unit in m.get("units", []):
            if unit not in units:
                near = sorted(u for u in units if u.startswith(unit[:4]))[:5]
                hint = f"; known units like it: {', '.join(near)}" if near else ""
                problems.append(Problem(line, "warning", f"{label}: no language file nor the topic's [units] gives "
                                        f"the unit {unit!r}: only an English noun of that lemma can give it "
                                        f"(`claimscope topic units` lists them; add French words under [units.fr]){hint}"))
    for i, e in enumerate(data.get("events", []) if isinstance(data.get("events"), list) else []):  # type: ignore[misc]
        try:
            parse_topic({"topic": {"id": "t"}, "measures": [], "sources": {}, "events": [e]}, "")
        except TopicError as err:
            eid = e.get("id") if isinstance(e, dict) else None
            line = _line_of(raw, rf"^\s*id\s*=\s*[\"']{re.escape(eid)}[\"']") if isinstance(eid, str) else None
            problems.append(Problem(line, "error", f"events[{i}]: {str(err).removeprefix(': ')}"))
    if head.get("actor") and not head.get("actor_units"):  # type: ignore[union-attr]
        problems.append(Problem(_line_of(raw, r"^\s*actor\s*="), "warning",
                                "`actor` without `actor_units`: say which units count the actor's people "
                                "(soldier, worker ...); the actor's people are counted as `person` meanwhile"))
    # the rest (sources, aliases, flows, the head's types) through the loader itself
    if not any(pr.level == "error" for pr in problems):
        try:
            parse_topic(data, "")
        except TopicError as e:
            msg = str(e).removeprefix(": ")
            key = re.search(r"'([^']+)'", msg)  # type: ignore[assignment]
            problems.append(Problem(_line_of(raw, re.escape(key.group(1))) if key else None, "error", msg))  # type: ignore[attr-defined]
    return problems
