"""Corrections from the app's claim panel (issue 15): only with --allow-edits, by POST with
this process's CSRF token, from the same origin. Through Debian's Chromium (Playwright) for
the panel, and httpx against the served app for the refusals."""
import re
from pathlib import Path

import httpx
import pytest
from serving import ledger_of, serve_in_thread, stop

from claimscope.store import Ledger

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SHOTS = Path(__file__).resolve().parent.parent / "test-output" / "screenshots"
ARTICLE = ("Titre\n12.03.2025\nSelon le NIS, environ 11 000 soldats nord-coréens ont été déployés en Russie. "
           "Le NIS estime qu'environ 300 d'entre eux ont été tués.\n")


@pytest.fixture()
def db(in_tmp, capsys):
    path = ledger_of(in_tmp, ARTICLE)
    capsys.readouterr()
    return path


@pytest.fixture()
def served(db):
    """serve(allow_edits) -> the base URL; every server started is stopped at the end."""
    from claimscope.web import create_app

    started = []

    def serve(allow_edits: bool) -> str:
        srv, thread, url = serve_in_thread(create_app(db, allow_edits=allow_edits))
        started.append((srv, thread))
        return url

    yield serve
    for srv, thread in started:
        stop(srv, thread)


def source_of(db: str, text: str):
    ledger = Ledger(db, create=False)
    try:
        return next(c for c in ledger.claims() if c.text == text)
    finally:
        ledger.close()


def token(base: str) -> str:
    html = httpx.get(f"{base}/doc/a.txt?claim=1").text
    return re.search(r'name="csrf" value="([0-9a-f]{64})"', html).group(1)


def test_refusals_without_token_from_another_origin_or_without_allow_edits(db, served):
    base = served(True)
    url = f"{base}/doc/a.txt/correct"
    form = {"n": "1", "source": "Kyiv", "csrf": token(base)}
    same = {"origin": base}
    assert httpx.post(url, data={k: v for k, v in form.items() if k != "csrf"}, headers=same).status_code == 403
    assert httpx.post(url, data={**form, "csrf": "0" * 64}, headers=same).status_code == 403
    r = httpx.post(url, data=form, headers={"origin": "http://evil.example"})
    assert r.status_code == 403 and "does not come from this site" in r.text
    assert httpx.post(url, data=form, headers={"referer": "http://evil.example/page"}).status_code == 403
    assert httpx.post(url, data=form).status_code == 403  # neither Origin nor Referer
    assert source_of(db, "environ 11 000").corrected is None  # nothing was stored
    r = httpx.post(url, data={**form, "value": "many"}, headers=same)
    assert r.status_code == 400 and "value: not a number" in r.text
    r = httpx.post(url, data=form, headers={"referer": f"{base}/doc/a.txt?claim=1"})
    assert r.status_code == 303 and r.headers["location"] == "/doc/a.txt?claim=1#claim-1"  # the article, at the claim
    assert source_of(db, "environ 11 000").source == "Kyiv"
    # the same POST to a server without --allow-edits, which offers no form: refused
    closed = served(False)
    assert 'name="csrf"' not in httpx.get(f"{closed}/doc/a.txt?claim=1").text
    r = httpx.post(f"{closed}/doc/a.txt/correct", data=form, headers={"origin": closed})
    assert r.status_code == 403 and "--allow-edits" in r.text


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's Chromium is not installed at /usr/bin/chromium")
def test_a_correction_made_in_the_panel_shows_on_reload(db, served):
    sync_api = pytest.importorskip("playwright.sync_api")
    base = served(True)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.set_default_timeout(10_000)
            page.goto(f"{base}/doc/a.txt?claim=1")
            form = page.locator("form#correct")
            assert form.locator('input[name="source"]').input_value() == "South Korea NIS"
            form.locator('input[name="source"]').fill("Kyiv Independent")
            form.locator('input[name="note"]').fill("the paper's own count")
            form.locator('input[name="by"]').fill("ana")
            with page.expect_navigation():
                form.locator('button[value="change"]').click()
            page.reload()
            panel = page.locator("#detail")
            assert "Kyiv Independent" in panel.inner_text()
            assert "corrected by ana" in panel.inner_text() and "the tool said source=South Korea NIS" in panel.inner_text()
            assert page.locator('form#correct input[name="source"]').input_value() == "Kyiv Independent"
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / "correction-panel.png"), full_page=True)
            # not a claim: the figure is no longer marked in the article
            with page.expect_navigation():
                page.locator('form#correct button[value="not_a_claim"]').click()
            page.reload()
            assert page.locator("mark[data-claim]").count() == 1
        finally:
            browser.close()
    mark = source_of(db, "environ 300")  # the one claim left
    assert mark.corrected is None
