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

import codecs
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import BinaryIO

from ..records import Document, PartialDate, Rejection
from ..terminal import shown, unsafe_name
from .fetch import public_url

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
MAX_DOC_CHARS = 200_000  # a long feature is ~30 000 characters; beyond this a text is split into parts
MAX_PARTS = 25  # at most 5 M characters from one input reach the NLP pipeline
MAX_LINE_CHARS = 4_000_000  # a JSONL line longer than this is rejected
# the HTML parser and trafilatura hold a page whole (~100 MiB a MiB of markup) and their time
# grows faster than its size (dense markup: 1 MiB 4 s, 2 MiB 12 s, 4 MiB 47 s, 15 MiB minutes
# and 2 GB); a news page is well under 1 MiB
MAX_HTML_BYTES = 2 * 1024 * 1024
MAX_NAME_CHARS = 512  # the ledger's name column
CHUNK = 1 << 20  # bytes read at a time
BINARY_MAGIC = {
    b"%PDF": "a PDF file",
    b"\x89PNG": "a PNG image",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"RIFF": "a RIFF file (WebP image, WAV or AVI)",
    b"PK\x03\x04": "a zip archive (or an Office document)",
    b"\x1f\x8b": "a gzip archive",
    b"BZh": "a bzip2 archive",
    b"\xfd7zXZ\x00": "an xz archive",
    b"7z\xbc\xaf\x27\x1c": "a 7z archive",
    b"\xd0\xcf\x11\xe0": "an old Office document",
    b"\x7fELF": "an executable",
    b"MZ": "a Windows executable",
    b"SQLite format 3": "an SQLite database",
}
# byte order marks, longest first: UTF-32 LE starts with the UTF-16 LE mark
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


@dataclass(slots=True)
class Notice:
    """Something the user should know about an input that was still read (a split)."""

    origin: str
    note: str

    def message(self) -> str:
        return f"{self.origin}: {self.note}"


Item = Document | Rejection | Notice


# -- decoding ---------------------------------------------------------------------------


def sniff(head: bytes, whole: bool) -> str:
    """The encoding of a text from its first bytes; ValueError with a reason for what is not text."""
    if not head.strip():
        raise ValueError("empty file" if whole else "no text in the first bytes")
    for magic, what in BINARY_MAGIC.items():
        if head.startswith(magic):
            raise ValueError(f"binary file ({what}), not text")
    for bom, encoding in BOMS:
        if head.startswith(bom):
            return encoding
    sample = head[:4096]
    if b"\x00" in sample:
        # UTF-16 without a mark: one NUL every other byte, on the same side
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if len(sample) >= 4 and odd > len(sample) // 4 and even == 0:
            return "utf-16-le"
        if len(sample) >= 4 and even > len(sample) // 4 and odd == 0:
            return "utf-16-be"
        raise ValueError("binary file (NUL bytes), not text")
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=whole)
        return "utf-8"
    except UnicodeDecodeError as e:
        if whole and e.start >= len(head) - 3 and e.reason == "unexpected end of data":
            return "utf-8"  # cut in the middle of the last character: decode() notes it
    if _western(head):
        return "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(head).best()
    if best is None:
        raise ValueError("not text in any encoding claimscope can detect")
    return best.encoding


# letters and signs of Western European text outside ASCII: a text whose every other character
# decodes to one of these in Windows-1252 is Windows-1252 (or Latin-1, its printable subset)
WESTERN = set("àâäáãåçéèêëíìîïñóòôöõúùûüýÿœæøßÀÂÄÁÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝŸŒÆØ«»‘’‚“”„–—…•€£¥°§²³µ·×÷±¼½¾©®™\xa0")


def _western(data: bytes) -> bool:
    """Windows-1252 before the statistical guess: on short French texts charset_normalizer
    takes Latin-1 for Central or Baltic code pages ('ministčre')."""
    try:
        text = data.decode("cp1252")  # one byte a character: a sample cut anywhere still decodes
    except UnicodeDecodeError:
        return False
    return all(c in WESTERN for c in set(text) if ord(c) > 127)


def decode(data: bytes) -> tuple[str, str]:
    """Bytes -> (text, encoding). Raises ValueError with a reason for what is not text."""
    encoding = sniff(data, whole=True)
    text, note = _decode_all(data, encoding)
    return _checked(text, "the file"), encoding + note


def _decode_all(data: bytes, encoding: str) -> tuple[str, str]:
    try:
        return data.decode(encoding), ""
    except UnicodeDecodeError as e:
        where = "the last character is cut" if e.start >= len(data) - 3 else f"invalid bytes from byte {e.start}"
        return data.decode(encoding, errors="replace"), f" ({where}: replaced with U+FFFD)"


CONTROL_SHARE = 0.01  # more control characters than this (other than tab, line breaks, form feed): binary


def _checked(text: str, what: str) -> str:
    if "\x00" in text:
        raise ValueError(f"binary content (NUL characters in {what}), not text")
    controls = sum(1 for c in text[:100_000] if c < " " and c not in "\t\n\r\f\v")
    if controls > CONTROL_SHARE * min(len(text), 100_000):
        raise ValueError(f"binary content ({controls} control characters in {what}), not text")
    if not text.strip():
        raise ValueError("empty file (only white space)")
    return text


# -- long texts into parts ----------------------------------------------------------------


def _cut(text: str, limit: int) -> int:
    """Where to end a part of at most `limit` characters: a paragraph break, else a line break, else a space."""
    for seps in (("\n\n", "\r\n\r\n", "\r\r"), ("\n", "\r"), (" ", "\t")):
        ends = [i + len(s) for s in seps if (i := text.rfind(s, 0, limit - len(s) + 1)) >= 0]
        if ends and max(ends) > limit // 2:  # not a tiny part
            return max(ends)
    return limit


def split_parts(chunks: Iterator[str], limit: int = MAX_DOC_CHARS) -> Iterator[str]:
    """Texts of at most `limit` characters, cut at paragraph breaks, from a stream of chunks."""
    buf = ""
    for chunk in chunks:
        buf += chunk
        while len(buf) > limit:
            cut = _cut(buf, limit)
            yield buf[:cut]
            buf = buf[cut:]
    if buf:
        yield buf


def documents_of(chunks: Iterator[str], name: str, origin: str, size_note: str = "", **meta) -> Iterator[Item]:
    """One Document for a text up to MAX_DOC_CHARS, else parts `name#k`, at most MAX_PARTS of them."""
    parts = split_parts(chunks)
    first = next(parts, None)
    second = next(parts, None)
    if first is None:
        return
    if second is None:
        yield Document(name=name, text=first, origin=origin, **meta)
        return
    count, chars = 0, 0
    for k, text in enumerate(chain([first, second], parts), start=1):
        if k > MAX_PARTS:
            yield Rejection(origin, f"too long: only the first {chars:,} characters{size_note} were read (as {MAX_PARTS} "
                                    f"parts of at most {MAX_DOC_CHARS:,}); the rest is skipped")
            return
        count, chars = k, chars + len(text)
        if text.strip():
            yield Document(name=f"{name}#{k}", text=text, origin=f"{origin} (part {k})", **meta)
    yield Notice(origin, f"longer than {MAX_DOC_CHARS:,} characters: split at paragraph breaks into {count} parts "
                         f"({name}#1 to {name}#{count})")


# -- text files ---------------------------------------------------------------------------


def _chunks(handle: BinaryIO, head: bytes, encoding: str, notes: list[str]) -> Iterator[str]:
    """Decoded text from a byte stream, a chunk at a time; undecodable bytes replaced and noted."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    data, final, pos = head, False, 0
    while True:
        try:
            text = decoder.decode(data, final=final)
        except UnicodeDecodeError as e:
            notes.append(f"invalid {encoding} from about byte {pos + e.start}: replaced with U+FFFD")
            decoder.errors = "replace"
            text = decoder.decode(data, final=final)
        if "\x00" in text:
            raise ValueError(f"binary content (NUL characters near byte {pos}), not text")
        if text:
            yield text
        if final:
            return
        pos += len(data)
        data = handle.read(CHUNK)
        final = not data


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
        items = list(documents_of(_chunks(handle, head, encoding, notes), name, origin, of, encoding=encoding))
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
        handle = stream or open(path, encoding="utf-8", errors="strict", newline="\n")
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
                seen[item.name] = f"{origin}:{n}"
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
    if doc_id in seen:
        where = "this file" if seen[doc_id].rsplit(":", 1)[0] == origin else seen[doc_id]
        return Rejection(origin, f"duplicate id {doc_id!r}: already read from {where}"
                                 + (f" (line {seen[doc_id].rsplit(':', 1)[1]})" if where == "this file" else ""), n)
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
    return Document(
        name=doc_id, text=rec["text"], origin=f"{origin}:{n}", title=rec.get("title"), date=date,
        publisher=rec.get("publisher"), url=public_url(rec["url"]) if rec.get("url") else None, lang=rec.get("lang"),
    )


# -- inputs -------------------------------------------------------------------------------


def iter_paths(paths: list[str]) -> Iterator[Path | str]:
    """Files (folders expanded), '-' for standard input, and URLs as strings."""
    from .fetch import looks_like_url

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
            from .fetch import fetch

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
                where = item.origin.split(" (part ")[0]
                first = seen.setdefault(item.name, where)
                if first != where:
                    yield Rejection(where, f"duplicate name {item.name!r}: already read from {first} (rename one of them)")
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
