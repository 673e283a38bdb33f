"""The input formats: text streams and files, HTML pages (trafilatura), JSONL records. Every
problem becomes a Rejection naming the input (and line)."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..records import Document, PartialDate, Rejection
from ..terminal import shown, unsafe_name
from .decoding import CHUNK, decode, decoded_chunks, sniff
from .parts import Item, claim_name, documents_of
from .urls import public_url

MAX_LINE_CHARS = 4_000_000  # a JSONL line longer than this is rejected
# the HTML parser and trafilatura hold a page whole (~100 MiB a MiB of markup) and their time
# grows faster than its size (dense markup: 1 MiB 4 s, 2 MiB 12 s, 4 MiB 47 s, 15 MiB minutes
# and 2 GB); a news page is well under 1 MiB
MAX_HTML_BYTES = 2 * 1024 * 1024
MAX_NAME_CHARS = 512  # the ledger's name column


# -- text files ---------------------------------------------------------------------------


def read_stream(handle: BinaryIO, name: str, origin: str, size: int | None = None) -> Iterator[Item]:
    """A text from a byte stream (file or standard input), without holding it whole."""
    head = handle.read(CHUNK)
    whole = len(head) < CHUNK  # read() returns less only at the end
    try:
        if whole:
            text, encoding = decode(head)
            yield from documents_of(iter([text]), name, origin, encoding=encoding)
            return
        encoding = sniff(head, whole=False)
        notes: list[str] = []
        # documents_of stops reading after MAX_PARTS parts: this list holds at most 5 M characters
        of = f" of {size / 2**20:,.0f} MiB" if size else ""
        items = list(documents_of(decoded_chunks(handle, head, encoding, notes), name, origin, of, encoding=encoding))
    except ValueError as e:
        yield Rejection(origin, str(e))
        return
    if not any(isinstance(i, Document) for i in items):
        yield Rejection(origin, "empty file (only white space)")
        return
    if notes:
        items = [i if not isinstance(i, Document) else _note_encoding(i, notes[0]) for i in items]
    yield from items


def _note_encoding(doc: Document, note: str) -> Document:
    from dataclasses import replace

    return replace(doc, encoding=f"{doc.encoding} ({note})"[:64])


def read_text_file(path: Path, name: str | None = None) -> Iterator[Item]:
    try:
        handle = open(path, "rb")
    except OSError as e:
        yield Rejection(str(path), f"cannot read: {e.strerror or e}")
        return
    with handle:
        try:
            yield from read_stream(handle, name or path.name, str(path), path.stat().st_size)
        except OSError as e:
            yield Rejection(str(path), f"cannot read: {e.strerror or e}")


# -- HTML ---------------------------------------------------------------------------------


def read_html_file(path: Path) -> Iterator[Item]:
    try:
        size = path.stat().st_size
        if size > MAX_HTML_BYTES:
            yield Rejection(str(path), f"HTML page too large ({size / 2**20:.1f} MiB > {MAX_HTML_BYTES // 2**20} MiB)")
            return
        data = path.read_bytes()
    except OSError as e:
        yield Rejection(str(path), f"cannot read: {e.strerror or e}")
        return
    try:
        html, encoding = decode(data)
    except ValueError as e:
        yield Rejection(str(path), str(e))
        return
    yield from html_document(html, name=path.name, origin=str(path), encoding=encoding)


def html_document(html: str, name: str, origin: str, encoding: str = "utf-8", url: str | None = None) -> Iterator[Item]:
    """The main text of a page and its metadata, through trafilatura (comments left out)."""
    from copy import deepcopy

    import trafilatura

    if len(html) > MAX_HTML_BYTES:  # a fetched page, or one decoded from a smaller file
        yield Rejection(origin, f"HTML page too large ({len(html) / 2**20:.1f} M characters > {MAX_HTML_BYTES // 2**20} MiB)")
        return
    try:
        tree = _without_templates(trafilatura.load_html(html))
        if tree is None:
            yield Rejection(origin, "HTML page holds no article text")
            return
        # extract() cleans the tree it is given: the metadata are read from an untouched one
        text = trafilatura.extract(deepcopy(tree), include_comments=False, include_tables=False, favor_precision=True,
                                   url=url)
        meta = trafilatura.extract_metadata(tree, default_url=url)
    except (Exception, RecursionError) as e:  # trafilatura and lxml raise many kinds on broken markup
        yield Rejection(origin, f"HTML could not be parsed: {type(e).__name__}: {e}"[:500])
        return
    if not text or not text.strip():
        yield Rejection(origin, "HTML page holds no article text")
        return
    title = meta.title if meta else None
    try:
        date = PartialDate.parse(meta.date) if meta and meta.date else PartialDate(None)
    except ValueError:
        date = PartialDate(None)  # a page's date is a hint; the layout may still find one in the text
    publisher = (meta.sitename if meta else None) or None
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    page_url = (meta.url if meta else None) or url
    yield from documents_of(iter([text]), name, origin, title=title, date=date, publisher=publisher,
                            url=public_url(page_url) if page_url else None, encoding=encoding)


def _without_templates(tree):
    """The page without its <template> elements: a template's content is markup a script may
    copy into the page, never shown as it is, so not the article's text."""
    if tree is not None:
        for template in list(tree.iter("template")):
            if template.getparent() is not None:
                template.drop_tree()  # its tail, the text after it, stays with its parent
    return tree


# -- JSONL --------------------------------------------------------------------------------

JSONL_OPTIONAL = {"url": str, "title": str, "date": str, "lang": str, "publisher": str}


def read_jsonl(path: Path | None, stream=None, seen: dict[str, str] | None = None) -> Iterator[Item]:
    """One record a line, read a line at a time; `seen` maps names read so far to where they came from."""
    origin = str(path) if path else "<stdin>"
    seen = {} if seen is None else seen
    try:
        # lines end at "\n" only, as editors and `wc -l` count them (a lone "\r" is no record break)
        handle = stream or open(path, encoding="utf-8", errors="strict", newline="\n")  # type: ignore[arg-type]  # no stream: a path
    except OSError as e:
        yield Rejection(origin, f"cannot read: {e.strerror or e}")
        return
    with handle:
        n = records = 0
        while True:
            n += 1
            try:
                line = handle.readline(MAX_LINE_CHARS + 1)
                if len(line) > MAX_LINE_CHARS:
                    while line and not line.endswith("\n"):  # skip the rest of the line, a chunk at a time
                        line = handle.readline(CHUNK)
                    yield Rejection(origin, f"line longer than {MAX_LINE_CHARS:,} characters: skipped", n)
                    continue
            except UnicodeDecodeError as e:
                yield Rejection(origin, f"not UTF-8 from here on ({e.reason}); the rest of the file is skipped", n)
                return
            except OSError as e:
                yield Rejection(origin, f"cannot read: {e.strerror or e}", n)
                return
            if not line:
                if records == 0:
                    yield Rejection(origin, "empty file (no records)")
                break
            if n == 1 and line.startswith("\ufeff"):
                line = line[1:]  # a byte order mark
            if not line.strip():
                continue
            records += 1
            item = jsonl_record(line, origin, n, seen)
            if isinstance(item, Document):
                items = list(documents_of(iter([item.text]), item.name, item.origin, title=item.title, date=item.date,
                                          publisher=item.publisher, url=item.url, lang=item.lang))
                yield from items
            else:
                yield item


def _utf8_ok(s: str) -> bool:
    try:
        s.encode("utf-8")
        return True
    except UnicodeEncodeError:  # a lone surrogate from a "\ud83d" escape: the ledger cannot store it
        return False


class _KeyTwice(ValueError):
    def __init__(self, key: str):
        self.key = key


def _unique_keys(pairs: list[tuple[str, object]]) -> dict:
    """A JSON object whose keys are all different: json.loads keeps the last of two silently."""
    obj: dict = {}
    for key, value in pairs:
        if key in obj:
            raise _KeyTwice(key)
        obj[key] = value
    return obj


def jsonl_record(line: str, origin: str, n: int, seen) -> Document | Rejection:
    try:
        rec = json.loads(line, object_pairs_hook=_unique_keys)
    except _KeyTwice as e:
        return Rejection(origin, f"key {shown(repr(e.key[:60]))} given twice in one object (JSON would keep only the last)", n)
    except json.JSONDecodeError as e:
        return Rejection(origin, f"not JSON: {e.msg} at column {e.colno}", n)
    except (ValueError, RecursionError) as e:  # integers too long to convert, nesting too deep
        return Rejection(origin, f"not readable JSON: {type(e).__name__}: {str(e)[:200]}", n)
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
    if not doc_id.strip() or len(doc_id) > MAX_NAME_CHARS - 8 or not _utf8_ok(doc_id):
        return Rejection(origin, f"'id' must be 1 to {MAX_NAME_CHARS - 8} characters of text: {doc_id[:40]!r}", n)
    why = unsafe_name(doc_id)
    if why:  # it would drive the terminal it is printed on
        return Rejection(origin, f"'id' {why}: {shown(doc_id[:60])}", n)
    if not rec["text"].strip():
        return Rejection(origin, f"record {doc_id!r} has an empty text", n)
    for key, kind in JSONL_OPTIONAL.items():
        if rec.get(key) is not None and not isinstance(rec[key], kind):
            return Rejection(origin, f"'{key}' must be a string, not {type(rec[key]).__name__}", n)
    bad = [k for k in ("text", *JSONL_OPTIONAL) if isinstance(rec.get(k), str) and not _utf8_ok(rec[k])]
    if bad:
        return Rejection(origin, f"record {doc_id!r}: '{bad[0]}' holds an unpaired surrogate (a broken \\u escape)", n)
    if "\x00" in rec["text"]:
        return Rejection(origin, f"record {doc_id!r}: 'text' holds NUL characters", n)
    try:
        date = PartialDate.parse(rec.get("date"))
    except ValueError as e:
        return Rejection(origin, f"record {doc_id!r}: {e}", n)
    taken = claim_name(seen, doc_id, origin, n, noun="id")
    if taken is not None:
        return taken
    return Document(
        name=doc_id, text=rec["text"], origin=f"{origin}:{n}", title=rec.get("title"), date=date,
        publisher=rec.get("publisher"), url=public_url(rec["url"]) if rec.get("url") else None, lang=rec.get("lang"),
    )
