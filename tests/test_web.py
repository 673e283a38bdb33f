"""The web application (`claimscope serve`) over a real ledger: the bundled samples and the
hostile articles of xss_corpus, ingested as `claimscope ingest` would."""
import asyncio
import json
import re
import warnings
from html import unescape
from html.parser import HTMLParser
from urllib.parse import quote, unquote

import pytest

with warnings.catch_warnings():  # Starlette 1.x asks for the httpx2 package; httpx works the same
    warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient`")
    from starlette.testclient import TestClient

from xss_corpus import MARKERS, PAYLOADS, build_ledger

from claimscope.store import Ledger
from claimscope.web import create_app

SAMPLE = "002_125bc9ff60828318.txt"


@pytest.fixture(scope="module")
def db(tmp_path_factory, extractor):
    tmp = tmp_path_factory.mktemp("web")
    return build_ledger(tmp / "ledger.db", extractor, tmp)


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(str(db))) as c:
        yield c


@pytest.fixture(scope="module")
def ledger(db):
    ledger = Ledger(str(db), create=False)
    yield ledger
    ledger.close()


def api(client, **params):
    r = client.get("/api/claims", params=params)
    assert r.status_code == 200, r.text
    return r.json()


def table_rows(html: str) -> list[str]:
    return [unescape(x) for x in re.findall(r'<tr data-claim="([^"]+)">', html)]


# -- the claims table and its filters ------------------------------------------------------


def test_index_lists_every_claim(client, ledger):
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    n = len(ledger.claims())
    assert f"{n} of {n} claims" in re.sub(r"<[^>]+>", "", r.text)
    # a hundred a page, every page saying which rows of how many it shows: no silent cap
    pages = -(-n // 100)
    assert pages > 1 and f"page 1 of {pages}" in r.text and "rows 1–100 of" in r.text
    seen = []
    for p in range(1, pages + 1):
        seen += table_rows(client.get("/", params={"page": p}).text)
    assert len(seen) == len(set(seen)) == n == len(api(client))


def test_measure_filter_changes_the_rows(client, ledger):
    everything = api(client)
    killed = api(client, measure="dprk_troops_killed")
    assert 0 < len(killed) < len(everything)
    assert {c["measure"] for c in killed} == {"dprk_troops_killed"}
    assert len(killed) == len(ledger.claims(measure="dprk_troops_killed"))
    html = client.get("/", params={"measure": "dprk_troops_killed"}).text
    assert table_rows(html) == [c["id"] for c in killed]
    assert '<option value="dprk_troops_killed" selected>' in html


@pytest.mark.parametrize("field,value,check", [
    ("source", "south korea nis", lambda c: c["source"] == "South Korea NIS"),
    ("status", "planned", lambda c: c["status"] == "planned"),
    ("hedged", "yes", lambda c: c["hedged"] is True),
    ("hedged", "no", lambda c: not c["hedged"]),
])
def test_filters(client, field, value, check):
    everything = api(client)
    some = api(client, **{field: value})
    assert 0 < len(some) < len(everything)
    assert all(check(c) for c in some)
    assert len(some) == sum(check(c) for c in everything)


def test_period_filter_keeps_claims_whose_period_meets_the_range(client):
    everything = api(client)
    june = api(client, date_from="2025-06", date_to="2025-06")
    assert 0 < len(june) < len(everything)
    for c in june:
        assert (c["time_start"] or "0000") <= "2025-06-30" and (c["time_end"] or "9999") >= "2025-06-01"
    assert {c["doc"] for c in june} >= {"000_710ef79a56253cf9.txt"}
    # an open end counts as open: everything up to the end of 2024
    before = api(client, date_to="2024-12-31")
    assert before and all((c["time_start"] or "0000") <= "2024-12-31" for c in before)
    assert not set(c["id"] for c in june) & set(c["id"] for c in before if (c["time_end"] or "9999") < "2025-06-01")


def test_filters_combine(client):
    both = api(client, measure="dprk_troops_sent", hedged="yes")
    assert both and all(c["measure"] == "dprk_troops_sent" and c["hedged"] for c in both)
    assert len(both) < len(api(client, measure="dprk_troops_sent"))


def test_search_looks_in_text_concept_sentence_and_source(client):
    hits = api(client, q="nord-coréens")
    assert hits and all("nord-coréens" in " ".join(filter(None, (c["text"], c["concept"], c["sentence"], c["source"]))).lower()
                        for c in hits)
    assert len(api(client, q="NORD-CORÉENS")) == len(hits)  # case does not matter
    by_source = api(client, q="Budanov")
    assert by_source and {c["source"] for c in by_source} == {"Kyrylo Budanov"}
    assert api(client, q="no such words anywhere") == []
    html = client.get("/", params={"q": "Budanov"}).text
    assert len(table_rows(html)) == len(by_source) and 'value="Budanov"' in html


def test_bad_filters_answer_400(client):
    assert client.get("/api/claims", params={"date_from": "yesterday"}).status_code == 400
    assert client.get("/api/claims", params={"status": "rumoured"}).json()["error"].startswith("status must be")
    r = client.get("/", params={"hedged": "perhaps"})
    assert r.status_code == 400 and "hedged must be yes or no" in r.text


def test_filtered_rows_link_to_their_own_figure(client, ledger):
    texts = {}
    for c in api(client, measure="dprk_troops_killed") + api(client, q="missiles"):
        html = texts.setdefault(c["doc"], client.get(f"/doc/{quote(c['doc'], safe='')}").text)
        mark = re.search(rf'<mark id="claim-{c["n"]}" [^>]*>([^<]*)</mark>', html)
        assert mark and unescape(mark.group(1)) == c["text"], (c["id"], c["text"])


def test_each_claim_links_to_its_sentence(client):
    rows = api(client, measure="dprk_troops_killed", q="300")
    assert rows
    c = rows[0]
    assert c["url"] == f"/doc/{quote(c['doc'], safe='')}?claim={c['n']}#claim-{c['n']}"
    assert f'href="{c["url"]}"' in client.get("/", params={"measure": "dprk_troops_killed"}).text


# -- the article page ---------------------------------------------------------------------


def test_doc_page_marks_every_claim_in_place(client, ledger):
    r = client.get(f"/doc/{SAMPLE}")
    assert r.status_code == 200
    doc = ledger.document(SAMPLE)
    claims = sorted(ledger.claims(doc=SAMPLE), key=lambda c: c.start)
    marks = re.findall(r'<mark id="claim-(\d+)" data-claim="\d+" class="[^"]*" tabindex="0">([^<]*)</mark>', r.text)
    assert [int(n) for n, _ in marks] == list(range(1, len(claims) + 1))
    assert [t for _, t in marks] == [doc.text[c.start:c.end] for c in claims]
    assert 'class="sentence target"' not in r.text and re.search(r'<aside id="detail"[^>]* hidden>', r.text)
    # the claims' data for the click-to-inspect panel, with each claim's why
    data = json.loads(re.search(r'<script type="application/json" id="claims-data">(.*?)</script>', r.text, re.S).group(1))
    assert len(data) == len(claims) and all(d["why"] for d in data.values())


def test_doc_page_highlights_the_target_claims_sentence(client, ledger):
    claims = sorted(ledger.claims(doc=SAMPLE), key=lambda c: c.start)
    n = next(i for i, c in enumerate(claims, 1) if c.text == "300")
    r = client.get(f"/doc/{SAMPLE}", params={"claim": n})
    target = re.search(r'<span class="sentence target" data-claims="([\d ]+)">(.*?)</span>', r.text, re.S)
    assert target and str(n) in target.group(1).split()
    assert f'id="claim-{n}"' in target.group(2)
    plain = re.sub(r"<[^>]+>", "", target.group(2))
    c = claims[n - 1]
    assert plain == ledger.document(SAMPLE).text[c.sentence_start:c.sentence_end]
    assert re.search(rf'<mark id="claim-{n}" data-claim="{n}" class="[^"]*selected', r.text)
    detail = r.text[r.text.index('<aside id="detail"'):r.text.index("</aside>")]
    assert f"Claim {n}: 300" in detail and "why" in detail and c.why[0].split(":")[0] in detail
    assert client.get(f"/doc/{SAMPLE}", params={"claim": "999"}).status_code == 200  # out of range: no target


def test_unknown_document_and_series_are_404(client):
    assert client.get("/doc/nope.txt").status_code == 404
    assert client.get("/series/nope").status_code == 404
    assert client.get("/api/nothing").status_code == 404


# -- series, flags, sources ----------------------------------------------------------------


def test_series_pages(client, ledger):
    index = client.get("/series").text
    assert 'href="/series/dprk_troops_sent"' in index
    r = client.get("/series/dprk_troops_sent")
    assert r.status_code == 200
    svg = re.search(r'<svg class="timeline".*?</svg>', r.text, re.S).group(0)
    assert "<script" not in svg and "http://" not in svg.replace("http://www.w3.org/2000/svg", "")
    marks = re.findall(r'<a class="mark( hedged)?( planned)?( denied)?" href="(/doc/[^"]+)" data-claim="([^"]+)">', svg)
    rows = re.findall(r'<tr data-claim="([^"]+)">', r.text)
    assert len(marks) == len(rows) >= 3 and {m[4] for m in marks} == {unescape(x) for x in rows}
    assert any(m[1] for m in marks) and any(m[0] for m in marks)  # a planned one dashed, a hedged one hollow
    sent = ledger.claims(measure="dprk_troops_sent")
    # ranges as bars, open bounds ("more than") as arrows, never bars
    assert svg.count('class="bar"') == sum(c.value_high is not None for c in sent)
    assert svg.count('class="arrow"') == sum(c.value_high is None and c.qualifier in ("at_least", "at_most") for c in sent)
    assert "origin (claims)" in svg  # the key
    assert "Each origin&#39;s latest figure" in r.text or "Each origin's latest figure" in r.text
    assert "Consolidated periods" in r.text and re.search(r"<td>(\d{4}-Q\d|undated)</td>", r.text)


def test_series_claims_are_in_time_order(client):
    html = client.get("/series/dprk_troops_sent").text
    whens = re.findall(r'<tr data-claim="[^"]+"><td>([^<]+)</td>', html)
    dated = [w for w in whens if w != "undated"]
    assert whens[:len(whens) - len(dated)] == ["undated"] * (len(whens) - len(dated)) and dated == sorted(dated)


def test_conflicts_page_lists_one_row_per_disagreement_with_links(client):
    html = client.get("/conflicts").text
    verdicts = re.findall(r'<span class="verdict ([\w-]+)">', html)
    assert {"disagree", "revised", "one-origin-only"} <= set(verdicts)
    assert re.search(r'href="/doc/[^"]+\?claim=\d+#claim-\d+"', html)
    [workers] = [row for row in re.findall(r'<tr class="row-disagree">.*?</tr>', html, re.S) if "~25,000" in row]
    assert "5,000" in workers and "dprk_workers_sent" in workers
    assert "auto:" not in html and "auto:" in client.get("/conflicts", params={"all": "1"}).text
    only = client.get("/conflicts", params={"verdict": "revised"}).text
    assert set(re.findall(r'<span class="verdict ([\w-]+)">', only)) == {"revised"}
    assert f"revised ({verdicts.count('revised')})" in html
    assert client.get("/conflicts", params={"verdict": "nonsense"}).status_code == 400
    assert client.get("/conflicts", params={"page": "99"}).status_code == 200  # past the end: the last page


def test_conflicts_page_is_paginated_not_cut(client, monkeypatch):
    from claimscope.web import app as web_app

    every = re.findall(r'<tr class="row-', client.get("/conflicts").text)
    monkeypatch.setattr(web_app, "PAGE", 4)  # read at each request
    pages = [client.get("/conflicts", params={"page": n}).text for n in range(1, len(every) // 4 + 2)]
    assert sum(len(re.findall(r'<tr class="row-', p)) for p in pages) == len(every) > 4
    assert f"rows 1–4 of {len(every)}" in pages[0] and 'href="/conflicts?page=2"' in pages[0]


def test_series_page_shows_its_rows(client):
    html = client.get("/series/dprk_troops_killed").text
    assert '<span class="verdict revised">' in html and "~2,000" in html


def test_sources_page_says_who_says_what(client):
    html = client.get("/sources").text
    assert "<h2>South Korea NIS" in html and "<h2>Kyrylo Budanov" in html
    section = html[html.index("<h2>Kyrylo Budanov"):]
    section = section[:section.index("</section>")]
    assert "dprk_missiles_supplied" in section and "relayed by:" in section


# -- hardening --------------------------------------------------------------------------------


def test_read_only_every_route_refuses_writes(client, ledger):
    before = ledger.counts()
    for path in ("/", "/api/claims", "/series", "/series/dprk_troops_sent", "/conflicts", "/sources", f"/doc/{SAMPLE}",
                 "/static/app.js"):
        for method in ("POST", "PUT", "PATCH", "DELETE"):
            r = client.request(method, path)
            assert r.status_code == 405, (method, path)
        assert client.head(path).status_code == 200
    assert ledger.counts() == before


TRAVERSALS = ["/static/../store/__init__.py", "/static/%2e%2e/store/__init__.py", "/static/%2E%2E%2Fstore%2F__init__.py",
              "/static/..%2fstore%2f__init__.py", "/static/..%5cstore%5c__init__.py", "/static/....//store/__init__.py",
              "/static/%252e%252e/store/__init__.py", "/static/../../../../../../etc/passwd",
              "/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/static//etc/passwd", "/static/%2fetc%2fpasswd",
              "/static/%00../web/app.py", "/static/../web/app.py"]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_path_traversal_is_404(client, path):
    r = client.get(path)
    assert r.status_code == 404
    assert "Ledger" not in r.text and "root:" not in r.text


def _raw(app, path: str):
    """Send a path exactly as a raw HTTP client would (TestClient's httpx normalises '..')."""
    sent = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    from urllib.parse import unquote

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
             "path": unquote(path), "raw_path": path.encode(), "query_string": b"", "root_path": "",
             "headers": [(b"host", b"127.0.0.1")], "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80)}
    asyncio.run(app(scope, receive, send))
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return sent[0]["status"], body


@pytest.mark.parametrize("path", TRAVERSALS + ["/static/..", "/static/../", "/static/./../web/app.py"])
def test_path_traversal_raw_is_404(db, path):
    status, body = _raw(create_app(str(db)), path)
    assert status == 404 and b"Ledger" not in body and b"def create_app" not in body


def test_static_files_are_served_with_security_headers(client):
    r = client.get("/static/app.js")
    assert r.status_code == 200 and "textContent" in r.text
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
    page = client.get("/")
    assert page.headers["x-content-type-options"] == "nosniff" and page.headers["x-frame-options"] == "DENY"
    assert client.get("/nope").headers["content-security-policy"] == csp


def test_other_host_names_are_refused(db):
    with TestClient(create_app(str(db)), base_url="http://evil.example") as c:
        assert c.get("/").status_code == 400
    with TestClient(create_app(str(db), hosts=["0.0.0.0"]), base_url="http://my-laptop.lan") as c:
        assert c.get("/").status_code == 200


def test_a_missing_ledger_is_an_error_not_a_new_file(tmp_path):
    from claimscope.cli import EXIT_USAGE, main

    with pytest.raises(FileNotFoundError):
        create_app(str(tmp_path / "none.db"))
    assert main(["serve", "--db", str(tmp_path / "none.db")]) == EXIT_USAGE
    assert not (tmp_path / "none.db").exists()


def test_serve_command_defaults_to_loopback():
    from claimscope.cli import build_parser

    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port) == ("127.0.0.1", 8000)


# -- hostile documents ----------------------------------------------------------------------


def _hostile_docs(ledger):
    return [d["name"] for d in ledger.documents() if d["name"].startswith("xss")]


def _pages(client, ledger):
    yield "/"
    yield "/?q=" + quote("script")
    yield "/series"
    for key in re.findall(r'href="(/series/[^"]+)"', client.get("/series").text):
        yield key
    yield "/conflicts"
    yield "/sources"
    yield "/documents"
    yield "/rejected"
    yield "/?sort=source&dir=desc"
    for name in _hostile_docs(ledger):
        yield f"/doc/{quote(name, safe='')}?claim=1"


FORBIDDEN_TAGS = {"img", "iframe", "object", "embed", "base", "details", "style", "math", "noscript", "textarea",
                  "frame", "frameset", "video", "audio", "template"}
OUR_SCRIPTS = ({"src": "/static/app.js", "defer": None}, {"type": "application/json", "id": "claims-data"})


class Tags(HTMLParser):
    """Every start tag of a page with its attributes, as an HTML parser sees them."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _assert_inert(html: str, where: str):
    """No element, attribute or link that article text could have brought in."""
    for tag, attrs in Tags(html).tags:
        assert tag not in FORBIDDEN_TAGS, (where, tag, attrs)
        assert not any(a.startswith("on") for a in attrs), (where, tag, attrs)
        if tag == "script":
            assert attrs in OUR_SCRIPTS, (where, attrs)
        if tag == "meta":
            assert set(attrs) <= {"charset", "name", "content"} and attrs.get("name") in (None, "viewport"), (where, attrs)
        if tag == "svg":
            assert attrs.get("class") == "timeline", (where, attrs)
        for a in ("href", "src", "action", "data", "formaction", "xlink:href"):
            if a in attrs:
                target = re.sub(r"[\x00-\x20]", "", attrs[a] or "").lower()
                assert target.startswith(("/", "#", "http://", "https://")), (where, tag, attrs)
    for marker in MARKERS:
        assert marker not in html, (where, marker)
    assert "{{7*7}}" not in html or "49" not in html.split("{{7*7}}")[1][:5]


def test_hostile_documents_render_escaped_everywhere(client, ledger):
    names = _hostile_docs(ledger)
    assert len(names) == len(PAYLOADS)
    pages = list(_pages(client, ledger))
    assert len(pages) > len(PAYLOADS)
    for path in pages:
        r = client.get(path)
        assert r.status_code == 200, path
        _assert_inert(r.text, path)


def test_hostile_document_page_shows_the_payloads_as_text(client, ledger):
    name = next(n for n in _hostile_docs(ledger) if n.startswith("xss04"))
    html = client.get(f"/doc/{quote(name, safe='')}").text
    escaped = "&#34;&gt;&lt;img src=x onerror=&#34;window.__xss=1&#34;&gt;"
    assert f"<title>{escaped} · claimscope</title>" in html  # the title
    assert f'<span class="tag">{escaped}</span>' in html  # the publisher
    assert f'<span class="url unsafe" title="not an http(s) address: not a link">{escaped}</span>' in html  # the url
    assert html.count("&lt;img src=x onerror=") >= 4  # and the article text
    data = re.search(r'id="claims-data">(.*?)</script>', html, re.S).group(1)
    assert "<" not in data and ">" not in data and "&" not in data
    assert any("<img" in (d["sentence"] or "") for d in json.loads(data).values())  # the JSON still holds the text


def test_javascript_urls_never_become_links(client, ledger):
    for name in _hostile_docs(ledger):
        html = client.get(f"/doc/{quote(name, safe='')}").text
        links = re.findall(r'<a class="url" href="([^"]*)"', html)
        assert all(re.match(r"https?://", link) for link in links), (name, links)
    ok = next(n for n in _hostile_docs(ledger) if n.startswith("xss19"))
    html = client.get(f"/doc/{ok}").text
    assert '<a class="url" href="https://example.org/&#34;&gt;&lt;script&gt;window.__xss=1&lt;/script&gt;"' in html


def test_template_syntax_in_articles_is_text(client, ledger):
    name = next(n for n in _hostile_docs(ledger) if n.startswith("xss20"))
    html = client.get(f"/doc/{name}").text
    assert "{{7*7}} {{ config }} {% for x in range(3) %}X{% endfor %}" in html
    assert "XXX" not in html


def test_hostile_document_names_route_and_link(client, ledger):
    name = next(n for n in _hostile_docs(ledger) if n.startswith("xss03 "))
    assert "<script>" in name
    r = client.get(f"/doc/{quote(name, safe='')}")
    assert r.status_code == 200 and "xss03 &#39;&gt;&lt;script&gt;" in r.text
    rows = api(client, q="1003")
    assert rows and rows[0]["doc"] == name and rows[0]["url"].startswith("/doc/xss03%20%27%3E%3Cscript%3E")


def test_the_application_reads_while_an_ingest_writes(tmp_path, extractor):
    """WAL lets `serve` answer every request while `ingest` stores documents beside it."""
    import threading
    from importlib import resources

    from claimscope.engine import ingest

    db = str(tmp_path / "busy.db")
    Ledger(db).close()
    gate = resources.files("claimscope").joinpath("samples")
    inputs = []
    for k in range(12):  # the same five articles under new names: twelve more documents to write
        src = sorted(p for p in gate.iterdir() if p.name.endswith(".txt"))[k % 5]
        dst = tmp_path / f"copy{k:02d}.txt"
        dst.write_text(src.read_text(encoding="utf-8") + f"\n{k}", encoding="utf-8")
        inputs.append(str(dst))
    writer_ledger = Ledger(db)
    writer = threading.Thread(target=ingest, args=(inputs, writer_ledger, extractor), kwargs={"progress": False})
    seen = []
    with TestClient(create_app(db)) as c:
        writer.start()
        while writer.is_alive():
            r = c.get("/api/claims")
            assert r.status_code == 200
            seen.append(len(r.json()))
        writer.join()
        final = len(c.get("/api/claims").json())
    writer_ledger.close()
    assert len(seen) >= 2 and seen == sorted(seen), "a reader saw claims disappear"
    assert final == len(Ledger(db).claims()) > 0


# -- errors: every response has the security headers; parameters are checked -------------------


@pytest.fixture(scope="module")
def lenient(db):
    """A client that gets a server error as the browser would, a 500, not as an exception."""
    with TestClient(create_app(str(db)), raise_server_exceptions=False) as c:
        yield c


def assert_secured(r):
    assert "default-src 'none'" in r.headers["content-security-policy"], r.status_code
    assert r.headers["x-content-type-options"] == "nosniff" and r.headers["x-frame-options"] == "DENY"
    assert r.headers["referrer-policy"] == "no-referrer"
    assert len(r.headers.get_list("content-security-policy")) == 1


def test_a_server_error_has_the_security_headers(db, monkeypatch):
    from claimscope.web import data

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(data, "numbered", broken)
    with TestClient(create_app(str(db)), raise_server_exceptions=False) as c:
        r = c.get(f"/doc/{SAMPLE}")
    assert r.status_code == 500 and "disk on fire" not in r.text
    assert_secured(r)


@pytest.mark.parametrize("path", ["/", "/nope", "/api/nope", "/static/nope.js", "/series/nope", "/doc/nope",
                                  "/?status=nope", "/api/claims?date_from=2025-13"])
def test_every_response_has_the_security_headers(lenient, path):
    r = lenient.get(path)
    assert r.status_code in (200, 400, 404)
    assert_secured(r)


@pytest.mark.parametrize("claim", ["²", "٣", "１", "9" * 5000, "-1", "+1", " 1", "1.0", "1e3", "0x1", "1234567"])
def test_a_claim_number_that_is_not_1_to_6_ascii_digits_is_a_400(lenient, claim):
    r = lenient.get(f"/doc/{SAMPLE}", params={"claim": claim})
    assert r.status_code == 400 and "claim" in r.text
    assert_secured(r)


@pytest.mark.parametrize("path", ["/", "/api/claims", "/conflicts", "/documents"])
@pytest.mark.parametrize("number", ["²", "٣", "9" * 5000, "-1", "0"])
def test_a_page_number_that_is_not_1_to_6_ascii_digits_is_the_first_page(lenient, path, number):
    """'²' is a digit to str.isdigit, not to int(): it made a 500."""
    r = lenient.get(path, params={"page": number})
    assert r.status_code == 200
    assert_secured(r)


@pytest.mark.parametrize("claim", ["1", "000001", "999999", ""])
def test_a_claim_number_of_1_to_6_digits_is_taken(lenient, claim):
    r = lenient.get(f"/doc/{SAMPLE}", params={"claim": claim})
    assert r.status_code == 200
    assert_secured(r)


# -- the claims at scale: facets, sorting, search, documents, rejected -------------------------


def test_facet_counts_are_what_choosing_them_shows(client, ledger):
    html = client.get("/").text
    facets = html[html.index('<aside class="facets"'):html.index("</aside>")]
    kinds = re.findall(r'<a href="/\?kind=(\w+)">[^<]*</a> <span class="n">([\d,]+)</span>', facets)
    measures = re.findall(r'<a href="/\?measure=([\w%]+)">[^<]*</a> <span class="n">([\d,]+)</span>', facets)
    assert kinds and measures
    for name, listed in [("kind", kinds), ("measure", measures[:3])]:
        for value, n in listed:
            assert len(api(client, **{name: unquote(value)})) == int(n.replace(",", "")), (name, value)
    unattributed = re.search(r'unattributed=1">\(unattributed\)</a> <span class="n">([\d,]+)</span>', facets)
    assert int(unattributed.group(1)) == sum(not c.source for c in ledger.claims()) == len(api(client, unattributed="1"))


def test_search_folds_accents_case_and_digit_groups(client, ledger):
    choigou = api(client, q="choigou")
    assert choigou and all("choïgou" in (c["sentence"] + (c["source"] or "")).lower() or
                           "choigou" in (c["sentence"] + (c["source"] or "")).lower() for c in choigou)
    assert api(client, q="CHOÏGOU") == choigou
    grouped = api(client, q="15000")
    assert grouped and all(re.search(r"15[\s\u00a0\u202f,.]?000(?!\d)", c["sentence"]) for c in grouped)
    assert api(client, q="15 000") == grouped


def test_sorting_and_figures_marked_in_their_sentence(client):
    html = client.get("/", params={"sort": "figure", "dir": "desc"}).text
    values = [float(v.replace(",", "")) for v in re.findall(r'class="claim-link" href="[^"]+">[≈<~≥≤]*([\d,.]+)', html)]
    assert len(values) > 10 and values == sorted(values, reverse=True)
    assert html.count('<mark class="fig">') >= len(values) * 0.9  # the figure found in its sentence
    assert client.get("/", params={"sort": "nonsense"}).status_code == 400
    assert client.get("/", params={"kind": "weird"}).status_code == 400


def test_documents_and_rejected_pages(client, ledger):
    html = client.get("/documents").text
    docs = ledger.documents()
    assert f"{len(docs)} documents in the ledger" in html
    shown = unescape(html)
    for d in docs[:5]:
        assert (d["title"] or d["name"]) in shown  # named by their title
    assert client.get("/rejected").status_code == 200
    assert client.get("/documents", params={"sort": "nope"}).status_code == 400
