"""Property tests over ingestion and extraction: whatever comes in, nothing crashes, every
problem is a named Rejection, and every claim's offsets hold in the text as read.

A fast slice by default; `CLAIMSCOPE_FUZZ=N` multiplies the examples for a campaign
(`CLAIMSCOPE_FUZZ=50 pytest tests/test_fuzz.py`).
"""
import math
import os
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimscope.extract.numbers import find_figures
from claimscope.ingest import lay_out
from claimscope.ingest.decoding import decode
from claimscope.ingest.parts import Notice
from claimscope.ingest.readers import read_inputs
from claimscope.records import Document, Rejection

SCALE = int(os.environ.get("CLAIMSCOPE_FUZZ", "1"))
GATE_FR = sorted((Path(__file__).parent / "gate" / "fr").glob("*.txt"))


def fuzz(n: int):
    return settings(max_examples=n * SCALE, deadline=None, derandomize=SCALE == 1,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                           HealthCheck.data_too_large])


# bytes that look like the start of real inputs, then anything
MAGIC = st.sampled_from([b"", b"%PDF-1.4", b"\x89PNG\r\n\x1a\n", b"PK\x03\x04", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf",
                         b"\xff\xfe\x00\x00", b'{"id": "x", "text": "', b"<html><body><p>", b"\x1f\x8b", b"MZ"])
RAW = st.builds(lambda m, b: m + b, MAGIC, st.binary(max_size=600))
# text built from pieces claims are made of, with the characters that break offsets
PIECES = st.sampled_from([
    "Selon le NIS, ", "environ ", "11 000", "11\u00a0000", "2,5 %", "300", "entre 4 et 6 millions", "de soldats",
    " nord-coréens", " ont été tués", ". ", "\n", "\r\n", "\r", "\n\n", "-----\n", "Titre\n", "08.11.2025 16:45\n",
    "3 min de lecture\n", "Répondre\n", "\u200b", "\u200d", "\ufeff", "👍🏽", "한국 1 000 명", "Москва 500 ", "«", "»",
    "KN-23", "2024", "deux mille", "ABC123def", "1er", "n° 5", " ", "\t", "\u2028", "\x85", "\x0c", "1" * 15,
    "١٢٣", "½", "\U0001d7d9", "e\u0301", "ß", "İ", "ﬁ",
])
TEXTS = st.one_of(st.lists(PIECES, max_size=25).map("".join), st.text(max_size=300))


def check_claims(doc: Document, claims) -> None:
    body = [s for a in doc.articles for s in a.body]
    for c in claims:
        assert 0 <= c.start < c.end <= len(doc.text)
        assert doc.text[c.start:c.end] == c.text and c.text.strip()
        assert any(s.start <= c.start and c.end <= s.end for s in body), "a claim outside the article body"
        assert doc.text[c.sentence_start:c.sentence_end] == c.sentence
        assert c.sentence_start <= c.start and c.end <= c.sentence_end
        assert math.isfinite(c.value) and (c.value_high is None or math.isfinite(c.value_high))


# -- reading ---------------------------------------------------------------------------------


@fuzz(150)
@given(RAW)
def test_decode_gives_text_or_a_reason(data):
    try:
        text, encoding = decode(data)
    except ValueError as e:
        assert str(e)
        return
    assert text.strip() and "\x00" not in text and encoding


@fuzz(60)
@given(data=RAW, suffix=st.sampled_from([".txt", ".jsonl", ".html", ""]))
def test_reading_any_file_names_a_document_or_a_reason(tmp_path_factory, data, suffix):
    p = tmp_path_factory.mktemp("fuzz") / f"in{suffix}"
    p.write_bytes(data)
    items = list(read_inputs([str(p)]))
    assert items
    names = [i.name for i in items if isinstance(i, Document)]
    assert len(names) == len(set(names))
    for i in items:
        assert isinstance(i, (Document, Rejection, Notice))
        if isinstance(i, Rejection):
            assert str(p) in i.message() and i.reason
        if isinstance(i, Document):
            assert i.text.strip() and i.text.encode("utf-8")  # storable


@fuzz(60)
@given(st.lists(st.one_of(st.text(max_size=40), st.builds(lambda i, t, d: __import__("json").dumps(
    {"id": i, "text": t, "date": d}), st.one_of(st.text(max_size=5), st.integers(), st.none(), st.booleans()),
    st.one_of(st.text(max_size=30), st.integers()), st.one_of(st.none(), st.text(max_size=10), st.integers()))), max_size=8))
def test_jsonl_lines_are_records_or_named_rejections(tmp_path_factory, lines):
    p = tmp_path_factory.mktemp("fuzz") / "in.jsonl"
    content = "\n".join(lines)
    p.write_text(content, encoding="utf-8", errors="surrogatepass")
    items = list(read_inputs([str(p)]))
    assert items  # an empty file is a rejection too
    for i in items:
        if isinstance(i, Rejection):
            assert i.line is None or 1 <= i.line <= content.count("\n") + 1
    names = [i.name for i in items if isinstance(i, Document)]
    assert len(names) == len(set(names))


# -- figures -----------------------------------------------------------------------------------


@fuzz(300)
@given(TEXTS)
def test_figures_hold_their_offsets(text):
    last_end = 0
    for f in find_figures(text, "fr"):
        assert 0 <= f.start <= f.num_start < f.num_end <= f.end <= len(text)
        assert f.start >= last_end, "figures overlap"
        last_end = f.end
        assert math.isfinite(f.value) and (f.value_high is None or f.value_high > f.value)


# -- the whole pipeline --------------------------------------------------------------------------


@fuzz(40)
@given(TEXTS)
def test_extraction_on_any_text_keeps_offsets(extractor, text):
    doc = lay_out(Document(name="f.txt", text=text, origin="f.txt"))
    check_claims(doc, extractor.extract(doc))


MUTATIONS = ["insert", "delete", "crlf", "cr", "zero_width", "emoji", "swap_script", "glue", "truncate"]


def mutate(text: str, rnd: random.Random, ops: list[str]) -> str:
    for op in ops:
        i = rnd.randrange(len(text) + 1)
        if op == "insert":
            text = text[:i] + rnd.choice(["\u200b", "\ufeff", "👍", "ё", "한", "\r", "\n\n", "-----\n", "7"]) + text[i:]
        elif op == "delete":
            text = text[:i] + text[i + rnd.randrange(1, 200):]
        elif op == "crlf":
            text = text.replace("\n", "\r\n")
        elif op == "cr":
            text = text.replace("\n", "\r")
        elif op == "zero_width":
            text = text.replace(" ", " \u200b", 20)
        elif op == "emoji":
            text = text.replace(".", ". 🚀", 5)
        elif op == "swap_script":
            text = text.replace("soldats", "солдат", 3).replace("Russie", "러시아", 3)
        elif op == "glue":
            text = text.replace(" 000", "000abc", 2)
        elif op == "truncate":
            text = text[:i]
    return text


@fuzz(25)
@given(path=st.sampled_from(GATE_FR), seed=st.integers(0, 2**32), ops=st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=4))
def test_mutated_articles_keep_offsets(extractor, path, seed, ops):
    text = mutate(path.read_text(encoding="utf-8"), random.Random(seed), ops)
    doc = lay_out(Document(name=path.name, text=text, origin=str(path)))
    check_claims(doc, extractor.extract(doc))


# -- the edge cases, named -------------------------------------------------------------------------


@pytest.mark.parametrize("text,values", [
    ("11 000 soldats ont été tués", [11000]),  # a figure at the very start, no sentence end
    ("Le NIS estime les pertes à 300", [300]),  # at the very end
    ("Environ 11 000 soldats.\r\nLe NIS en compte 300 tués.\r\n", [11000, 300]),  # CRLF
    ("Environ 11 000 soldats.\rLe NIS en compte 300 tués.\r", [11000, 300]),  # old Mac line ends
    ("Environ\u200b 11 000 soldats 👍🏽 et 300 tués 🚀.", [11000, 300]),  # zero-width space, emoji
    ("\ufeffEnviron 11 000 soldats selon 서울 et Москва.", [11000]),  # mixed scripts inside French
    ("Le missile KN23 et le Su-27 ont été vus, ABC123.", []),  # numbers glued to letters are designations
    ("Ils étaient 2000abc, puis 300.", [2000, 300]),  # letters glued after: the numerals alone
])
def test_edge_texts_keep_exact_offsets(extract, text, values):
    figures = find_figures(text, "fr")
    assert [f.value for f in figures] == values
    assert all(text[f.num_start:f.num_end].strip() for f in figures)
    claims = extract(text)
    for c in claims:
        assert c.value in values
        assert text[c.start:c.end] == c.text
        assert text[c.sentence_start:c.sentence_end] == c.sentence


@pytest.mark.parametrize("path", GATE_FR[:4], ids=lambda p: p.name)
def test_line_ends_do_not_change_the_claims(extract, path):
    text = path.read_text(encoding="utf-8")
    lf = extract(text)
    for eol in ("\r\n", "\r"):
        other = text.replace("\n", eol)
        claims = extract(other)
        assert [(c.text, c.value, c.unit, c.source) for c in claims] == [(c.text, c.value, c.unit, c.source) for c in lf]
        assert all(other[c.start:c.end] == c.text for c in claims)


# -- English -----------------------------------------------------------------------------------------

GATE_EN = sorted((Path(__file__).parent / "gate" / "en").glob("*.txt"))


@pytest.fixture(scope="module")
def english():
    from claimscope.extract.pipeline import Extractor

    return Extractor("en")


@fuzz(25)
@given(path=st.sampled_from(GATE_EN), seed=st.integers(0, 2**32), ops=st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=4))
def test_mutated_english_articles_keep_offsets(english, path, seed, ops):
    text = mutate(path.read_text(encoding="utf-8"), random.Random(seed), ops)
    doc = lay_out(Document(name=path.name, text=text, origin=str(path), lang="en"))
    check_claims(doc, english.extract(doc))


@fuzz(200)
@given(TEXTS)
def test_english_figures_hold_their_offsets(text):
    last_end = 0
    for f in find_figures(text, "en"):
        assert 0 <= f.start <= f.num_start < f.num_end <= f.end <= len(text)
        assert f.start >= last_end, "figures overlap"
        last_end = f.end
        assert math.isfinite(f.value) and (f.value_high is None or f.value_high > f.value)
