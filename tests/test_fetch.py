"""Fetching by URL: http(s) only, bounded redirects, size cap, never a local file, never an
internal address unless allowed. The test servers listen on 127.0.0.1, so the tests that fetch
from them pass allow_private=True (--allow-private on the command line)."""
import ipaddress
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from claimscope.ingest import fetch as fetch_module
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
            "/to-v6": (302, {"Location": f"http://[::1]:{self.server.server_address[1]}/page"}, b""),
            "/to-loopback": (302, {"Location": f"http://127.0.0.2:{self.server.server_address[1]}/page"}, b""),
            "/to-decimal": (302, {"Location": f"http://2130706434:{self.server.server_address[1]}/page"}, b""),
            "/to-metadata": (307, {"Location": "http://169.254.169.254/latest/meta-data/"}, b""),
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


class QuietServer(ThreadingHTTPServer):
    """A client that closes a connection early is what some tests do: no traceback for it."""

    daemon_threads = True

    def handle_error(self, request, client_address):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def one(url, allow_private=True, **kw):
    [item] = list(fetch(url, allow_private=allow_private, **kw))
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

    code = main(["ingest", "-q", "--allow-private", f"{server}/page", "file:///etc/passwd", "--db", "l.db"])
    assert code == 3 and "file:///etc/passwd: refused" in capsys.readouterr().err
    [doc] = Ledger("l.db").documents()
    assert doc["name"] == f"{server}/page" and doc["claims"] == 2


# -- internal addresses ------------------------------------------------------------------


@pytest.mark.parametrize("host, said", [
    ("127.0.0.1", "127.0.0.1 is a loopback address"),
    ("[::1]", "::1 is a loopback address"),
    ("localhost", "localhost resolves to 127.0.0.1, a loopback address"),
    ("2130706433", "2130706433 resolves to 127.0.0.1, a loopback address"),
    ("0x7f.1", "0x7f.1 resolves to 127.0.0.1, a loopback address"),
    ("169.254.169.254", "169.254.169.254 is a link-local address"),
    ("10.1.2.3", "10.1.2.3 is a private address"),
    ("0.0.0.0", "0.0.0.0 is an unspecified address"),
    ("[::ffff:127.0.0.1]", "::ffff:7f00:1 is"),
    ("224.0.0.1", "224.0.0.1 is a multicast address"),
])
def test_internal_addresses_are_refused_by_default(server, host, said):
    port = server.rsplit(":", 1)[1]
    r = one(f"http://{host}:{port}/page", allow_private=False)
    assert isinstance(r, Rejection) and r.reason.startswith("refused: ") and "--allow-private" in r.reason
    assert said.split(" is")[0] in r.reason and "\n" not in r.reason
    if host != "[::ffff:127.0.0.1]":
        assert said in r.reason


def test_a_mapped_loopback_address_is_refused_as_loopback():
    assert fetch_module.address_kind(ipaddress.ip_address("::ffff:127.0.0.1")) == "loopback"
    assert fetch_module.address_kind(ipaddress.ip_address("2002:7f00:1::")) == "loopback"  # 6to4
    assert fetch_module.address_kind(ipaddress.ip_address("93.184.216.34")) is None


@pytest.fixture()
def loopback_is_public(monkeypatch):
    """127.0.0.1 taken as a public address (the test server stands for a site on the Internet),
    every other address judged as usual: a redirect from it to an internal address is refused."""
    real = fetch_module.address_kind
    monkeypatch.setattr(fetch_module, "address_kind",
                        lambda ip: None if ip == ipaddress.ip_address("127.0.0.1") else real(ip))


@pytest.mark.parametrize("path, said", [("/to-v6", "::1 is a loopback address"),
                                        ("/to-loopback", "127.0.0.2 is a loopback address"),
                                        ("/to-decimal", "2130706434 resolves to 127.0.0.2, a loopback address"),
                                        ("/to-metadata", "169.254.169.254 is a link-local address")])
def test_a_redirect_to_an_internal_address_is_refused(server, loopback_is_public, path, said):
    assert isinstance(one(f"{server}/to-page", allow_private=False), Document)  # 127.0.0.1 taken as public
    r = one(f"{server}{path}", allow_private=False)
    assert isinstance(r, Rejection) and r.reason.startswith("redirect to http://") and said in r.reason


def test_credentials_are_stripped_from_what_is_stored_and_said(server):
    port = server.rsplit(":", 1)[1]
    doc = one(f"http://user:secret@127.0.0.1:{port}/to-page")
    assert isinstance(doc, Document) and "secret" not in doc.name + doc.origin + (doc.url or "")
    assert doc.name == f"http://127.0.0.1:{port}/to-page"
    r = one(f"http://user:secret@127.0.0.1:{port}/page", allow_private=False)
    assert r.origin == f"http://127.0.0.1:{port}/page" and "secret" not in r.reason


def test_the_command_line_refuses_internal_urls_and_goes_on(server, in_tmp, capsys):
    from claimscope.cli import main
    from claimscope.store import Ledger

    port = server.rsplit(":", 1)[1]
    (in_tmp / "a.txt").write_text("Selon le NIS, environ 11 000 soldats ont été déployés en Russie.", encoding="utf-8")
    urls = [f"http://{h}:{port}/page" for h in ("127.0.0.1", "[::1]", "localhost", "2130706433", "0x7f.1")]
    code = main(["ingest", "-q", *urls, f"http://u:secret@127.0.0.1:{port}/page", "a.txt", "--db", "l.db"])
    err = capsys.readouterr().err
    assert code == 3 and "secret" not in err
    refused = [line for line in err.splitlines() if line.startswith("rejected: ")]
    assert len(refused) == 6 and all("a loopback address (--allow-private fetches it)" in line for line in refused)
    assert [d["name"] for d in Ledger("l.db").documents()] == ["a.txt"]
    assert main(["extract", "--allow-private", f"{server}/page"]) == 0
    assert main(["extract", f"{server}/page"]) == 3


# -- one deadline over the whole fetch ------------------------------------------------------


class SlowHandler(BaseHTTPRequestHandler):
    """A byte a second (at most 30 of them: the server stops on its own), or slow redirects."""

    def log_message(self, *args):
        pass

    def drip(self, data: bytes):
        for b in data[:30]:
            self.wfile.write(bytes([b]))
            self.wfile.flush()
            time.sleep(1)

    def do_GET(self):
        try:
            if self.path == "/drip-body":
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", "30")
                self.end_headers()
                self.wfile.flush()
                self.drip(b"x" * 30)
            elif self.path == "/drip-headers":
                self.wfile.write(b"HTTP/1.0 200 OK\r\n")
                self.drip(b"X-Slow: " + b"a" * 30)
            elif self.path.startswith("/slow-hop"):
                time.sleep(0.4)
                self.send_response(302)
                self.send_header("Location", f"/slow-hop{int(self.path[9:] or 0) + 1}")
                self.send_header("Content-Length", "0")
                self.end_headers()
        except (BrokenPipeError, ConnectionResetError):  # the client gave up: as it should
            pass


@pytest.fixture(scope="module")
def slow_server():
    httpd = QuietServer(("127.0.0.1", 0), SlowHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize("path", ["/drip-body", "/drip-headers", "/slow-hop0"])
def test_one_deadline_covers_body_headers_and_redirects(slow_server, path):
    start = time.monotonic()
    r = one(f"{slow_server}{path}", timeout=1.0)
    took = time.monotonic() - start
    assert isinstance(r, Rejection) and r.reason == "too slow (more than 1 s)"
    assert took < 6, f"cut after {took:.1f} s, not near the 1 s deadline (a drip lasts 30 s)"  # loose: a busy CI machine


# -- keep-alive ------------------------------------------------------------------------------


class KeepAliveHandler(Handler):
    protocol_version = "HTTP/1.1"  # connections stay open between requests
    clients: set = set()

    def do_GET(self):
        KeepAliveHandler.clients.add(self.client_address)
        if self.path == "/to-page-with-body":
            body = b"<p>Moved to /page</p>"
            self.send_response(302)
            self.send_header("Location", "/page")
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path == "/to-page-big-body":
            body = b"x" * (fetch_module.DRAIN_BYTES * 4)
            self.send_response(302)
            self.send_header("Location", "/to-page")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            super().do_GET()


@pytest.fixture()
def keep_alive_server():
    httpd = QuietServer(("127.0.0.1", 0), KeepAliveHandler)
    KeepAliveHandler.clients = set()
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize("path, connections", [("/to-page", 1), ("/to-page-with-body", 1), ("/to-page-big-body", 2)])
def test_a_redirect_to_the_same_host_works_on_a_keep_alive_server(keep_alive_server, path, connections):
    doc = one(f"{keep_alive_server}{path}")
    assert isinstance(doc, Document) and "11 000 soldats" in doc.text and doc.url.endswith("/page")
    # a drained response leaves its connection for the next hop; a big body is not read, its connection closed
    assert len(KeepAliveHandler.clients) == connections


def test_an_ipv6_loopback_server_is_fetched_when_allowed():
    class V6Server(QuietServer):
        address_family = socket.AF_INET6

    try:
        httpd = V6Server(("::1", 0), Handler)
    except OSError:
        pytest.skip("no IPv6 loopback here")
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://[::1]:{httpd.server_address[1]}/to-page"
        assert isinstance(one(url), Document)
        assert "::1 is a loopback address" in one(url, allow_private=False).reason
    finally:
        httpd.shutdown()
        httpd.server_close()
