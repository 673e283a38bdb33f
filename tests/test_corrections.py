"""Corrections (issue 15): stored apart from the extracted claims, re-anchored when the text
changes, applied on every read (claims, report, conflicts, exports), undone without being lost."""
import csv
import json
from importlib import resources

import pytest

from claimscope.cli import main
from claimscope.store import Ledger

ARTICLE = ("Titre\n12.03.2025\nSelon le NIS, environ 11 000 soldats nord-coréens ont été déployés en Russie. "
           "Le NIS estime qu'environ 300 d'entre eux ont été tués.\n")
# the same article with a paragraph inserted before the figures, which all move
MOVED = ARTICLE.replace("12.03.2025\n", "12.03.2025\nUn paragraphe ajouté par la rédaction, sans aucun chiffre.\n")
BUILTIN = resources.files("claimscope.topic").joinpath("dprk_russia.toml").read_text(encoding="utf-8")


@pytest.fixture()
def ledger_with_article(in_tmp, db_url, capsys):
    (in_tmp / "a.toml").write_text(BUILTIN, encoding="utf-8")
    b = BUILTIN.replace("dprk_troops_sent", "sent_b").replace("dprk_troops_killed", "killed_b")
    (in_tmp / "b.toml").write_text(b, encoding="utf-8")
    (in_tmp / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert main(["ingest", "-q", "a.txt", "--topic", "a.toml", "--db", db_url]) == 0
    capsys.readouterr()
    return db_url


def claims(db: str, **filters) -> list:
    ledger = Ledger(db, create=False)
    try:
        return ledger.claims(**filters)
    finally:
        ledger.close()


def by_text(db: str) -> dict:
    return {c.text: c for c in claims(db)}


def corrections(db: str) -> list:
    ledger = Ledger(db, create=False)
    try:
        return ledger.corrections()
    finally:
        ledger.close()


def test_a_correction_survives_a_changed_text_and_another_topic(ledger_with_article, in_tmp, capsys):
    db = ledger_with_article
    tool = by_text(db)["environ 11 000"]
    assert tool.source == "South Korea NIS" and tool.corrected is None
    assert main(["correct", "a.txt#1", "--source", "Kyiv", "--value", "11500", "--note", "the NIS's later figure",
                 "--by", "ana", "--db", db]) == 0
    assert "correction 1: a.txt#1" in capsys.readouterr().err
    # the text changes (an inserted paragraph moves every figure), then another topic re-extracts it
    (in_tmp / "a.txt").write_text(MOVED, encoding="utf-8")
    assert main(["ingest", "-q", "a.txt", "--topic", "a.toml", "--db", db]) == 0
    assert main(["reextract", "-q", "--topic", "b.toml", "--db", db]) == 0
    now = by_text(db)["environ 11 000"]
    assert now.start > tool.start and MOVED[now.start:now.end] == "environ 11 000"
    assert now.measure == "sent_b"  # the new topic's extraction, with the person's fields over it
    assert (now.source, now.value) == ("Kyiv", 11500)
    assert now.corrected.by == "ana" and now.corrected.note == "the NIS's later figure"
    assert dict(now.corrected.original) == {"source": "South Korea NIS", "value": 11000.0}
    assert by_text(db)["environ 300"].corrected is None  # the other claim is the tool's
    assert [state for _, state in corrections(db)] == ["applied"]
    # the filters see the corrected values
    assert [c.text for c in claims(db, source="kyiv")] == ["environ 11 000"]
    assert claims(db, source="South Korea NIS")[0].text == "environ 300"


def test_a_figure_gone_from_the_text_orphans_its_correction(ledger_with_article, in_tmp, capsys):
    db = ledger_with_article
    assert main(["correct", "a.txt#2", "--status", "planned", "--db", db]) == 0
    (in_tmp / "a.txt").write_text(ARTICLE.replace("Le NIS estime qu'environ 300 d'entre eux ont été tués.", ""),
                                  encoding="utf-8")
    assert main(["ingest", "-q", "a.txt", "--topic", "a.toml", "--db", db]) == 0
    [(k, state)] = corrections(db)
    assert state == "orphaned: the figure is no longer in the text" and k.figure == "environ 300"
    assert all(c.corrected is None for c in claims(db))
    capsys.readouterr()
    assert main(["corrections", "--db", db]) == 0
    assert "orphaned" in capsys.readouterr().out
    # the figure back in the text: the correction applies again, nothing was lost
    (in_tmp / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert main(["ingest", "-q", "a.txt", "--topic", "a.toml", "--db", db]) == 0
    assert by_text(db)["environ 300"].status == "planned"


def test_undo_keeps_the_history_and_restores_the_tool_values(ledger_with_article, capsys):
    db = ledger_with_article
    assert main(["correct", "a.txt#1", "--source", "Kyiv", "--db", db]) == 0
    assert main(["correct", "--undo", "1", "--by", "bo", "--db", db]) == 0
    assert by_text(db)["environ 11 000"].source == "South Korea NIS"
    [(k, state)] = corrections(db)
    assert state == "undone" and k.undone_by == "bo" and k.fields == {"source": "Kyiv"}
    capsys.readouterr()
    assert main(["correct", "--undo", "1", "--db", db]) == 2
    assert "was undone already" in capsys.readouterr().err
    assert main(["correct", "--undo", "7", "--db", db]) == 2
    assert "no correction 7" in capsys.readouterr().err


def test_not_a_claim_and_an_added_claim(ledger_with_article, capsys):
    db = ledger_with_article
    assert main(["correct", "a.txt#2", "--not-a-claim", "--note", "a quote of a quote", "--db", db]) == 0
    assert [c.text for c in claims(db)] == ["environ 11 000"]
    start = ARTICLE.index("Titre")
    assert main(["correct", "a.txt", "--add", f"{start}:{start + 5}", "--value", "3 000", "--unit", "soldier",
                 "--measure", "dprk_troops_killed", "--source", "Ukraine", "--period-end", "2025-03", "--db", db]) == 0
    added = by_text(db)["Titre"]
    assert (added.value, added.unit, added.measure, added.source, added.time_end) == \
        (3000.0, "soldier", "dprk_troops_killed", "Ukraine", "2025-03-31")
    assert added.corrected.added and added.corrected.original == ()
    # the added claim comes first in the text: it is a.txt#1 now, the tool's claim a.txt#2
    capsys.readouterr()
    assert main(["claims", "--format", "csv", "--db", db]) == 0
    rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert [(r["id"], r["text"], r["corrected"]) for r in rows] == [("a.txt#1", "Titre", "added"),
                                                                    ("a.txt#2", "environ 11 000", "")]


def test_report_conflicts_and_exports_show_the_corrected_values(ledger_with_article, in_tmp, capsys):
    db = ledger_with_article
    assert main(["correct", "a.txt#1", "--source", "Kyiv Independent", "--value", "11500", "--by", "ana",
                 "--db", db]) == 0
    assert main(["export", "claims", "-o", "out.csv", "--db", db]) == 0
    rows = {r["id"]: r for r in csv.DictReader((in_tmp / "out.csv").read_text(encoding="utf-8").splitlines())}
    first = rows["a.txt#1"]
    assert (first["source"], float(first["value"]), first["corrected"], first["corrected_by"]) == \
        ("Kyiv Independent", 11500.0, "yes", "ana")
    assert json.loads(first["tool_values"]) == {"source": "South Korea NIS", "value": 11000.0}
    assert rows["a.txt#2"]["corrected"] == ""
    capsys.readouterr()
    assert main(["conflicts", "--format", "jsonl", "--db", db]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    sent = [r for r in lines if r["measure"] == "dprk_troops_sent"]
    assert sent and [o["origin"] for o in sent[0]["origins"]] == ["Kyiv Independent"]
    assert sent[0]["origins"][0]["figures"][0]["figure"] == "~11,500"
    assert main(["report", "-o", "r.html", "--db", db]) == 0
    html = (in_tmp / "r.html").read_text(encoding="utf-8")
    assert "Kyiv Independent" in html and "11,500" in html


@pytest.mark.parametrize("argv, says", [
    (["correct", "a.txt#9", "--source", "X"], "'a.txt' has 2 claims (a.txt#1 to a.txt#2)"),
    (["correct", "b.txt#1", "--source", "X"], "no document named 'b.txt'"),
    (["correct", "a.txt", "--source", "X"], "not a claim id"),
    (["correct", "a.txt#1", "--value", "many"], "value: not a number: 'many'"),
    (["correct", "a.txt#1", "--kind", "lots"], "kind: unknown kind 'lots'"),
    (["correct", "a.txt#1", "--status", "maybe"], "status: unknown status 'maybe'"),
    (["correct", "a.txt#1", "--period-start", "soon"], "time_start: not a date: 'soon'"),
    (["correct", "a.txt#1"], "nothing to correct"),
    (["correct", "a.txt", "--add", "10:9000", "--value", "1"], "10:9000 is outside 'a.txt'"),
    (["correct", "a.txt", "--add", "ten", "--value", "1"], "say START:END"),
    (["correct", "a.txt", "--add", "0:5"], "--add needs --value"),
    (["correct", "a.txt#1", "--not-a-claim", "--source", "X"], "--not-a-claim removes the claim"),
])
def test_user_mistakes_are_one_line(ledger_with_article, capsys, argv, says):
    db = ledger_with_article
    assert main([*argv, "--db", db]) == 2
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert corrections(db) == []  # nothing stored


def test_every_correct_option_has_help():
    from claimscope.cli import build_parser

    parser = build_parser()
    for name in ("correct", "corrections"):
        sub = parser._subparsers._group_actions[0].choices[name]
        assert all(a.help for a in sub._actions), name


def test_a_ledger_from_before_0004_is_upgraded_by_correct(ledger_with_article, capsys):
    """A ledger made before corrections existed: `correct` (a write command) upgrades it; a read
    command still refuses it until then, and nothing stored is lost."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import inspect

    db = ledger_with_article
    ledger = Ledger(db)
    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("claimscope.store").joinpath("migrations")))
    with ledger.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0003")
        assert "corrections" not in inspect(conn).get_table_names()
    ledger.close()
    capsys.readouterr()
    assert main(["corrections", "--db", db]) == 2
    assert "a write command" in capsys.readouterr().err
    assert main(["correct", "a.txt#2", "--hedged", "yes", "--db", db]) == 0
    assert by_text(db)["environ 300"].hedged is True
    assert [c.text for c in claims(db)] == ["environ 11 000", "environ 300"]


def test_an_added_claims_sentence_is_the_sentence_holding_its_span(in_tmp, db_url, capsys):
    """`correct DOC --add START:END`: the claim's evidence sentence, in the CLI and the exports,
    is the sentence its span is in: the tool's cut of it when a claim of the tool shares it,
    else cut at its punctuation as extraction cuts it ('M. Kim' does not end one)."""
    text = ARTICLE.rstrip("\n") + " Des milliers d'autres suivront, selon M. Kim. Kiev parle d'un bataillon entier.\n"
    (in_tmp / "a.txt").write_text(text, encoding="utf-8")
    assert main(["ingest", "-q", "a.txt", "--db", db_url]) == 0
    missed, russia, title = text.index("Des milliers"), text.index("Russie"), text.index("Titre")
    for span in ((missed, missed + len("Des milliers")), (russia, russia + len("Russie")), (title, title + 5)):
        assert main(["correct", "a.txt", "--add", f"{span[0]}:{span[1]}", "--value", "1", "--db", db_url]) == 0
    assert main(["export", "claims", "-o", "c.jsonl", "--db", db_url]) == 0
    capsys.readouterr()
    assert main(["claims", "--format", "csv", "--db", db_url]) == 0
    rows = {r["text"]: r for r in csv.DictReader(capsys.readouterr().out.splitlines())}
    exported = {r["text"]: r for r in map(json.loads, (in_tmp / "c.jsonl").read_text(encoding="utf-8").splitlines())}
    tool = rows["environ 11 000"]["sentence"]
    assert tool == "Selon le NIS, environ 11 000 soldats nord-coréens ont été déployés en Russie."
    for figure, sentence in [("Des milliers", "Des milliers d'autres suivront, selon M. Kim."), ("Russie", tool),
                             ("Titre", "Titre")]:
        for row in (rows[figure], exported[figure]):
            assert row["sentence"] == sentence and row["corrected"] == "added", figure
            assert text[int(row["sentence_start"]):int(row["sentence_end"])] == sentence


def test_the_listing_says_who_corrected_and_when_the_os_user_by_default(ledger_with_article, capsys, monkeypatch):
    import getpass
    from datetime import datetime, timezone

    db = ledger_with_article
    monkeypatch.setenv("COLUMNS", "200")
    assert main(["correct", "a.txt#1", "--source", "Kyiv", "--db", db]) == 0
    assert main(["correct", "a.txt#2", "--status", "planned", "--by", "bo", "--note", "a plan", "--db", db]) == 0
    capsys.readouterr()
    assert main(["corrections", "--db", db]) == 0
    out = capsys.readouterr().out
    rows = {line.split("│")[1].strip(): line for line in out.splitlines() if line.startswith("│ ") and line.split("│")[1].strip()}
    assert getpass.getuser() in rows["1"] and "Kyiv" in rows["1"]  # no --by: the OS user
    assert "bo" in rows["2"] and "a plan" in rows["2"]
    today = datetime.now(timezone.utc).date().isoformat()
    assert today in rows["1"] and today in rows["2"]
    assert [k.by for k, _ in corrections(db)] == [getpass.getuser(), "bo"]


def test_series_shows_the_corrected_value_and_period(ledger_with_article, capsys):
    db = ledger_with_article
    capsys.readouterr()
    assert main(["series", "--db", db, "--format", "jsonl"]) == 0
    before = capsys.readouterr().out
    assert "11000" in before.replace(",", "") and "11500" not in before
    assert main(["correct", "a.txt#1", "--value", "11500", "--period-start", "2025-01-01", "--period-end", "2025-02-28",
                 "--db", db]) == 0
    capsys.readouterr()
    assert main(["series", "--db", db, "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    mine = [r for r in rows if "11500" in json.dumps(r).replace(",", "")]
    assert mine and "2025-02" in json.dumps(mine)
    assert not [r for r in rows if "11000" in json.dumps(r).replace(",", "")]


def test_every_option_of_every_command_has_help():
    import argparse

    from claimscope.cli import build_parser

    def walk(parser, path):  # every command and sub-command ("topic new")
        for a in parser._actions:
            if isinstance(a, argparse._SubParsersAction):
                for name, sub in a.choices.items():
                    yield from walk(sub, f"{path} {name}".strip())
            yield path, a

    actions = list(walk(build_parser(), ""))
    missing = [f"{path} {'/'.join(a.option_strings) or a.dest}" for path, a in actions
               if path and not a.help and not isinstance(a, argparse._HelpAction)]
    assert len({p for p, _ in actions}) >= 20 and not missing, missing
