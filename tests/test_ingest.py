"""Reading inputs and finding the article in them."""
import json

import pytest

from claimscope.ingest import lay_out, read
from claimscope.records import Document, Rejection


def items(paths):
    return list(read([str(p) for p in paths]))


def test_text_offsets_are_the_file_as_read(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes("Titre\r\nLe NIS estime qu’environ 2\u00a0000 soldats ont été tués.\r\n".encode("utf-8"))
    [doc] = items([p])
    with open(p, encoding="utf-8", newline="") as f:
        assert doc.text == f.read()


@pytest.mark.parametrize("data,reason", [
    (b"", "empty"),
    (b"%PDF-1.7 ...", "PDF"),
    (b"\x89PNG\r\n\x1a\n....", "PNG"),
    (b"PK\x03\x04rest", "zip"),
])
def test_non_text_is_rejected_with_a_reason(tmp_path, data, reason):
    p = tmp_path / "bad.txt"
    p.write_bytes(data)
    [r] = items([p])
    assert isinstance(r, Rejection) and reason in r.reason and str(p) in r.message()


def test_other_encodings_are_decoded(tmp_path):
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Le ministère a indiqué que 3 000 soldats étaient déployés à Koursk.".encode("cp1252"))
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes("Environ 11 000 soldats nord-coréens.".encode("utf-16"))
    a, b = items([latin, utf16])
    assert "ministère" in a.text and a.encoding != "utf-8"
    assert b.text.startswith("Environ") and b.encoding == "utf-16"


def test_jsonl_records_and_their_errors(tmp_path):
    p = tmp_path / "batch.jsonl"
    lines = [
        {"id": "a1", "text": "Environ 11 000 soldats.", "date": "2024-11", "publisher": "X"},
        "not json",
        {"id": "a2"},
        {"id": "a3", "text": 12},
        {"id": "a1", "text": "doublon"},
        {"id": "a4", "text": "ok", "date": "hier"},
        [1, 2],
    ]
    p.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    out = items([p])
    docs = [d for d in out if isinstance(d, Document)]
    rejected = [r for r in out if isinstance(r, Rejection)]
    assert [d.name for d in docs] == ["a1"]
    assert docs[0].date.precision == "month" and docs[0].publisher == "X"
    assert [r.line for r in rejected] == [2, 3, 4, 5, 6, 7]
    assert "duplicate id" in rejected[3].reason and "not an ISO date" in rejected[4].reason


@pytest.mark.parametrize("line, key", [
    ('{"id": "a1", "text": "Environ 11 000 soldats.", "id": "a2"}', "id"),
    ('{"id": "b1", "text": "Environ 11 000 soldats.", "text": "300 morts."}', "text"),
    ('{"id": "c1", "text": "Environ 11 000 soldats.", "date": "2024-11", "date": "2025-01"}', "date"),
    ('{"id": "d1", "text": "Environ 11 000 soldats.", "extra": {"k": 1, "k": 2}}', "k"),
])
def test_a_key_twice_in_one_jsonl_object_is_refused(tmp_path, line, key):
    p = tmp_path / "dup.jsonl"
    p.write_text(line + "\n" + json.dumps({"id": "ok", "text": "Environ 11 000 soldats."}) + "\n", encoding="utf-8")
    first, second = items([p])
    assert isinstance(first, Rejection) and first.line == 1
    assert first.reason == f"key {key!r} given twice in one object (JSON would keep only the last)"
    assert isinstance(second, Document) and second.name == "ok"  # the batch goes on


def test_template_content_is_not_article_text(tmp_path):
    p = tmp_path / "page.html"
    p.write_text("""<html><head><title>Troupes</title><template><p>Modèle d'en-tête : 77 777 inscrits.</p></template>
</head><body><article><h1>Troupes</h1>
<p>Selon le NIS, environ 11 000 soldats nord-coréens ont été déployés en Russie depuis octobre 2024.</p>
<template><p>Le ministère affirme que 99 999 soldats ont été tués, selon un modèle jamais affiché.</p>
<template><p>Imbriqué : 88 888 soldats.</p></template></template>
<p>Le service estime qu'environ 300 d'entre eux ont été tués dans la région de Koursk.</p>
</article></body></html>""", encoding="utf-8")
    [doc] = items([p])
    assert "11 000 soldats" in doc.text and "300 d'entre eux" in doc.text
    assert "99 999" not in doc.text and "88 888" not in doc.text and "77 777" not in doc.text


def test_folders_are_read_recursively_and_unknown_types_named(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("Texte 1.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Texte 2.", encoding="utf-8")
    (tmp_path / "c.docx").write_bytes(b"PK\x03\x04")
    out = items([tmp_path, tmp_path / "missing.txt"])
    assert [x.name for x in out if isinstance(x, Document)] == ["a.txt", "b.txt"]
    reasons = [x.reason for x in out if isinstance(x, Rejection)]
    assert any("unsupported file type" in r for r in reasons) and any("no such file" in r for r in reasons)


def test_html_main_text_and_metadata(tmp_path):
    p = tmp_path / "page.html"
    p.write_text("""<html><head><title>Troupes nord-coréennes</title>
<meta property="og:site_name" content="Le Quotidien"><meta property="article:published_time" content="2025-03-14">
</head><body><nav>Accueil | Monde</nav><article><h1>Troupes nord-coréennes</h1>
<p>Selon le NIS, environ 11 000 soldats nord-coréens ont été déployés en Russie depuis octobre 2024.</p>
<p>Le service estime qu'environ 300 d'entre eux ont été tués et 2 700 blessés dans la région de Koursk.</p>
</article><div class="comments"><p>Commentaire : 500 000 morts !</p></div></body></html>""", encoding="utf-8")
    [doc] = items([p])
    assert "11 000 soldats" in doc.text and "500 000" not in doc.text
    assert doc.publisher == "Le Quotidien" and doc.date.iso() == "2025-03-14"


def layout(text):
    return lay_out(Document(name="t.txt", text=text, origin="t.txt"))


def test_two_articles_with_their_own_dates_and_publishers():
    text = ("Premier titre\nLe NIS a indiqué que 11 000 soldats ont été envoyés.\nSource : Gazette 4 novembre 2025\n"
            "----------\nSecond titre\nEnviron 300 soldats ont été tués.\nLe Courrier\n3 novembre 2025\n")
    doc = layout(text)
    assert len(doc.articles) == 2
    a, b = doc.articles
    assert (a.date.iso(), a.publisher) == ("2025-11-04", "Gazette")
    assert (b.date.iso(), b.publisher) == ("2025-11-03", "Le Courrier")
    assert a.title == "Premier titre" and b.title == "Second titre"


def test_furniture_and_comments_are_not_body():
    text = ("Titre de l'article\n08.11.2025 16:45\n3 min de lecture\n![](img.jpg)\n| Une légende avec 40 soldats |\n"
            "Environ 11 000 soldats nord-coréens ont été déployés.\nPartager sur Facebook\n"
            "Abonnez-vous à notre newsletter\n\nCommentaires (3)\nJean: 300 000 morts plutôt !\nRépondre\n")
    doc = layout(text)
    body = " ".join(text[s.start:s.end] for s in doc.articles[0].body)
    assert "11 000" in body
    for absent in ("40 soldats", "300 000", "Partager", "newsletter", "min de lecture"):
        assert absent not in body
    assert doc.date.iso() == "2025-11-08" and doc.date.precision == "day"


def test_comment_thread_after_a_signoff_is_dropped():
    text = ("Titre\nLe régime a envoyé 1 000 soldats.\nMilitary\nWatch Magazine\n3 novembre 2025\n\n\n"
            "Bof, 10 000 soldats plutôt.\nRépondreSupprimerQuoi ?\nSupprimerRien.\n")
    doc = layout(text)
    body = " ".join(text[s.start:s.end] for s in doc.articles[0].body)
    assert "1 000" in body and "10 000" not in body
    assert doc.publisher == "Military Watch Magazine"


def test_languages_are_detected_and_unhandled_ones_get_no_claims(in_tmp, capsys):
    from claimscope.cli import main
    from claimscope.store import Ledger

    (in_tmp / "de.txt").write_text("Nordkorea hat nach Angaben des südkoreanischen Geheimdienstes rund 11.000 Soldaten "
                                   "nach Russland geschickt, von denen etwa 300 getötet wurden.", encoding="utf-8")
    (in_tmp / "fr.txt").write_text("Selon le NIS, environ 11 000 soldats nord-coréens ont été envoyés en Russie.",
                                   encoding="utf-8")
    assert main(["ingest", "-q", "de.txt", "fr.txt", "--db", "l.db"]) == 0
    assert "de.txt (de)" in capsys.readouterr().err
    ledger = Ledger("l.db")
    langs = {d["name"]: d["lang"] for d in ledger.documents()}
    assert langs == {"de.txt": "de", "fr.txt": "fr"}
    assert {c.doc for c in ledger.claims()} == {"fr.txt"}


def test_a_stored_pages_date_stamp_is_the_date_not_the_text():
    from claimscope.ingest import lay_out
    from claimscope.records import Document

    text = " date 2023-12 Le ministère a annoncé dimanche 15 523 morts.\nDeuxième paragraphe."
    doc = lay_out(Document(name="p", text=text, origin="p"), "fr")
    assert doc.date.iso() == "2023-12"
    first = doc.articles[0].body[0]
    assert text[first.start:first.end].startswith("Le ministère")
    assert ("date" in [why for _, why in doc.articles[0].dropped])


# Furniture is a line made of cues, never an ordinary sentence that happens to use a cue word
@pytest.mark.parametrize("lang, line", [
    ("en", "Shares of the carmaker fell 12% on Monday after the results."),
    ("en", "The company will share 5% of its profits with 4,000 staff."),
    ("en", "Tesla shares fall 12% after trending on Twitter"),
    ("en", "The video, trending on Facebook, was viewed 3 million times."),
    ("en", "Voters will print and share 200,000 leaflets before the poll."),
    ("fr", "Le gouvernement annonce 3 milliards d'euros pour les hôpitaux."),
    ("fr", "Les syndicats partagent l'avis de 62 % des salariés interrogés."),
    ("fr", "Il partage son temps entre Paris et Lyon depuis 2019."),
])
def test_a_sentence_using_a_furniture_word_stays_body(lang, line):
    text = f"Title\n{line}\nA second paragraph.\n"
    doc = lay_out(Document(name="t.txt", text=text, origin="t.txt"), lang)
    body = " ".join(text[s.start:s.end] for s in doc.articles[0].body)
    assert line in body


@pytest.mark.parametrize("lang, line", [
    ("en", "Share this article"), ("en", "By the Politics Team | May 2, 2025 | 6 min read"), ("fr", "Lire aussi : Kiev présente deux prisonniers"), ("fr", "Des #éboueurs en #grève, 5.400 tonnes de déchets non ramassées à #Paris pic.twitter.com/AbC123"), ("en", "Follow us on Twitter and LinkedIn"), ("en", "Trending now"),
    ("en", "5 min read"), ("en", "Photo: Getty Images"), ("en", "© 2025 Reuters. All rights reserved."),
    ("en", "Sign up for our newsletter"), ("fr", "Partager sur Facebook"), ("fr", "Annonce"),
    ("fr", "Publié le 4 septembre 2025 à 08h15 · Mis à jour à 09h00"),
])
def test_furniture_lines_are_not_body(lang, line):
    text = f"Title\nThe ministry counted 1,200 wounded.\n{line}\nA second paragraph.\n"
    doc = lay_out(Document(name="t.txt", text=text, origin="t.txt"), lang)
    body = " ".join(text[s.start:s.end] for s in doc.articles[0].body)
    assert "1,200" in body and line not in body


def test_a_byline_that_gives_the_pages_date_as_its_update_dates_the_article_with_it():
    from datetime import date

    from claimscope.records import PartialDate

    text = ("56 journalistes tués à Gaza depuis le 7 octobre\n\n"
            "Par Emma Danion pour l’Agence Média Palestine, le 7 novembre 2023, mis à jour le 8 décembre 2023\n\n"
            "Alors que Gaza se réveille ce matin avec un bilan de plus de 17 177 morts, 63 journalistes ont été tués.")
    page = PartialDate(date(2023, 12, 8), "day")
    dated = lay_out(Document(name="t.txt", text=text, origin="t.txt", lang="fr", date=page))
    assert [a.date for a in dated.articles] == [page]
    # a page with no date of its own takes the byline's first: when the article was published
    undated = lay_out(Document(name="t.txt", text=text, origin="t.txt", lang="fr"))
    assert [a.date.value for a in undated.articles] == [date(2023, 11, 7)]
