"""The report at 5,000 claims (issues 14 and 15): split into pages each under 1 MB (an index
with its contents, a page per measure, pages of articles), every link between them reaching
its target, every claim marked once; in Chromium a link of the contents opens its section in
view, and a timeline mark leads to its figure on its article page. Load times are measured in
benchmarks/pages.py, not here."""
import json
import re
from dataclasses import replace
from datetime import date, timedelta
from importlib import resources

import pytest

from claimscope.cli import main
from claimscope.records import PartialDate
from claimscope.store import Ledger

CLAIMS = 5000
PAGE_BYTES = 1_000_000


def _later(iso: str | None, days: int) -> str | None:
    return (date.fromisoformat(iso[:10]) + timedelta(days=days)).isoformat() if iso and len(iso) >= 10 else iso


@pytest.fixture(scope="module")
def report(tmp_path_factory, extractor):
    """The bundled samples ingested by the real pipeline, then stored again as later articles
    (a week apart each, figures growing) until the ledger holds 5,000 claims; the report of it."""
    from claimscope.engine import ingest
    from claimscope.extract.pipeline import PIPELINE_VERSION

    tmp = tmp_path_factory.mktemp("report5000")
    db = str(tmp / "big.db")
    samples = sorted(str(p) for p in resources.files("claimscope").joinpath("samples").iterdir() if p.name.endswith(".txt"))
    ledger = Ledger(db)
    ingest(samples, ledger, extractor, progress=False)
    base = [(ledger.document(d["name"]), ledger.claims(doc=d["name"])) for d in ledger.documents()]
    run = ledger.start_run("copies", "test", PIPELINE_VERSION)
    stored, k = sum(len(c) for _, c in base), 0
    while stored < CLAIMS:
        k += 1
        for doc, claims in base:
            days = 7 * k

            def moved(p: PartialDate, days=days) -> PartialDate:
                return replace(p, value=p.value + timedelta(days=days)) if p.value else p

            name = f"{doc.name}~{k}"
            copy = replace(doc, name=name, text=doc.text + f"\n[{k}]", date=moved(doc.date),
                           articles=tuple(replace(a, date=moved(a.date)) for a in doc.articles))
            ledger.store(copy, [replace(c, doc=name, value=round(c.value * (1 + k / 50), 1),
                                        time_start=_later(c.time_start, days), time_end=_later(c.time_end, days))
                                for c in claims], run)
            stored += len(claims)
    ledger.finish_run(run, 0, 0, stored, 0)
    ledger.close()
    out = tmp / "report.html"
    assert main(["report", "--db", db, "-o", str(out)]) == 0
    return out, stored


def _pages(index):
    """The report's files: the index, then its pages (the folder beside it), each with its html."""
    folder = index.parent / f"{index.stem}_files"
    return {index: index.read_text(encoding="utf-8")} | {p: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())}


def test_the_report_at_5000_claims_is_in_pages_under_1_mb_whose_links_all_reach(report):
    path, stored = report
    assert stored >= CLAIMS
    pages = _pages(path)
    assert len(pages) > 3 and all(p.stat().st_size < PAGE_BYTES for p in pages)
    ids = {p: set(re.findall(r'\bid="([^"]+)"', html)) for p, html in pages.items()}
    index = pages[path]
    toc = index[index.index('<nav class="toc"'):index.index("</nav>")]
    assert len(re.findall(r'href="#([^"]+)"', toc)) >= 6
    sections = re.findall(r'<details class="section" id="([^"]+)"', index)
    assert {"measures", "timelines", "rows", "sources", "articles"} <= set(sections)
    broken, links = [], 0
    for p, html in pages.items():
        for target in re.findall(r'<a [^>]*href="([^"]+)"', html):
            links += 1
            file, _, anchor = target.partition("#")
            there = (p.parent / file).resolve() if file else p
            if there not in ids or (anchor and anchor not in ids[there]):
                broken.append((p.name, target))
    assert links > CLAIMS and not broken, broken[:5]
    # every claim is marked once, on the page of articles whose data holds its fields
    marks = []
    for p, html in pages.items():
        if p.name.startswith("articles-"):
            mine = re.findall(r'<mark id="c(\d+)">', html)
            data = json.loads(re.search(r'id="claims-data">(.*?)</script>', html, re.S).group(1))
            assert [int(m) for m in mine] == list(range(data["first"], data["first"] + len(data["claims"])))
            marks += mine
    assert len(marks) == len(set(marks)) == stored
    # every row of the figures no measure selects is on the pages of rows, none capped away
    total = int(re.search(r'<a href="#rows">[^<]*</a> <span class="count">\((\d+) rows\)', index).group(1))
    rows = sum(html.count('<tr class="row-') for p, html in pages.items() if p.name.startswith("rows-"))
    assert total > 0 and rows == total
    # the measures' timelines are on their pages, one each, with their rows
    measure_pages = [html for p, html in pages.items() if p.name.startswith("m-")]
    assert measure_pages and all(html.count('<svg class="timeline"') == 1 and "Who says what, by period" in html
                                 for html in measure_pages)


def test_in_chromium_a_link_of_the_contents_opens_its_section_in_view(report, page):
    path, _ = report
    page.goto(path.as_uri())
    sources = page.locator("details#sources")
    assert not sources.evaluate("d => d.open")
    from pathlib import Path

    shots = Path(__file__).resolve().parent.parent / "test-output" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / "report-5000-contents.png"))
    page.locator('nav.toc a[href="#sources"]').click()
    assert sources.evaluate("d => d.open")
    assert page.evaluate("""() => { const r = document.querySelector('details#sources').getBoundingClientRect();
                                    return r.top >= -1 && r.top < window.innerHeight; }""")
    # folding a section hides its content
    page.locator("details#measures > summary").click()
    assert not page.locator("details#measures table").first.is_visible()
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(shots / "report-5000-folded.png"))


def test_in_chromium_a_timeline_mark_of_a_measure_page_opens_its_figure_on_its_article_page(report, page):
    path, _ = report
    page.goto(path.as_uri())
    page.locator("details#timelines table a").first.click()
    page.wait_for_load_state("load")
    assert "_files/m-" in page.url and page.locator("svg.timeline").count() == 1
    mark = page.locator("svg.timeline a.mark").last
    assert mark.locator("title").count() == 1  # its hover text is in the page, with no data to read it from
    target = mark.get_attribute("href")
    mark.click()
    page.wait_for_load_state("load")
    assert page.url.endswith(target.replace(" ", "%20")) and "_files/articles-" in page.url
    figure = page.locator("mark#" + target.split("#")[1])
    assert figure.is_visible() and "selected" in figure.get_attribute("class")
    detail = page.locator("#detail")
    assert detail.is_visible() and "doc: " in detail.inner_text() and "origin: " in detail.inner_text()
    from pathlib import Path

    shots = Path(__file__).resolve().parent.parent / "test-output" / "screenshots"
    page.screenshot(path=str(shots / "report-5000-article-page.png"))
    # the page's claims table holds its articles' claims, each with its document
    page.locator("details#claims > summary").click()
    page.wait_for_function("document.querySelectorAll('#claims-table tbody tr').length > 0")  # drawn on the toggle event
    rows = page.locator("#claims-table tbody tr")
    assert rows.count() == page.locator("details.article mark[id]").count()
    assert rows.first.locator("td").first.inner_text().strip()
