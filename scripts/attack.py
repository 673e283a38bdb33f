"""Issue 16's attacks, each in a fresh process, against the claimscope that `import claimscope` finds
(run with PYTHONPATH=src for a checkout):

    PYTHONPATH=src python scripts/attack.py                    # every attack
    PYTHONPATH=src python scripts/attack.py 11-ones 1-credentials   # these ones

Every item of the review, numbered as the issue numbers them: 1-3 and 5-10 and the smaller
ones are in attack_surface.py (the `claimscope` command in a subprocess, the app over HTTP,
servers on 127.0.0.1; PostgreSQL's when CLAIMSCOPE_TEST_PG_URL names one), 4, 11 and 12 here.
One line per attack: held or broke, the wall time of the attacked step (model loading and
fixtures left out where the attack runs in-process) and the peak memory of its process or of the
largest `claimscope` process it ran (resource.getrusage: spaCy's model included). A slow attack
holds when its document is extracted or rejected with a reason within DOC_LIMIT_S seconds and
MEM_LIMIT_MIB of memory, a page is answered in bounded size and time, and `serve` stops on
SIGTERM; the others when the user gets a one-line refusal naming the problem and nothing on
disk changes that should not.
"""
from __future__ import annotations

import json
import os
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from attack_surface import ATTACKS as SURFACE

DOC_LIMIT_S = 30.0
MEM_LIMIT_MIB = 1024
PAGE_LIMIT_BYTES = 5 * 2**20  # a bounded page: well under this whatever the ledger's size
OUTER_TIMEOUT_S = 400  # a process that has not answered by then broke

# name: (what it is, the text, the language it is read in: the pipeline of that language runs)
TEXTS = {
    "ones": ("'1 ' * 100000", lambda: "1 " * 100000, "en"),
    "nbsp": ("'1\\u00a0000 ' * 30000", lambda: "1\u00a0000 " * 30000, "fr"),
    "between": ("'between 4 and ' * 10000", lambda: "between 4 and " * 10000, "en"),
    "two-hundred": ("'two hundred and ' * 10000", lambda: "two hundred and " * 10000, "en"),
    "vingt-et": ("'vingt et ' * 15000", lambda: "vingt et " * 15000, "fr"),
    "at": ("'@' * 5000", lambda: "@" * 5000, "en"),
    "at-long": ("'a@' * 99000 + '.com' (one token)", lambda: "a@" * 99000 + ".com", "en"),
    "dots-at": ("'x@y.' * 45000 (one token)", lambda: "x@y." * 45000, "en"),
    "ones-in-article": ("an article with '1 ' * 90000 as one paragraph",
                        lambda: "Environ 11 000 soldats ont été déployés.\n\n" + "1 " * 90000
                        + "\n\nAu moins 300 missiles ont été tirés.", "fr"),
}


def peak_mib() -> float:
    """The attack process's peak resident memory, or that of the largest `claimscope` it ran."""
    return max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024


# -- the attacks, run in the child process ---------------------------------------------------


def _ingest_one(path: Path, lang: str | None = None) -> dict:
    """`claimscope ingest` on one input (`--lang lang`), timed from reading to storing."""
    from claimscope.engine import ingest
    from claimscope.extract.pipeline import Extractors
    from claimscope.store import Ledger

    extractor = Extractors(forced=lang)
    ledger = Ledger(str(path.parent / "ledger.db"))
    # warm the model on a plain article, so that the timing is the attacked document's
    warm = path.parent / "warm.txt"
    warm.write_text("Environ 11 000 soldats ont été déployés, selon le ministère.", encoding="utf-8")
    ingest([str(warm)], ledger, extractor, progress=False)
    notes = []
    t = time.perf_counter()
    report = ingest([str(path)], ledger, extractor, progress=False, on_note=notes.append)
    wall = time.perf_counter() - t
    what = f"{report.claims} claims"
    if report.rejected:
        what += "; rejected: " + "; ".join(r.reason for r in report.rejected)[:160]
    if notes:
        what += "; note: " + notes[0].note[:120]
    return {"wall": wall, "what": what, "ok": wall <= DOC_LIMIT_S}


def attack_text(name: str, tmp: Path) -> dict:
    _, make, lang = TEXTS[name.removeprefix("11-")]
    path = tmp / f"{name}.txt"
    path.write_text(make(), encoding="utf-8")
    return _ingest_one(path, lang)


def _dense_page(size: int) -> str:
    para = "<p>Environ 11 000 soldats ont été déployés, selon le ministère, en <b>2025</b> et <a href='x'>plus</a>.</p>\n"
    body = "<div><table>" + "<tr><td>1</td><td>2 000</td></tr>" * 5 + "</table>" + para * 3 + "</div>\n"
    head, tail = "<html><head><title>t</title></head><body><article>", "</article></body></html>"
    n = (size - len(head) - len(tail)) // len(body.encode())
    return head + body * n + tail


def attack_html(name: str, tmp: Path) -> dict:
    from claimscope.ingest.formats import MAX_HTML_BYTES

    size = 15 * 2**20 if name == "4-html-15mb" else MAX_HTML_BYTES - 4096
    path = tmp / "page.html"
    path.write_text(_dense_page(size), encoding="utf-8")
    out = _ingest_one(path, "fr")
    out["what"] = f"{path.stat().st_size / 2**20:.1f} MiB of dense markup: " + out["what"]
    return out


def _big_ledger(tmp: Path, copies: int) -> tuple[str, int]:
    """A ledger of the bundled samples' claims, each article stored `copies` times."""
    from dataclasses import replace
    from importlib import resources

    from claimscope.extract.pipeline import PIPELINE_VERSION, Extractors
    from claimscope.ingest import read
    from claimscope.store import Ledger

    extractor = Extractors()
    samples = sorted(str(p) for p in resources.files("claimscope").joinpath("samples").iterdir() if p.name.endswith(".txt"))
    docs = [d for d in read(samples) if hasattr(d, "text")]
    extracted = list(extractor.extract_many(docs))
    db = str(tmp / "big.db")
    ledger = Ledger(db)
    run = ledger.start_run("attack", extractor.topic.id, PIPELINE_VERSION)
    claims = 0
    for k in range(copies):
        for doc, found in extracted:
            name = f"{k:05d}-{doc.name}"
            text = doc.text + f"\n\n(copy {k})"
            ledger.store(replace(doc, name=name, text=text), [replace(c, doc=name) for c in found], run)
            claims += len(found)
    ledger.finish_run(run, copies * len(extracted), 0, claims, 0)
    ledger.close()
    return db, claims


def attack_serve_pages(name: str, tmp: Path) -> dict:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    from claimscope.web import create_app

    db, claims = _big_ledger(tmp, 300)
    worst, sizes, slow_first = 0.0, {}, None
    t0 = time.perf_counter()
    with TestClient(create_app(db)) as client:
        for path in ("/", "/api/claims", "/series", "/conflicts", "/sources", "/series", "/conflicts"):
            while True:
                t = time.perf_counter()
                r = client.get(path)
                worst = max(worst, time.perf_counter() - t)
                if r.status_code != 503:
                    break
                slow_first = slow_first or path  # the reconciliation still runs: come back, as Retry-After says
            sizes[path] = max(sizes.get(path, 0), len(r.content))
            if r.status_code != 200:
                return {"wall": time.perf_counter() - t0, "what": f"{path}: {r.status_code}", "ok": False}
    wall = time.perf_counter() - t0
    biggest = max(sizes, key=sizes.get)
    what = (f"{claims:,} claims; slowest answer {worst:.1f} s; largest page {biggest} {sizes[biggest] / 2**20:.2f} MiB"
            + (f"; {slow_first} answered 503 while reconciling" if slow_first else ""))
    return {"wall": wall, "what": what, "ok": worst <= DOC_LIMIT_S and sizes[biggest] <= PAGE_LIMIT_BYTES}


def attack_serve_sigterm(name: str, tmp: Path) -> dict:
    """`claimscope serve` on a large ledger, SIGTERM while it reconciles for a request."""
    db, claims = _big_ledger(tmp, 300)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code = ("import time, claimscope.reconcile as r\n"
            "real = r.reconcile\n"
            "r.reconcile = lambda *a, **k: (time.sleep(300), real(*a, **k))[1]  # a ledger ten times larger\n"
            "from claimscope.cli import main\n"
            f"main(['serve', '--db', {db!r}, '--port', '{port}'])\n")
    proc = subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/claims", timeout=10).read()
                break
            except OSError:
                time.sleep(0.1)
        answers = []

        def ask():
            try:
                answers.append(urllib.request.urlopen(f"http://127.0.0.1:{port}/series", timeout=60).status)
            except urllib.error.HTTPError as e:
                answers.append(e.code)
            except Exception as e:
                answers.append(type(e).__name__)

        asker = threading.Thread(target=ask, daemon=True)
        asker.start()
        time.sleep(2)
        t = time.perf_counter()
        proc.send_signal(signal.SIGTERM)
        try:
            rc = proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            return {"wall": time.perf_counter() - t, "what": "still running 60 s after SIGTERM", "ok": False}
        wall = time.perf_counter() - t
        asker.join(10)
        return {"wall": wall, "what": f"{claims:,} claims; exited {rc} {wall:.1f} s after SIGTERM; the waiting request got {answers}",
                "ok": wall <= 15}
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


ATTACKS = {
    **SURFACE,  # items 1-3, 5-10 and the smaller ones (attack_surface.py)
    **{f"11-{k}": (v[0], attack_text) for k, v in TEXTS.items()},
    "4-html-15mb": ("a 15 MiB HTML page", attack_html),
    "4-html-at-cap": ("an HTML page just under the cap", attack_html),
    "12-serve-pages": ("serve: every page of a large ledger", attack_serve_pages),
    "12-serve-sigterm": ("serve: SIGTERM during a long reconciliation", attack_serve_sigterm),
}
ORDER = sorted(ATTACKS, key=lambda k: (int(k.split("-")[0]) if k[0].isdigit() else 99, list(ATTACKS).index(k)))


def child(name: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = ATTACKS[name][1](name, Path(tmp))
    out["peak"] = peak_mib()
    print("RESULT " + json.dumps(out))


# -- the parent: one process an attack, one line each ---------------------------------------------


def run(name: str) -> str:
    label = ATTACKS[name][0]
    t = time.perf_counter()
    try:
        p = subprocess.run([sys.executable, __file__, "--child", name], capture_output=True, text=True,
                           timeout=OUTER_TIMEOUT_S, env=os.environ)
    except subprocess.TimeoutExpired:
        return f"BROKE  {name:18} {label}: no answer in {OUTER_TIMEOUT_S} s"
    lines = [ln for ln in p.stdout.splitlines() if ln.startswith("RESULT ")]
    if p.returncode != 0 or not lines:
        tail = (p.stderr.strip().splitlines() or ["?"])[-1][:200]
        return f"BROKE  {name:18} {label}: exit {p.returncode} after {time.perf_counter() - t:.0f} s: {tail}"
    r = json.loads(lines[-1][7:])
    held = r["ok"] and r["peak"] <= MEM_LIMIT_MIB
    return (f"{'held ' if held else 'BROKE'}  {name:18} {r['wall']:6.1f} s  peak {r['peak']:6.0f} MiB  "
            f"{label}: {r['what']}")


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        child(argv[1])
        return 0
    import claimscope

    names = argv or ORDER
    print(f"claimscope from {Path(claimscope.__file__).parent}; a document holds under {DOC_LIMIT_S:.0f} s "
          f"and {MEM_LIMIT_MIB} MiB (peak: the whole process, model included)", flush=True)
    broke = 0
    for name in names:
        line = run(name)
        broke += line.startswith("BROKE")
        print(line, flush=True)
    return 1 if broke else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
