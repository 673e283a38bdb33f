"""`claimscope topic check`, `topic try` and `topic units`: what a new user writing a topic needs."""
import pytest

from claimscope.cli import main
from claimscope.topic import TopicError, load_topic

BAD = """[topic]
id = "quake"
label = "x"
actor = ["turc"]
colour = "red"
[[measures]]
id = "killed"
units = ["person", "protesterz"]
words.en = ["killed"]
[[measures]]
id = "Bad Id"
units = ["person"]
[[events]]
id = "q"
date = "Feb 6"
words = ["the quake"]
[sources]
"AFAD" = ["afad"]
[extra]
x = 1
"""

GOOD = """[topic]
id = "quake"
label = "An earthquake"
[[measures]]
id = "deaths"
units = ["person"]
words.en = ["died", "killed"]
[[events]]
id = "quake"
date = "2023-02-06"
words.en = ["the earthquake"]
[sources]
"AFAD" = ["Turkey's disaster agency"]
"""


def test_check_says_every_problem_with_its_line(tmp_path, capsys):
    path = tmp_path / "bad.toml"
    path.write_text(BAD, encoding="utf-8")
    assert main(["topic", "check", str(path)]) == 2
    out = capsys.readouterr().out
    assert f"{path}:19: error: unknown key 'extra'" in out
    assert f"{path}:5: error: [topic] has unknown key 'colour'" in out
    assert f"{path}:7: warning: measure 'killed': no language file nor the topic's [units] gives the unit 'protesterz'" in out
    assert f"{path}:11: error: measure 'Bad Id'" in out
    assert f"{path}:14: error: events[0]" in out and "not an ISO date" in out
    assert "`actor` without `actor_units`" in out
    assert "4 error(s), 2 warning(s)" in out


def test_check_passes_a_good_file(tmp_path, capsys):
    path = tmp_path / "good.toml"
    path.write_text(GOOD, encoding="utf-8")
    assert main(["topic", "check", str(path)]) == 0
    assert "no problem found" in capsys.readouterr().out


def test_loading_refuses_unknown_keys_outside_measures(tmp_path):
    path = tmp_path / "t.toml"
    path.write_text(GOOD + "\n[extra]\nx = 1\n", encoding="utf-8")
    with pytest.raises(TopicError, match="unknown key.*extra"):
        load_topic(str(path))


def test_the_template_is_valid_and_checks_clean(tmp_path, capsys):
    path = tmp_path / "story.toml"
    assert main(["topic", "new", "story", "--file", str(path)]) == 0
    assert main(["topic", "check", str(path)]) == 0
    assert "claimscope extract --topic" in path.read_text(encoding="utf-8")


def test_try_shows_the_claim_and_why(tmp_path, capsys):
    path = tmp_path / "good.toml"
    path.write_text(GOOD, encoding="utf-8")
    assert main(["topic", "try", str(path), "Since the earthquake, 40,000 people have died, AFAD said on Monday.",
                 "--lang", "en", "--date", "2023-02-22"]) == 0
    out = capsys.readouterr().out
    assert "value 40000" in out and "measure deaths" in out and "source AFAD" in out
    assert "period 2023-02-06 – 2023-02-20" in out  # the event's date to Monday, the statement's day
    assert "time: since 'the earthquake'" in out


def test_units_lists_what_the_language_files_give(capsys):
    assert main(["topic", "units", "--lang", "fr"]) == 0
    out = capsys.readouterr().out
    assert "soldier: " in out and "soldat" in out and "percent: " in out


def test_an_actor_without_actor_units_does_not_break_extraction(tmp_path):
    from claimscope.extract.pipeline import Extractor
    from claimscope.records import Article, Document, Span

    path = tmp_path / "t.toml"
    path.write_text(GOOD.replace('label = "An earthquake"', 'label = "x"\nactor = ["turc", "turcs"]'), encoding="utf-8")
    text = "Quelque 4 000 Turcs ont été évacués."
    doc = Document(name="t", text=text, origin="t", lang="fr", articles=(Article(Span(0, len(text)), (Span(0, len(text)),)),))
    [c] = Extractor("fr", str(path)).extract(doc)
    assert (c.value, c.unit) == (4000, "person")


def test_a_topic_without_measures_or_sources_extracts(tmp_path):
    from claimscope.extract.pipeline import Extractor
    from claimscope.records import Article, Document, Span

    path = tmp_path / "t.toml"
    path.write_text('measures = []\n[topic]\nid = "news"\n[sources]\n', encoding="utf-8")
    text = "Le chômage a reculé de 0,3 point, selon l'Insee, à 7,1 %."
    doc = Document(name="t", text=text, origin="t", lang="fr", articles=(Article(Span(0, len(text)), (Span(0, len(text)),)),))
    claims = Extractor("fr", str(path)).extract(doc)
    assert [c.value for c in claims] == [0.3, 7.1] and {c.measure for c in claims} == {"other"}
