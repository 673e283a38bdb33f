"""Claims export files (`claimscope export claims`): the format a file name's extension says.
The rows and how they are written are views/records.py, which the app's CSV download shares."""
from __future__ import annotations

from .views.records import COLUMNS, flat, write_records

__all__ = ["COLUMNS", "FORMATS", "flat", "write_records"]

FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".parquet": "parquet"}  # what a file name's extension says
