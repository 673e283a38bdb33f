"""Bytes into text: the encoding sniffed from the first bytes (byte order marks, UTF-16 without
one, UTF-8, Windows-1252, else charset_normalizer), binary inputs refused with what they are."""
from __future__ import annotations

import codecs
from collections.abc import Iterator
from typing import BinaryIO

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


def decoded_chunks(handle: BinaryIO, head: bytes, encoding: str, notes: list[str]) -> Iterator[str]:
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
