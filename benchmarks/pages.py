"""The pages at scale: every app page's server time and size, the report's size and load time.

    python benchmarks/pages.py --db /tmp/claimscope-big.db [--claims 5000] [--shots docs/screenshots]

Builds the ledger with big_ledger.py when --db does not exist yet. Then:

1. serves the app (uvicorn on 127.0.0.1, as `claimscope serve`), waits for its reconciliation,
   and requests each page: the first time (cold: the claims' rows are read and cached) and the
   median of --runs more, with the page's size; the limits are 1 s and 1 MB a page;
2. renders the report (`claimscope report`'s path: an index and, at this size, its pages) and
   prints each page's size (limit 1 MB a page) and the time Debian's Chromium takes to load the
   index and the heaviest pages (navigation start to the load event; limit 2 s);
3. with --shots, takes Chromium screenshots of the timeline, the conflicts, claims and documents
   pages and the report.
"""
from __future__ import annotations

import argparse
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote, unquote

sys.path.insert(0, str(Path(__file__).resolve().parent))

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
PAGE_S, PAGE_BYTES, REPORT_S = 1.0, 1_000_000, 2.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(db: str):
    """The app served by uvicorn in a thread; returns (base url, server)."""
    import uvicorn

    from claimscope.web import create_app

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", server


def pages(db: str) -> list[str]:
    """The pages to time: each kind of page, at its heaviest on this ledger."""
    from claimscope.store import Ledger

    ledger = Ledger(db, create=False)
    measures: dict[str, int] = {}
    for c in ledger.claims():
        if c.measure and c.measure != "other":  # "other": the figures no measure selects, in automatic series
            measures[c.measure] = measures.get(c.measure, 0) + 1
    docs = ledger.documents()
    ledger.close()
    biggest = max(measures, key=measures.get)
    longest = max(docs, key=lambda d: d["claims"])["name"]
    return ["/", "/?q=choigou", "/?q=15000", "/?sort=figure&dir=desc", "/?page=30", "/?unattributed=1&kind=total",
            "/series", f"/series/{quote(biggest, safe='')}", "/conflicts", "/conflicts?page=2", "/conflicts?all=1",
            "/sources", "/documents", "/rejected", f"/doc/{quote(longest, safe='')}"]


def time_pages(base: str, paths: list[str], runs: int) -> list[tuple[str, float, float, int, int]]:
    import httpx

    out = []
    with httpx.Client(base_url=base, timeout=60) as client:
        while client.get("/conflicts").status_code == 503:  # the reconciliation, computed once in the background
            time.sleep(0.5)
        for path in paths:
            t = time.perf_counter()
            r = client.get(path)
            cold = time.perf_counter() - t
            times = []
            for _ in range(runs):
                t = time.perf_counter()
                r = client.get(path)
                times.append(time.perf_counter() - t)
            out.append((path, cold, statistics.median(times), len(r.content), r.status_code))
    return out


def report(db: str, out: Path) -> tuple[dict[Path, int], float]:
    """The report written at `out` (its pages beside it); each file's size, and the seconds it took."""
    from claimscope.report import render_pages
    from claimscope.store import Ledger
    from claimscope.topic import load_topic

    ledger = Ledger(db, create=False)
    t = time.perf_counter()
    pages = render_pages([ledger.document(d["name"]) for d in ledger.documents()], ledger.claims(), topic=load_topic(None),
                         folder=f"{out.stem}_files", index_name=out.name)
    ledger.close()
    seconds = time.perf_counter() - t
    out.write_text(pages.index, encoding="utf-8")
    sizes = {out: len(pages.index.encode("utf-8"))}
    if pages.pages:
        (out.parent / pages.folder).mkdir()
        for name, html in pages.pages.items():
            (out.parent / pages.folder / name).write_text(html, encoding="utf-8")
            sizes[out.parent / pages.folder / name] = len(html.encode("utf-8"))
    return sizes, seconds


def chromium_load(browser, path: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        page = browser.new_page()
        page.goto(path.as_uri(), wait_until="load")
        times.append(page.evaluate("() => { const n = performance.getEntriesByType('navigation')[0];"
                                   " return n.loadEventEnd - n.startTime; }") / 1000)
        page.close()
    return statistics.median(times)


def screenshots(browser, base: str, biggest: str, report_path: Path, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    shots = []

    def shot(name: str, full: bool = False, clip=None):
        path = folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=full, clip=clip)
        shots.append(path)

    page.goto(f"{base}/series/{quote(biggest, safe='')}")
    page.locator("svg.timeline").scroll_into_view_if_needed()
    box = page.locator("figure.timeline").bounding_box()
    mark = page.locator("svg.timeline a.mark").last  # drawn last: on top of any it overlaps
    mark.hover()
    shot("timeline", clip={"x": 0, "y": max(box["y"] - 60, 0), "width": 1400, "height": box["height"] + 90})
    page.evaluate("window.scrollTo(0, 0)")
    shot("series-page")
    page.goto(f"{base}/conflicts")
    shot("conflicts")
    page.goto(f"{base}/?q=choigou")
    shot("claims-search")
    page.goto(f"{base}/")
    shot("claims")
    page.goto(f"{base}/documents")
    shot("documents")
    page.goto(report_path.as_uri())
    shot("report")
    measure = page.locator(f'details#timelines a[href$="/m-{biggest}.html"]')
    if measure.count():  # the report is split: the biggest measure's page, then a mark's figure in its article
        measure.click()
        page.wait_for_load_state("load")
        shot("report-timeline")
        page.locator("svg.timeline a.mark").last.click()
        page.wait_for_load_state("load")
        shot("report-article")
    else:
        biggest_there = page.locator(f'details.measure[id="m-{biggest}"]')
        biggest_there.evaluate("d => d.open = true")
        page.evaluate(f"window.scrollTo(0, {biggest_there.bounding_box()['y']})")
        shot("report-timeline")
    page.close()
    return shots


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", default="/tmp/claimscope-big.db", help="the big ledger (built when absent)")
    p.add_argument("--claims", type=int, default=5000, help="claims in the ledger it builds")
    p.add_argument("--runs", type=int, default=5, help="timed requests a page, after the first")
    p.add_argument("--shots", help="a folder for Chromium screenshots of the pages")
    a = p.parse_args(argv)
    if not Path(a.db).exists():
        import big_ledger

        big_ledger.build(Path(a.db), a.claims)
    from claimscope.store import Ledger

    counts = Ledger(a.db, create=False).counts()
    print(f"{a.db}: {counts['documents']} documents, {counts['claims']} claims")
    paths = pages(a.db)
    base, server = serve(a.db)
    ok = True
    print(f"{'page':45} {'first s':>8} {'median s':>9} {'bytes':>10}")
    for path, cold, warm, size, status in time_pages(base, paths, a.runs):
        flag = "" if status == 200 and max(cold, warm) < PAGE_S and size < PAGE_BYTES else "  OVER"
        ok &= not flag
        print(f"{path[:45]:45} {cold:8.3f} {warm:9.3f} {size:10,}{flag}{'' if status == 200 else f' HTTP {status}'}")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.html"
        sizes, seconds = report(a.db, path)
        from playwright.sync_api import sync_playwright

        heavy = sorted(sizes, key=sizes.get, reverse=True)
        over = [p for p in heavy if sizes[p] >= PAGE_BYTES]
        ok &= not over
        print(f"report: {len(sizes)} pages, {sum(sizes.values()):,} bytes in all, the heaviest {sizes[heavy[0]]:,} "
              f"({heavy[0].name}), rendered in {seconds:.2f} s{'  OVER: ' + ', '.join(p.name for p in over) if over else ''}")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for p in dict.fromkeys([path] + heavy[:2]):
                load = chromium_load(browser, p, 3)
                flag = "" if load < REPORT_S else "  OVER"
                ok &= not flag
                print(f"report page {p.name}: {sizes[p]:,} bytes, loads in Chromium in {load:.2f} s{flag}")
            if a.shots:
                biggest = unquote(paths[7].split("/series/")[1])
                for shot in screenshots(browser, base, biggest, path, Path(a.shots)):
                    print(f"screenshot: {shot}")
            browser.close()
    server.should_exit = True
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
