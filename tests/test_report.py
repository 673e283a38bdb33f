"""The report escapes every piece of article text."""
import json
import re

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
