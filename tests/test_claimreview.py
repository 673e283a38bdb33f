"""The fact-checker's export (issue 15): schema.org ClaimReview JSON-LD and a Markdown card,
per claim and per disagreement row, with corrections applied."""
import json

import pytest

from claimscope.cli import main

A = ("Selon le NIS, environ 11 000 soldats nord-coréens ont été déployés en Russie. "
     "Le NIS estime qu'environ 300 d'entre eux ont été tués.")
B = "Selon le renseignement ukrainien, 15 000 soldats nord-coréens ont été déployés en Russie."


@pytest.fixture()
def ledger(in_tmp, capsys):
    records = [
        {"id": "a", "text": A, "url": "https://news.example/a", "title": "Les troupes", "date": "2025-03-12",
         "publisher": "Le Monde", "lang": "fr"},
        {"id": "b", "text": B, "url": "https://news.example/b", "title": "Kiev compte", "date": "2025-03-14",
         "lang": "fr"},
    ]
    (in_tmp / "in.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                                     encoding="utf-8")
    assert main(["ingest", "-q", "in.jsonl", "--db", "l.db"]) == 0
    capsys.readouterr()
    return in_tmp


def graph(path) -> list[dict]:
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["@context"] == "https://schema.org"
    return doc["@graph"]


def test_one_review_per_claim_with_the_figure_the_source_the_quote_and_the_url(ledger, capsys):
    assert main(["correct", "a#1", "--source", "Kyrylo Budanov", "--note", "he said it first", "--by", "ana",
                 "--db", "l.db"]) == 0
    assert main(["export", "claimreview", "-o", "out.jsonld", "--db", "l.db"]) == 0
    reviews = {r["identifier"]: r for r in graph(ledger / "out.jsonld")}
    assert set(reviews) == {"a#1", "a#2", "b#1"}
    first = reviews["a#1"]
    assert first["@type"] == "ClaimReview" and first["url"] == "https://news.example/a"
    assert first["claimReviewed"] == "Selon le NIS, environ 11 000 soldats nord-coréens ont été déployés en Russie."
    item = first["itemReviewed"]
    assert item["@type"] == "Claim" and item["datePublished"] == "2025-03-12"
    assert item["author"] == {"@type": "Person", "name": "Kyrylo Budanov"}  # the corrected source
    assert item["appearance"][0]["url"] == "https://news.example/a"
    assert item["appearance"][0]["publisher"]["name"] == "Le Monde"
    assert "~11,000 soldier" in first["reviewBody"] and "Corrected by ana" in first["reviewBody"]
    assert reviews["a#2"]["itemReviewed"]["author"] == {"@type": "Organization", "name": "South Korea NIS"}
    assert "reviewRating" not in first  # claimscope reports who says what; it rates nothing true or false


def test_one_review_per_disagreement_and_a_markdown_card(ledger, capsys):
    assert main(["conflicts", "--format", "jsonl", "--db", "l.db"]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert main(["export", "claimreview", "--per", "disagreement", "-o", "rows.jsonld", "--db", "l.db"]) == 0
    reviews = graph(ledger / "rows.jsonld")
    assert len(reviews) == len(rows) >= 1
    sent = next(r for r in reviews if r["identifier"].startswith("dprk_troops_sent"))
    row = next(r for r in rows if r["measure"] == "dprk_troops_sent")
    assert sent["reviewRating"]["alternateName"] == row["verdict"] == "disagree"
    assert "~11,000" in sent["claimReviewed"] and "15,000" in sent["claimReviewed"]
    assert {a["url"] for a in sent["itemReviewed"]["appearance"]} == {"https://news.example/a", "https://news.example/b"}
    assert main(["export", "claimreview", "--per", "disagreement", "-o", "card.md", "--db", "l.db"]) == 0
    card = (ledger / "card.md").read_text(encoding="utf-8")
    assert card.startswith("# Claims reviewed") and "**Verdict:** disagree" in card
    assert "[Les troupes](<https://news.example/a>)" in card


@pytest.mark.parametrize("argv, says", [
    (["export", "claimreview", "-o", "x.csv"], "name a .jsonld or .md file"),
    (["export", "claimreview", "-o", "x.md", "--format", "jsonld"], "the name says md and --format says jsonld"),
    (["export", "claimreview", "-o", "x.jsonld", "--format", "csv"], "written as jsonld or md, not csv"),
    (["export", "claims", "-o", "x.csv", "--per", "claim"], "--per goes with `export claimreview` only"),
    (["export", "claims", "-o", "x.jsonld", "--format", "jsonld"], "claims are written as csv, jsonl or parquet"),
])
def test_mismatches_are_refused_in_one_line(ledger, capsys, argv, says):
    assert main([*argv, "--db", "l.db"]) == 2
    err = capsys.readouterr().err
    assert says in err and len(err.strip().splitlines()) == 1
    assert not list(ledger.glob("x.*"))


@pytest.mark.parametrize("source, kind", [
    ("Łukasz Kowalski", "Person"),  # a capital outside Latin-1 still begins a name
    ("Володимир Зеленський", "Person"),
    ("Ángel Gurría", "Person"),
    ("ministère de la Défense", "Organization"),
    ("× Budanov", "Organization"),  # the multiplication sign sits in À-Þ but is no letter
    ("Ukrainian Defence Ministry", "Organization"),  # an organisation's word, from the language files
    ("Ministère des Armées", "Organization"),
    ("Kyrylo Budanov", "Person"),
])
def test_a_person_is_two_or_three_capitalised_words_in_any_script_without_an_organisations_word(source, kind):
    from claimscope.claimreview import author

    assert author(source) == {"@type": kind, "name": source}
