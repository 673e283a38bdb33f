"""The self-contained HTML report: one file, no network, every piece of article text escaped."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace
from importlib import resources

from ..formatting import figure_label, format_number, safe_json  # noqa: F401  (the report's names, kept for its callers)
from ..records import Claim, Document, claim_ids

NUMBERS = ("value", "value_high")  # the columns given as numbers in the page's data, the rest as indices of strings
FULL_TEXT = 600_000  # characters of article text over which the report shows the sentences with figures only
OTHER_ROWS = 150  # rows of figures no measure selects shown in the report (the rest: the app, `conflicts --all`)
FIELDS = ("value", "value_high", "qualifier", "unit", "measure", "source", "via", "publisher", "status", "hedged",
          "time_start", "time_end", "kind", "per", "concept", "text")


def _environment():
    from jinja2 import Environment, select_autoescape

    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    env.filters["num"] = format_number
    env.filters["text"] = text_node
    return env


def text_node(text: str):
    """Article text for an element's content: only '&', '<' and '>' escaped (quotes are plain
    text there, and escaping them would weigh on a report of thousands of articles)."""
    from markupsafe import Markup

    return Markup(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


def segments(text: str, claims: list[Claim]) -> list[tuple[str, int | None]]:
    """The text cut at claim spans: (piece, claim index or None), overlaps resolved left first."""
    out: list[tuple[str, int | None]] = []
    pos = 0
    for i, c in sorted(enumerate(claims), key=lambda t: t[1].start):
        if c.start < pos:
            continue
        if c.start > pos:
            out.append((text[pos:c.start], None))
        out.append((text[c.start:c.end], i))
        pos = c.end
    if pos < len(text):
        out.append((text[pos:], None))
    return out


def excerpts(text: str, claims: list[Claim]) -> list[tuple[str, int | None]]:
    """Like `segments`, but only the sentences that hold a figure (a figure with no sentence:
    the 120 characters around it), "…" between them: a report of thousands of articles."""
    spans: list[list[int]] = []
    for c in sorted(claims, key=lambda c: c.start):
        ok = c.sentence_start is not None and c.sentence_end is not None and c.sentence_start <= c.start < c.end <= c.sentence_end
        a, b = ((c.sentence_start or 0, c.sentence_end or 0) if ok
                else (max(0, c.start - 120), min(len(text), c.end + 120)))
        if spans and a <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], b)
        else:
            spans.append([a, b])
    out: list[tuple[str, int | None]] = []
    for a, b in spans:
        if a > 0 or out:
            out.append(("… " if not out else " … ", None))
        inside = [(i, c) for i, c in enumerate(claims) if a <= c.start and c.end <= b]
        shifted = [replace(c, start=c.start - a, end=c.end - a) for _, c in inside]
        out += [(piece, inside[j][0] if j is not None else None) for piece, j in segments(text[a:b], shifted)]
    if spans and spans[-1][1] < len(text.rstrip()):
        out.append((" …", None))
    return out


def flows(recon, topic) -> list[dict]:
    """What moves between the actors: one row per declared flow, with its figures by origin."""
    rows = []
    for measure, (source, target, what) in (topic.flows.items() if topic else []):
        s = recon.series.get(measure)
        if not s:
            continue
        by_origin: dict[str, list[str]] = defaultdict(list)
        for v in s.claims:
            if v.repeat_of is None:
                by_origin[v.origin].append(figure_label(v.claim) + (" (planned)" if v.claim.status == "planned" else ""))
        rows.append({"from": source, "to": target, "what": what, "measure": measure,
                     "figures": sorted(by_origin.items())})
    return rows


def render_report(documents: list[Document], claims: list[Claim], title: str = "claimscope report", topic=None,
                  full_text: bool | None = None) -> str:
    """`full_text`: each article's whole text (True) or only its sentences with figures (False);
    None: the whole texts unless they add up to more than FULL_TEXT characters."""
    from ..reconcile import reconcile
    from ..reconcile.rows import figure_text, follows
    from ..views import timeline as tl

    recon = reconcile(documents, claims, topic)
    if full_text is None:
        full_text = sum(len(d.text) for d in documents) <= FULL_TEXT
    by_doc: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        by_doc[c.doc].append(c)
    measures = defaultdict(list)
    for c in claims:
        measures[c.measure or "other"].append(c)
    measure_rows = sorted(
        ({"measure": m, "claims": len(cs), "sources": len({c.source for c in cs if c.source}),
          "low": min(c.value for c in cs), "high": max((c.value_high or c.value) for c in cs)}
         for m, cs in measures.items()), key=lambda r: (r["measure"] == "other", r["measure"]))
    articles = []
    # the claims' fields for the page's script, compact enough for thousands of claims: one array
    # of values a claim in the order of `columns`, each distinct string stored once in `strings`
    # and given by its index (the numbers and booleans as they are)
    # (no doc, publisher nor text: the page shows them around each mark, the script reads them there)
    columns = [k for k in FIELDS if k not in ("publisher", "text")] + ["origin", "repeat_of", "why"]
    strings: dict[str | None, int] = {None: 0}  # a missing value is index 0

    def packed(v):
        if isinstance(v, str) or v is None:
            return strings.setdefault(v, len(strings))
        if isinstance(v, (list, tuple)):
            return [packed(x) for x in v]
        if isinstance(v, float) and v.is_integer():
            return int(v)
        return v

    rows_data: list[list] = []
    anchors = {}  # the reconciliation's claim id -> the mark's id in this page
    for d in documents:
        numbered = sorted(zip(claim_ids(by_doc.get(d.name, [])), by_doc.get(d.name, []), strict=True),
                          key=lambda p: p[1].start)
        mine = [c for _, c in numbered]
        ids = []
        for claim_id, c in numbered:
            cid = f"c{len(rows_data)}"
            ids.append(cid)
            fields = c.to_dict()
            view = recon.views.get(claim_id)
            fields.update(origin=view.origin if view else None, repeat_of=view.repeat_of if view else None)
            rows_data.append([packed(fields[k]) if k not in NUMBERS else fields[k] for k in columns])
            anchors[claim_id] = cid
        cut = segments if full_text else excerpts
        articles.append({"doc": d, "segments": [(piece, ids[i] if i is not None else None) for piece, i in cut(d.text, mine)],
                         "claims": list(zip(ids, mine, strict=True))})
    charts_keys = {k for k, s in recon.series.items() if not k.startswith("auto:") and s.claims}
    other = [r for r in recon.rows if r.measure not in charts_keys]
    template = resources.files(__package__).joinpath("templates/report.html.j2").read_text(encoding="utf-8")
    return _environment().from_string(template).render(
        title=title, measure_rows=measure_rows, articles=articles, claims=claims, recon=recon,
        charts={k: tl.svg(t, titles=False, ids=False) for k, s in recon.series.items() if not k.startswith("auto:")
                and (t := tl.timeline(s, href=lambda cid: "#" + anchors.get(cid, "")))},
        latest={k: tl.latest_by_origin(s) for k, s in recon.series.items() if not k.startswith("auto:")},
        timeline_style=tl.STYLE,
        flows=flows(recon, topic),
        sources=Counter(c.source or "(unattributed)" for c in claims).most_common(),
        data=safe_json({"columns": columns, "strings": list(strings), "claims": rows_data}), label=figure_label, anchors=anchors, figure_text=figure_text, follows=follows,
        rows=[r for r in recon.rows if r.measure in charts_keys],  # shown under their measure's timeline
        other_rows=other[:OTHER_ROWS], other_total=len(other), full_text=full_text,
    )
