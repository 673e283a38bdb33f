"""The analyst's workbench in the app (issue 15), through Debian's Chromium (Playwright):
undo a correction from the claim panel and from the article's corrections, add a claim the
tool missed from a selection in the article, the "corrected" facet, and the claims page's
filtered view downloaded as CSV with `claimscope export`'s columns and rows. The browser
tests are skipped where Chromium is not (conftest.py's `browser`); the HTTP ones run."""
import csv
import io
import re
from pathlib import Path

import httpx
import pytest
from serving import ledger_of, serve_in_thread, stop
from xss_corpus import build_ledger

from claimscope.cli import main
from claimscope.store import Ledger

SHOTS = Path(__file__).resolve().parent.parent / "test-output" / "screenshots"
# the title's flag is one code point but two UTF-16 units: the offsets the page gives the
# server must be counted as Python counts them. "Des milliers" is a figure the tool misses.
ARTICLE = ("Titre 🚩\n12.03.2025\nSelon le NIS, environ 11 000 soldats nord-coréens ont été déployés en Russie. "
           "Le NIS estime qu'environ 300 d'entre eux ont été tués. Des milliers d'autres suivront, selon M. Kim. "
           "Kiev parle d'un bataillon entier.\n")
MISSED = "Des milliers"


@pytest.fixture()
def db(in_tmp, capsys):
    path = ledger_of(in_tmp, ARTICLE)
    capsys.readouterr()
    return path


@pytest.fixture()
def edits(db):
    """The app over `db`, served with --allow-edits; its base URL."""
    from claimscope.web import create_app

    srv, thread, url = serve_in_thread(create_app(db, allow_edits=True))
    yield url
    stop(srv, thread)


def cli(*argv) -> None:
    assert main(list(argv)) == 0


def read(db: str, what: str):
    ledger = Ledger(db, create=False)
    try:
        return getattr(ledger, what)()
    finally:
        ledger.close()


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def panel(page) -> dict:
    """The claim panel's fields, as shown."""
    names = page.locator("#detail dt").all_inner_texts()
    return dict(zip(names, page.locator("#detail dd").all_inner_texts(), strict=True))


# -- undo --------------------------------------------------------------------------------------


def test_undo_from_the_panel_and_from_the_articles_corrections(db, edits, page):
    cli("correct", "a.txt#1", "--source", "Kyiv Independent", "--note", "their own count", "--by", "ana", "--db", db)
    cli("correct", "a.txt#2", "--not-a-claim", "--by", "ana", "--db", db)
    page.goto(f"{edits}/doc/a.txt?claim=1#claim-1")
    assert panel(page)["source"] == "Kyiv Independent" and "corrected by ana" in panel(page)["corrected"]
    assert page.locator("mark[data-claim]").count() == 1  # 'environ 300' is not a claim now
    shot(page, "workbench-panel-undo")
    undo = page.locator("#detail form#undo")
    assert undo.is_visible() and "Undo correction 1" in undo.inner_text()
    undo.locator('input[name="by"]').fill("bo")
    with page.expect_navigation():
        undo.locator("button").click()
    assert page.url.endswith("/doc/a.txt?claim=1#claim-1")  # back at the claim
    assert panel(page)["source"] == "South Korea NIS" and panel(page)["corrected"] == "—"
    assert page.locator("form#undo").count() == 0  # nothing left to undo on this claim
    rows = page.locator("table.corrections tbody tr")
    assert re.search(r"undone .* by bo", rows.nth(0).inner_text())
    # a claim marked not a claim has no panel: its undo is in the article's corrections
    with page.expect_navigation():
        rows.nth(1).locator("button", has_text="Undo").click()
    assert page.locator("mark[data-claim]").count() == 2
    assert page.locator("table.corrections button").count() == 0
    states = [(k.id, state, k.undone_by) for k, state in read(db, "corrections")]
    assert [s[1] for s in states] == ["undone", "undone"] and states[0][2] == "bo"
    assert [(c.text, c.source, c.corrected) for c in read(db, "claims")] == [
        ("environ 11 000", "South Korea NIS", None), ("environ 300", "South Korea NIS", None)]


def test_the_forms_follow_the_claim_chosen_in_the_article(db, edits, page):
    cli("correct", "a.txt#1", "--status", "planned", "--db", db)
    page.goto(f"{edits}/doc/a.txt?claim=1#claim-1")
    assert page.locator("form#correct").is_visible() and page.locator("form#undo").is_visible()
    page.locator('mark[data-claim="2"]').click()  # another claim: not the forms' one
    assert not page.locator("form#correct").is_visible() and not page.locator("form#undo").is_visible()
    link = page.locator("#detail-edit")
    assert link.is_visible()
    link.click()
    page.wait_for_url("**/doc/a.txt?claim=2#claim-2")
    assert page.locator('form#correct input[name="n"]').input_value() == "2"


# -- add ---------------------------------------------------------------------------------------


def select_in_article(page, text: str) -> None:
    """Select `text` in the article as a reader would, by a range over its text node."""
    page.evaluate("""t => {
        const walker = document.createTreeWalker(document.getElementById("article"), NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const i = n.data.indexOf(t);
            if (i < 0) continue;
            const r = document.createRange();
            r.setStart(n, i);
            r.setEnd(n, i + t.length);
            getSelection().removeAllRanges();
            getSelection().addRange(r);
            return;
        }
        throw new Error("not in the article: " + t);
    }""", text)


def test_add_a_claim_from_a_selection_in_the_article(db, edits, page, capsys):
    page.goto(f"{edits}/documents")  # the documents page leads to the article's add form
    with page.expect_navigation():
        page.locator("table.documents a.add").click()
    assert page.url == f"{edits}/doc/a.txt#add" and page.locator("form#add").is_visible()
    assert not page.locator("#detail").is_visible()
    select_in_article(page, MISSED)
    form = page.locator("form#add")
    start = ARTICLE.index(MISSED)
    page.wait_for_function("() => document.querySelector('#add [name=start]').value !== ''")
    assert (form.locator('[name="start"]').input_value(), form.locator('[name="end"]').input_value()) == \
        (str(start), str(start + len(MISSED)))  # code points, as Python counts: the flag is one
    assert page.locator("#add-figure").inner_text() == f"«{MISSED}»"
    form.locator('[name="value"]').fill("2 000")
    form.locator('[name="unit"]').fill("soldier")
    form.locator('[name="source"]').fill("M. Kim")
    form.locator('[name="by"]').fill("ana")
    form.locator('[name="note"]').fill("missed by the tool")
    shot(page, "workbench-add")
    with page.expect_navigation():
        form.locator("button", has_text="Add the claim").click()
    fields = panel(page)
    assert (fields["text"], fields["value"], fields["source"]) == (MISSED, "2000", "M. Kim")
    assert fields["sentence"] == "Des milliers d'autres suivront, selon M. Kim."  # not cut at 'M.'
    assert fields["corrected"].startswith("added by ana")
    assert page.locator(".sentence.target").inner_text() == fields["sentence"]
    n = re.search(r"\?claim=(\d+)#claim-\1$", page.url).group(1)
    # the CLI and the exports say the same
    capsys.readouterr()
    cli("claims", "--format", "csv", "--db", db)
    row = next(r for r in csv.DictReader(capsys.readouterr().out.splitlines()) if r["text"] == MISSED)
    assert (row["id"], row["corrected"], row["corrected_by"], row["sentence"]) == \
        (f"a.txt#{n}", "added", "ana", fields["sentence"])
    assert ARTICLE[int(row["sentence_start"]):int(row["sentence_end"])] == row["sentence"]


@pytest.mark.parametrize("start, end, value, says", [
    ("40", "40", "3", "an empty span (40:40)"),
    ("40", "9999", "3", "40:9999 is outside the article, whose text is"),
    ("4O", "45", "3", "from character: not a whole number: '4O'"),
    ("", "45", "3", "from character: missing"),
    ("7", "8", "3", "the span 7:8 holds only spaces"),
    ("40", "45", "beaucoup", "value: not a number: 'beaucoup'"),
    ("40", "45", "", "value: give the figure's value"),
])
def test_a_mistake_in_the_add_form_is_a_message_on_the_page(db, edits, page, start, end, value, says):
    page.goto(f"{edits}/doc/a.txt")
    form = page.locator("form#add")
    form.locator('[name="start"]').fill(start)
    form.locator('[name="end"]').fill(end)
    form.locator('[name="value"]').fill(value)
    with page.expect_navigation() as answer:
        form.locator("button", has_text="Add the claim").click()
    assert answer.value.status == 400
    assert page.locator("h1").inner_text() == "Not saved"
    assert says in page.locator("p.error").inner_text()
    page.locator("a#back").click()
    page.wait_for_url("**/doc/a.txt")
    assert read(db, "corrections") == []  # nothing stored


def test_mistakes_in_the_correct_and_undo_forms_are_messages(db, edits, page):
    page.goto(f"{edits}/doc/a.txt?claim=1")
    page.locator('form#correct input[name="value"]').fill("many")
    with page.expect_navigation() as answer:
        page.locator('form#correct button[value="change"]').click()
    assert answer.value.status == 400 and "value: not a number: 'many'" in page.locator("p.error").inner_text()
    page.locator("a#back").click()
    page.wait_for_url("**/doc/a.txt?claim=1#claim-1")
    html = httpx.get(f"{edits}/doc/a.txt?claim=1").text
    token = re.search(r'name="csrf" value="([0-9a-f]{64})"', html).group(1)
    for form, says in [({"id": "one"}, "id (the correction's number): not a whole number"),
                       ({"id": "7"}, "no correction 7 of 'a.txt'")]:
        r = httpx.post(f"{edits}/doc/a.txt/undo", data={"csrf": token, **form}, headers={"origin": edits})
        assert r.status_code == 400 and says in r.text.replace("&#39;", "'"), r.text
    r = httpx.post(f"{edits}/doc/a.txt/add", data={"start": "40", "end": "45", "value": "3"}, headers={"origin": edits})
    assert r.status_code == 403 and "token is missing" in r.text  # the add route has the same guard
    assert read(db, "corrections") == []


def test_no_edit_form_nor_write_without_allow_edits(db):
    from claimscope.web import create_app

    srv, thread, url = serve_in_thread(create_app(db))
    try:
        html = httpx.get(f"{url}/doc/a.txt?claim=1").text
        assert 'id="add"' not in html and 'id="undo"' not in html and "Corrections to this article" not in html
        for route in ("add", "undo"):
            r = httpx.post(f"{url}/doc/a.txt/{route}", data={"start": "40", "end": "45", "value": "3", "id": "1"},
                           headers={"origin": url})
            assert r.status_code == 403 and "--allow-edits" in r.text
    finally:
        stop(srv, thread)
    assert read(db, "corrections") == []


# -- the corrected facet -----------------------------------------------------------------------


def test_the_corrected_facet_counts_and_filters(db, edits, page):
    cli("correct", "a.txt#2", "--value", "350", "--by", "ana", "--db", db)
    start = ARTICLE.index(MISSED)
    cli("correct", "a.txt", "--add", f"{start}:{start + len(MISSED)}", "--value", "2000", "--db", db)
    page.goto(f"{edits}/")
    facet = page.locator("aside.facets section", has=page.locator("h3", has_text="corrected"))
    counts = {li.locator("a").inner_text(): li.locator(".n").inner_text() for li in facet.locator("li").all()}
    assert counts == {"as extracted": "1", "corrected": "1", "added by hand": "1"}
    facet.locator("a").filter(has_text=re.compile("^corrected$")).click()
    page.wait_for_url("**/?corrected=yes")
    rows = page.locator("table.claims tbody tr")
    assert rows.count() == 1 and rows.first.get_attribute("data-claim") == "a.txt#2"
    assert "350" in rows.first.inner_text() and "corrected" in rows.first.locator(".tag.corrected").inner_text()
    assert page.locator('select[name="corrected"]').input_value() == "yes"
    shot(page, "workbench-corrected-facet")
    page.goto(f"{edits}/?corrected=added")
    assert [r.get_attribute("data-claim") for r in page.locator("table.claims tbody tr").all()] == ["a.txt#3"]
    assert httpx.get(f"{edits}/", params={"corrected": "maybe"}).status_code == 400


# -- the filtered view as CSV -------------------------------------------------------------------


@pytest.fixture(scope="module")
def samples(tmp_path_factory, extractor):
    """The bundled sample articles in a ledger, and the app over it."""
    from claimscope.web import create_app

    tmp = tmp_path_factory.mktemp("workbench")
    db = build_ledger(tmp / "ledger.db", extractor, tmp, hostile=False)
    srv, thread, url = serve_in_thread(create_app(str(db)))
    yield str(db), url, tmp
    stop(srv, thread)


def test_the_filtered_view_downloads_as_csv(samples, page, capsys):
    db, url, tmp = samples
    page.goto(url + "/")
    measure = page.locator("aside.facets section", has=page.locator("h3", has_text="measure")).locator("a").first
    with page.expect_navigation():
        measure.click()
    page.fill("input[name=q]", "NIS")
    with page.expect_navigation():
        page.locator("form.filters button[type=submit]").click()
    for _ in range(2):  # sorted by figure, the largest first
        with page.expect_navigation():
            page.locator("th a.sort", has_text="figure").click()
    assert "sort=figure" in page.url and "dir=desc" in page.url and "q=NIS" in page.url and "measure=" in page.url
    shown = [r.get_attribute("data-claim") for r in page.locator("table.claims tbody tr[data-claim]").all()]
    total = int(page.locator("#shown").inner_text().replace(",", ""))
    assert 1 < total == len(shown) < 100  # every row on one page, to be compared with the file
    link = page.locator("a#csv")
    assert f"download these {total} as CSV" in link.inner_text()
    shot(page, "workbench-csv-link")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "claims.csv"
    got = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8"))))
    assert [r["id"] for r in got] == shown  # the page's rows, in its order
    values = [float(r["value"]) for r in got]
    assert values == sorted(values, reverse=True)
    # the same columns and cells as `claimscope export claims`
    cli("export", "claims", "-o", str(tmp / "all.csv"), "--db", db)
    with open(tmp / "all.csv", encoding="utf-8", newline="") as f:
        everything = list(csv.DictReader(f))
    assert list(got[0]) == list(everything[0])
    by_id = {r["id"]: r for r in everything}
    assert got == [by_id[i] for i in shown]
    assert httpx.get(f"{url}/claims.csv", params={"sort": "nonsense"}).status_code == 400


def test_each_claims_sentence_is_readable_with_its_figure_marked(samples, page):
    """In Chromium, 1280 wide: the sentence column takes the room a sentence needs, and the figure
    is marked in it, visibly, with the same digits as the row's figure."""
    _, url, _ = samples
    page.goto(url + "/")
    rows = page.locator("table.claims tbody tr[data-claim]")
    assert rows.count() > 10
    table_width = page.locator("table.claims").bounding_box()["width"]
    for row in rows.all()[:10]:
        mark = row.locator("mark.fig")
        assert mark.count() == 1 and mark.is_visible()
        marked = re.sub(r"\D", "", mark.inner_text())
        if marked:  # "près de la moitié" has no digits to compare
            assert marked == re.sub(r"\D", "", row.locator("a.claim-link").inner_text())
        sentence_cell = mark.locator("xpath=ancestor::td[1]")
        assert sentence_cell.bounding_box()["width"] >= 0.3 * table_width  # room to read, not a sliver
