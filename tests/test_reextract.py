"""Re-extraction: a stored document whose text is unchanged is extracted again when the
pipeline, the topic file or the language that made its claims changes (issue 15)."""
import hashlib
from importlib import resources

import pytest
from sqlalchemy import text

from claimscope.cli import main
from claimscope.store import Ledger

ARTICLE = ("Titre\n12.03.2025\nSelon le NIS, environ 11 000 soldats nord-coréens ont été déployés en Russie. "
           "Le NIS estime qu'environ 300 d'entre eux ont été tués.\n")
OTHER = ARTICLE.replace("11 000", "12 000").replace("300", "400")
BUILTIN = resources.files("claimscope.topic").joinpath("dprk_russia.toml").read_text(encoding="utf-8")
A_MEASURES = {"dprk_troops_sent", "dprk_troops_killed"}
B_MEASURES = {"sent_b", "killed_b"}


@pytest.fixture()
def topics(in_tmp):
    """Topic A: the built-in one, as a file; topic B: the same with two measures renamed."""
    (in_tmp / "a.toml").write_text(BUILTIN, encoding="utf-8")
    b = BUILTIN.replace("dprk_troops_sent", "sent_b").replace("dprk_troops_killed", "killed_b")
    (in_tmp / "b.toml").write_text(b, encoding="utf-8")
    (in_tmp / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (in_tmp / "b.txt").write_text(OTHER, encoding="utf-8")
    return in_tmp


def query(sql: str, db: str = "claimscope.db") -> list[tuple]:
    ledger = Ledger(db)
    with ledger.engine.connect() as conn:
        rows = [tuple(r) for r in conn.execute(text(sql))]
    ledger.close()
    return rows


def measures(doc=None, db: str = "claimscope.db") -> set:
    ledger = Ledger(db)
    found = {c.measure for c in ledger.claims(doc=doc)}
    ledger.close()
    return found


def stamps(db: str = "claimscope.db") -> dict:
    return {name: list(rest) for name, *rest in query("select name, pipeline_version, topic_hash, pipeline_lang from documents", db)}


def test_ingest_with_another_topic_reextracts_and_the_same_topic_skips(topics, capsys, db_url):
    assert main(["ingest", "-q", "a.txt", "b.txt", "--topic", "a.toml", "--db", db_url]) == 0
    assert measures(db=db_url) == A_MEASURES
    capsys.readouterr()
    assert main(["ingest", "-q", "a.txt", "b.txt", "--topic", "b.toml", "--db", db_url]) == 0
    err = capsys.readouterr().err
    assert "re-extracted 2: topic changed" in err and "0 unchanged" in err and "4 claims stored" in err
    assert measures(db=db_url) == B_MEASURES
    assert query("select count(*) from claims", db_url) == [(4,)]  # replaced, not added beside the old ones
    b_hash = hashlib.sha256((topics / "b.toml").read_bytes()).hexdigest()
    assert stamps(db_url) == {"a.txt": ["claimscope-2", b_hash, "fr"], "b.txt": ["claimscope-2", b_hash, "fr"]}
    # the same topic again: nothing to do
    assert main(["ingest", "-q", "a.txt", "b.txt", "--topic", "b.toml", "--db", db_url]) == 0
    err = capsys.readouterr().err
    assert "2 unchanged" in err and "re-extracted" not in err and "0 claims stored" in err


def test_ingest_reextracts_after_a_new_pipeline_or_in_another_language(topics, capsys, monkeypatch):
    assert main(["ingest", "-q", "a.txt"]) == 0
    builtin_hash = hashlib.sha256(resources.files("claimscope.topic").joinpath("dprk_russia.toml").read_bytes()).hexdigest()
    assert stamps()["a.txt"] == ["claimscope-2", builtin_hash, "fr"]
    monkeypatch.setattr("claimscope.extract.pipeline.PIPELINE_VERSION", "claimscope-next")
    capsys.readouterr()
    assert main(["ingest", "-q", "a.txt"]) == 0
    assert "re-extracted 1: pipeline changed" in capsys.readouterr().err
    assert stamps()["a.txt"][0] == "claimscope-next"
    assert main(["ingest", "-q", "a.txt", "--lang", "en"]) == 0
    assert "re-extracted 1: language changed" in capsys.readouterr().err
    assert stamps()["a.txt"][2] == "en"
    assert {c.lang for c in Ledger("claimscope.db").claims()} <= {"en"}


def test_reextract_touches_only_the_documents_named(topics, capsys):
    assert main(["ingest", "-q", "a.txt", "b.txt", "--topic", "b.toml"]) == 0
    before = {c.doc: c for c in Ledger("claimscope.db").claims()}
    capsys.readouterr()
    assert main(["reextract", "--topic", "a.toml", "--doc", "a.txt"]) == 0
    err = capsys.readouterr().err
    assert "re-extracted 1: topic changed; 2 claims stored (before: 2)" in err
    assert measures("a.txt") == A_MEASURES and measures("b.txt") == B_MEASURES
    runs, by_doc = dict(query("select id, command from runs")), dict(query("select name, run_id from documents"))
    assert runs[by_doc["a.txt"]] == "reextract" and runs[by_doc["b.txt"]] == "ingest"
    assert before["b.txt"] == {c.doc: c for c in Ledger("claimscope.db").claims()}["b.txt"]
    # every document, from its stored text: the files are not read again
    (topics / "a.txt").unlink()
    assert main(["reextract", "--topic", "a.toml"]) == 0
    assert "re-extracted 2: nothing changed (1), topic changed (1)" in capsys.readouterr().err
    assert measures() == A_MEASURES and Ledger("claimscope.db").counts()["claims"] == 4
    assert main(["reextract", "--doc", "b.txt", "gone.txt"]) == 2
    assert capsys.readouterr().err == "claimscope: claimscope.db: no document named 'gone.txt' (see `claimscope documents`)\n"


def test_a_failed_reextraction_keeps_the_claims_it_had(topics, monkeypatch):
    assert main(["ingest", "-q", "a.txt", "--topic", "b.toml"]) == 0

    def broken(c, i, doc_id, run_id):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("claimscope.store._claim_row", broken)
    with pytest.raises(RuntimeError):
        main(["reextract", "-q", "--topic", "a.toml"])
    assert measures() == B_MEASURES and Ledger("claimscope.db").counts()["claims"] == 2


def test_a_ledger_from_before_0003_gets_sentences_and_ids_and_is_reextracted(topics, capsys, db_url):
    """A ledger made by the previous claimscope: 0002 schema, ordinals from 0, the old pipeline."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import inspect

    assert main(["ingest", "-q", "a.txt", "--db", db_url]) == 0
    ledger = Ledger(db_url)
    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("claimscope.store").joinpath("migrations")))
    with ledger.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0002")
        conn.execute(text("update runs set pipeline_version = 'claimscope-fr-1'"))
        assert [r[0] for r in conn.execute(text("select ordinal from claims order by ordinal"))] == [0, 1]
        assert "sentence" not in {c["name"] for c in inspect(conn).get_columns("claims")}
    ledger.close()
    capsys.readouterr()
    # a read command never migrates (issue 16): it says a write command upgrades the ledger
    assert main(["claims", "--format", "jsonl", "--db", db_url]) == 2
    assert "a write command (ingest, demo) upgrades it" in capsys.readouterr().err
    # opening it to write migrates: sentences from the stored text (after a non-ASCII letter), ids from 1
    Ledger(db_url).close()
    assert main(["claims", "--format", "jsonl", "--db", db_url]) == 0
    import json

    rows = [json.loads(row) for row in capsys.readouterr().out.splitlines()]
    assert [(r["id"], r["sentence"]) for r in rows] == [
        ("a.txt#1", "Selon le NIS, environ 11 000 soldats nord-coréens ont été déployés en Russie."),
        ("a.txt#2", "Le NIS estime qu'environ 300 d'entre eux ont été tués.")]
    assert stamps(db_url)["a.txt"] == ["claimscope-fr-1", None, None]
    assert main(["ingest", "-q", "a.txt", "--db", db_url]) == 0
    assert "re-extracted 1: pipeline changed" in capsys.readouterr().err
    assert stamps(db_url)["a.txt"][0] == "claimscope-2"


def test_lang_reaches_the_reading_too(topics):
    """--lang decides the language once, at read: the layout reads the text in that language too
    (a French dateline is no dateline in English), not in the detected one."""
    with open("fr.txt", "w", encoding="utf-8") as f:
        f.write("Des soldats envoyés\nPublié le 3 mars 2024 à 10h00\n\nSelon Yonhap, 3 000 soldats ont été envoyés.\n")
    assert main(["ingest", "-q", "fr.txt", "--db", "fr.db"]) == 0
    assert main(["ingest", "-q", "fr.txt", "--db", "en.db", "--lang", "en"]) == 0
    french, english = Ledger("fr.db").document("fr.txt"), Ledger("en.db").document("fr.txt")
    assert (french.lang, french.articles[0].date.iso()) == ("fr", "2024-03-03")
    assert (english.lang, english.articles[0].date.iso()) == ("en", None)
