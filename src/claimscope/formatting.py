"""How a figure is written for people (`~2,000`, `4,000–6,000`) and JSON that can sit in a page:
shared by the report, the web pages, the terminal tables and reconcile's figure texts."""
from __future__ import annotations

import json

from .records import Claim


def format_number(v) -> str:
    if v is None:
        return ""
    v = float(v)
    return f"{v:,.0f}" if v == int(v) else f"{v:,.2f}"


def figure_label(c: Claim) -> str:
    q = {"about": "~", "nearly": "≈<", "at_least": "≥", "at_most": "≤"}.get(c.qualifier, "")
    if c.value_high is not None:
        return f"{format_number(c.value)}–{format_number(c.value_high)}"
    return f"{q}{format_number(c.value)}"


def safe_json(data) -> str:
    """JSON that can sit inside a <script> element: no '<', '>' or '&' survive as such."""
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
