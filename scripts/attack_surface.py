"""Issue 16's attacks on claimscope's surface (items 1-3 and 5-10 of the review, and the smaller
ones), each as a user or a hostile page meets it: the `claimscope` command in a subprocess, the
app over HTTP, local servers on 127.0.0.1. `scripts/attack.py` runs them beside the slow ones.

Each attack returns {"wall": seconds, "what": what happened, "ok": held}; it holds when the user
gets a one-line refusal naming the problem (no traceback), nothing is fetched or stored that
should not be, and what was on disk is unchanged.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ARTICLE = ("<html><head><title>Soldats</title></head><body><article><p>Environ 11 000 soldats "
           "nord-coréens ont été déployés en Russie, selon le renseignement sud-coréen.</p></article>"
           "</body></html>").encode()
FETCH_DEADLINE_S = 20  # ingest's one deadline over a whole fetch (ingest.fetch)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TERMINAL_CONTROLS = ("\x1b", "\x07", "\u202e")

CLI = "import sys; from claimscope.cli import main; sys.exit(main(sys.argv[1:]))"


def cli(*args: str, cwd: Path, prelude: str = "", timeout: float = 300) -> tuple[int, str, str, float]:
    """`claimscope ARGS` in a fresh process: exit code, stdout, stderr, seconds."""
    t = time.perf_counter()
    p = subprocess.run([sys.executable, "-c", prelude + CLI, *args], cwd=cwd, capture_output=True,
                       text=True, timeout=timeout, env={**os.environ, "COLUMNS": "120"})
    return p.returncode, p.stdout, p.stderr, time.perf_counter() - t


def clean(err: str) -> bool:
    return "Traceback" not in err


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rejected(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("rejected: ")]


# -- a local web server: an article, redirects, a keep-alive connection, slow answers -------------


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # connections stay open between requests (keep-alive)

    def log_message(self, *args):
        pass

    def _send(self, code: int, body: bytes = b"", **headers: str) -> None:
        self.send_response(code)
        for k, v in {"Content-Type": "text/html; charset=utf-8", **headers}.items():
            self.send_header(k.replace("_", "-"), v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _drip(self, data: bytes) -> None:
        for b in data[:40]:  # a byte a second, 40 s at most: the server stops on its own
            self.wfile.write(bytes([b]))
            self.wfile.flush()
            time.sleep(1)

    def do_GET(self):  # noqa: N802 (http.server's name)
        port = self.server.server_address[1]
        try:
            if self.path == "/page":
                self._send(200, ARTICLE)
            elif self.path == "/to-page-with-body":  # a redirect with a body: drained, the connection reused
                self._send(302, b"<p>moved</p>", Location="/page")
            elif self.path == "/to-v6":
                self._send(302, Location=f"http://[::1]:{port}/page")
            elif self.path == "/drip-body":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", "40")
                self.end_headers()
                self.wfile.flush()
                self._drip(b"x" * 40)
            elif self.path == "/drip-headers":
                self.wfile.write(b"HTTP/1.1 200 OK\r\n")
                self._drip(b"X-Slow: " + b"a" * 40)
            elif self.path.startswith("/slow-hop"):
                time.sleep(FETCH_DEADLINE_S / 6 + 0.5)  # six of them: past the deadline
                self._send(302, Location=f"/slow-hop{int(self.path[9:] or 0) + 1}")
            else:
                self._send(404, b"no")
        except (BrokenPipeError, ConnectionResetError):  # the client gave up: as it should
            pass


class Server:
    def __init__(self):
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


# -- 1. fetching internal addresses ------------------------------------------------------------


# the first hop taken as public (as a public server redirecting would be), every other address judged as usual
LOOPBACK_IS_PUBLIC = ("import ipaddress, claimscope.ingest.fetch as f\n"
                      "_judge = f.address_kind\n"
                      "f.address_kind = lambda ip: None if ip == ipaddress.ip_address('127.0.0.1') else _judge(ip)\n")


def attack_internal(name: str, tmp: Path) -> dict:
    with Server() as s:
        p = s.port
        urls = [f"http://127.0.0.1:{p}/page", f"http://[::1]:{p}/page", f"http://localhost:{p}/page",
                f"http://2130706433:{p}/page", f"http://0x7f.1:{p}/page", "http://169.254.169.254/latest/meta-data/",
                f"http://[::ffff:127.0.0.1]:{p}/page", f"http://0.0.0.0:{p}/page"]
        rc, _, err, wall = cli("ingest", "--db", "l.db", "-q", *urls, cwd=tmp)
        hop_rc, _, hop_err, hop_wall = cli("ingest", "--db", "hop.db", "-q", f"http://127.0.0.1:{p}/to-v6", cwd=tmp,
                                           prelude=LOOPBACK_IS_PUBLIC)
    refused = [r for r in rejected(err) if "refused" in r and "--allow-private" in r]
    hop = [r for r in rejected(hop_err) if "refused" in r and "::1" in r]
    stored = sqlite3.connect(tmp / "l.db").execute("SELECT count(*) FROM documents").fetchone()[0]
    ok = len(refused) == len(urls) and len(hop) == 1 and stored == 0 and clean(err + hop_err)
    return {"wall": wall + hop_wall, "ok": ok,
            "what": f"{len(refused)}/{len(urls)} internal URLs refused, redirect hop to [::1] "
                    f"{'refused' if hop else 'FETCHED'}, {stored} stored"}


def attack_credentials(name: str, tmp: Path) -> dict:
    with Server() as s:
        rc, out, err, wall = cli("ingest", "--db", "l.db", "-q", "--allow-private",
                                 f"http://user:secret@127.0.0.1:{s.port}/page", cwd=tmp)
    _, docs, derr, _ = cli("documents", "--db", "l.db", cwd=tmp)
    stored = sqlite3.connect(tmp / "l.db").execute("SELECT count(*) FROM documents").fetchone()[0]
    leaked = [where for where, text in (("the ledger", (tmp / "l.db").read_bytes().decode("latin-1")),
                                        ("ingest's output", out + err), ("documents", docs + derr)) if "secret" in text]
    return {"wall": wall, "ok": stored == 1 and not leaked and clean(err + derr),
            "what": f"{stored} stored; user:secret " + (f"found in {', '.join(leaked)}" if leaked else "nowhere")}


# -- 2, 3. one deadline over the whole fetch; a redirect to the same host on keep-alive -----------


def attack_deadline(name: str, tmp: Path) -> dict:
    path = {"2-slow-body": "/drip-body", "2-slow-headers": "/drip-headers", "2-slow-hops": "/slow-hop0"}[name]
    with Server() as s:
        rc, _, err, wall = cli("ingest", "--db", "l.db", "-q", "--allow-private", f"http://127.0.0.1:{s.port}{path}", cwd=tmp)
    said = rejected(err)
    ok = len(said) == 1 and "too slow" in said[0] and wall <= FETCH_DEADLINE_S + 10 and clean(err)
    return {"wall": wall, "ok": ok, "what": said[0] if said else f"exit {rc}: {err.strip()[-120:]}"}


def attack_same_host(name: str, tmp: Path) -> dict:
    with Server() as s:
        rc, _, err, wall = cli("ingest", "--db", "l.db", "-q", "--allow-private",
                               f"http://127.0.0.1:{s.port}/to-page-with-body", cwd=tmp)
    stored = sqlite3.connect(tmp / "l.db").execute("SELECT count(*) FROM documents").fetchone()[0]
    return {"wall": wall, "ok": rc == 0 and stored == 1 and clean(err),
            "what": f"exit {rc}, {stored} document stored" + (f": {err.strip()[-120:]}" if rc else "")}


# -- 5. spreadsheet formula injection -----------------------------------------------------------


def _hostile_jsonl(tmp: Path) -> Path:
    text = "Environ 11 000 soldats nord-coréens ont été déployés en Russie, selon le renseignement sud-coréen."
    rows = [{"id": f"{start}HYPERLINK(\"http://x\")-{k}", "text": text, "publisher": f"{start}cmd|' /C calc'!A0",
             "date": "2025-01-0" + str(k + 1), "lang": "fr"} for k, start in enumerate(FORMULA_STARTS)]
    path = tmp / "hostile.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _formula_cells(text: str) -> list[str]:
    bad = []
    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            if cell.startswith(FORMULA_STARTS):
                try:
                    float(cell)  # a number stays a number
                except ValueError:
                    bad.append(cell)
    return bad


def attack_csv(name: str, tmp: Path) -> dict:
    src = _hostile_jsonl(tmp)
    t = time.perf_counter()
    cli("ingest", "--db", "l.db", "-q", str(src), cwd=tmp)
    outputs = {"claims --format csv": cli("claims", "--db", "l.db", "--format", "csv", cwd=tmp)[1],
               "extract --format csv": cli("extract", "--format", "csv", str(src), cwd=tmp)[1]}
    for what in ("claims", "series"):
        cli("export", what, "--db", "l.db", "-o", f"{what}.csv", cwd=tmp)
        outputs[f"export {what}"] = (tmp / f"{what}.csv").read_text(encoding="utf-8") if (tmp / f"{what}.csv").exists() else ""
    empty = [k for k, v in outputs.items() if len(v.splitlines()) < 2]
    bad = {k: _formula_cells(v) for k, v in outputs.items()}
    bad = {k: v for k, v in bad.items() if v}
    return {"wall": time.perf_counter() - t, "ok": not bad and not empty,
            "what": f"{len(outputs)} CSV outputs, {sum(len(v.splitlines()) - 1 for v in outputs.values())} rows: "
                    + (f"formulas in {', '.join(bad)}: {next(iter(bad.values()))[:2]}" if bad else "no cell starts a formula")
                    + (f"; empty: {', '.join(empty)}" if empty else "")}


# -- 6. the app: parameters validated, security headers on every answer ---------------------------


def attack_app(name: str, tmp: Path) -> dict:
    from importlib import resources

    samples = sorted(str(p) for p in resources.files("claimscope").joinpath("samples").iterdir() if p.name.endswith(".txt"))
    cli("ingest", "--db", "l.db", "-q", *samples[:2], cwd=tmp)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-c", CLI, "serve", "--db", "l.db", "--port", str(port)], cwd=tmp,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    t = time.perf_counter()
    answers = {}
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/api/claims", timeout=10).read()
                break
            except OSError:
                time.sleep(0.1)
        doc = "/doc/" + urllib.parse.quote(Path(samples[0]).name)
        for path in (doc + "?claim=%C2%B2", doc + "?claim=" + "9" * 5000, "/api/claims?page=%C2%B2",
                     "/conflicts?page=" + "9" * 5000, "/?status=nope", "/doc/%00", "/no-such-page", "/"):
            try:
                r = urllib.request.urlopen(base + path, timeout=30)
                code, headers = r.status, r.headers
            except urllib.error.HTTPError as e:
                code, headers = e.code, e.headers
            answers[path.removeprefix(doc)[:24]] = (code, headers.get("content-security-policy") is not None
                                  and headers.get("x-content-type-options") == "nosniff")
    finally:
        proc.terminate()
        err = proc.communicate(timeout=30)[1]
    wall = time.perf_counter() - t
    # a claim number or a filter it cannot use is a 400, an odd page number the first page; never a 500
    bad_params = [p for p, (code, _) in answers.items() if code >= 500 or ("claim=" in p and code != 400)]
    no_headers = [p for p, (_, h) in answers.items() if not h]
    ok = not bad_params and not no_headers and answers.get("/", (0,))[0] == 200 and clean(err)
    return {"wall": wall, "ok": ok,
            "what": ", ".join(f"{p[:14]}… {c}" if len(p) > 14 else f"{p} {c}" for p, (c, _) in answers.items())
                    + ("; security headers on every answer" if not no_headers else f"; no headers on {no_headers}")}


# -- 7, 8. storage: not a ledger, a newer schema, a full disk, a read-only file, someone else's database


def _ledger(tmp: Path, name: str = "l.db") -> Path:
    text = tmp / "a.txt"
    text.write_text("Environ 11 000 soldats nord-coréens ont été déployés, selon Séoul.", encoding="utf-8")
    cli("ingest", "--db", name, "-q", str(text), cwd=tmp)
    return tmp / name


def _one_line_refusal(err: str, *words: str) -> bool:
    lines = [ln for ln in err.strip().splitlines() if ln]
    return len(lines) == 1 and clean(err) and all(w in lines[0] for w in words)


def attack_not_a_ledger(name: str, tmp: Path) -> dict:
    notes = tmp / "notes.txt"
    notes.write_text("my notes, not a database\n" * 50, encoding="utf-8")
    before = digest(notes)
    t = time.perf_counter()
    results = [cli(cmd, "--db", "notes.txt", *extra, cwd=tmp) for cmd, extra in
               (("documents", ()), ("claims", ()), ("ingest", ("-q", str(_ledger(tmp).parent / "a.txt"))))]
    ok = all(rc != 0 and _one_line_refusal(err, "notes.txt") for rc, _, err, _ in results) and digest(notes) == before
    return {"wall": time.perf_counter() - t, "ok": ok,
            "what": results[0][2].strip()[:140] + ("; file unchanged" if digest(notes) == before else "; FILE CHANGED")}


def attack_newer_schema(name: str, tmp: Path) -> dict:
    db = _ledger(tmp)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099'")
    conn.close()
    before = digest(db)
    t = time.perf_counter()
    results = [cli(cmd, "--db", "l.db", *extra, cwd=tmp) for cmd, extra in
               (("documents", ()), ("ingest", ("-q", str(tmp / "a.txt"))))]
    ok = all(rc != 0 and _one_line_refusal(err, "newer claimscope") for rc, _, err, _ in results) and digest(db) == before
    return {"wall": time.perf_counter() - t, "ok": ok,
            "what": results[0][2].strip()[:140] + ("; ledger unchanged" if digest(db) == before else "; LEDGER CHANGED")}


# a disk that fills: the process may write no more than this many bytes to a file (RLIMIT_FSIZE),
# and writing past it fails as a full disk does, instead of killing the process (SIGXFSZ ignored)
FULL_DISK = ("import resource, signal\n"
             "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
             "resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))\n")


def attack_full_disk(name: str, tmp: Path) -> dict:
    db = _ledger(tmp)
    size = db.stat().st_size
    with sqlite3.connect(db) as conn:
        before = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    conn.close()
    big = tmp / "big.jsonl"
    para = "Environ 11 000 soldats nord-coréens ont été déployés en Russie, selon le renseignement sud-coréen. "
    big.write_text("".join(json.dumps({"id": f"d{k}", "text": para * 40, "lang": "fr"}) + "\n" for k in range(40)),
                   encoding="utf-8")
    rc, _, err, wall = cli("ingest", "--db", "l.db", "-q", str(big), cwd=tmp,
                           prelude=FULL_DISK.format(limit=size + 64 * 1024))
    with sqlite3.connect(db) as conn:
        intact = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        after = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        half = conn.execute("SELECT count(*) FROM documents d WHERE NOT EXISTS "
                            "(SELECT 1 FROM claims c WHERE c.document_id = d.id)").fetchone()[0]
    conn.close()
    # SQLite says "disk full" on a full disk, "disk I/O error" past the file-size limit this attack sets
    line = [ln for ln in err.splitlines() if "nothing of the current document was stored" in ln]
    ok = rc != 0 and bool(line) and clean(err) and intact and after >= before and half == 0
    return {"wall": wall, "ok": ok,
            "what": (line[0][:120] if line else f"exit {rc}: {err.strip()[-120:]}")
                    + f"; ledger {'intact' if intact else 'CORRUPT'}, {before} -> {after} documents, {half} without their claims"}


def attack_read_only(name: str, tmp: Path) -> dict:
    if os.geteuid() == 0:
        return {"wall": 0.0, "ok": True, "what": "skipped: root writes to read-only files anyway (tests/test_ledger_errors.py runs it as a user)"}
    db = _ledger(tmp)
    db.chmod(0o444)
    before = digest(db)
    rc, _, err, wall = cli("ingest", "--db", "l.db", "-q", str(tmp / "a.txt"), cwd=tmp)
    rrc, docs, rerr, _ = cli("documents", "--db", "l.db", cwd=tmp)
    ok = rc != 0 and _one_line_refusal(err, "read-only") and rrc == 0 and "a.txt" in docs and digest(db) == before
    db.chmod(0o644)
    return {"wall": wall, "ok": ok, "what": err.strip()[:140] + f"; documents still read: {rrc == 0}"}


def attack_foreign_db(name: str, tmp: Path) -> dict:
    other = tmp / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE people (name TEXT)")
        conn.execute("INSERT INTO people VALUES ('ana')")
    conn.close()
    before = digest(other)
    t = time.perf_counter()
    results = [cli(cmd, "--db", "other.db", cwd=tmp) for cmd in ("documents", "claims", "series")]
    with sqlite3.connect(other) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
    conn.close()
    ok = (all(rc != 0 and _one_line_refusal(err, "not a claimscope ledger") for rc, _, err, _ in results)
          and digest(other) == before and tables == ["people"] and mode != "wal")
    return {"wall": time.perf_counter() - t, "ok": ok,
            "what": results[0][2].strip()[:120] + f"; tables {tables}, journal {mode}, "
                    + ("byte-identical" if digest(other) == before else "CHANGED")}


# -- 9. PostgreSQL: over-long values -----------------------------------------------------------


def attack_postgres(name: str, tmp: Path) -> dict:
    base = os.environ.get("CLAIMSCOPE_TEST_PG_URL")
    if not base:
        return {"wall": 0.0, "ok": True, "what": "skipped: no PostgreSQL (set CLAIMSCOPE_TEST_PG_URL)"}
    from urllib.parse import quote

    from sqlalchemy import create_engine, text

    schema = f"attack_{uuid.uuid4().hex[:10]}"
    engine = create_engine(base.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = f"{base}{'&' if '?' in base else '?'}options={quote(f'-csearch_path={schema}')}"
    text_fr = "Environ 11 000 soldats ont été déployés en Russie, selon {}."
    rows = [{"id": "lang", "text": text_fr.format("Séoul"), "lang": "zh-Hant-TW"},
            {"id": "lang2", "text": text_fr.format("Séoul"), "lang": "fr-FR-x-private"},
            {"id": "source", "text": text_fr.format("l'" + "Institut " * 45 + "de Séoul"), "lang": "fr"},
            {"id": "publisher", "text": text_fr.format("Séoul"), "publisher": "P" * 400, "lang": "fr"},
            {"id": "title", "text": text_fr.format("Séoul"), "title": "T" * 5000, "lang": "fr"},
            {"id": "after", "text": text_fr.format("Séoul"), "lang": "fr"}]
    src = tmp / "long.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    try:
        rc, _, err, wall = cli("ingest", "--db", url, "-q", str(src), cwd=tmp)
        with engine.begin() as conn:
            stored = conn.execute(text(f'SELECT count(*) FROM "{schema}".documents')).scalar()
            finished = conn.execute(text(f'SELECT count(*) FROM "{schema}".runs WHERE finished_at IS NOT NULL')).scalar()
    finally:
        with engine.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()
    refused = rejected(err)
    ok = clean(err) and stored == len(rows) and finished == 1  # as SQLite stores them all: the same limits
    return {"wall": wall, "ok": ok, "what": f"{stored}/{len(rows)} stored (as on SQLite), {len(refused)} rejected, run finished: {finished == 1}"
                                           + (f"; {refused[0][:80]}" if refused else "")}


# -- 10. terminal escapes through ids -----------------------------------------------------------


def attack_terminal(name: str, tmp: Path) -> dict:
    text_fr = "Environ 11 000 soldats ont été déployés en Russie, selon Séoul."
    rows = [{"id": "x\u001b]0;pwned\u0007", "text": text_fr}, {"id": "a\u202eb", "text": text_fr},
            {"id": "ok", "text": text_fr, "publisher": "Le \u001b[2J Monde"}]
    src = tmp / "ids.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    rc, out, err, wall = cli("ingest", "--db", "l.db", "-q", str(src), cwd=tmp)
    printed = out + err
    for cmd in (("documents",), ("claims", "--format", "table"), ("sources",), ("conflicts",)):
        _, o, e, _ = cli(cmd[0], "--db", "l.db", *cmd[1:], cwd=tmp)
        printed += o + e
    raw = [repr(c) for c in TERMINAL_CONTROLS if c in printed]
    refused = [r for r in rejected(err) if "'id'" in r]
    ok = len(refused) == 2 and not raw and clean(printed)
    return {"wall": wall, "ok": ok, "what": f"{len(refused)}/2 ids refused with a reason; raw controls printed: {raw or 'none'}"}


# -- smaller: duplicate JSON keys, <template> ---------------------------------------------------


def attack_duplicate_keys(name: str, tmp: Path) -> dict:
    src = tmp / "dup.jsonl"
    src.write_text('{"id": "a", "text": "Environ 300 soldats.", "text": "Environ 2 000 soldats."}\n'
                   '{"id": "b", "text": "Environ 11 000 soldats ont été déployés."}\n', encoding="utf-8")
    rc, _, err, wall = cli("ingest", "--db", "l.db", "-q", str(src), cwd=tmp)
    said = rejected(err)
    stored = sqlite3.connect(tmp / "l.db").execute("SELECT count(*) FROM documents").fetchone()[0]
    ok = len(said) == 1 and "twice" in said[0] and stored == 1 and clean(err)
    return {"wall": wall, "ok": ok, "what": (said[0][:120] if said else "accepted") + f"; {stored} stored (the batch went on)"}


def attack_template(name: str, tmp: Path) -> dict:
    page = tmp / "page.html"
    page.write_text("<html><head><title>t</title></head><body><article><p>Environ 11 000 soldats ont été déployés, "
                    "selon Séoul, en 2024 dans la région de Koursk pour appuyer l'armée russe.</p>"
                    "<template><p>Au moins 99 999 soldats cachés dans un modèle de page.</p></template>"
                    "</article></body></html>", encoding="utf-8")
    rc, out, err, wall = cli("extract", "--format", "jsonl", str(page), cwd=tmp)
    values = [json.loads(line)["value"] for line in out.splitlines() if line.strip()]
    ok = 11000 in values and 99999 not in values and clean(err)
    return {"wall": wall, "ok": ok, "what": f"figures read: {values}"}


ATTACKS = {
    "1-internal-urls": ("fetch: loopback, private, link-local addresses and a redirect hop to [::1]", attack_internal),
    "1-credentials": ("fetch: credentials in a URL", attack_credentials),
    "2-slow-body": ("fetch: a body at one byte a second", attack_deadline),
    "2-slow-headers": ("fetch: headers at one byte a second", attack_deadline),
    "2-slow-hops": ("fetch: six slow redirects", attack_deadline),
    "3-same-host": ("fetch: a redirect to the same host on a keep-alive HTTP/1.1 server", attack_same_host),
    "5-csv-formulas": ("spreadsheets: ids and publishers that start a formula", attack_csv),
    "6-app-answers": ("serve: odd parameters, headers on errors", attack_app),
    "7-not-a-ledger": ("storage: a text file as the ledger", attack_not_a_ledger),
    "7-newer-schema": ("storage: a ledger of a newer claimscope", attack_newer_schema),
    "7-full-disk": ("storage: the disk fills during an ingest", attack_full_disk),
    "7-read-only": ("storage: a read-only ledger", attack_read_only),
    "8-foreign-db": ("storage: read commands on someone else's SQLite database", attack_foreign_db),
    "9-postgres-long": ("PostgreSQL: over-long language, source, publisher, title", attack_postgres),
    "10-terminal-ids": ("terminals: ESC, BEL and U+202E in ids and publishers", attack_terminal),
    "dup-json-keys": ("JSONL: a key given twice in one object", attack_duplicate_keys),
    "template-text": ("HTML: text inside <template>", attack_template),
}
