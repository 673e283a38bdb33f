"""Fetching by URL: http(s) only, bounded redirects, size cap, never a local file."""
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from claimscope.ingest.fetch import MAX_REDIRECTS, fetch
from claimscope.records import Document, Rejection

PAGE = ("<html><head><title>Troupes</title></head><body><article><h1>Troupes</h1>"
        "<p>Selon le NIS, environ 11 000 soldats nord-coréens ont été déployés en Russie depuis octobre 2024.</p>"
        "<p>Le service estime qu'environ 300 d'entre eux ont été tués dans la région de Koursk.</p>"
        "</article></body></html>").encode("utf-8")


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        routes = {
            "/page": (200, {"Content-Type": "text/html; charset=utf-8"}, PAGE),
            "/to-file": (302, {"Location": "file:///etc/passwd"}, b""),
            "/to-page": (301, {"Location": "/page"}, b""),
            "/big": (200, {"Content-Type": "text/plain"}, b"x" * (17 * 2**20)),
            "/pdf": (200, {"Content-Type": "application/pdf"}, b"%PDF-1.4"),
        }
        if self.path.startswith("/loop"):
            n = int(self.path[5:] or 0)
            status, headers, body = 302, {"Location": f"/loop{n + 1}"}, b""
        else:
            status, headers, body = routes.get(self.path, (404, {}, b""))
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def one(url):
    [item] = list(fetch(url))
    return item


def test_a_page_becomes_a_document(server):
    doc = one(f"{server}/to-page")
    assert isinstance(doc, Document) and "11 000 soldats" in doc.text and doc.url.endswith("/page")


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/a.txt", "javascript:alert(1)//x"])
def test_other_schemes_are_refused(url):
    r = one(url)
    assert isinstance(r, Rejection) and "refused" in r.reason


def test_a_redirect_to_a_local_file_is_refused(server):
    r = one(f"{server}/to-file")
    assert isinstance(r, Rejection) and "file:///etc/passwd" in r.reason and "refused" in r.reason


def test_redirects_size_and_type_are_bounded(server):
    assert f"more than {MAX_REDIRECTS} redirects" in one(f"{server}/loop0").reason
    assert "too large" in one(f"{server}/big").reason
    assert "content type 'application/pdf'" in one(f"{server}/pdf").reason
    assert one(f"{server}/missing").reason == "HTTP 404"


def test_ingest_takes_urls_with_files(server, in_tmp, capsys):
    from claimscope.cli import main
    from claimscope.store import Ledger

    code = main(["ingest", "-q", f"{server}/page", "file:///etc/passwd", "--db", "l.db"])
    assert code == 3 and "file:///etc/passwd: refused" in capsys.readouterr().err
    [doc] = Ledger("l.db").documents()
    assert doc["name"] == f"{server}/page" and doc["claims"] == 2
