"""Stored claims as a colleague reads them in a spreadsheet or a dataframe: the claim id
'<doc>#<ordinal>', every field with the evidence sentence, and the document's title, date,
publisher and URL (the rows Ledger.claim_records gives). Written alike by `claimscope export`,
`claims --format csv` and the app's CSV of a filtered view."""
from __future__ import annotations

import sys

from ..records import Claim

DOCUMENT_COLUMNS = ("doc_title", "doc_date", "doc_publisher", "doc_url")
# a person's correction (store.corrections): 'yes' or 'added', who, when, why, the tool's values before
CORRECTION_COLUMNS = ("corrected", "corrected_by", "corrected_at", "correction_note", "tool_values")
COLUMNS = ("id", "doc", *DOCUMENT_COLUMNS, *(f for f in Claim.__dataclass_fields__ if f not in ("doc", "corrected")),
           *CORRECTION_COLUMNS)


def flat(record: dict) -> dict:
    """A record with its lists as text, for CSV and Parquet."""
    return {**record, "via": " > ".join(record["via"]), "why": " | ".join(record["why"])}


def write_records(records: list[dict], fmt: str, out=None) -> None:
    """Records as CSV or JSONL (lists kept); a CSV has its header even when there is no claim."""
    import json

    from ..spreadsheet import SafeWriter
    from ..terminal import json_shown

    out = out or sys.stdout
    if fmt == "jsonl":
        for r in records:
            out.write(json_shown(json.dumps(r, ensure_ascii=False)) + "\n")
        return
    w = SafeWriter(out)  # a cell starting with '=' or '+' is no formula in a spreadsheet
    w.writerow(COLUMNS)
    w.writerows([flat(r).get(c) for c in COLUMNS] for r in records)
