"""Train claimscope's English pipeline on Universal Dependencies English-EWT.

    python training/en/train.py [--max-steps N] [--gpu-id -1] [--install]

Converts ../shared/data/ud-english-ewt (CoNLL-U) to spaCy's format, trains tagger,
morphologizer, parser and lemmatizer (CNN tok2vec, no vectors; config.cfg beside this file:
Adam with parameter averaging, the learning rate warmed up then decayed linearly to zero at
8,000 steps) with a fixed seed, then scores the best model on the EWT *test* split and prints UPOS and
LAS. On the CPU the run is deterministic: the same data, config and seed give the same
weights; the script prints a digest of them to compare runs. `--install` copies the best
model into the package (src/claimscope/models/en_ewt), with EWT's licence and attribution:
the pipeline is a derived work of EWT (CC BY-SA 4.0) and ships under the same terms.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DATA = ROOT.parent / "shared" / "data" / "ud-english-ewt"
SEED = 0
INSTALLED = ROOT / "src" / "claimscope" / "models" / "en_ewt"
ATTRIBUTION = """# claimscope's English pipeline (en_ewt)

Tagger, morphologizer, dependency parser and lemmatizer (spaCy, CNN tok2vec, no vectors),
trained by claimscope's `training/en/train.py` (config `training/en/config.cfg`, seed {seed},
{steps} steps) on Universal Dependencies English-EWT (UD_English-EWT, commit
15d613d8447b3478787d4c278730a1e48a945efb). Scores on the EWT test split: UPOS {upos:.3f},
LAS {las:.3f}, UAS {uas:.3f}, lemma {lemma:.3f}. Weights digest: {digest}.

The pipeline is a derived work of the English Web Treebank in Universal Dependencies form,
licensed CC BY-SA 4.0 (LICENSE beside this file): it is distributed under the same licence.
Treebank: Silveira et al., "A Gold Standard Dependency Corpus for English" (LREC 2014), and the
Universal Dependencies contributors.
"""


def run(*args: str) -> None:
    print("+", " ".join(args), flush=True)
    subprocess.run(args, check=True)


def weights_digest(model: Path) -> str:
    """A digest of the weights and vocabulary: meta.json aside (it holds timings), config.cfg
    (it holds the path the training data was read from, which is the machine's), and the
    licence and attribution `--install` adds."""
    h = hashlib.sha256()
    for p in sorted(model.rglob("*")):
        if p.is_file() and p.name not in ("meta.json", "config.cfg", "LICENSE", "README.md"):
            h.update(str(p.relative_to(model)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


def install(model: Path, scores: dict, steps: int, data: Path) -> None:
    """The model into the package, with the data's licence and the attribution."""
    if INSTALLED.exists():
        shutil.rmtree(INSTALLED)
    shutil.copytree(model, INSTALLED)
    shutil.copy(data / "LICENSE.txt", INSTALLED / "LICENSE")
    (INSTALLED / "README.md").write_text(ATTRIBUTION.format(
        seed=SEED, steps=steps, upos=scores["pos_acc"], las=scores["dep_las"], uas=scores["dep_uas"],
        lemma=scores.get("lemma_acc", 0), digest=weights_digest(model)), encoding="utf-8")
    print(f"installed {model} -> {INSTALLED}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(DATA))
    ap.add_argument("--max-steps", type=int, default=8000)
    ap.add_argument("--gpu-id", type=int, default=-1)
    ap.add_argument("--output", default=str(HERE / "output"))
    ap.add_argument("--install", action="store_true", help="copy the best model into the package when done")
    ap.add_argument("--skip-training", action="store_true", help="evaluate (and install) the model already in --output")
    args = ap.parse_args()
    corpus = HERE / "corpus"
    corpus.mkdir(exist_ok=True)
    py = sys.executable
    for split in ("train", "dev", "test"):
        run(py, "-m", "spacy", "convert", f"{args.data}/en_ewt-ud-{split}.conllu", str(corpus),
            "--converter", "conllu", "-n", "10", "--merge-subtokens")
    if not args.skip_training:
        run(py, "-m", "spacy", "train", str(HERE / "config.cfg"), "--output", args.output,
            "--paths.train", str(corpus / "en_ewt-ud-train.spacy"), "--paths.dev", str(corpus / "en_ewt-ud-dev.spacy"),
            "--system.seed", str(SEED), "--training.max_steps", str(args.max_steps), "--gpu-id", str(args.gpu_id))
    scores = Path(args.output) / "test-scores.json"
    run(py, "-m", "spacy", "evaluate", str(Path(args.output) / "model-best"), str(corpus / "en_ewt-ud-test.spacy"),
        "--output", str(scores))
    s = json.loads(scores.read_text())
    best = Path(args.output) / "model-best"
    print(f"EWT test: UPOS {s['pos_acc']:.3f}  LAS {s['dep_las']:.3f}  UAS {s['dep_uas']:.3f}  "
          f"lemma {s.get('lemma_acc', 0):.3f}  (targets: UPOS >= 0.94, LAS >= 0.80)")
    print(f"weights digest: {weights_digest(best)}")
    if args.install:
        install(best, s, args.max_steps, Path(args.data))


if __name__ == "__main__":
    main()
