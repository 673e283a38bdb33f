"""The local web application over a ledger: every route, in one place.

Read-only unless served with --allow-edits: GET (and so HEAD) routes, the ledger read through
its API, and the POST routes of corrections (web/edits.py), which refuse everything without that flag. Pages are Jinja2 templates with autoescape on; the one script and stylesheet come
from the package's own static/ folder, so the Content-Security-Policy can forbid every
inline script, and article text that slipped through escaping still could not run.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from importlib import resources
from urllib.parse import quote

from jinja2 import Environment, PackageLoader
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from ..formatting import figure_label, format_number, safe_json
from ..reconcile.rows import VERDICTS, figure_text, follows
from ..store import Ledger
from ..views import timeline as tl
from . import data, download, edits

PAGE = 100  # disagreement rows per page of /conflicts
CLAIMS_PAGE = 100  # claims per page of / (every page says which rows of how many it shows)
DOCS_PAGE = 100
# no page renders an unbounded list: the rows of one page of claims (?page=N), of the JSON API,
# the series listed, the claims a series page shows, the origins and claims of /sources
LIST = 500
API_PAGE = 1000
SOURCES = 50  # origins on a page of /sources
SOURCE_CLAIMS = 100  # claims listed under each
# the claim panel's fields in the order an analyst reads them: the figure and what it counts,
# who says it and through whom, when, how sure, then where it comes from and why
PANEL_FIELDS = ("figure", "text", "value", "value_high", "qualifier", "unit", "measure", "concept", "kind", "per",
                "source", "via", "origin", "publisher", "time_start", "time_end", "status", "hedged", "sentence",
                "repeat_of", "series", "id", "corrected", "why")
LOOPBACK = ["127.0.0.1", "localhost", "::1", "[::1]", "testserver"]
SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                                 b"form-action 'self'; base-uri 'none'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


# with --allow-edits the browser must say where a correction's POST comes from (web/edits.py
# checks it): under no-referrer it would send "Origin: null"; same-origin still tells no other site
EDIT_HEADERS = [(k, b"same-origin" if k == b"referrer-policy" else v) for k, v in SECURITY_HEADERS]


class SecurityHeaders:
    """Adds SECURITY_HEADERS to every HTTP response, static files and errors included."""

    def __init__(self, app, headers=SECURITY_HEADERS):
        self.app, self.headers = app, headers

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message):
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + self.headers
            await send(message)

        await self.app(scope, receive, with_headers)


class _Secured(Starlette):
    """Starlette whose every response, a server error's 500 included, has SECURITY_HEADERS:
    Starlette puts its ServerErrorMiddleware outside every middleware it is given, so the
    headers are added outside it."""

    security_headers = SECURITY_HEADERS

    def build_middleware_stack(self):
        return SecurityHeaders(super().build_middleware_stack(), self.security_headers)


def _templates() -> Jinja2Templates:
    # autoescape=True for every template whatever its name: select_autoescape would go by extension
    env = Environment(loader=PackageLoader("claimscope.web", "templates"), autoescape=True)
    env.filters["num"] = format_number
    env.globals.update(inf=float("inf"), label=figure_label, claim_url=data.claim_url, doc_url=data.doc_url, quote=quote,
                       figure_text=figure_text, follows=follows)
    return Jinja2Templates(env=env)


def _filters_of(request: Request) -> data.Filters | data.BadFilter:
    """The request's filters, or what is wrong with them."""
    try:
        return data.Filters.parse(request.query_params)
    except data.BadFilter as e:
        return e


def create_app(db: str, topic=None, hosts: list[str] | None = None, allow_edits: bool = False) -> Starlette:
    """The application over the ledger `db` (which must exist). `topic`: a Topic, a topic file,
    or None for the built-in one. `hosts`: names the server answers to besides the loopback
    ones (a page on another site cannot reach the ledger by rebinding its DNS to 127.0.0.1).
    `allow_edits`: the claim's panel offers corrections (web/edits.py); else every POST is refused."""
    from ..topic import Topic, load_topic

    ledger = Ledger(db, create=False)
    topic = topic if isinstance(topic, Topic) else load_topic(topic)
    reconciled = data.Reconciled(ledger, topic)
    templates = _templates()
    guard = edits.install(templates, allow_edits)
    allowed = LOOPBACK + [h for h in (hosts or [])]
    if any(h in ("0.0.0.0", "::", "*") for h in allowed):
        allowed = ["*"]  # serving every interface: the user chose to be reachable by any name

    def page(request: Request, name: str, status: int = 200, headers=None, **context):
        return templates.TemplateResponse(request, name, {"nav": name.split(".")[0], **context}, status_code=status,
                                          headers=headers)

    def page_of(request: Request, items: list, size: int) -> tuple[list, int]:
        """Items of ?page=N (1 when absent or out of range) and their number of pages."""
        shown, pager = paged(request, items, size)
        return shown, pager["pages"]

    def paged(request: Request, items: list, size: int, query: str = "") -> tuple[list, dict]:
        """Items of ?page=N and what the page links need: the rows shown of how many, the pages
        near this one; `query` is the view's query string without its page."""
        pages = max(1, -(-len(items) // size))
        page_no = data.page_number(request.query_params.get("page"), pages)
        first = (page_no - 1) * size
        near = sorted({1, pages, *range(max(1, page_no - 3), min(pages, page_no + 3) + 1)})
        return items[first:first + size], {"page": page_no, "pages": pages, "first": first + 1 if items else 0,
                                           "last": min(first + size, len(items)), "total": len(items), "near": near,
                                           "query": query + "&" if query else ""}

    def bad_filter(request: Request, api: bool, error: data.BadFilter):
        if api:
            return JSONResponse({"error": str(error)}, status_code=400)
        return page(request, "error.html", status=400, message=str(error))

    # -- claims ---------------------------------------------------------------------

    def claims_page(request: Request):
        f = _filters_of(request)
        if isinstance(f, data.BadFilter):
            return bad_filter(request, False, f)
        every = data.rows(ledger)
        rows, pager = paged(request, f.select(every), CLAIMS_PAGE, f.query())
        return page(request, "claims.html", rows=rows, filters=f, choices=data.choices(ledger), pager=pager,
                    total=len(every), facets=data.facets(f, every), sorts=data.SORTS)

    def claims_api(request: Request):
        f = _filters_of(request)
        if isinstance(f, data.BadFilter):
            return bad_filter(request, True, f)
        rows = f.apply(ledger)
        shown, pages = page_of(request, rows, API_PAGE)
        return JSONResponse([r.to_dict() for r in shown], headers={"x-total-count": str(len(rows)),
                                                                    "x-pages": str(pages)})

    # -- series ---------------------------------------------------------------------

    def series_index(request: Request):
        recon = reconciled.get()
        series, _ = page_of(request, list(recon.series.values()), LIST)
        return page(request, "series_index.html", series=series)

    def series_page(request: Request):
        key = request.path_params["key"]
        recon = reconciled.get()
        s = recon.series.get(key)
        if s is None:
            raise HTTPException(404, f"no series {key!r}")
        rows = [r for r in recon.rows if r.measure == key]
        shown = replace(s, claims=page_of(request, s.claims, LIST)[0]) if len(s.claims) > LIST else s
        chart = tl.timeline(s, href=data.claim_url)
        return page(request, "series.html", s=shown, chart=tl.svg(chart) if chart else "", rows=page_of(request, rows, LIST)[0],
                    latest=tl.latest_by_origin(s))

    # -- disagreements and sources -------------------------------------------------------

    def conflicts_page(request: Request):
        recon = reconciled.get()
        verdict = request.query_params.get("verdict", "")
        if verdict and verdict not in VERDICTS:
            return bad_filter(request, False, data.BadFilter(f"verdict: one of {', '.join(VERDICTS)}"))
        # figures no measure selects (automatic series) only when asked for, as `claimscope conflicts --all`
        everything = request.query_params.get("all") == "1"
        listed = [r for r in recon.rows if everything or not r.measure.startswith("auto:")]
        rows = [r for r in listed if not verdict or r.verdict == verdict]
        counts = {k: n for k in VERDICTS if (n := sum(r.verdict == k for r in listed))}
        pages = max(1, -(-len(rows) // PAGE))
        page_no = data.page_number(request.query_params.get("page"), pages)
        first = (page_no - 1) * PAGE
        return page(request, "conflicts.html", rows=rows[first:first + PAGE], verdict=verdict, counts=counts,
                    total=len(listed), shown=len(rows), first=first, pages=pages, page_no=page_no,
                    everything=everything, left=len(recon.rows) - len(listed), copies=recon.copies)

    def sources_page(request: Request):
        recon = reconciled.get()
        by_origin: dict[str, dict] = defaultdict(lambda: {"views": [], "measures": set(), "via": set(), "cited_in": set(),
                                                          "sources": set()})
        for v in recon.views.values():
            o = by_origin[v.origin]
            o["views"].append(v)
            o["measures"].add(v.series)
            o["via"].update(v.claim.via)
            o["cited_in"].add(v.claim.publisher or v.claim.doc)
            if v.claim.source:
                o["sources"].add(v.claim.source)
        origins = sorted(by_origin.items(), key=lambda kv: (-len(kv[1]["views"]), kv[0]))
        origins, pager = paged(request, origins, SOURCES)
        for _, o in origins:
            o["total"], o["views"] = len(o["views"]), o["views"][:SOURCE_CLAIMS]
        return page(request, "sources.html", origins=origins, pager=pager)

    # -- documents and rejected inputs ---------------------------------------------------

    def documents_page(request: Request):
        docs = ledger.documents()
        order = request.query_params.get("sort", "title")
        keys = {"title": lambda d: (d["title"] or d["name"]).casefold(), "date": lambda d: d["date"] or "",
                "claims": lambda d: d["claims"], "publisher": lambda d: (d["publisher"] or "").casefold()}
        if order not in keys:
            return bad_filter(request, False, data.BadFilter(f"sort must be one of {', '.join(keys)}"))
        docs.sort(key=keys[order], reverse=order in ("date", "claims"))
        shown, pager = paged(request, docs, DOCS_PAGE, f"sort={order}")
        return page(request, "documents.html", docs=shown, pager=pager, sort=order,
                    without=sum(d["claims"] == 0 for d in docs))

    def rejected_page(request: Request):
        shown, pager = paged(request, ledger.rejected(), DOCS_PAGE)
        return page(request, "rejected.html", rejected=shown, pager=pager)

    # -- one article ------------------------------------------------------------------

    def doc_page(request: Request):
        name = request.path_params["name"]
        try:
            target = data.claim_number(request.query_params.get("claim", ""))
        except data.BadFilter as e:
            return bad_filter(request, False, e)
        doc = ledger.document(name)
        if doc is None:
            raise HTTPException(404, f"no document {name!r}")
        recon = reconciled.get()
        mine = data.numbered(ledger.claims(doc=name))
        target = target if target is not None and 1 <= target <= len(mine) else None
        fields = {}
        for cid, n, c in mine:
            d = c.to_dict()
            d["sentence"] = doc.text[c.sentence_start:c.sentence_end] if c.sentence_start is not None else None
            v = recon.views.get(cid)
            d.update(id=cid, figure=figure_label(c), corrected=edits.mark_text(c.corrected), origin=v.origin if v else None,
                     repeat_of=v.repeat_of if v else None, series=v.series if v else None)
            fields[n] = {k: d[k] for k in PANEL_FIELDS if k in d}
        blocks = data.cut(doc.text, [(n, c) for _, n, c in mine])
        return page(request, "doc.html", doc=doc, url=data.safe_url(doc.url), blocks=blocks, claims=mine,
                    fields=fields, target=target, data_json=safe_json(fields),
                    corrections=edits.history(ledger, name) if guard.allowed else [])

    async def busy(request: Request, exc: data.Busy):
        headers = {"retry-after": "5"}
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": str(exc)}, status_code=503, headers=headers)
        return page(request, "error.html", status=503, headers=headers, message=str(exc))

    async def http_error(request: Request, exc: HTTPException):
        # 404, and 405 for anything but GET/HEAD (its Allow header kept)
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        return page(request, "error.html", status=exc.status_code, headers=exc.headers, message=exc.detail)

    static = StaticFiles(directory=str(resources.files(__package__).joinpath("static")))
    routes = [
        Route("/", claims_page, methods=["GET"]),
        Route("/api/claims", claims_api, methods=["GET"]),
        *download.routes(ledger, lambda request, message: bad_filter(request, False, data.BadFilter(message))),
        Route("/series", series_index, methods=["GET"]),
        Route("/series/{key:path}", series_page, methods=["GET"]),
        Route("/conflicts", conflicts_page, methods=["GET"]),
        Route("/sources", sources_page, methods=["GET"]),
        *edits.routes(db, guard),
        Route("/doc/{name:path}", doc_page, methods=["GET"]),
        Route("/documents", documents_page, methods=["GET"]),
        Route("/rejected", rejected_page, methods=["GET"]),
        Route("/timeline.css", lambda request: Response(tl.STYLE, media_type="text/css"), methods=["GET"]),
        Mount("/static", app=static, name="static"),
    ]
    app = _Secured(routes=routes, exception_handlers={HTTPException: http_error, data.Busy: busy},  # type: ignore[dict-item]
                   middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=allowed)])
    app.state.ledger = ledger
    if allow_edits:
        app.security_headers = EDIT_HEADERS
    return app
