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


PG_URL_VAR = "CLAIMSCOPE_TEST_PG_URL"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path, monkeypatch):
    """A fresh, empty ledger location: an SQLite file, and a PostgreSQL schema of its own when
    CLAIMSCOPE_TEST_PG_URL names a server (.ci/run starts one), so the ledger runs on both."""
    if request.param == "sqlite":
        yield str(tmp_path / "l.db")
        return
    base = os.environ.get(PG_URL_VAR)
    if not base:
        pytest.skip(f"no PostgreSQL to test against: set {PG_URL_VAR}=postgresql://user:pass@host:port/db (.ci/run does)")
    import uuid
    from urllib.parse import quote

    from sqlalchemy import create_engine, text

    from claimscope.store import database_url

    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(database_url(base), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    # every connection of the ledger under test works in its own schema (Alembic's table too)
    sep = "&" if "?" in base else "?"
    # the test's ledgers (the CLI's too) are closed before the schema goes: an open
    # psycopg connection left to the garbage collector is a ResourceWarning, an error here
    from claimscope.store import Ledger

    opened, init = [], Ledger.__init__

    def tracked_init(self, *args, **kwargs):
        opened.append(self)
        init(self, *args, **kwargs)

    monkeypatch.setattr(Ledger, "__init__", tracked_init)
    yield f"{base}{sep}options={quote(f'-csearch_path={schema}')}"
    for ledger in opened:
        if hasattr(ledger, "engine"):
            ledger.close()
    with admin.connect() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


# -- a real browser: Debian's Chromium through Playwright (never Playwright's own download) ------

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian's Chromium is not installed at /usr/bin/chromium (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed (pip install -e '.[test]')")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    """A fresh page 1280 wide; the test fails on any script error the page raised."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert not errors, errors  # no script error on any page
