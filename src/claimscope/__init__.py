"""claimscope: a sourced, time-aware ledger of the figures news articles report."""

__version__ = "0.1.0"
