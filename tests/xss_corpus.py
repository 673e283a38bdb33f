"""Hostile articles for the web and browser tests: XSS payloads put into a document's text,
title, publisher, url and (for some) its name, written as a JSONL batch to ingest.

A payload that runs calls alert() or sets window.__xss: the browser tests fail on either.
"""
from __future__ import annotations

import json
from pathlib import Path

PAYLOADS = [
    "<script>window.__xss=1</script>",
    "<script>alert(1)</script>",
    '"><script>window.__xss=1</script>',
    "'><script>window.__xss=1</script>",
    '"><img src=x onerror="window.__xss=1">',
    "<img src=x onerror=alert(1)>",
    "<svg onload=window.__xss=1>",
    "<svg><script>window.__xss=1</script></svg>",
    "</script><script>window.__xss=1</script>",
    "</textarea></title></style><script>window.__xss=1</script>",
    "<body onload=window.__xss=1>",
    '<iframe src="javascript:parent.__xss=1"></iframe>',
    '<a href="javascript:window.__xss=1">click</a>',
    "javascript:window.__xss=1",
    "JaVaScRiPt:alert(1)",
    " \tjavascript:alert(1)",
    "java\nscript:window.__xss=1",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    'https://example.org/"><script>window.__xss=1</script>',
    "{{7*7}} {{ config }} {% for x in range(3) %}X{% endfor %}",
    "${alert(1)} `${window.__xss=1}`",
    "<details open ontoggle=window.__xss=1>",
    "<input autofocus onfocus=window.__xss=1>",
    '" onmouseover="window.__xss=1" x="',
    "' onfocus='window.__xss=1' autofocus x='",
    "<object data=\"javascript:window.__xss=1\"></object>",
    '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=1">',
    '<base href="javascript:alert(1)//">',
    "<!--<script>window.__xss=1</script>-->",
    "<![CDATA[<script>window.__xss=1</script>]]>",
    '<noscript><p title="</noscript><img src=x onerror=window.__xss=1>">',
    "\uff1cscript\uff1ewindow.__xss=1\uff1c/script\uff1e",  # fullwidth angle brackets
    "\u202e<script>window.__xss=1</script>\u202c",  # right-to-left override
    "<scr\u200bipt>window.__xss=1</scr\u200bipt>",  # zero-width space inside the tag name
    "\u2028</script>\u2029<script>window.__xss=1</script>",  # JS line separators around a close tag
    "&lt;script&gt;window.__xss=1&lt;/script&gt;",  # already escaped: must stay literal text
    "\\u003cscript\\u003ewindow.__xss=1\\u003c/script\\u003e",  # JSON escapes as text
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>",
    "<style>*{display:none}</style><b onmouseover=window.__xss=1>x</b>",
]

# the dangerous fragments that must never reach a page unescaped
MARKERS = ("<script>window.__xss", "<script>alert", "<img", "<svg onload", "<svg><script", "<iframe", "<object",
           "<meta http-equiv", "<base ", "<details", "<input autofocus", "<b onmouseover", "<body onload", "<style>*")


def records() -> list[dict]:
    """One article a payload; every tenth also carries the payload in its name, unless the
    readers refuse it there (a control character or bidi override: see terminal.py)."""
    from claimscope.terminal import unsafe_name

    out = []
    for i, p in enumerate(PAYLOADS):
        name = f"xss{i:02d}" + (f" {p}" if i % 10 == 3 and not unsafe_name(p) else "")
        text = (f"{p}\n\nSelon le NIS, environ {1000 + i} soldats nord-coréens ont été tués {p} en 2024.\n\n"
                f"Selon {p}, {20 + i} missiles ont été livrés à la Russie.\n")
        out.append({"id": name, "text": text, "title": p, "publisher": p, "url": p, "date": "2025-01-15"})
    return out


def write_jsonl(path: Path) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records()), encoding="utf-8")
    return path


def build_ledger(db: Path, extractor, tmp: Path, hostile: bool = True) -> Path:
    """A real ledger: the bundled sample articles, and the hostile ones."""
    from importlib import resources

    from claimscope.engine import ingest
    from claimscope.store import Ledger

    samples = resources.files("claimscope").joinpath("samples")
    paths = sorted(str(p) for p in samples.iterdir() if p.name.endswith(".txt"))
    if hostile:
        paths.append(str(write_jsonl(tmp / "hostile.jsonl")))
    ledger = Ledger(str(db))
    report = ingest(paths, ledger, extractor, progress=False)
    ledger.close()
    assert not report.rejected, report.rejected
    return db
