"""The local web application: `claimscope serve`, read-only pages over a ledger."""
from .app import create_app

__all__ = ["create_app"]
