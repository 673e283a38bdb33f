"""Read inputs into Documents: text files, HTML pages, JSONL records, folders, standard input.

Every problem becomes a Rejection naming the input (and line), never an exception that
stops the batch.
"""
from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

from ..records import Document, PartialDate, Rejection

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
MAX_BYTES = 64 * 1024 * 1024  # a text bigger than this is no article: refused, named
BINARY_MAGIC = {
    b"%PDF": "a PDF file",
    b"\x89PNG": "a PNG image",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"PK\x03\x04": "a zip archive (or an Office document)",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable",
    b"SQLite format 3": "an SQLite database",
}

Item = Document | Rejection


def decode(data: bytes) -> tuple[str, str]:
    """Bytes -> (text, encoding). Raises ValueError with a reason for what is not text."""
    if not data.strip():
        raise ValueError("empty file")
    for magic, what in BINARY_MAGIC.items():
        if data.startswith(magic):
            raise ValueError(f"binary file ({what}), not text")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        if e.start >= len(data) - 3:
            # cut in the middle of the last character: keep what is there
            return data.decode("utf-8", errors="replace"), "utf-8 (truncated last character replaced)"
    if b"\x00" in data[:4096]:
        raise ValueError("binary file (NUL bytes), not text")
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ValueError("not text in any encoding claimscope can detect")
    return str(best), best.encoding


def read_text_file(path: Path, name: str | None = None) -> Iterator[Item]:
    try:
        data = path.read_bytes()
    except OSError as e:
        yield Rejection(str(path), f"cannot read: {e.strerror or e}")
        return
    if len(data) > MAX_BYTES:
        yield Rejection(str(path), f"too large ({len(data) // (1024 * 1024)} MiB > {MAX_BYTES // (1024 * 1024)} MiB)")
        return
    try:
        text, encoding = decode(data)
    except ValueError as e:
        yield Rejection(str(path), str(e))
        return
    yield Document(name=name or path.name, text=text, origin=str(path), encoding=encoding)


def read_html_file(path: Path) -> Iterator[Item]:
    for item in read_text_file(path):
        if isinstance(item, Rejection):
            yield item
            continue
        yield from html_document(item.text, name=path.name, origin=str(path), encoding=item.encoding)


def html_document(html: str, name: str, origin: str, encoding: str = "utf-8", url: str | None = None) -> Iterator[Item]:
    """The main text of a page and its metadata, through trafilatura (comments left out)."""
    import trafilatura

    try:
        text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True, url=url)
        meta = trafilatura.extract_metadata(html, default_url=url)
    except Exception as e:  # trafilatura raises many kinds on broken markup
        yield Rejection(origin, f"HTML could not be parsed: {type(e).__name__}: {e}")
        return
    if not text or not text.strip():
        yield Rejection(origin, "HTML page holds no article text")
        return
    title = meta.title if meta else None
    date = PartialDate.parse(meta.date) if meta and meta.date else PartialDate(None)
    publisher = (meta.sitename if meta else None) or None
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    yield Document(
        name=name, text=text, origin=origin, title=title, date=date, publisher=publisher,
        url=(meta.url if meta else None) or url, encoding=encoding,
    )


JSONL_OPTIONAL = {"url": str, "title": str, "date": str, "lang": str, "publisher": str}


def read_jsonl(path: Path | None, stream=None) -> Iterator[Item]:
    origin = str(path) if path else "<stdin>"
    seen: set[str] = set()
    try:
        handle = stream or open(path, encoding="utf-8", errors="strict", newline="")
    except OSError as e:
        yield Rejection(origin, f"cannot read: {e.strerror or e}")
        return
    with handle:
        n = 0
        while True:
            n += 1
            try:
                line = handle.readline()
            except UnicodeDecodeError as e:
                yield Rejection(origin, f"not UTF-8 from here on ({e.reason}); the rest of the file is skipped", n)
                return
            if not line:
                break
            if not line.strip():
                continue
            item = jsonl_record(line, origin, n, seen)
            if isinstance(item, Document):
                seen.add(item.name)
            yield item


def jsonl_record(line: str, origin: str, n: int, seen: set[str]) -> Item:
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as e:
        return Rejection(origin, f"not JSON: {e.msg} at column {e.colno}", n)
    if not isinstance(rec, dict):
        return Rejection(origin, f"a record must be a JSON object, not {type(rec).__name__}", n)
    if "text" not in rec or "id" not in rec:
        missing = [k for k in ("id", "text") if k not in rec]
        return Rejection(origin, f"missing required field(s): {', '.join(missing)}", n)
    if not isinstance(rec["text"], str):
        return Rejection(origin, f"'text' must be a string, not {type(rec['text']).__name__}", n)
    if not isinstance(rec["id"], (str, int)) or isinstance(rec["id"], bool):
        return Rejection(origin, f"'id' must be a string or an integer, not {type(rec['id']).__name__}", n)
    doc_id = str(rec["id"])
    if doc_id in seen:
        return Rejection(origin, f"duplicate id {doc_id!r} in this file", n)
    if not rec["text"].strip():
        return Rejection(origin, f"record {doc_id!r} has an empty text", n)
    for key, kind in JSONL_OPTIONAL.items():
        if rec.get(key) is not None and not isinstance(rec[key], kind):
            return Rejection(origin, f"'{key}' must be a string, not {type(rec[key]).__name__}", n)
    try:
        date = PartialDate.parse(rec.get("date"))
    except ValueError as e:
        return Rejection(origin, f"record {doc_id!r}: {e}", n)
    return Document(
        name=doc_id, text=rec["text"], origin=f"{origin}:{n}", title=rec.get("title"), date=date,
        publisher=rec.get("publisher"), url=rec.get("url"), lang=rec.get("lang"),
    )


def iter_paths(paths: list[str]) -> Iterator[Path | str]:
    for p in paths:
        if p == "-":
            yield "-"
            continue
        path = Path(p)
        if path.is_dir():
            yield from sorted(q for q in path.rglob("*") if q.is_file() and not q.name.startswith("."))
        else:
            yield path


def read_inputs(paths: list[str]) -> Iterator[Item]:
    """Documents and rejections, in input order."""
    for path in iter_paths(paths):
        if path == "-":
            yield from read_stdin()
            continue
        if not path.exists():
            yield Rejection(str(path), "no such file")
            continue
        suffix = path.suffix.lower()
        if suffix in JSONL_SUFFIXES:
            yield from read_jsonl(path)
        elif suffix in HTML_SUFFIXES:
            yield from read_html_file(path)
        elif suffix in TEXT_SUFFIXES or suffix == "":
            yield from read_text_file(path)
        else:
            yield Rejection(str(path), f"unsupported file type {suffix!r} (claimscope reads .txt, .html, .jsonl)")


def read_stdin() -> Iterator[Item]:
    data = sys.stdin.buffer.read()
    try:
        text, encoding = decode(data)
    except ValueError as e:
        yield Rejection("<stdin>", str(e))
        return
    first = text.lstrip()[:1]
    if first == "{":
        import io

        yield from read_jsonl(None, io.StringIO(text))
    elif first == "<":
        yield from html_document(text, name="stdin", origin="<stdin>", encoding=encoding)
    else:
        yield Document(name="stdin", text=text, origin="<stdin>", encoding=encoding)
