"""Near-duplicate detection holds its measured precision and recall on the labelled pairs."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_dedup_floors_on_labelled_pairs():
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "dedup_eval.py")], capture_output=True,
                         text=True, check=True).stdout
    line = next(x for x in out.splitlines() if "copies found" in x)
    precision, recall = float(line.split("precision")[1].split()[0]), float(line.split("recall")[1].split()[0])
    assert precision >= 0.95 and recall >= 0.85, out
