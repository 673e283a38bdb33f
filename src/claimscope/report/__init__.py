"""The HTML report: no network, every piece of article text escaped.

While it stays under PAGE_BYTES it is one self-contained page (`render_report`). Beyond that
(thousands of claims) `render_pages` splits it: an index page (measures, the rows of figures no
measure selects, copies, flows, sources, the list of articles), one page per measure (its
timeline, rows and each origin's latest figure) and pages of articles (their texts, their
claims' data and table), in a folder beside the index; every page is under PAGE_BYTES and the
links between them are relative, so the folder can be moved or sent whole.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from urllib.parse import quote

from ..formatting import figure_label, format_number, safe_json  # noqa: F401  (the report's names, kept for its callers)
from ..records import Claim, Document, claim_ids

NUMBERS = ("value", "value_high")  # the columns given as numbers in the page's data, the rest as indices of strings
FULL_TEXT = 600_000  # characters of article text over which the one-page report shows the sentences with figures only
OTHER_ROWS = 150  # rows of figures no measure selects shown on the report's (first) page (the rest: pages of their own, split)
ROWS_PAGE = 250  # rows of figures no measure selects a page, in a split report
PAGE_BYTES = 1_000_000  # a page's limit (issue 14): a report that would be heavier is split into pages
ARTICLES_PAGE_BYTES = 450_000  # what a page of articles is filled to (estimated), well under PAGE_BYTES
FIELDS = ("value", "value_high", "qualifier", "unit", "measure", "source", "via", "publisher", "status", "hedged",
          "time_start", "time_end", "kind", "per", "concept", "text")
# the claims' fields in the page's data (no doc, publisher nor text: the page shows them around each mark)
COLUMNS = [k for k in FIELDS if k not in ("publisher", "text")] + ["origin", "repeat_of", "why"]


@dataclass
class Pages:
    """A report: the index page (written at the output path) and the other pages by file name,
    in `folder` beside it; no other pages when the report is one page."""

    index: str
    folder: str
    pages: dict[str, str] = field(default_factory=dict)


def _environment():
    from jinja2 import Environment, PackageLoader, select_autoescape

    from ..reconcile.rows import figure_text, follows

    env = Environment(loader=PackageLoader("claimscope.report", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    env.filters["num"] = format_number
    env.filters["text"] = text_node
    env.globals.update(label=figure_label, figure_text=figure_text, follows=follows)
    return env


def text_node(text: str):
    """Article text for an element's content: only '&', '<' and '>' escaped (quotes are plain
    text there, and escaping them would weigh on a report of thousands of articles)."""
    from markupsafe import Markup

    return Markup(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


def segments(text: str, claims: list[Claim]) -> list[tuple[str, int | None]]:
    """The text cut at claim spans: (piece, claim index or None), overlaps resolved left first."""
    out: list[tuple[str, int | None]] = []
    pos = 0
    for i, c in sorted(enumerate(claims), key=lambda t: t[1].start):
        if c.start < pos:
            continue
        if c.start > pos:
            out.append((text[pos:c.start], None))
        out.append((text[c.start:c.end], i))
        pos = c.end
    if pos < len(text):
        out.append((text[pos:], None))
    return out


def excerpts(text: str, claims: list[Claim]) -> list[tuple[str, int | None]]:
    """Like `segments`, but only the sentences that hold a figure (a figure with no sentence:
    the 120 characters around it), "…" between them: a report of thousands of articles."""
    spans: list[list[int]] = []
    for c in sorted(claims, key=lambda c: c.start):
        ok = c.sentence_start is not None and c.sentence_end is not None and c.sentence_start <= c.start < c.end <= c.sentence_end
        a, b = ((c.sentence_start or 0, c.sentence_end or 0) if ok
                else (max(0, c.start - 120), min(len(text), c.end + 120)))
        if spans and a <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], b)
        else:
            spans.append([a, b])
    out: list[tuple[str, int | None]] = []
    for a, b in spans:
        if a > 0 or out:
            out.append(("… " if not out else " … ", None))
        inside = [(i, c) for i, c in enumerate(claims) if a <= c.start and c.end <= b]
        shifted = [replace(c, start=c.start - a, end=c.end - a) for _, c in inside]
        out += [(piece, inside[j][0] if j is not None else None) for piece, j in segments(text[a:b], shifted)]
    if spans and spans[-1][1] < len(text.rstrip()):
        out.append((" …", None))
    return out


def flows(recon, topic) -> list[dict]:
    """What moves between the actors: one row per declared flow, with its figures by origin."""
    rows = []
    for measure, (source, target, what) in (topic.flows.items() if topic else []):
        s = recon.series.get(measure)
        if not s:
            continue
        by_origin: dict[str, list[str]] = defaultdict(list)
        for v in s.claims:
            if v.repeat_of is None:
                by_origin[v.origin].append(figure_label(v.claim) + (" (planned)" if v.claim.status == "planned" else ""))
        rows.append({"from": source, "to": target, "what": what, "measure": measure,
                     "figures": sorted(by_origin.items())})
    return rows


@dataclass
class _Article:
    """An article of the report: its number (from 1), its claims (claim id, mark id, claim) by
    position in its text, and the first mark's number."""

    number: int
    doc: Document
    claims: list[tuple[str, str, Claim]]
    first: int


class _Material:
    """What every page of a report is drawn from: the reconciliation, the articles with their
    marks (c0, c1, … in the order of the articles, then of the text) and each mark's fields."""

    def __init__(self, documents: list[Document], claims: list[Claim], topic):
        from ..reconcile import reconcile

        self.claims = claims
        self.recon = reconcile(documents, claims, topic)
        self.topic = topic
        by_doc: dict[str, list[Claim]] = defaultdict(list)
        for c in claims:
            by_doc[c.doc].append(c)
        self.articles: list[_Article] = []
        self.fields: list[dict] = []  # a mark's fields, by its number
        self.mark: dict[str, str] = {}  # the reconciliation's claim id -> its mark's id
        for n, d in enumerate(documents, 1):
            numbered = sorted(zip(claim_ids(by_doc.get(d.name, [])), by_doc.get(d.name, []), strict=True),
                              key=lambda p: p[1].start)
            article = _Article(n, d, [], len(self.fields))
            for claim_id, c in numbered:
                mark = f"c{len(self.fields)}"
                fields = c.to_dict()
                view = self.recon.views.get(claim_id)
                fields.update(origin=view.origin if view else None, repeat_of=view.repeat_of if view else None)
                self.fields.append(fields)
                self.mark[claim_id] = mark
                article.claims.append((claim_id, mark, c))
            self.articles.append(article)
        self.charted = [k for k, s in self.recon.series.items() if not k.startswith("auto:") and s.claims]
        charted = set(self.charted)
        self.other = [r for r in self.recon.rows if r.measure not in charted]  # the rows of figures no measure selects
        measures = defaultdict(list)
        for c in claims:
            measures[c.measure or "other"].append(c)
        self.measure_rows = sorted(
            ({"measure": m, "claims": len(cs), "sources": len({c.source for c in cs if c.source}),
              "low": min(c.value for c in cs), "high": max((c.value_high or c.value) for c in cs)}
             for m, cs in measures.items()), key=lambda r: (r["measure"] == "other", r["measure"]))
        self.sources = Counter(c.source or "(unattributed)" for c in claims).most_common()

    def data(self, articles: list[_Article]) -> str:
        """The fields of these articles' marks for the page's script, compact enough for
        thousands: one array of values a mark in the order of COLUMNS, each distinct string
        stored once in `strings` and given by its index (numbers and booleans as they are);
        `first`: the number of the first mark (the marks are consecutive)."""
        strings: dict[str | None, int] = {None: 0}  # a missing value is index 0

        def packed(v):
            if isinstance(v, str) or v is None:
                return strings.setdefault(v, len(strings))
            if isinstance(v, (list, tuple)):
                return [packed(x) for x in v]
            if isinstance(v, float) and v.is_integer():
                return int(v)
            return v

        first = articles[0].first if articles else 0
        count = sum(len(a.claims) for a in articles)
        rows = [[f[k] if k in NUMBERS else packed(f[k]) for k in COLUMNS] for f in self.fields[first:first + count]]
        return safe_json({"columns": COLUMNS, "strings": list(strings), "first": first, "claims": rows})

    def shown(self, articles: list[_Article], full_text: bool, excerpted: set[int] | frozenset[int] = frozenset()) -> list[dict]:
        """The articles as the template shows them: their text cut at their marks (whole, or only
        their sentences with figures where not `full_text` and for the numbers in `excerpted`)."""
        out = []
        for a in articles:
            mine = [c for _, _, c in a.claims]
            marks = [m for _, m, _ in a.claims]
            cut = segments if full_text and a.number not in excerpted else excerpts
            out.append({"number": a.number, "doc": a.doc, "claims": len(a.claims),
                        "segments": [(piece, marks[i] if i is not None else None) for piece, i in cut(a.doc.text, mine)]})
        return out

    def charts(self, keys: list[str], href, titles: bool) -> dict[str, str]:
        from ..views import timeline as tl

        out = {}
        for k in keys:
            t = tl.timeline(self.recon.series[k], href=href)
            if t:
                out[k] = tl.svg(t, titles=titles, ids=False)
        return out

    def common(self) -> dict:
        from ..views import timeline as tl

        return {"recon": self.recon, "measure_rows": self.measure_rows, "sources": self.sources,
                "flows": flows(self.recon, self.topic), "other_rows": self.other[:OTHER_ROWS],
                "other_total": len(self.other), "timeline_style": tl.STYLE, "n_claims": len(self.claims),
                "n_articles": len(self.articles)}


def render_report(documents: list[Document], claims: list[Claim], title: str = "claimscope report", topic=None,
                  full_text: bool | None = None) -> str:
    """The report as one page. `full_text`: each article's whole text (True) or only its
    sentences with figures (False); None: the whole texts unless they add up to more than
    FULL_TEXT characters."""
    return _one_page(_Material(documents, claims, topic), title, full_text)


def _one_page(material: _Material, title: str, full_text: bool | None) -> str:
    if full_text is None:
        full_text = sum(len(a.doc.text) for a in material.articles) <= FULL_TEXT

    def href(claim_id: str) -> str:
        return "#" + material.mark.get(claim_id, "")

    charts = material.charts(material.charted, href, titles=False)
    return _environment().get_template("report.html.j2").render(
        title=title, articles=material.shown(material.articles, full_text), charts=charts, href=href,
        rows=[r for r in material.recon.rows if r.measure in charts], full_text=full_text,
        data=material.data(material.articles), latest=_latest(material, charts), **material.common())


def _latest(material: _Material, keys) -> dict:
    from ..views import timeline as tl

    return {k: tl.latest_by_origin(material.recon.series[k]) for k in keys}


def render_pages(documents: list[Document], claims: list[Claim], title: str = "claimscope report", topic=None,
                 folder: str = "claimscope-report_files", index_name: str = "claimscope-report.html") -> Pages:
    """The report as one page while it is under PAGE_BYTES, else split (the module's docstring):
    the index (to be written as `index_name`) and its other pages, to be written in `folder`
    beside it. Split, the articles are shown whole (an article over a page's budget: its
    sentences with figures)."""
    material = _Material(documents, claims, topic)
    if _one_page_floor(material) < PAGE_BYTES:  # (else no need to render the one page to know it is too heavy)
        one = _one_page(material, title, None)
        if len(one.encode("utf-8")) < PAGE_BYTES:
            return Pages(one, folder)
    return _split(material, title, folder, index_name)


def _one_page_floor(material: _Material) -> int:
    """Bytes the one-page report holds at the least: its claims' data and its articles' text
    (whole, or their sentences with figures past FULL_TEXT characters, as `_one_page` shows them)."""
    text = sum(len(a.doc.text) for a in material.articles)
    if text > FULL_TEXT:
        text = sum(len(p) for a in material.articles for p, _ in excerpts(a.doc.text, [c for _, _, c in a.claims]))
    return text + len(material.data(material.articles))


def _file_names(keys: list[str]) -> dict[str, str]:
    """A measure key -> its page's file name: the key's letters, digits, '-' and '_', unique."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for k in keys:
        stem = "m-" + (re.sub(r"[^A-Za-z0-9_-]+", "_", k)[:80] or "measure")
        name, n = stem + ".html", 1
        while name in taken:
            n += 1
            name = f"{stem}-{n}.html"
        taken.add(name)
        names[k] = name
    return names


def _article_pages(material: _Material) -> list[tuple[list[_Article], set[int]]]:
    """The articles cut into pages of about ARTICLES_PAGE_BYTES, in their order; with each page
    the numbers of its articles too heavy to show whole (shown by their sentences with figures)."""
    pages: list[tuple[list[_Article], set[int]]] = [([], set())]
    weight = 0
    for a in material.articles:
        frame = 250 * len(a.claims) + 600  # the marks and the claims' data, the article's frame
        whole = len(a.doc.text.encode("utf-8")) + frame
        cut = whole > ARTICLES_PAGE_BYTES
        if cut:
            whole = sum(len(p.encode("utf-8")) for p, _ in excerpts(a.doc.text, [c for _, _, c in a.claims])) + frame
        if pages[-1][0] and weight + whole > ARTICLES_PAGE_BYTES:
            pages.append(([], set()))
            weight = 0
        pages[-1][0].append(a)
        if cut:
            pages[-1][1].add(a.number)
        weight += whole
    return pages if pages[0][0] else []


def _split(material: _Material, title: str, folder: str, index_name: str) -> Pages:
    from ..views import timeline as tl

    env = _environment()
    measure_page = _file_names(material.charted)
    article_pages = _article_pages(material)
    page_of_mark = {mark: f"articles-{n}.html" for n, (articles, _) in enumerate(article_pages, 1)
                    for a in articles for _, mark, _ in a.claims}

    def href_in_folder(claim_id: str) -> str:
        mark = material.mark.get(claim_id, "")
        return f"{page_of_mark.get(mark, '')}#{mark}"

    folder_url = quote(folder)
    index_url = "../" + quote(index_name)
    pages: dict[str, str] = {}
    charts = material.charts(material.charted, href_in_folder, titles=True)
    latest = _latest(material, charts)
    keys = [k for k in material.charted if k in charts]
    rows_by_measure = defaultdict(list)
    for r in material.recon.rows:
        rows_by_measure[r.measure].append(r)
    for i, k in enumerate(keys):
        pages[measure_page[k]] = env.get_template("measure.html.j2").render(
            title=title, key=k, series=material.recon.series[k], chart=charts[k], rows=rows_by_measure[k],
            latest=latest[k], href=href_in_folder, index_url=index_url,
            previous=(measure_page[keys[i - 1]], material.recon.series[keys[i - 1]].label) if i else None,
            following=(measure_page[keys[i + 1]], material.recon.series[keys[i + 1]].label) if i + 1 < len(keys) else None,
            data=material.data([]), timeline_style=tl.STYLE)
    rows_pages = []  # (file name, number of its first row, of its last): every row of figures no measure selects
    for n, first in enumerate(range(0, len(material.other), ROWS_PAGE), 1):
        rows_pages.append((f"rows-{n}.html", first + 1, min(first + ROWS_PAGE, len(material.other))))
    for n, (name, first, last) in enumerate(rows_pages):
        pages[name] = env.get_template("rows.html.j2").render(
            title=title, rows=material.other[first - 1:last], first=first, last=last, total=len(material.other),
            href=href_in_folder, index_url=index_url, previous=rows_pages[n - 1][0] if n else None,
            following=rows_pages[n + 1][0] if n + 1 < len(rows_pages) else None, data=material.data([]),
            timeline_style=tl.STYLE)
    for n, (articles, cut) in enumerate(article_pages, 1):
        pages[f"articles-{n}.html"] = env.get_template("articles.html.j2").render(
            title=title, articles=material.shown(articles, True, cut), cut=cut, page=n, pages=len(article_pages), index_url=index_url,
            data=material.data(articles), n_articles=len(material.articles), n_claims=len(material.claims))

    def href_from_index(claim_id: str) -> str:
        return f"{folder_url}/{href_in_folder(claim_id)}"

    index = env.get_template("index.html.j2").render(
        title=title, href=href_from_index, folder=folder, folder_url=folder_url, keys=keys,
        measure_page=measure_page,
        article_pages=[(f"articles-{n}.html", articles, sum(len(a.claims) for a in articles))
                       for n, (articles, _) in enumerate(article_pages, 1)],
        rows_count={k: len(rows_by_measure[k]) for k in keys},
        disagreements={k: sum(r.verdict == "disagree" for r in rows_by_measure[k]) for k in keys},
        rows_pages=[(f"{folder_url}/{name}", first, last) for name, first, last in rows_pages],
        data=material.data([]), **material.common())
    return Pages(index, folder, pages)
