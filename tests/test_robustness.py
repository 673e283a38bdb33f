"""Interruptions and company: a killed ingest leaves whole documents only, and a rerun
completes the ledger; two ingests on one ledger at once both finish, nothing duplicated or
lost; bad inputs in a batch are named and recorded while the rest goes on; long texts are
split and capped with memory bounded."""
import importlib.util
import json
import random
import subprocess
from pathlib import Path

import pytest

from claimscope.cli import main
from claimscope.engine import ingest
from claimscope.ingest.parts import MAX_DOC_CHARS, MAX_PARTS, Notice
from claimscope.ingest.readers import read_inputs
from claimscope.records import Document, Rejection
from claimscope.store import Ledger

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("kill_test", ROOT / "scripts" / "kill_test.py")
kill_test = importlib.util.module_from_spec(spec)
spec.loader.exec_module(kill_test)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, extractor):
    """64 articles as JSONL (four extraction windows, so that kills land between
    stores), and the reference ledger of a clean, uninterrupted ingest."""
    work = tmp_path_factory.mktemp("kill")
    path = work / "corpus.jsonl"
    kill_test.build_corpus(path, 64)
    ref_db = work / "reference.db"
    report = ingest([str(path)], Ledger(str(ref_db)), extractor, progress=False)
    assert report.added == 64 and not report.rejected
    return path, kill_test.snapshot(ref_db)


def test_a_killed_ingest_reruns_to_the_same_ledger(corpus, tmp_path):
    path, ref = corpus
    db = tmp_path / "killed.db"
    cmd = kill_test.ingest_cmd([path], db)
    kills = kill_test.kill_loop(cmd, db, 3, random.Random(5), startup=3.0, log=lambda m: None)
    assert kills == 3
    assert kill_test.stored(db) < len(ref), "the kills came too late to interrupt anything"
    run = kill_test.run_to_end(cmd)
    assert run.returncode == 0, run.stderr
    got = kill_test.snapshot(db)  # integrity, no duplicates, no orphans, no gaps
    assert sum(len(c) for _, c in ref.values()) > 50
    assert kill_test.compare(ref, got) == {"documents_missing": 0, "documents_extra": 0, "documents_differing": 0,
                                           "claims_lost": 0, "claims_duplicated": 0}


def test_two_ingests_on_one_ledger_at_once(corpus, tmp_path):
    """Overlapping inputs on a fresh ledger: both migrate, both store, the overlap once."""
    _, ref = corpus
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    kill_test.build_corpus(a, 8, first=0)  # art-000 .. art-007
    kill_test.build_corpus(b, 8, first=4)  # art-004 .. art-011: four in common
    db = tmp_path / "shared.db"
    procs = [subprocess.Popen(kill_test.ingest_cmd([p], db), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              cwd=ROOT) for p in (a, b)]
    outs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [e for _, e in outs]
    got = kill_test.snapshot(db)
    expected = {name: ref[name] for name in (f"art-{k:03d}" for k in range(12))}  # the twelve both runs read
    assert kill_test.compare(expected, got) == {"documents_missing": 0, "documents_extra": 0, "documents_differing": 0,
                                                "claims_lost": 0, "claims_duplicated": 0}
    # each shared document was stored by one run and found unchanged by the other
    added = [int(e.split(" documents added")[0].split()[-1]) for _, e in outs]
    assert sum(added) == 12


def test_a_batch_of_bad_inputs_names_each_and_goes_on(in_tmp, capsys):
    good = "Titre\nSelon le NIS, environ 11 000 soldats nord-coréens ont été déployés en Russie.\n"
    (in_tmp / "good.txt").write_text(good, encoding="utf-8")
    (in_tmp / "empty.txt").write_bytes(b"")
    (in_tmp / "scan.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3")
    (in_tmp / "photo.txt").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF")
    (in_tmp / "cp1252.txt").write_bytes(good.replace("good", "x").encode("cp1252"))
    (in_tmp / "utf16.txt").write_bytes(good.replace("11 000", "12 000").encode("utf-16"))
    (in_tmp / "cut.txt").write_bytes(good.replace("11 000", "13 000").encode("utf-8") + "é".encode("utf-8")[:1])
    (in_tmp / "deep.html").write_text("<div>" * 50_000 + "texte" + "</div>" * 50_000, encoding="utf-8")
    lines = [json.dumps({"id": "j1", "text": good.replace("11 000", "14 000")}), "{oops",
             json.dumps({"id": "j2", "text": ["not", "text"]}), json.dumps({"id": "j1", "text": "again"}),
             json.dumps({"id": "j3", "text": "Environ 5 soldats.", "date": "31/02/2024"})]
    (in_tmp / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (in_tmp / "more.jsonl").write_text(json.dumps({"id": "j1", "text": "elsewhere"}) + "\n", encoding="utf-8")
    code = main(["ingest", "-q", "empty.txt", "scan.txt", "photo.txt", "deep.html", "batch.jsonl", "more.jsonl",
                 "good.txt", "cp1252.txt", "utf16.txt", "cut.txt", "--db", "l.db"])
    err = capsys.readouterr().err
    assert code == 3
    for expected in ("empty.txt: empty file", "scan.txt: binary file (a PDF file)", "photo.txt: binary file (a JPEG image)",
                     "deep.html: HTML", "batch.jsonl:2: not JSON", "batch.jsonl:3: 'text' must be a string",
                     "batch.jsonl:4: duplicate id 'j1'", "batch.jsonl:5: record 'j3': not an ISO date",
                     "more.jsonl:1: duplicate id 'j1': already read from"):
        assert f"rejected: {expected}" in err or expected in err, expected
    ledger = Ledger("l.db")
    assert len(ledger.rejected()) == 9
    assert {(r["origin"].rsplit("/", 1)[-1], r["line"]) for r in ledger.rejected()} >= {("batch.jsonl", 2), ("more.jsonl", 1)}
    docs = {d["name"]: d for d in ledger.documents()}
    assert set(docs) == {"j1", "good.txt", "cp1252.txt", "utf16.txt", "cut.txt"}
    assert sorted(c.value for c in ledger.claims()) == [11000, 11000, 12000, 13000, 14000]
    assert ledger.document("cut.txt").encoding.startswith("utf-8 (the last character is cut")
    assert ledger.document("cp1252.txt").encoding == "cp1252" and "coréens" in ledger.document("cp1252.txt").text


def test_a_huge_text_is_split_and_capped_with_memory_bounded(tmp_path):
    import tracemalloc

    para = "Selon le NIS, environ 11 000 soldats nord-coréens ont été déployés en Russie. " * 4 + "\n\n"
    p = tmp_path / "huge.txt"
    with open(p, "w", encoding="utf-8") as f:  # 60 MiB, far past MAX_PARTS parts
        for _ in range(60 * 2**20 // (len(para) * 1000) + 1):
            f.write(para * 1000)
    tracemalloc.start()
    items = []
    for item in read_inputs([str(p)]):  # only text lengths are kept: the parts themselves are dropped
        items.append(len(item.text) if isinstance(item, Document) else item)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    parts = [i for i in items if isinstance(i, int)]
    assert len(parts) == MAX_PARTS and max(parts) <= MAX_DOC_CHARS
    assert all(n % len(para) == 0 for n in parts), "parts end at paragraph breaks"
    [rejection] = [i for i in items if isinstance(i, Rejection)]
    assert "too long" in rejection.reason and f"{p.stat().st_size / 2**20:,.0f} MiB" in rejection.reason
    assert peak < 60 * 2**20, f"peak {peak / 2**20:.0f} MiB"


def test_a_long_text_is_split_into_named_parts_that_hold_their_claims(tmp_path, extractor):
    para = "Selon le NIS, environ 11 000 soldats nord-coréens ont été déployés en Russie.\n\n"
    n = MAX_DOC_CHARS // len(para) + 10
    p = tmp_path / "long.txt"
    p.write_text(para * n, encoding="utf-8")
    items = list(read_inputs([str(p)]))
    docs = [i for i in items if isinstance(i, Document)]
    assert [d.name for d in docs] == ["long.txt#1", "long.txt#2"]
    assert "".join(d.text for d in docs) == para * n
    [note] = [i for i in items if isinstance(i, Notice)]
    assert "split at paragraph breaks into 2 parts" in note.message()
    from claimscope.ingest import lay_out

    claims = extractor.extract(lay_out(docs[1]))
    assert len(claims) == 10 and all(docs[1].text[c.start:c.end] == "environ 11 000" for c in claims)


def test_a_jsonl_line_too_long_is_skipped_and_the_next_read(tmp_path, monkeypatch):
    monkeypatch.setattr("claimscope.ingest.formats.MAX_LINE_CHARS", 1000)
    p = tmp_path / "b.jsonl"
    p.write_text(json.dumps({"id": "big", "text": "x" * 5000}) + "\n" + json.dumps({"id": "ok", "text": "Environ 5."}) + "\n",
                 encoding="utf-8")
    items = list(read_inputs([str(p)]))
    assert isinstance(items[0], Rejection) and items[0].line == 1 and "longer than 1,000" in items[0].reason
    assert isinstance(items[1], Document) and items[1].name == "ok" and items[1].origin.endswith(":2")


def test_an_extraction_failure_is_a_rejection_not_a_crash(tmp_path, extractor, monkeypatch):
    (tmp_path / "a.txt").write_text("Environ 11 000 soldats.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Environ 300 soldats.", encoding="utf-8")
    real = extractor.extract_many

    def flaky(docs, **kw):
        docs = list(docs)
        if docs[0].name == "a.txt":
            raise IndexError("boom")
        return real(docs, **kw)

    monkeypatch.setattr(extractor, "extract_many", flaky)
    ledger = Ledger(str(tmp_path / "l.db"))
    report = ingest([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], ledger, extractor, progress=False)
    assert report.added == 1 and [r.reason for r in report.rejected] == ["extraction failed: IndexError: boom"]
    assert ledger.rejected()[0]["origin"].endswith("a.txt")


def _open_at_once(db: str, barrier) -> str:
    barrier.wait()
    try:
        ledger = Ledger(db)
        ledger.start_run("ingest", "t", "p")
        ledger.close()
        return ""
    except Exception as e:  # noqa: BLE001 - the message is what the test reports
        return f"{type(e).__name__}: {e}"


def test_two_processes_creating_one_ledger_at_once_both_open_it(tmp_path):
    """The switch to WAL needs the file alone and SQLite refuses it at once, with no busy wait,
    while the other process migrates the new file: the opening retries instead of failing.
    (Before the retry, about one fresh ledger in fifteen failed so.)"""
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    errors = []
    with ctx.Manager() as manager, ctx.Pool(2) as pool:
        for k in range(30):
            barrier = manager.Barrier(2)
            db = str(tmp_path / f"l{k}.db")
            errors += [e for e in pool.starmap(_open_at_once, [(db, barrier), (db, barrier)]) if e]
    assert errors == []
