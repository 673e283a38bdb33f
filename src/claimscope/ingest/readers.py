"""Read inputs into Documents: text files, HTML pages, JSONL records, folders, standard input.

Every problem becomes a Rejection naming the input (and line), never an exception that
stops the batch. Memory stays bounded whatever the input's size:

- a text is read and decoded in chunks; a document longer than MAX_DOC_CHARS characters is
  split at paragraph breaks into parts named `NAME#1`, `NAME#2`, ... (a Notice says so), and
  at most MAX_PARTS parts are read from one input: the rest is skipped and rejected, named;
- JSONL is read line by line; a line longer than MAX_LINE_CHARS characters is rejected
  without being held whole;
- an HTML page bigger than MAX_HTML_BYTES is refused (the HTML parser holds it whole).

Names are unique within a batch: a second document with a name already read (a JSONL id
repeated in the same file or in another one, two files with the same file name in different
folders) is rejected, naming where the first came from. Against the ledger, a name already
stored with the same text is unchanged, and with another text is replaced (the later wins).
A name (JSONL id, file name, URL) holding a control character or a bidirectional override is
refused: names are printed on terminals (see terminal.py).
"""
from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from ..records import Document, Rejection
from ..terminal import unsafe_name
from .decoding import decode
from .fetch import fetch
from .formats import (
    MAX_HTML_BYTES,
    html_document,
    read_html_file,
    read_jsonl,
    read_stream,
    read_text_file,
)
from .parts import Item, claim_name
from .urls import looks_like_url

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}


def iter_paths(paths: list[str]) -> Iterator[Path | str]:
    """Files (folders expanded), '-' for standard input, and URLs as strings."""
    for p in paths:
        if p == "-" or looks_like_url(p):
            yield p
            continue
        path = Path(p)
        if path.is_dir():
            yield from sorted(q for q in path.rglob("*") if q.is_file() and not q.name.startswith("."))
        else:
            yield path


def read_inputs(paths: list[str], allow_private: bool = False) -> Iterator[Item]:
    """Documents, rejections and notices, in input order; names are unique within the batch.
    URLs are fetched from public addresses only, unless `allow_private` (see fetch.py)."""
    seen: dict[str, str] = {}  # name -> where it was read
    for path in iter_paths(paths):
        why = unsafe_name(path.name if isinstance(path, Path) else path)
        if why:  # a document's name, printed on terminals: rename the file
            yield Rejection(str(path), f"file name {why}: rename the file" if isinstance(path, Path) else f"URL {why}")
            continue
        if path == "-":
            items = read_stdin(seen)
        elif isinstance(path, str):
            items = fetch(path, allow_private=allow_private)
        elif not path.exists():
            items = iter([Rejection(str(path), "no such file")])
        else:
            suffix = path.suffix.lower()
            if suffix in JSONL_SUFFIXES:
                items = read_jsonl(path, seen=seen)
            elif suffix in HTML_SUFFIXES:
                items = read_html_file(path)
            elif suffix in TEXT_SUFFIXES or suffix == "":
                items = read_text_file(path)
            else:
                items = iter([Rejection(str(path), f"unsupported file type {suffix!r} (claimscope reads .txt, .html, .jsonl)")])
        for item in items:
            if isinstance(item, Document):
                # JSONL records registered themselves (with their line); parts share their input's origin
                duplicate = claim_name(seen, item.name, item.origin)
                if duplicate is not None:
                    yield duplicate
                    continue
            yield item


def read_stdin(seen: dict[str, str] | None = None) -> Iterator[Item]:
    handle = sys.stdin.buffer
    head = handle.peek(1)[:4096] if hasattr(handle, "peek") else b""
    first = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if first == b"{":
        import io

        yield from read_jsonl(None, io.TextIOWrapper(handle, encoding="utf-8", errors="strict", newline="\n"), seen)
    elif first == b"<":
        data = handle.read(MAX_HTML_BYTES + 1)
        if len(data) > MAX_HTML_BYTES:
            yield Rejection("<stdin>", f"HTML page too large (> {MAX_HTML_BYTES // 2**20} MiB)")
            return
        try:
            text, encoding = decode(data)
        except ValueError as e:
            yield Rejection("<stdin>", str(e))
            return
        yield from html_document(text, name="stdin", origin="<stdin>", encoding=encoding)
    else:
        yield from read_stream(handle, "stdin", "<stdin>")
