"""What a batch of inputs reports and the extraction a document gets now: shared by the local
path (engine.py) and the cluster path (cluster.py)."""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .records import Document, Extraction, Rejection


@dataclass
class BatchReport:
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    reextracted: Counter = field(default_factory=Counter)  # why -> documents: "topic changed": 2
    claims: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    unsupported: list[str] = field(default_factory=list)  # "name (lang)": stored, no claims


@dataclass
class RunRecorder:
    """A run's bookkeeping, once for the local and the cluster paths: each rejection counted,
    recorded in the ledger's run (when there is one) and passed on; the run's totals at its end."""

    report: BatchReport
    ledger: Any = None
    run_id: int | None = None
    on_reject: Callable[[Rejection], None] | None = None

    def reject(self, r: Rejection) -> None:
        self.report.rejected.append(r)
        if self.ledger is not None:
            self.ledger.reject(r, self.run_id)
        if self.on_reject:
            self.on_reject(r)

    def finish(self) -> None:
        if self.ledger is None or self.run_id is None:
            return
        report = self.report
        written = report.added + report.replaced + sum(report.reextracted.values())
        self.ledger.finish_run(self.run_id, written, report.unchanged, report.claims, len(report.rejected))


def topic_hash(topic) -> str:
    """sha256 of the topic file's bytes: the built-in topic's file too, so that a new release's
    topic re-extracts as an edited file does."""
    import hashlib
    from importlib import resources
    from pathlib import Path

    from .topic import BUILTIN

    if topic.path.startswith("<built-in"):
        data = resources.files("claimscope.topic").joinpath(f"{BUILTIN}.toml").read_bytes()
    else:
        data = Path(topic.path).read_bytes()
    return hashlib.sha256(data).hexdigest()


def extraction_of(topic, forced: str | None = None) -> Callable[[Document], Extraction]:
    """The Extraction a document gets from claimscope now with `topic`, its language `forced` or its own."""
    from .extract.pipeline import PIPELINE_VERSION
    from .lang import DEFAULT_LANG

    digest = topic_hash(topic)
    return lambda d: Extraction(PIPELINE_VERSION, digest, forced or d.lang or DEFAULT_LANG)
