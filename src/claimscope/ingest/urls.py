"""What is a URL, and a URL without the credentials it may hold (stored and printed nowhere)."""
from __future__ import annotations

import re

URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
CREDENTIALS = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#]*@")  # the authority's user:password@, up to its last @


def looks_like_url(text: str) -> bool:
    return bool(URL.match(text))


def public_url(url: str) -> str:
    """The URL without the credentials it may hold: they are stored and printed nowhere."""
    return CREDENTIALS.sub(r"\1", url)
