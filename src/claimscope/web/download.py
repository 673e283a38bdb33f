"""The claims page's current view as a CSV file: /claims.csv takes the page's query string (its
filters, search and sort, every page of it) and answers the rows `claimscope export claims`
writes, with the same columns, in the order the page shows them."""
from __future__ import annotations

import io

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..store import Ledger
from ..views.records import write_records
from . import data


def filtered_records(ledger: Ledger, f: data.Filters) -> list[dict]:
    """The records (Ledger.claim_records) of the claims the filters select, in the page's order."""
    shown = f.select(data.rows(ledger))
    records = {r["id"]: r for r in ledger.claim_records()}
    return [records[r.id] for r in shown if r.id in records]  # one corrected in between: gone, not a 500


def routes(ledger: Ledger, refuse) -> list[Route]:
    """`refuse(request, message)`: the app's error page for a filter it cannot use."""

    def claims_csv(request: Request):
        try:
            f = data.Filters.parse(request.query_params)
        except data.BadFilter as e:
            return refuse(request, str(e))
        out = io.StringIO()
        write_records(filtered_records(ledger, f), "csv", out)
        return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                        headers={"content-disposition": 'attachment; filename="claims.csv"'})

    return [Route("/claims.csv", claims_csv, methods=["GET"])]
