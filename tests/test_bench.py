"""The benchmark script runs end to end and checks that claimscope and the naive path agree.

Speed is never asserted here (benchmarks/README.md holds the figures); what is asserted is that
the script works on a small corpus and that its two extraction paths give the same claims.
"""
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_benchmark_prints_every_path_and_the_same_claims_on_both(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench.py"), "--n", "6", "--runs", "1",
                          "--no-memory", "--corpus", str(corpus)], capture_output=True, text=True, check=True).stdout
    assert len(corpus.read_text(encoding="utf-8").splitlines()) == 6
    for row in ("claimscope total", "naive path total", "model alone (nlp.pipe)", "floor (tokenizer)"):
        assert re.search(rf"^{re.escape(row)}\s+\d+\.\d+", out, re.M), out
    assert int(re.search(r"claims stored: (\d+)", out).group(1)) > 0
    assert "claims of claimscope and of the naive path: identical" in out, out
