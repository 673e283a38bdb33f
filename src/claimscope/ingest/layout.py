"""Where the article is in a text: articles, title, date, publisher, body, furniture, comments.

General rules over lines, driven by the language data's cue lists:
- a line of rule characters ("-----") separates two articles in one file;
- a short line made of furniture cues ("min de lecture", "abonnez-vous", "partager") and
  little else, an image or caption line ("![](...)", "| légende |") is furniture; a cue is a
  whole word there, and a sentence that merely uses one ("shares fell", "le ministre annonce
  3 milliards") stays body;
- a line that is mostly a date is the article's date; "Source : X <date>" gives the
  publisher too; short name lines right before a closing date line are a sign-off;
- a comment thread ("Répondre", "Supprimer", "Commentaires (12)") ends the article:
  per-comment cues close it at the last sign-off or paragraph break before them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..lang import LanguageData, fold
from ..records import UNKNOWN_DATE, Article, Document, PartialDate, Span
from ..textdates import date_reader

LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
# A stored page's own date stamp before its text ("date 2023-12-05 Gaza, Dec 5 ..."), as page
# stores and scrapers write it: metadata, not the article's words, in any language
PAGE_DATE = re.compile(r"\s*date[ :]+(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:\s+|$)")
TERMINAL = ".!?»:;…\"”"
WORD = re.compile(r"[^\W\d_]{2,}")
# Words a furniture line may hold beside its cues ("Follow us on Twitter", "Photo: Getty Images",
# "Partager sur Facebook"); a sentence that uses a cue word holds more
FURNITURE_REST = 4
SENTENCE_END = (".", "!", "?", "…")
# An embedded post as pages paste it ("... 5.400 tonnes à #Paris pic.twitter.com/x — A (@a) 8 mars"):
# a quote of the platform's, not the article's words, in any language
EMBED = re.compile(r"\bpic\.twitter\.com/|https?://t\.co/")
PART_SEPARATOR = re.compile(r"\s[|·•]\s")


def _cue_pattern(cues) -> re.Pattern:
    """One pattern of the cues, each a whole word where it begins or ends with a letter."""
    alts = []
    for cue in sorted(set(cues), key=len, reverse=True):
        head = r"(?<!\w)" if cue[:1].isalnum() else ""
        tail = r"(?!\w)" if cue[-1:].isalnum() else ""
        alts.append(head + re.escape(cue) + tail)
    return re.compile("|".join(alts))


def _without_spans(text: str, spans: list) -> str:
    """The text with the found (start, end, ...) spans blanked (the line's dates)."""
    for b, e, *_ in sorted(spans or [], reverse=True):
        text = text[:b] + " " + text[e:]
    return text


@dataclass(slots=True)
class Line:
    start: int
    end: int  # without the line break
    text: str
    kind: str = "body"  # body, blank, rule, furniture, caption, date, source, signoff, comment
    date: PartialDate | None = None

    @property
    def words(self) -> int:
        return len(self.text.split())


def split_lines(text: str) -> list[Line]:
    lines = []
    for m in LINE.finditer(text):
        if m.start() == len(text) and m.start() == m.end():
            break
        raw = m.group(0).rstrip("\r\n")
        lines.append(Line(m.start(), m.start() + len(raw), raw))
    return lines


class Layout:
    def __init__(self, lang: LanguageData):
        self.lang = lang
        lay = lang.layout
        self.rule = re.compile(rf"^\s*[{re.escape(lay['rule_chars'])}]{{{lay['rule_min']},}}\s*$")
        self.furniture = _cue_pattern(fold(c) for c in lay["furniture"])
        self.comment_cues = [fold(c) for c in lay["comments"]]
        self.caption_starts = tuple(fold(c) for c in lay["caption_starts"])
        src = "|".join(re.escape(w) for w in sorted(lay["source_line"], key=len, reverse=True))
        self.source_line = re.compile(rf"^\s*(?:{src})\s*:\s*(.+?)\s*$", re.IGNORECASE)
        self.dates = date_reader(lang.code)

    # -- line kinds -------------------------------------------------------------

    def _kind(self, line: Line) -> None:
        s = line.text.strip()
        f = fold(s)
        if not s:
            line.kind = "blank"
            return
        if self.rule.match(s):
            line.kind = "rule"
            return
        if f.startswith(self.caption_starts):
            line.kind = "caption"
            return
        m = self.source_line.match(s)
        if m and line.words <= 14:
            line.kind = "source"
            line.date = self.dates.first(s)
            return
        found = self.dates.find(s)
        if found and line.words <= 10:
            covered = sum(e - b for b, e, _ in found)
            rest = re.sub(r"[\W\d_]+", " ", s[: found[0][0]] + s[found[0][1]:]).split()
            if covered >= len(s) * 0.4 or len(rest) <= 4:
                line.kind = "date"
                line.date = found[0][2]
                return
        if line.words <= 16 and self._furniture(s, f, found):
            line.kind = "furniture"
            line.date = found[0][2] if found else None  # "Publié le 4 septembre 2025 à 08h15 · Mis à jour ..."
            return
        if self._comment_cue(f):
            line.kind = "comment"
            return

    def _page_date_among(self, doc: Document, text: str) -> PartialDate | None:
        """The page's own date when a line of the article gives it among others ("le 7 novembre
        2023, mis à jour le 8 décembre 2023" on a page dated 8 December): the line agrees with the
        page, and its first date is not the article's."""
        if doc.date.value is None or doc.date.precision != "day":
            return None
        found = self.dates.find(text)
        if len(found) > 1 and any(d.value == doc.date.value for _, _, d in found[1:]):
            return doc.date
        return None

    def _furniture(self, line_text: str, folded: str, dates: list) -> bool:
        """Cues as whole words, and a line that is furniture by its shape: a cue opens it and it
        is no sentence ("Lire aussi : ...", "Read more: ..."), or it, or one of its |-separated
        parts ("By X | October 21 | 5 min read"), holds at most FURNITURE_REST other words beside
        its cues and dates: a share bar or a credit line, not a sentence that uses the word."""
        if EMBED.search(folded):
            return True
        if not self.furniture.search(folded):
            return False
        if self.furniture.match(folded) and not folded.rstrip().endswith(SENTENCE_END):
            return True
        # the dates' offsets are the line's; folding keeps them unless it changed the length
        text = _without_spans(folded, dates if len(folded) == len(line_text) else [])
        return any(self.furniture.search(part) and len(WORD.findall(self.furniture.sub(" ", part))) <= FURNITURE_REST
                   for part in [text, *PART_SEPARATOR.split(text)])

    def _comment_cue(self, folded: str) -> bool:
        return any(folded == c or (folded.startswith(c) and len(folded) < 400) for c in self.comment_cues)

    def _opens_thread(self, line: Line) -> bool:
        """'Commentaires (12)', 'Laisser un commentaire': a header above the comments."""
        f = fold(line.text.strip())
        return "comment" in f and line.words <= 6

    # -- articles ----------------------------------------------------------------

    def lay_out(self, doc: Document) -> Document:
        lines = split_lines(doc.text)
        for line in lines:
            self._kind(line)
        lines = _page_date_apart(lines)
        groups: list[list[Line]] = [[]]
        for line in lines:
            if line.kind == "rule":
                groups.append([])
            else:
                groups[-1].append(line)
        articles = [self._article(doc, g) for g in groups if any(l.kind == "body" for l in g)]
        if not articles:
            articles = [Article(Span(0, len(doc.text)), ())]
        first = articles[0]
        return replace(
            doc,
            articles=tuple(articles),
            title=doc.title or first.title,
            date=doc.date if doc.date.value else first.date,
            publisher=doc.publisher or first.publisher,
        )

    def _article(self, doc: Document, lines: list[Line]) -> Article:
        self._close_at_comments(lines)
        self._mark_signoff(lines)
        publisher, date = None, None
        for line in lines:
            if line.kind == "source":
                m = self.source_line.match(line.text.strip())
                name = m.group(1)  # type: ignore[union-attr]  # a "source" line matched this pattern
                if line.date:
                    name = self.dates.day_month_year.sub("", name)
                    name = self.dates.numeric.sub("", name)
                publisher = publisher or (name.strip(" ,-–—") or None)
            if line.kind == "signoff" and not publisher:
                publisher = line.text.strip()
            if line.date and line.kind in ("date", "source", "furniture") and not date:
                date = self._page_date_among(doc, line.text) or line.date
        signoff = [l.text.strip() for l in lines if l.kind == "signoff"]
        if signoff:
            publisher = publisher if any(l.kind == "source" for l in lines) else " ".join(signoff)
        body_lines = [l for l in lines if l.kind == "body"]
        if date is None:
            # a wire dateline ("SÉOUL, 13 janvier 2025 (AFP) -") or a header line ("Propos recueillis le
            # lundi 24 février 2025"): a full date near the top of the article
            for line in body_lines[:5]:
                found = self.dates.find(line.text[:160])
                if found and found[0][2].precision == "day" and (line.words <= 20 or found[0][0] < 60):
                    date = self._page_date_among(doc, line.text[:160]) or found[0][2]
                    break
        if date is None:
            whole = "\n".join(l.text for l in body_lines)
            for line in body_lines[:5]:
                date = self.dates.yearless_dateline(line.text, whole)
                if date:
                    break
        title = None
        for l in lines:
            if l.kind == "body":
                if l.words <= 30 and sum(l.text.count(c) for c in ".!?") <= 1:
                    title = l.text.strip()
                break
        start = lines[0].start if lines else 0
        end = lines[-1].end if lines else 0
        dropped = tuple((Span(l.start, l.end), l.kind) for l in lines if l.kind not in ("body", "blank"))
        return Article(
            span=Span(start, end),
            body=tuple(Span(l.start, l.end) for l in body_lines),
            title=title,
            date=date or UNKNOWN_DATE,
            publisher=publisher,
            dropped=dropped,
        )

    def _close_at_comments(self, lines: list[Line]) -> None:
        """Everything from the start of the comment thread on is comments."""
        first_cue = next((i for i, l in enumerate(lines) if l.kind == "comment"), None)
        opener = next((i for i, l in enumerate(lines) if self._opens_thread(l) and l.kind != "body"), None)
        candidates = []
        if opener is not None:
            candidates.append(opener)
        if first_cue is not None:
            # a per-comment cue ("Répondre") closes a comment: the thread starts at that
            # comment's paragraph
            start = first_cue
            while start > 0 and lines[start - 1].kind not in ("blank", "date", "source"):
                start -= 1
            candidates.append(start)
        if not candidates:
            return
        cut = min(candidates)
        for line in lines[cut:]:
            if line.kind not in ("blank",):
                line.kind = "comment" if line.kind in ("body", "comment") else line.kind

    def _mark_signoff(self, lines: list[Line]) -> None:
        """'Military' / 'Watch Magazine' / '3 novembre 2025' closing an article: a sign-off."""
        last_body = max((i for i, l in enumerate(lines) if l.kind == "body"), default=None)
        if last_body is None:
            return
        i = last_body
        run = []
        while i >= 0 and lines[i].kind == "body" and lines[i].words <= 4 and lines[i].text.strip()[-1:] not in TERMINAL:
            run.append(i)
            i -= 1
        # the run must be followed by a date line (possibly after blanks)
        j = last_body + 1
        while j < len(lines) and lines[j].kind == "blank":
            j += 1
        if run and j < len(lines) and lines[j].kind == "date" and len(run) < 4:
            for k in run:
                lines[k].kind = "signoff"


def _page_date_apart(lines: list[Line]) -> list[Line]:
    """The first line's leading page date stamp, made a date line of its own; its rest is read
    as any line is."""
    first = next((k for k, l in enumerate(lines) if l.kind != "blank"), None)
    if first is None:
        return lines
    line = lines[first]
    m = PAGE_DATE.match(line.text)
    if not m:
        return lines
    try:
        stamp = Line(line.start, line.start + m.end(), line.text[:m.end()], kind="date",
                     date=PartialDate.parse(m.group(1)))
    except ValueError:
        return lines
    rest = Line(line.start + m.end(), line.end, line.text[m.end():], kind=line.kind if line.kind != "date" else "body")
    if rest.kind == "body" and not rest.text.strip():
        rest.kind = "blank"
    return [*lines[:first], stamp, rest, *lines[first + 1:]]

