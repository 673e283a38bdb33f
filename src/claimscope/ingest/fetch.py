"""Fetching an article by URL, when a user names one: http and https only, a bounded number
of redirects (each one checked again), a cap on size and time, and never a local file
(`file://` and every other scheme are refused, before and after redirects).

Only public addresses are fetched unless the user allows private ones (`--allow-private`):
the host is resolved here, every address it resolves to is checked (loopback, private,
link-local, multicast, reserved and unspecified are refused; an IPv4 address inside an IPv6
one is checked as itself), and the connection goes to the address checked, so that a second
resolution cannot swap it (DNS rebinding). Numeric forms a resolver accepts (2130706433,
0x7f.1) are resolved first, then checked as what they are. Every redirect hop is checked again.

One wall-clock deadline covers the whole fetch: resolution, connection, TLS handshake, request,
headers, body and every redirect; each socket operation is given only the time left.

Credentials in a URL (user:password@) are never stored, printed nor sent (OWASP SSRF Prevention).
"""
from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from typing import Any, cast
from urllib.parse import quote, urljoin, urlsplit

from ..records import Document, Rejection
from .decoding import decode
from .formats import html_document
from .parts import Item
from .urls import public_url

ALLOWED_SCHEMES = ("http", "https")
DEFAULT_PORTS = {"http": 80, "https": 443}
REDIRECTS = (301, 302, 303, 307, 308)
MAX_REDIRECTS = 5
MAX_BYTES = 16 * 2**20
TIMEOUT_S = 20.0
CHUNK = 65536
DRAIN_BYTES = 65536  # a redirect's body read so that its connection can serve the next hop; beyond, it is closed
# what a path may keep as it is; anything else (spaces, controls, non-ASCII) is percent-encoded
PATH_SAFE = "!#$%&'()*+,/:;=?@[]~"
ALLOW_HINT = "--allow-private fetches it"


class _Stop(Exception):
    """A reason not to go on, said in one line."""


# -- where to connect ---------------------------------------------------------------------


def _target(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, request target) of a URL that may be fetched, else _Stop."""
    try:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in ALLOWED_SCHEMES:
            raise _Stop(f"refused: only http and https URLs are fetched, not {parts.scheme or 'no scheme'!r}")
        if not parts.hostname:
            raise _Stop("refused: the URL names no host")
        port = parts.port or DEFAULT_PORTS[scheme]
        host = parts.hostname if parts.hostname.isascii() else parts.hostname.encode("idna").decode("ascii")
    except (ValueError, UnicodeError) as e:  # a port out of range, a broken [IPv6] literal, a bad name
        raise _Stop(f"refused: not a valid URL ({e})") from None
    path = quote(parts.path or "/", safe=PATH_SAFE) + (f"?{quote(parts.query, safe=PATH_SAFE)}" if parts.query else "")
    return scheme, host, port, path


def _resolve(host: str, port: int, deadline: float) -> list[tuple]:
    """(family, socket address) of every address the host resolves to, within the deadline
    (the resolver cannot be interrupted: it runs in a thread that is left behind if late)."""
    found: dict[str, Any] = {}  # "addresses" (getaddrinfo's list) or "error"

    def run():
        try:
            found["addresses"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as e:
            found["error"] = e

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(max(0.0, deadline - time.monotonic()))
    if worker.is_alive():
        raise TimeoutError(f"resolving {host}")
    if "error" in found:
        raise _Stop(f"cannot fetch: cannot resolve {host!r}: {found['error']}")
    return [(family, sockaddr) for family, _, _, _, sockaddr in found["addresses"]]


def address_kind(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """What makes an address internal ('loopback', 'private', ...), or None for a public one."""
    if ip.version == 6:
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None:
            return address_kind(embedded)
    for kind in ("unspecified", "loopback", "link-local", "multicast", "private", "reserved"):
        if getattr(ip, f"is_{kind.replace('-', '_')}"):
            return kind
    return None if ip.is_global else "non-public"


def _check(host: str, addresses: list[tuple]) -> None:
    for _, sockaddr in addresses:
        ip = ipaddress.ip_address(sockaddr[0].split("%")[0])  # an IPv6 zone (%eth0) names no other address
        kind = address_kind(ip)
        if kind:
            said = f"{host} is" if host == str(ip) else f"{host} resolves to {ip},"
            article = "an" if kind[0] in "aeiou" else "a"
            raise _Stop(f"refused: {said} {article} {kind} address ({ALLOW_HINT})")


# -- the connection -----------------------------------------------------------------------


class _Deadline(socket.socket):
    """A socket whose every operation is given only the time left before the fetch's deadline:
    a server that sends a byte a second cannot stretch it."""

    deadline = float("inf")

    def _time_left(self) -> None:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the deadline passed")
        self.settimeout(left)

    def connect(self, *args):
        self._time_left()
        return super().connect(*args)

    def recv_into(self, *args, **kwargs):
        self._time_left()
        return super().recv_into(*args, **kwargs)

    def sendall(self, *args, **kwargs):
        self._time_left()
        return super().sendall(*args, **kwargs)

    def do_handshake(self, *args, **kwargs):  # TLS: the handshake's reads share one timeout
        self._time_left()
        return super().do_handshake(*args, **kwargs)  # type: ignore[misc]  # an SSLSocket's, on _TLS


class _Plain(_Deadline, socket.socket):
    pass


class _TLS(_Deadline, ssl.SSLSocket):
    pass


def _open(scheme: str, host: str, port: int, addresses: list[tuple], deadline: float) -> http.client.HTTPConnection:
    """A connection to the first of the checked addresses that answers (never to the name)."""
    error: OSError = OSError(f"no address for {host}")
    for family, sockaddr in addresses:
        sock: _Deadline = _Plain(family, socket.SOCK_STREAM)
        sock.deadline = deadline
        try:
            sock.connect(sockaddr)
        except OSError as e:
            sock.close()
            if time.monotonic() >= deadline:
                raise
            error = e
            continue
        if scheme == "https":
            context = ssl.create_default_context()
            context.sslsocket_class = _TLS
            try:
                sock = cast(_TLS, context.wrap_socket(sock, server_hostname=host, do_handshake_on_connect=False))
                sock.deadline = deadline
                sock.do_handshake()
            except OSError:
                sock.close()
                raise
        conn = http.client.HTTPConnection(host, port)  # the name for the Host header only
        conn.default_port = DEFAULT_PORTS[scheme]
        conn.sock, conn.auto_open = sock, 0  # never let http.client connect by name itself
        return conn
    raise error


def _get(conn: http.client.HTTPConnection, target: str) -> http.client.HTTPResponse:
    conn.request("GET", target, headers={"User-Agent": "claimscope"})
    return conn.getresponse()


def _drained(response: http.client.HTTPResponse) -> bool:
    """Whether a redirect's response was read to its end and its connection can be reused:
    a connection holding an unread response cannot carry the next request (ResponseNotReady)."""
    response.read(DRAIN_BYTES)
    return response.isclosed() and not response.will_close


# -- fetching -----------------------------------------------------------------------------


def fetch(url: str, allow_private: bool = False, timeout: float = TIMEOUT_S) -> Iterator[Item]:
    """The page or text at a URL, as a document, or one rejection that says why not."""

    shown = public_url(url)
    deadline = time.monotonic() + timeout
    current, hop = url, ""  # hop: "redirect to URL: " once a redirect was followed
    conn: http.client.HTTPConnection | None = None  # the open connection
    at = None  # its (scheme, host, port)
    try:
        for _ in range(MAX_REDIRECTS + 1):
            scheme, host, port, target = _target(current)
            reused = conn is not None and at == (scheme, host, port)
            if not reused:
                if conn is not None:
                    conn.close()
                addresses = _resolve(host, port, deadline)
                if not allow_private:
                    _check(host, addresses)
                conn, at = _open(scheme, host, port, addresses, deadline), (scheme, host, port)
            assert conn is not None  # opened just now, or kept from the last hop
            try:
                response = _get(conn, target)
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                if not reused:
                    raise
                # the server closed a kept-alive connection between two requests: once more, anew
                conn.close()
                conn = _open(scheme, host, port, addresses, deadline)
                response = _get(conn, target)
            if response.status in REDIRECTS:
                location = response.getheader("Location", "")
                if not _drained(response):
                    conn.close()
                    conn = None
                current = urljoin(current, location)
                hop = f"redirect to {public_url(current)}: "
                continue
            if response.status != 200:
                yield Rejection(shown, f"{hop}HTTP {response.status}" if hop else f"HTTP {response.status}")
                return
            body = bytearray()
            while chunk := response.read(CHUNK):
                body.extend(chunk)
                if len(body) > MAX_BYTES:
                    yield Rejection(shown, f"too large (more than {MAX_BYTES // 2**20} MiB)")
                    return
            kind = (response.getheader("Content-Type") or "").split(";")[0].strip().lower()
            break
        else:
            yield Rejection(shown, f"more than {MAX_REDIRECTS} redirects")
            return
    except _Stop as e:
        yield Rejection(shown, f"{hop}{e}")
        return
    except (OSError, http.client.HTTPException) as e:
        if time.monotonic() >= deadline or isinstance(e, TimeoutError):
            yield Rejection(shown, f"too slow (more than {timeout:g} s)")
        else:
            yield Rejection(shown, f"{hop}cannot fetch: {type(e).__name__}: {e}"[:500])
        return
    finally:
        if conn is not None:
            conn.close()
    if kind and not (kind.startswith("text/") or kind == "application/xhtml+xml"):
        yield Rejection(shown, f"not an article: content type {kind!r}")
        return
    try:
        text, encoding = decode(bytes(body))
    except ValueError as e:
        yield Rejection(shown, str(e))
        return
    fetched = public_url(current)
    if kind in ("text/html", "application/xhtml+xml") or text.lstrip()[:1] == "<":
        yield from html_document(text, name=shown, origin=shown, encoding=encoding, url=fetched)
    else:
        yield Document(name=shown, text=text, origin=shown, url=fetched, encoding=encoding)
