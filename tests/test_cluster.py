"""`extract --engine dask` on a real distributed.LocalCluster of two worker processes:
the same claims as the local path, and nothing lost or doubled when a worker dies mid-run."""
import json
import os
import signal
import sys
import threading
import time
from datetime import date
from pathlib import Path

import cloudpickle
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from distributed import Client, LocalCluster

from claimscope.cli import main
from claimscope.cluster import claim_schema, extract_on_cluster, read_claims_parquet
from claimscope.engine import extract_claims, ingest
from claimscope.records import Claim
from claimscope.store import Ledger

GATE = Path(__file__).resolve().parent / "gate"

# the helpers below run on the workers, which cannot import this test module
cloudpickle.register_pickle_by_value(sys.modules[__name__])

ARTICLES = [(p.name, p.read_text(encoding="utf-8")) for p in sorted((GATE / "fr").glob("*.txt"))]


@pytest.fixture(scope="module")
def client():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        with Client(cluster) as c:
            c.wait_for_workers(2)
            yield c


def _jsonl(path: Path, records: list[dict], bad_line_at: int | None = None) -> Path:
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    if bad_line_at is not None:
        lines.insert(bad_line_at - 1, "{not json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _sorted(claims: list[Claim]) -> list[dict]:
    return sorted((c.to_dict() for c in claims), key=lambda d: json.dumps(d, sort_keys=True))


def _local(paths: list[Path], extractor) -> list[Claim]:
    return [c for _, cs in extract_claims([str(p) for p in paths], extractor, lambda r: None) for c in cs]


def test_cluster_claims_equal_the_local_path(tmp_path, client, extractor, capsys):
    assert len(ARTICLES) == 12
    records = [{"id": name, "text": text} for name, text in ARTICLES]
    for r, (d, pub) in zip(records[8:], [("2025-11-04", "AFP"), ("2025-11", None), (None, "Yonhap"), ("2024-12-20", None)], strict=False):
        r.update(date=d, publisher=pub, title="Titre " + r["id"])
    shards, ref = tmp_path / "shards", tmp_path / "ref"
    shards.mkdir(), ref.mkdir()
    _jsonl(shards / "s1.jsonl", records[:4], bad_line_at=3)
    _jsonl(shards / "s2.jsonl", records[4:8])
    # the same records as Parquet (days as Arrow dates, a month as a string), and as JSONL for the local path
    day = [r for r in records[8:] if r["date"] is None or len(r["date"]) == 10]
    month = [r for r in records[8:] if r not in day]
    pq.write_table(pa.Table.from_pylist([{**r, "date": date.fromisoformat(r["date"]) if r["date"] else None} for r in day]),
                   shards / "s3.parquet")
    pq.write_table(pa.Table.from_pylist(month), shards / "s4.parquet")
    ref_paths = [_jsonl(ref / "s1.jsonl", records[:4]), _jsonl(ref / "s2.jsonl", records[4:8]),
                 _jsonl(ref / "s3.jsonl", day), _jsonl(ref / "s4.jsonl", month)]
    expected = _sorted(_local(ref_paths, extractor))
    assert len(expected) > 100

    out, db = tmp_path / "out", str(tmp_path / "l.db")
    code = main(["extract", "--engine", "dask", "--scheduler", client.scheduler.address, str(shards),
                 "--parquet", str(out), "--db", db])
    err = capsys.readouterr().err
    # the bad line is reported as the local path reports it, and the rest goes on
    assert code == 3, err
    assert f"rejected: {shards / 's1.jsonl'}:3: not JSON" in err
    assert "4 shards on 2 workers: 12 documents" in err

    # one Parquet file per shard, nothing else (no temporary files), with the claim schema
    assert sorted(p.name for p in out.iterdir()) == ["s1.parquet", "s2.parquet", "s3.parquet", "s4.parquet"]
    # every field extraction gives (a correction's mark is set on reading a ledger only)
    from claimscope.records import NOT_STORED

    extracted = [f for f in Claim.__dataclass_fields__ if f not in NOT_STORED]
    assert pq.read_schema(out / "s1.parquet").names == extracted == claim_schema().names
    assert _sorted(read_claims_parquet(out)) == expected
    per_file = {p.name: {c.doc for c in read_claims_parquet(p)} for p in out.iterdir()}
    assert per_file["s3.parquet"] | per_file["s4.parquet"] == {r["id"] for r in records[8:]}
    assert not per_file["s1.parquet"] & per_file["s2.parquet"]
    # the Parquet dates reached the claims as the JSONL dates do (publisher and dates feed the claims)
    assert any(c["publisher"] == "AFP" for c in expected)

    ledger = Ledger(db)
    local_ledger = Ledger(str(tmp_path / "local.db"))  # what `claimscope ingest` stores from the same records
    ingest([str(p) for p in ref_paths], local_ledger, extractor, progress=False)
    assert _sorted(ledger.claims()) == _sorted(local_ledger.claims())
    assert ledger.counts()["documents"] == 12 and len(ledger.rejected()) == 1
    assert {d["name"]: d["date"] for d in ledger.documents()}[records[8]["id"]] == "2025-11-04"

    # run again: the ledger keeps one copy of everything, the files are replaced whole
    report = extract_on_cluster([str(shards)], out_dir=str(out), ledger=ledger, client=client)
    assert (report.added, report.replaced, report.unchanged, report.documents) == (0, 0, 12, 12)
    assert ledger.counts()["documents"] == 12 and ledger.counts()["claims"] == len(expected) == local_ledger.counts()["claims"]
    assert sorted(p.name for p in out.iterdir()) == ["s1.parquet", "s2.parquet", "s3.parquet", "s4.parquet"]
    assert _sorted(read_claims_parquet(out)) == expected

    # without --parquet or --db the claims are printed, as the local path prints them
    assert main(["extract", "--engine", "dask", "--scheduler", client.scheduler.address, str(shards / "s2.jsonl")]) == 0
    printed = [Claim.from_dict(json.loads(row)) for row in capsys.readouterr().out.splitlines()]
    assert _sorted(printed) == _sorted(_local(ref_paths[1:2], extractor))

    # names are unique across shards, as on the local path: the second 'x' is rejected, not stored
    dup = tmp_path / "dup"
    dup.mkdir()
    _jsonl(dup / "d1.jsonl", [records[0] | {"id": "x"}])
    _jsonl(dup / "d2.jsonl", [records[1] | {"id": "x"}, records[2] | {"id": "y"}])
    dup_db = str(tmp_path / "dup.db")
    assert main(["extract", "--engine", "dask", "--scheduler", client.scheduler.address, str(dup), "--db", dup_db]) == 3
    assert f"rejected: {dup / 'd2.jsonl'}:1: duplicate name 'x': already read from {dup / 'd1.jsonl'}:1" in capsys.readouterr().err
    assert [d["name"] for d in Ledger(dup_db).documents()] == ["x", "y"]
    assert Ledger(dup_db).document("x").text == records[0]["text"]


def _state(dask_worker):
    """On a worker: its process id and the keys it is executing now."""
    return os.getpid(), [ts.key for ts in dask_worker.state.executing]


def test_a_worker_killed_mid_run_loses_nothing_and_doubles_nothing(tmp_path, client, extractor):
    shards = tmp_path / "shards"
    shards.mkdir()
    paths = [_jsonl(shards / f"k{i}.jsonl", [{"id": f"k{i}-{name}", "text": text} for name, text in ARTICLES])
             for i in range(3)]
    out, db = tmp_path / "out", str(tmp_path / "l.db")
    ledger = Ledger(db)
    outcome = {}

    def extract():
        try:
            outcome["report"] = extract_on_cluster([str(shards)], out_dir=str(out), ledger=ledger, client=client)
        except BaseException as e:  # pragma: no cover - shown by the assertion below
            outcome["error"] = e

    runner = threading.Thread(target=extract)
    runner.start()
    killed = None
    deadline = time.monotonic() + 60
    while killed is None and runner.is_alive() and time.monotonic() < deadline:
        for addr, (pid, keys) in client.run(_state).items():
            busy = [k for k in keys if str(k).startswith("claimscope-shard-")]
            if busy:
                os.kill(pid, signal.SIGKILL)  # the worker process dies in the middle of a shard
                killed = (addr, pid, busy[0])
                break
        time.sleep(0.05)
    runner.join(120)
    assert not runner.is_alive()
    assert "error" not in outcome, outcome.get("error")
    assert killed is not None, "no worker was caught executing a shard"
    addr, pid, key = killed
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    # Dask ran the killed task again, on another worker
    story = client.run_on_scheduler(lambda dask_scheduler: [(t[1], t[2], t[4]) for t in dask_scheduler.story(key)])
    assert sum(1 for _, finish, _ in story if finish == "processing") >= 2, story
    assert any(finish == "memory" for _, finish, _ in story), story

    report = outcome["report"]
    assert not report.failed and report.shards == 3 and report.documents == 36
    expected = _sorted(_local(paths, extractor))
    # the output equals the local path's, once: one file per shard, no duplicate claim, no temporary file
    assert sorted(p.name for p in out.iterdir()) == ["k0.parquet", "k1.parquet", "k2.parquet"]
    got = _sorted(read_claims_parquet(out))
    assert got == expected
    assert len({(c["doc"], c["start"], c["end"]) for c in got}) == len(got)
    assert ledger.counts()["documents"] == 36 and report.added == 36
    assert ledger.counts()["claims"] == len(expected)
    assert sorted((c.doc, c.start, c.end, c.value) for c in ledger.claims()) == sorted(
        (c["doc"], c["start"], c["end"], c["value"]) for c in expected)


# -- the pieces, without a cluster ----------------------------------------------------------


def test_parquet_shards_are_checked_as_jsonl_records(tmp_path):
    from claimscope.cluster import read_shard
    from claimscope.records import Document, Rejection

    pq.write_table(pa.table({"id": ["a"]}), tmp_path / "no_text.parquet")
    assert [(r.reason, r.line) for r in read_shard(tmp_path / "no_text.parquet")] == [
        ("missing required column(s): text", None)]
    text = ARTICLES[0][1]
    pq.write_table(pa.table({"id": ["a", "b", "a", "c"], "text": [text, " ", text, text],
                             "date": [date(2025, 1, 13), None, None, None], "extra": [1, 2, 3, 4]}),
                   tmp_path / "rows.parquet")
    items = list(read_shard(tmp_path / "rows.parquet"))
    docs = [i for i in items if isinstance(i, Document)]
    rejected = [(r.line, r.reason) for r in items if isinstance(r, Rejection)]
    assert [line for line, _ in rejected] == [2, 3]
    assert rejected[0][1] == "record 'b' has an empty text" and rejected[1][1].startswith("duplicate id 'a'")
    assert [d.name for d in docs] == ["a", "c"]
    assert docs[0].date.iso() == "2025-01-13" and docs[0].origin == f"{tmp_path / 'rows.parquet'}:1"
    assert docs[0].articles and docs[0].lang == "fr"  # laid out, as the local path lays out
    pq.write_table(pa.table({"id": ["a"], "text": [b"bytes"]}), tmp_path / "binary.parquet")
    assert [r.reason for r in read_shard(tmp_path / "binary.parquet")] == [
        "a value of type bytes is not supported in a Parquet shard"]


def test_each_shard_gets_its_own_output_file(tmp_path):
    from claimscope.cluster import output_names, shards

    for d in ("x", "y"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "part.jsonl").write_text("{}\n")
    (tmp_path / "x" / "other.jsonl").write_text("{}\n")
    (tmp_path / "x" / "out").mkdir()
    (tmp_path / "x" / "out" / "part.parquet").write_text("")  # a previous run's output: not an input
    found = shards([str(tmp_path / "x"), str(tmp_path / "y"), str(tmp_path / "x" / "other.jsonl")],
                   out_dir=str(tmp_path / "x" / "out"))
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["x/other.jsonl", "x/part.jsonl", "y/part.jsonl"]
    names = output_names(found)
    assert names[found[0]] == "other.parquet"
    assert len(set(names.values())) == 3 and names == output_names(list(reversed(found)))


def test_a_failed_write_leaves_the_previous_file_whole_and_no_temporary(tmp_path, extractor, monkeypatch):
    from claimscope.cluster import write_claims_parquet
    from claimscope.ingest import lay_out
    from claimscope.records import Document

    claims = extractor.extract(lay_out(Document(name="a", text=ARTICLES[0][1], origin="a")))
    target = tmp_path / "a.parquet"
    write_claims_parquet(claims, target)

    def dies_halfway(table, where, **kw):
        Path(where).write_bytes(b"PAR1 half a file")
        raise OSError("worker lost")

    monkeypatch.setattr(pq, "write_table", dies_halfway)
    with pytest.raises(OSError):
        write_claims_parquet(claims[:1], target)
    assert [p.name for p in tmp_path.iterdir()] == ["a.parquet"]
    assert _sorted(read_claims_parquet(target)) == _sorted(claims) and len(claims) > 3
