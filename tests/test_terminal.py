"""Names that would drive a terminal (ESC, BEL, NUL, newline, C1, bidi overrides) are refused
when read, with a reason, and the batch goes on; whatever is printed from a name is escaped."""
import json
import sys

import pytest

from claimscope.cli import main
from claimscope.ingest.readers import read_inputs
from claimscope.records import Document, Rejection
from claimscope.terminal import shown, unsafe_name

ARTICLE = ("Titre\n12.03.2025\nSelon le NIS, environ 11 000 soldats nord-coréens ont été déployés en Russie. "
           "Le NIS estime qu'environ 300 d'entre eux ont été tués.\n")
HOSTILE = {
    "esc": "x\x1b]0;pwned\x07\x1b[2J",
    "bel": "bell\x07",
    "nul": "nul\x00id",
    "newline": "fake\nrejected: forged line",
    "c1": "csi\x9b31m",
    "del": "del\x7f",
    "rlo": "invoice\u202etxt.exe",
    "lri": "iso\u2066late",
}
UNSAFE_CHARS = "\x00\x07\x1b\n\x7f\x9b\u202e\u2066"


@pytest.mark.parametrize("name", HOSTILE.values(), ids=HOSTILE.keys())
def test_unsafe_names_are_named_and_shown_escaped(name):
    assert unsafe_name(name) is not None
    assert not any(c in shown(name) for c in UNSAFE_CHARS)


def test_plain_names_are_fine():
    for name in ("a.txt", "Élysée — 2025 #1", "خبر.txt", "記事", "https://example.org/a?b=c"):
        assert unsafe_name(name) is None and shown(name) == name
    assert shown("a\x1bb\u202ec") == "a\\x1bb\\u202ec"


def test_jsonl_ids_with_control_characters_are_refused_and_the_batch_goes_on(in_tmp):
    with open("a.jsonl", "w", encoding="utf-8") as f:
        for name in HOSTILE.values():
            f.write(json.dumps({"id": name, "text": ARTICLE}) + "\n")
        f.write(json.dumps({"id": "good", "text": ARTICLE}) + "\n")
    items = list(read_inputs(["a.jsonl"]))
    rejected = [i for i in items if isinstance(i, Rejection)]
    assert [i.name for i in items if isinstance(i, Document)] == ["good"]
    assert len(rejected) == len(HOSTILE)
    for r in rejected:
        assert r.reason.startswith("'id' holds a ") and not any(c in r.reason for c in UNSAFE_CHARS)


@pytest.mark.skipif(sys.platform == "win32", reason="these file names are POSIX only")
def test_file_names_with_control_characters_are_refused(in_tmp, capsys):
    (in_tmp / "in").mkdir()
    for name in HOSTILE.values():
        if "\x00" in name:
            continue  # no file system takes a NUL
        (in_tmp / "in" / f"{name}.txt").write_text(ARTICLE, encoding="utf-8")
    (in_tmp / "in" / "good.txt").write_text(ARTICLE, encoding="utf-8")
    code = main(["ingest", "-q", "in", "--db", "l.db"])
    err = capsys.readouterr().err
    assert code == 3 and "1 documents added" in err and f"{len(HOSTILE) - 1} rejected" in err
    assert err.count("file name holds a ") == len(HOSTILE) - 1
    assert not any(c in err.replace("\n", "") for c in UNSAFE_CHARS)
    assert all(line.startswith(("rejected: ", "1 documents")) for line in err.splitlines())


@pytest.fixture()
def hostile_ledger(in_tmp, extractor):
    """A ledger that already holds hostile names (written before names were checked)."""
    from claimscope.ingest import lay_out
    from claimscope.records import PartialDate
    from claimscope.store import Ledger

    ledger = Ledger("l.db")
    run = ledger.start_run("test", "t", "0")
    for name in ("esc\x1b]0;pwned\x07", "rlo\u202etxt.exe", "unsupported\x1b[2J"):
        doc = lay_out(Document(name=name, text=ARTICLE, origin=name, title="t\x1b[2J", date=PartialDate(None),
                               publisher="p\x9b31m", lang="fr"))
        ledger.store(doc, extractor.extract(doc), run)
    ledger.reject(Rejection("bad\x1b[2J.txt", "reason \x07"), run)
    ledger.finish_run(run, 3, 0, 6, 1)
    return in_tmp


@pytest.mark.parametrize("command", [["documents"], ["rejected"], ["claims", "--format", "table"],
                                     ["claims", "--format", "jsonl"], ["sources"], ["series", "--all"],
                                     ["conflicts"], ["series", "--all", "--format", "jsonl"]])
def test_what_is_printed_from_stored_names_is_escaped(hostile_ledger, capsys, command):
    assert main([*command, "--db", "l.db"]) == 0
    out = capsys.readouterr()
    printed = (out.out + out.err).replace("\n", "")
    assert not any(c in printed for c in UNSAFE_CHARS)
