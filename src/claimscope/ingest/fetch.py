"""Fetching an article by URL, when a user names one: http and https only, a bounded number
of redirects (each one checked again), a cap on size and time, and never a local file
(`file://` and every other scheme are refused, before and after redirects)."""
from __future__ import annotations

import re
import time
from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

from ..records import Document, Rejection

ALLOWED_SCHEMES = ("http", "https")
MAX_REDIRECTS = 5
MAX_BYTES = 16 * 2**20
TIMEOUT_S = 20.0
URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def looks_like_url(text: str) -> bool:
    return bool(URL.match(text))


def _refused(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        return f"refused: only http and https URLs are fetched, not {parts.scheme or 'no scheme'!r}"
    if not parts.hostname:
        return "refused: the URL names no host"
    return None


def fetch(url: str) -> Iterator[Document | Rejection]:
    """The page or text at a URL, as a document, or one rejection that says why not."""
    import urllib3

    from .readers import decode, html_document

    reason = _refused(url)
    if reason:
        yield Rejection(url, reason)
        return
    http = urllib3.PoolManager(retries=False, timeout=urllib3.Timeout(connect=10.0, read=TIMEOUT_S))
    deadline = time.monotonic() + TIMEOUT_S
    current = url
    try:
        for _ in range(MAX_REDIRECTS + 1):
            response = http.request("GET", current, redirect=False, preload_content=False,
                                    headers={"User-Agent": "claimscope"})
            if response.status in (301, 302, 303, 307, 308):
                location = response.headers.get("Location", "")
                response.release_conn()
                current = urljoin(current, location)
                reason = _refused(current)
                if reason:
                    yield Rejection(url, f"redirect to {current}: {reason}")
                    return
                continue
            if response.status != 200:
                yield Rejection(url, f"HTTP {response.status}")
                return
            body = bytearray()
            for chunk in response.stream(65536):
                body.extend(chunk)
                if len(body) > MAX_BYTES:
                    yield Rejection(url, f"too large (more than {MAX_BYTES // 2**20} MiB)")
                    return
                if time.monotonic() > deadline:
                    yield Rejection(url, f"too slow (more than {TIMEOUT_S:.0f} s)")
                    return
            kind = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
            break
        else:
            yield Rejection(url, f"more than {MAX_REDIRECTS} redirects")
            return
    except urllib3.exceptions.HTTPError as e:
        yield Rejection(url, f"cannot fetch: {type(e).__name__}: {e}")
        return
    if kind and not (kind.startswith("text/") or kind == "application/xhtml+xml"):
        yield Rejection(url, f"not an article: content type {kind!r}")
        return
    try:
        text, encoding = decode(bytes(body))
    except ValueError as e:
        yield Rejection(url, str(e))
        return
    if kind in ("text/html", "application/xhtml+xml") or text.lstrip()[:1] == "<":
        yield from html_document(text, name=url, origin=url, encoding=encoding, url=current)
    else:
        yield Document(name=url, text=text, origin=url, url=current, encoding=encoding)
