"""The kill test: `claimscope ingest` SIGKILLed at random points, rerun until complete, must
leave the same ledger as a clean run: every document with all its claims, nothing duplicated,
nothing lost.

    python scripts/kill_test.py                 # 60 articles, 25 kills
    python scripts/kill_test.py --articles 20 --kills 5 --seed 7

The corpus is JSONL made from the annotated articles in tests/gate/fr (each with its own id
and a dateline line, so that no two texts are the same). A kill lands either at a random
moment of the start (loading the model, migrating) or right after the ledger has grown by a
document, at a random delay: the next document's transaction is then the one cut.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GATE_FR = ROOT / "tests" / "gate" / "fr"
CLAIM_FIELDS = ("ordinal", "doc", "start", "end", "text", "value", "value_high", "qualifier", "unit", "measure", "source",
                "via", "publisher", "status", "hedged", "time_start", "time_end", "concept", "series", "sentence",
                "sentence_start", "sentence_end", "article", "why", "lang")


def build_corpus(path: Path, n: int, first: int = 0) -> list[str]:
    """n articles as JSONL, ids art-000 ...; returns the ids."""
    texts = sorted(GATE_FR.glob("*.txt"))
    ids = []
    with open(path, "w", encoding="utf-8") as f:
        for i in range(first, first + n):
            src = texts[i % len(texts)]
            doc_id = f"art-{i:03d}"
            text = f"Dépêche {i}\n" + src.read_text(encoding="utf-8")
            f.write(json.dumps({"id": doc_id, "text": text, "publisher": src.stem}, ensure_ascii=False) + "\n")
            ids.append(doc_id)
    return ids


def ingest_cmd(inputs: list[Path], db: Path) -> list[str]:
    return [sys.executable, "-m", "claimscope.cli", "ingest", "-q", *map(str, inputs), "--db", str(db)]


UNREADABLE: list[str] = []  # polls that found the ledger unreadable (locked), for the log


def stored(db: Path) -> int | None:
    """Documents in the ledger now (0 before it is migrated; None when it cannot be read this instant)."""
    if not db.exists():
        return 0
    try:
        con = sqlite3.connect(db, timeout=5)
        try:
            if not con.execute("select 1 from sqlite_master where name = 'documents'").fetchone():
                return 0
            return con.execute("select count(*) from documents").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error as e:
        UNREADABLE.append(str(e))
        return None


def snapshot(db: Path) -> dict[str, tuple[str, list[tuple]]]:
    """name -> (content hash, its claims in order), and checks the ledger is whole."""
    con = sqlite3.connect(db)
    try:
        assert con.execute("pragma integrity_check").fetchone()[0] == "ok", "integrity_check failed"
        names = [r[0] for r in con.execute("select name from documents")]
        assert len(names) == len(set(names)), "duplicate documents"
        dup = con.execute("select count(*) from (select document_id, ordinal from claims "
                          "group by document_id, ordinal having count(*) > 1)").fetchone()[0]
        assert dup == 0, f"{dup} duplicated claims"
        orphans = con.execute("select count(*) from claims where document_id not in (select id from documents)").fetchone()[0]
        assert orphans == 0, f"{orphans} claims without their document"
        out = {}
        cols = ", ".join(f'c."{c}"' for c in CLAIM_FIELDS)
        for doc_id, name, content_hash in con.execute("select id, name, content_hash from documents").fetchall():
            claims = con.execute(f"select {cols} from claims c where document_id = ? order by ordinal", (doc_id,)).fetchall()
            assert [c[0] for c in claims] == list(range(1, len(claims) + 1)), f"{name}: claims missing between ordinals"
            out[name] = (content_hash, claims)
        return out
    finally:
        con.close()


def compare(ref: dict, got: dict) -> dict[str, int]:
    """Counts of what differs; all zero when the ledgers hold the same documents and claims."""
    missing = [n for n in ref if n not in got]
    extra = [n for n in got if n not in ref]
    changed = [n for n in ref if n in got and got[n] != ref[n]]
    return {"documents_missing": len(missing), "documents_extra": len(extra), "documents_differing": len(changed),
            "claims_lost": sum(max(0, len(ref[n][1]) - len(got.get(n, ("", []))[1])) for n in ref),
            "claims_duplicated": sum(max(0, len(got[n][1]) - len(ref[n][1])) for n in got if n in ref)}


def run_to_end(cmd: list[str], timeout: float = 1800) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT)


def kill_loop(cmd: list[str], db: Path, kills: int, rnd: random.Random, startup: float, log=print) -> int:
    """Start the ingest, SIGKILL it at a random point, again, until `kills` kills or it completes."""
    done = 0
    while done < kills:
        before = stored(db) or 0
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        t0 = time.monotonic()
        if rnd.random() < 0.3:  # during the start (model loading, migrations, the run row), or at the first store
            deadline = t0 + rnd.uniform(0.1, startup)
            while time.monotonic() < deadline and proc.poll() is None and (stored(db) or 0) <= before:
                time.sleep(0.02)
        else:  # in the middle of the batch: once a document more is stored, after a random delay
            while proc.poll() is None and (stored(db) or 0) <= before and time.monotonic() - t0 < startup * 4 + 60:
                time.sleep(0.02)
            time.sleep(rnd.uniform(0, 0.3))
        if proc.poll() is not None:
            log(f"  run finished before its kill ({stored(db)} documents stored)")
            return done
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        done += 1
        log(f"  kill {done:2d} after {time.monotonic() - t0:5.1f} s: {stored(db)} documents stored")
    return done


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=60)
    ap.add_argument("--kills", type=int, default=25)
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--dir", default=None, help="work folder (default: a temporary one)")
    args = ap.parse_args()
    import tempfile

    work = Path(args.dir or tempfile.mkdtemp(prefix="claimscope-kill-"))
    work.mkdir(parents=True, exist_ok=True)
    seed = args.seed if args.seed is not None else random.randrange(10**6)
    rnd = random.Random(seed)
    corpus = work / "corpus.jsonl"
    build_corpus(corpus, args.articles)
    ref_db, db = work / "reference.db", work / "killed.db"
    for p in work.glob("*.db*"):
        p.unlink()
    print(f"corpus: {args.articles} articles -> {corpus} (seed {seed})")

    t = time.monotonic()
    tiny = work / "tiny.jsonl"
    build_corpus(tiny, 1)
    run_to_end(ingest_cmd([tiny], work / "startup.db"))
    startup = time.monotonic() - t
    t = time.monotonic()
    r = run_to_end(ingest_cmd([corpus], ref_db))
    assert r.returncode == 0, r.stderr
    print(f"reference run: {time.monotonic() - t:.1f} s (start-up about {startup:.1f} s)")
    ref = snapshot(ref_db)

    kills = kill_loop(ingest_cmd([corpus], db), db, args.kills, rnd, startup)
    reruns = 0
    while True:  # rerun until a run completes
        reruns += 1
        r = run_to_end(ingest_cmd([corpus], db))
        if r.returncode == 0:
            break
        print(f"  rerun failed ({r.returncode}): {r.stderr[-500:]}")
        if reruns > 3:
            return 1
    got = snapshot(db)
    diff = compare(ref, got)
    ref_claims = sum(len(c) for _, c in ref.values())
    got_claims = sum(len(c) for _, c in got.values())
    print(f"kills: {kills}, reruns to complete: {reruns}" + (f" ({len(UNREADABLE)} polls found the ledger locked: "
                                                              f"{UNREADABLE[0]})" if UNREADABLE else ""))
    print(f"rows compared: reference {len(ref)} documents / {ref_claims} claims; "
          f"after kills {len(got)} documents / {got_claims} claims")
    print("differences: " + ", ".join(f"{k} {v}" for k, v in diff.items()))
    ok = not any(diff.values())
    print("OK: nothing lost, nothing duplicated" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
