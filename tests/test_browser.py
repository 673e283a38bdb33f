"""End to end in a real browser: Debian's Chromium driven by Playwright, against the web
application served by uvicorn on 127.0.0.1, and against the offline HTML report.

Playwright's own browser download is never used (`playwright install` is not run): the
tests launch /usr/bin/chromium and are skipped, saying so, where it is absent.
"""
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from serving import serve_in_thread, stop
from xss_corpus import PAYLOADS, build_ledger

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("Debian's Chromium is not installed at /usr/bin/chromium (apt-get install chromium)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed (pip install -e '.[test]')")

SHOTS = Path(__file__).resolve().parent.parent / "test-output" / "screenshots"
SAMPLE = "002_125bc9ff60828318.txt"


@pytest.fixture(scope="module")
def db(tmp_path_factory, extractor):
    tmp = tmp_path_factory.mktemp("browser")
    return build_ledger(tmp / "ledger.db", extractor, tmp)


@pytest.fixture(scope="module")
def server(db):
    """The application served by uvicorn in a background thread, as `claimscope serve` does."""
    from claimscope.web import create_app

    srv, thread, url = serve_in_thread(create_app(str(db)))
    yield url
    stop(srv, thread)


def shot(page, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path


def in_view(page, selector: str) -> bool:
    return page.evaluate("""s => { const r = document.querySelector(s).getBoundingClientRect();
                                   return r.top >= -1 && r.bottom <= window.innerHeight + 1; }""", selector)


# -- the journey -----------------------------------------------------------------------------


def test_filter_by_measure_click_a_claim_land_on_its_sentence(page, server):
    page.goto(server + "/")
    everything = page.locator("table.claims tbody tr").count()
    assert everything > 50
    shot(page, "01-claims")

    page.select_option("select[name=measure]", "dprk_troops_killed")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/?*measure=dprk_troops_killed*")
    rows = page.locator("table.claims tbody tr")
    assert 0 < rows.count() < everything
    assert set(rows.locator("td:nth-child(3)").all_inner_texts()) == {"dprk_troops_killed"}
    shot(page, "02-claims-filtered-by-measure")

    link = page.locator(f'a.claim-link[href^="/doc/{SAMPLE}"]', has_text=re.compile(r"^300$")).first
    n = link.get_attribute("href").rsplit("-", 1)[1]
    link.click()
    page.wait_for_url(f"**/doc/{SAMPLE}?claim={n}#claim-{n}")
    mark = page.locator(f"mark#claim-{n}")
    assert mark.inner_text() == "300"
    assert "selected" in mark.get_attribute("class")
    sentence = page.locator(".sentence.target")
    assert sentence.count() == 1 and "300 soldats ont été tués" in sentence.inner_text()
    assert sentence.locator(f"mark#claim-{n}").count() == 1
    assert in_view(page, f"mark#claim-{n}")
    detail = page.locator("#detail")
    assert detail.is_visible() and f"Claim {n}: 300" in detail.inner_text() and "why" in detail.inner_text()
    assert page.evaluate("getComputedStyle(document.querySelector('.sentence.target')).backgroundColor") != "rgba(0, 0, 0, 0)"
    shot(page, "03-article-claim-highlighted")


def test_clicking_a_figure_in_the_article_shows_its_fields_and_why(page, server):
    page.goto(f"{server}/doc/{SAMPLE}")
    assert not page.locator("#detail").is_visible()
    mark = page.locator("mark[data-claim]").nth(4)
    n = mark.get_attribute("data-claim")
    mark.click()
    detail = page.locator("#detail")
    assert detail.is_visible()
    text = detail.inner_text()
    assert f"Claim {n}:" in text and "why" in text and "measure" in text and "sentence" in text
    assert page.url.endswith(f"#claim-{n}")
    assert page.locator(".sentence.target").locator(f'mark[data-claim="{n}"]').count() >= 1
    shot(page, "04-article-click-detail")
    # a link to #claim-N on the same page moves the highlight
    other = page.locator("ol.doc-claims a").first
    m = other.get_attribute("data-claim")
    other.click()
    page.wait_for_function(f"document.querySelector('mark#claim-{m}').classList.contains('selected')")
    assert page.locator(".sentence.target").locator(f"mark#claim-{m}").count() == 1


def test_hash_alone_highlights_the_sentence(page, server):
    page.goto(f"{server}/doc/{SAMPLE}#claim-5")
    page.wait_for_selector("mark#claim-5.selected")
    assert page.locator(".sentence.target mark#claim-5").count() == 1 and in_view(page, "mark#claim-5")


def test_series_chart_links_to_the_claims(page, server):
    page.goto(server + "/series")
    page.click('a[href="/series/dprk_troops_sent"]')
    page.wait_for_url("**/series/dprk_troops_sent")
    chart = page.locator("svg.timeline")
    assert chart.is_visible()
    marks = chart.locator("a.mark")
    assert marks.count() >= 3
    colours = {page.evaluate("e => getComputedStyle(e.querySelector('.dot')).stroke", m) for m in marks.element_handles()}
    assert len(colours) == chart.locator(".legend g").count() >= 1  # each origin its colour, in the key
    shot(page, "05-series-chart")
    marks.last.click()
    page.wait_for_url("**/doc/**")
    assert page.locator("mark.selected").count() >= 1 and page.locator(".sentence.target").count() == 1


def test_conflicts_and_sources_pages(page, server):
    page.goto(server + "/conflicts")
    assert page.locator("table.rows tbody tr").count() > 0
    shot(page, "06-conflicts")
    page.click("a[href='/conflicts?verdict=disagree']")
    page.wait_for_url("**verdict=disagree")
    assert set(page.locator("table.rows .verdict").all_inner_texts()) == {"disagree"}
    page.locator("table.rows a[href^='/doc/']").first.click()
    page.wait_for_url("**/doc/**")
    assert page.locator("mark.selected").count() >= 1
    page.goto(server + "/sources")
    assert page.locator("section.origin h2", has_text="South Korea NIS").count() == 1
    shot(page, "07-sources")


def test_search_box(page, server):
    page.goto(server + "/")
    page.fill("input[name=q]", "Budanov")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**q=Budanov*")
    rows = page.locator("table.claims tbody tr")
    assert rows.count() > 0
    assert all("Budanov" in t for t in rows.locator("td:nth-child(4)").all_inner_texts())


# -- the XSS corpus, in the browser -------------------------------------------------------------

WATCH = """() => {
  const bad = [];
  for (const e of document.querySelectorAll('*')) {
    for (const a of e.getAttributeNames()) if (a.toLowerCase().startsWith('on')) bad.push(e.tagName + ' ' + a);
    const t = e.tagName.toLowerCase();
    // the report folds its own sections in <details class="section|measure|article">: any other is injected
    const ours = t === 'details' && ['section', 'measure', 'article'].includes(e.className) && !e.hasAttribute('ontoggle');
    if (['img', 'iframe', 'object', 'embed', 'base', 'details', 'math', 'noscript', 'textarea'].includes(t) && !ours) bad.push(t);
    for (const a of ['href', 'src', 'data', 'action']) {
      const v = (e.getAttribute(a) || '').replace(/[\\u0000-\\u0020]/g, '').toLowerCase();
      if (/^(javascript|data|vbscript):/.test(v)) bad.push(t + ' ' + a + '=' + v);
    }
  }
  return {xss: window.__xss === undefined ? null : String(window.__xss), bad: bad,
          styles: Array.from(document.querySelectorAll('style')).map(s => s.parentElement.tagName),
          scripts: Array.from(document.scripts).map(s => s.src ? 'src' : (s.type || 'inline'))};
}"""


def _watched(browser):
    """A context without CSP (the pages' CSP would stop inline scripts: here escaping alone
    must hold) that records every dialog a payload might open."""
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    return context, page, dialogs


def _check(page, where: str, scripts: set[str], styles: tuple = ()) -> None:
    result = page.evaluate(WATCH)
    assert result["xss"] is None, (where, result)
    assert not result["bad"], (where, result["bad"])
    assert tuple(result["styles"]) == styles, (where, result["styles"])  # the report's own stylesheet only
    assert set(result["scripts"]) <= scripts, (where, result["scripts"])


def _poke(page) -> None:
    """What a reader does: click the figures, hover and focus things, so that handlers would fire."""
    for m in page.locator("mark").all()[:8]:
        m.click()
        m.hover()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")


def test_xss_corpus_in_the_application(browser, server, db):
    from claimscope.store import Ledger

    ledger = Ledger(str(db), create=False)
    names = [d["name"] for d in ledger.documents() if d["name"].startswith("xss")]
    ledger.close()
    assert len(names) == len(PAYLOADS) >= 30
    context, page, dialogs = _watched(browser)
    pages = ["/", "/?q=script", "/?q=" + quote("<img"), "/series", "/conflicts", "/sources", "/documents", "/rejected",
             "/api/claims?q=script"]
    page.goto(server + "/series")
    pages += page.eval_on_selector_all("table a[href^='/series/']", "as => as.map(a => a.getAttribute('href'))")
    pages += [f"/doc/{quote(n, safe='')}?claim=2#claim-2" for n in names]
    for path in pages:
        page.goto(server + path)
        page.wait_for_load_state("load")
        if path.startswith("/doc/"):
            _poke(page)
        _check(page, path, {"src", "application/json"})
    page.goto(server + f"/doc/{quote(names[4], safe='')}")
    shot(page, "08-xss-document-escaped")
    assert not dialogs, dialogs
    context.close()


def test_xss_corpus_in_the_offline_report(browser, db, tmp_path):
    from claimscope.report import render_report
    from claimscope.store import Ledger

    ledger = Ledger(str(db), create=False)
    docs = [ledger.document(d["name"]) for d in ledger.documents()]
    claims = ledger.claims()
    ledger.close()
    assert sum(d.name.startswith("xss") for d in docs) == len(PAYLOADS)
    report = tmp_path / "report.html"
    report.write_text(render_report(docs, claims), encoding="utf-8")
    context, page, dialogs = _watched(browser)
    page.goto(report.as_uri())
    page.wait_for_load_state("load")
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")  # every section unfolded
    marks = page.locator("details.article mark[id]")
    assert marks.count() > len(PAYLOADS)
    for i in range(0, marks.count(), 7):  # the detail panel writes claim fields: it must write them as text
        marks.nth(i).click()
    _check(page, "report", {"application/json", "inline"}, styles=("HEAD",))
    shot(page, "09-report-xss-escaped")
    assert not dialogs, dialogs
    context.close()


# -- the timeline, search, pagination, the claim panel, the report (issue 14 and 15) -----------


def test_hovering_a_timeline_mark_shows_its_figure_and_clicking_leads_to_its_sentence(page, server):
    page.goto(server + "/series/dprk_troops_sent")
    mark = page.locator("svg.timeline a.mark").last  # drawn last: on top of any it overlaps
    cid = mark.get_attribute("data-claim")
    mark.hover()
    tip = page.locator(".tip")
    tip.wait_for(state="visible")
    text = tip.inner_text()
    assert cid in text and re.search(r"\d", text) and re.search(r"\d{4}-\d{2}-\d{2}|undated", text)
    shot(page, "07-timeline-hover")
    doc, n = cid.rsplit("#", 1)
    mark.click()
    page.wait_for_url(f"**/doc/**?claim={n}#claim-{n}")
    assert page.locator(f"mark#claim-{n}.selected").count() == 1
    assert page.locator(".sentence.target").locator(f"mark#claim-{n}").count() == 1 and in_view(page, f"mark#claim-{n}")


def test_search_ignores_accents_and_reads_grouped_numbers(page, server):
    page.goto(server + "/")
    page.fill("input[name=q]", "choigou")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/?*q=choigou*")
    sentences = page.locator("table.claims tbody td.sentence").all_inner_texts()
    assert sentences and all("choïgou" in s.lower() or "choigou" in s.lower() for s in sentences)
    assert any("Choïgou" in s for s in sentences)
    shot(page, "08-search-accents")
    page.fill("input[name=q]", "15000")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/?*q=15000*")
    sentences = page.locator("table.claims tbody td.sentence").all_inner_texts()
    assert sentences and all(re.search(r"(?<!\d)15[\s\u00a0\u202f,.]?000(?!\d)", s) for s in sentences), sentences
    # the figure is marked in its sentence
    assert page.locator("table.claims tbody td.sentence mark.fig").count() >= 1


def test_pagination_walks_every_claim_with_counts(page, server, db):
    from claimscope.store import Ledger

    total = Ledger(str(db), create=False).counts()["claims"]
    page.goto(server + "/")
    assert f"rows 1–100 of {total:,}" in page.locator("p.pages").first.inner_text()
    first = page.locator("table.claims tbody tr").first.get_attribute("data-claim")
    page.locator("p.pages").first.locator("a[rel=next]").click()
    page.wait_for_url("**/?*page=2*")
    assert f"rows 101–{min(200, total)} of {total:,}" in page.locator("p.pages").first.inner_text()
    assert page.locator("table.claims tbody tr").first.get_attribute("data-claim") != first
    # sorting by figure, largest first
    page.locator("th a.sort", has_text="figure").click()
    page.locator("th a.sort", has_text="figure").click()
    page.wait_for_url("**/?*dir=desc*")
    values = [float(re.sub(r"[^\d.]", "", v.split("–")[0]) or 0)
              for v in page.locator("table.claims tbody td.n a.claim-link").all_inner_texts()[:20]]
    assert values == sorted(values, reverse=True)


def test_facets_count_and_filter_unattributed(page, server):
    page.goto(server + "/")
    link = page.locator(".facets section", has=page.locator("h3", has_text="source")).locator("a", has_text="(unattributed)")
    n = int(link.locator("xpath=..").locator(".n").inner_text().replace(",", ""))
    link.click()
    page.wait_for_url("**/?*unattributed=1*")
    assert f"{n:,} of" in page.locator("p.count").first.inner_text()
    assert set(page.locator("table.claims tbody tr td:nth-child(4)").all_inner_texts()) == {"—"}


def test_documents_and_rejected_pages(page, server):
    page.goto(server + "/documents")
    titles = page.locator("table.documents tbody tr td:first-child a").all_inner_texts()
    assert titles and not any(t.endswith(".txt") for t in titles[:3]) or titles
    assert "documents in the ledger" in page.locator("p.count").inner_text()
    shot(page, "09-documents")
    page.goto(server + "/rejected")
    assert page.locator("h1").inner_text() == "Rejected inputs"


def test_claim_panel_is_keyboard_reachable_and_closes(page, server):
    page.goto(f"{server}/doc/{SAMPLE}")
    page.locator("mark[data-claim]").first.focus()
    page.keyboard.press("Enter")
    detail = page.locator("#detail")
    assert detail.is_visible()
    labels = detail.locator("dt").all_inner_texts()
    # the analyst's order: what the figure is, who says it, when, then why
    assert labels.index("text") < labels.index("source") < labels.index("time_start") < labels.index("why")
    page.keyboard.press("Escape")
    assert not detail.is_visible()
    page.locator("mark[data-claim]").nth(1).click()
    assert detail.is_visible()
    page.locator("#detail-close").click()
    assert not detail.is_visible()


def test_report_timeline_mark_opens_its_article_at_the_figure(page, db, tmp_path):
    from claimscope.report import render_report
    from claimscope.store import Ledger

    ledger = Ledger(str(db), create=False)
    html = render_report([ledger.document(d["name"]) for d in ledger.documents()], ledger.claims())
    path = tmp_path / "report.html"
    path.write_text(html, encoding="utf-8")
    page.goto(path.as_uri())
    assert page.locator("nav.toc a").count() >= 5
    assert page.locator("details.article[open]").count() == 0  # folded
    mark = page.locator("details.measure[open] svg.timeline a.mark").last
    target = mark.get_attribute("href")[1:]
    mark.click()
    figure = page.locator(f"mark#{target}")
    assert figure.is_visible() and "selected" in figure.get_attribute("class")
    assert page.locator("#detail").is_visible()
    shot(page, "10-report-timeline-click")
