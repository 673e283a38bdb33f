"""Train claimscope's English pipeline on Universal Dependencies English-EWT.

    python training/en/train.py [--max-steps N] [--gpu-id -1]

Converts ../shared/data/ud-english-ewt (CoNLL-U) to spaCy's format, trains tagger,
morphologizer, parser and lemmatizer (CNN tok2vec, no vectors; config.cfg beside this file)
with a fixed seed, then scores the best model on the EWT *test* split and prints UPOS and
LAS. On the CPU the run is deterministic: the same data, config and seed give the same
weights. The pipeline is a derived work of EWT (CC BY-SA 4.0): ship it with that licence.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DATA = ROOT.parent / "shared" / "data" / "ud-english-ewt"
SEED = 0


def run(*args: str) -> None:
    print("+", " ".join(args), flush=True)
    subprocess.run(args, check=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(DATA))
    ap.add_argument("--max-steps", type=int, default=15000)
    ap.add_argument("--gpu-id", type=int, default=-1)
    ap.add_argument("--output", default=str(HERE / "output"))
    args = ap.parse_args()
    corpus = HERE / "corpus"
    corpus.mkdir(exist_ok=True)
    py = sys.executable
    for split in ("train", "dev", "test"):
        run(py, "-m", "spacy", "convert", f"{args.data}/en_ewt-ud-{split}.conllu", str(corpus),
            "--converter", "conllu", "-n", "10", "--merge-subtokens")
    run(py, "-m", "spacy", "train", str(HERE / "config.cfg"), "--output", args.output,
        "--paths.train", str(corpus / "en_ewt-ud-train.spacy"), "--paths.dev", str(corpus / "en_ewt-ud-dev.spacy"),
        "--system.seed", str(SEED), "--training.max_steps", str(args.max_steps), "--gpu-id", str(args.gpu_id))
    scores = Path(args.output) / "test-scores.json"
    run(py, "-m", "spacy", "evaluate", str(Path(args.output) / "model-best"), str(corpus / "en_ewt-ud-test.spacy"),
        "--output", str(scores))
    s = json.loads(scores.read_text())
    print(f"EWT test: UPOS {s['pos_acc']:.3f}  LAS {s['dep_las']:.3f}  UAS {s['dep_uas']:.3f}  "
          f"lemma {s.get('lemma_acc', 0):.3f}  (targets: UPOS >= 0.94, LAS >= 0.80)")


if __name__ == "__main__":
    main()
