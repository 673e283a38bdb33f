"""A fact-checker's export: schema.org ClaimReview JSON-LD, and a Markdown card a person reads.

One review per claim (the figure, who said it, when, the quote, the article's URL), or one
per reconciliation row (reconcile/rows.py: per measure and period, who says what, and the
verdict). claimscope reports what sources say; it does not rate whether they are true, so a
claim's review carries no truth rating, and a row's rating is only its verdict (agree,
disagree, revised, one origin), said as schema.org's `alternateName`.

The claims are read as `Ledger.claim_records` gives them: corrections applied, marked.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .formatting import figure_label, format_number
from .lang import UPPER, load_language, supported_languages
from .records import Claim

CONTEXT = "https://schema.org"
SAFE_URL = re.compile(r"https?://[^\s<>\x00-\x1f\x7f]+", re.IGNORECASE)
PERSON_NAME = re.compile(rf"[{UPPER}][\w'’-]+(?: [{UPPER}][\w'’-]+){{1,2}}")


@lru_cache(maxsize=1)
def _organisation_words() -> re.Pattern[str]:
    """Every language's words that make a source an organisation whatever its shape (a claim's
    source is matched whatever the article's language); see `attribution.organisation_words`."""
    words = {w for code in supported_languages() for w in load_language(code).attribution["organisation_words"]}
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, sorted(words, key=len, reverse=True)))})\b", re.IGNORECASE)


def author(source: str | None) -> dict | None:
    """The claim's author as schema.org has it: a Person (two or three capitalised words) or an
    Organization (anything else, or a name with an organisation's word: "South Korea NIS")."""
    if not source:
        return None
    person = PERSON_NAME.fullmatch(source) and not _organisation_words().search(source)
    return {"@type": "Person" if person else "Organization", "name": source}


def period(record: dict) -> str:
    start, end = record.get("time_start"), record.get("time_end")
    if not (start or end):
        return ""
    return str(start) if start == end else f"{start or '…'} to {end or '…'}"


def figure(record: dict) -> str:
    """'~11,000 soldier' as people read it."""
    claim = Claim.from_dict({k: v for k, v in record.items() if k in Claim.__dataclass_fields__})
    return " ".join(x for x in (figure_label(claim), record.get("unit")) if x)


def _url(record: dict) -> str | None:
    """The article's URL when it is plainly http(s): no javascript: link in a card or a review."""
    url = record.get("doc_url")
    return url if url and SAFE_URL.fullmatch(url) else None


def _appearance(record: dict) -> dict:
    work = {"@type": "NewsArticle" if _url(record) else "CreativeWork", "name": record.get("doc_title") or record["doc"]}
    if _url(record):
        work["url"] = _url(record)
    if record.get("doc_date"):
        work["datePublished"] = record["doc_date"]
    if record.get("doc_publisher"):
        work["publisher"] = {"@type": "Organization", "name": record["doc_publisher"]}
    return work


def _said(record: dict) -> str:
    """What the claim states, in a line: the figure, its measure and period, status, hedge, correction."""
    parts = [figure(record)]
    if record.get("measure"):
        parts.append(f"measure {record['measure']}")
    if period(record):
        parts.append(f"period {period(record)}")
    if record.get("status"):
        parts.append(record["status"])
    if record.get("hedged"):
        parts.append("hedged")
    if record.get("kind") and record["kind"] != "total":
        parts.append(f"kind {record['kind']}")
    said = f"{record.get('source') or 'An unattributed source'} gives {', '.join(parts)}."
    if record.get("corrected"):
        said += f" Corrected by {record['corrected_by']} on {(record['corrected_at'] or '')[:10]}"
        said += f": {record['correction_note']}." if record.get("correction_note") else "."
    return said


def claim_review(record: dict, reviewer: str, today: str) -> dict:
    """A claim record (Ledger.claim_records) as a ClaimReview."""
    claim: dict = {"@type": "Claim", "appearance": [_appearance(record)], "firstAppearance": _appearance(record)}
    if author(record.get("source")):
        claim["author"] = author(record.get("source"))
    if record.get("doc_date"):
        claim["datePublished"] = record["doc_date"]
    claim["text"] = record.get("sentence") or record["text"]
    review = {"@type": "ClaimReview", "identifier": record["id"], "claimReviewed": record.get("sentence") or record["text"],
              "itemReviewed": claim, "reviewBody": _said(record),
              "author": {"@type": "Organization", "name": reviewer}, "datePublished": today}
    if _url(record):
        review["url"] = _url(record)
    return review


def row_review(row: dict, records: dict[str, dict], reviewer: str, today: str) -> dict:
    """A reconciliation row (Row.to_dict) as a ClaimReview: who says what on one measure and period."""
    said = []
    for o in row["origins"]:
        figures = "; ".join(f["figure"] + (" (superseded)" if f.get("superseded") else "") for f in o["figures"])
        said.append(f"{o['origin']}: {figures}" + (" (revised)" if o.get("revised") else ""))
    claimed = f"{row['measure']}, {row['period']}: " + " | ".join(said)
    cited = [records[cid] for cid in row["claims"] if cid in records]
    appearances = list({(a["name"], a.get("url")): a for a in map(_appearance, cited)}.values())
    authors = [a for a in (author(o["origin"]) for o in row["origins"]) if a]
    claim: dict = {"@type": "Claim", "text": claimed, "appearance": appearances}
    if authors:
        claim["author"] = authors if len(authors) > 1 else authors[0]
    spread = f", a spread of {row['spread'] * 100:.0f} %" if row.get("spread") is not None else ""
    low, high = row.get("low"), row.get("high")
    body = f"Verdict: {row['verdict']}{spread}"
    if low is not None and high is not None:
        body += f" (from {format_number(low)} to {format_number(high)})"
    body += ". " + " ".join(_said(r) for r in cited)
    return {"@type": "ClaimReview", "identifier": f"{row['measure']} {row['period']} {row['kind']}",
            "claimReviewed": claimed, "itemReviewed": claim, "reviewBody": body.strip(),
            "reviewRating": {"@type": "Rating", "alternateName": row["verdict"]},
            "author": {"@type": "Organization", "name": reviewer}, "datePublished": today}


def document(reviews: list[dict]) -> dict:
    """The JSON-LD file: the reviews in one graph."""
    return {"@context": CONTEXT, "@graph": reviews}


def card(reviews: list[dict]) -> str:
    """The reviews as a Markdown card: what is said, by whom, where, and the verdict if any."""
    lines = ["# Claims reviewed", ""]
    for r in reviews:
        item = r["itemReviewed"]
        lines += [f"## {_md(r['identifier'])}", "", f"> {_md(r['claimReviewed'])}", ""]
        who = item.get("author")
        if who:
            names = ", ".join(a["name"] for a in (who if isinstance(who, list) else [who]))
            lines.append(f"- **Who:** {_md(names)}")
        if "reviewRating" in r:
            lines.append(f"- **Verdict:** {_md(r['reviewRating']['alternateName'])}")
        lines.append(f"- **What:** {_md(r['reviewBody'])}")
        for a in item.get("appearance", []):
            when = f" ({a['datePublished']})" if a.get("datePublished") else ""
            where = f"[{_md(a['name'])}](<{a['url']}>)" if a.get("url") else _md(a["name"])
            lines.append(f"- **Where:** {where}{when}")
        lines.append("")
    return "\n".join(lines)


def _md(text: str) -> str:
    """Text from articles inside Markdown: no markup, links or HTML of its own, one line."""
    text = " ".join(str(text).split())
    return re.sub(r"([\\`*_\[\]<>|])", r"\\\1", text)
