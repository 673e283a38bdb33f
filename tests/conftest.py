import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GATE = ROOT / "tests" / "gate"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def extractor():
    from claimscope.extract.pipeline import Extractor

    return Extractor("fr")


@pytest.fixture()
def extract(extractor):
    """Claims of a text, laid out and extracted as `claimscope extract` would."""
    from claimscope.ingest import lay_out
    from claimscope.records import Document

    def run(text: str, name: str = "t.txt"):
        return extractor.extract(lay_out(Document(name=name, text=text, origin=name)))

    return run


@pytest.fixture()
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path
