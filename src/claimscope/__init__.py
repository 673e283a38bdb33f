"""claimscope: a sourced, time-aware ledger of the figures news articles report."""

__version__ = "0.1.0"
DEFAULT_DB = "claimscope.db"  # the ledger a command uses when --db is not given
