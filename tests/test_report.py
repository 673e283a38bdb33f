"""The report: every piece of article text escaped; contents, folded sections, a timeline per measure, light at scale."""
import json
import re
from pathlib import Path

from claimscope.ingest import lay_out
from claimscope.records import Document
from claimscope.report import render_report, safe_json

HOSTILE = ('<script>alert(1)</script> Titre "><img src=x onerror=alert(2)>\n'
           'Selon le NIS, environ 11 000 soldats <b>nord-coréens</b> ont été déployés. </script><script>alert(3)</script>\n')


def test_article_text_is_escaped_everywhere(extractor):
    doc = lay_out(Document(name='x"><script>alert(4)</script>.txt', text=HOSTILE, origin="x",
                           publisher='<img src=x onerror=alert(5)>'))
    claims = extractor.extract(doc)
    html = render_report([doc], claims)
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts == ['<script type="application/json" id="claims-data">', "<script>"]
    assert "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    payload = re.search(r'id="claims-data">(.*?)</script>', html, re.S).group(1)
    assert "<" not in payload and json.loads(payload)


def test_safe_json_cannot_close_its_script():
    assert "</script>" not in safe_json({"a": "</script><script>"})


def test_a_heavy_report_shows_the_sentences_with_figures_each_figure_marked(extractor):
    from claimscope.ingest import read
    from claimscope.report import FULL_TEXT

    docs = [d for d in read(sorted(str(p) for p in (Path(__file__).parent.parent / "src" / "claimscope" / "samples").glob("*.txt")))]
    claims = [c for d in docs for c in extractor.extract(d)]
    assert sum(len(d.text) for d in docs) <= FULL_TEXT
    whole = render_report(docs, claims)
    cut = render_report(docs, claims, full_text=False)
    assert "“…” between them" in cut and "“…” between them" not in whole
    def article(html):
        return html[html.index('id="articles"'):html.index('<div id="detail">')]

    assert len(article(cut)) < len(article(whole))
    def marks(html):
        return re.findall(r'<mark id="(c\d+)">([^<]*)</mark>', article(html))

    assert marks(cut) == marks(whole) and len(marks(cut)) == len(claims)  # every figure, its own text
    for c in claims[:40]:
        if c.sentence_start is not None:
            sentence = next(d for d in docs if d.name == c.doc).text[c.sentence_start:c.sentence_end]
            plain = re.sub(r"<[^>]+>", "", article(cut))
            assert sentence.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") in plain


def test_the_report_has_contents_folded_sections_and_a_timeline_per_measure(extractor):
    from claimscope.ingest import read

    docs = list(read(sorted(str(p) for p in (Path(__file__).parent.parent / "src" / "claimscope" / "samples").glob("*.txt"))))
    claims = [c for d in docs for c in extractor.extract(d)]
    html = render_report(docs, claims)
    toc = html[html.index('<nav class="toc"'):html.index("</nav>")]
    for section in ("measures", "timelines", "rows", "copies", "sources", "claims", "articles"):
        assert f'href="#{section}"' in toc and f'<details class="section" id="{section}"' in html
    measures = {c.measure for c in claims if c.measure and c.measure != "other"}
    assert html.count('<svg class="timeline"') == len(measures) == html.count('<details class="measure"')
    assert html.count("Each origin's latest figure") == len(measures)
    # every mark of a timeline links to a figure in the articles
    anchors = set(re.findall(r'<mark id="(c\d+)">', html))
    links = re.findall(r'<a class="mark[^"]*" href="#(c\d+)">', html)
    assert links and set(links) <= anchors


def test_a_small_report_is_one_page_and_a_heavy_one_has_its_pages_in_a_folder_beside_it(in_tmp, monkeypatch, capsys):
    import claimscope.report as report
    from claimscope.cli import main

    assert main(["demo"]) == 0
    index, folder = in_tmp / "claimscope-report.html", in_tmp / "claimscope-report_files"
    assert index.exists() and not folder.exists()
    # the same ledger, as if it were heavy: an index, a page per measure and pages of articles
    with monkeypatch.context() as heavy:
        heavy.setattr(report, "PAGE_BYTES", 30_000)
        heavy.setattr(report, "ARTICLES_PAGE_BYTES", 8_000)
        (folder / "m-stale.html").parent.mkdir()
        (folder / "m-stale.html").write_text("a page of an earlier report")
        assert main(["report", "-o", str(index)]) == 0
        names = sorted(p.name for p in folder.iterdir())
        assert "m-stale.html" not in names  # the folder is replaced whole
        assert sum(n.startswith("articles-") for n in names) > 1 and sum(n.startswith("m-") for n in names) > 3
        assert all(p.stat().st_size < 30_000 for p in folder.iterdir() if p.name.startswith("articles-"))
        html = index.read_text(encoding="utf-8")
        assert 'href="claimscope-report_files/articles-1.html#a-1"' in html and "<mark" not in html
        # a folder of other files where the pages would go: a clear error, nothing touched
        other = in_tmp / "notes_files"
        other.mkdir()
        (other / "mine.txt").write_text("keep")
        assert main(["report", "-o", "notes.html"]) == 2
        err = capsys.readouterr().err
        assert "notes_files: holds files that are not a report's pages" in err and "Traceback" not in err
        assert (other / "mine.txt").read_text() == "keep" and not (in_tmp / "notes.html").exists()
    # one page again: the folder of its former pages goes
    assert main(["report", "-o", str(index)]) == 0
    assert not folder.exists() and "<mark" in index.read_text(encoding="utf-8")
    assert sorted(p.name for p in in_tmp.iterdir() if p.name.startswith(".")) == []  # no temporary file left
