"""The evaluation gate: annotated article sets, their scores, and the floors CI holds.

    python tests/gate/gate.py            # print every set's figures
    python tests/gate/gate.py en fr      # only these sets
    python tests/gate/gate.py --hash     # print the corpus hashes to pin in floors.toml

Each set's corpus (articles and gold) is hashed, so that a changed fixture cannot quietly
move a score: changing one means updating its hash here on purpose.
"""
from __future__ import annotations

import hashlib
import sys
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
FLOORS = HERE / "floors.toml"


def load_floors() -> dict:
    return tomllib.loads(FLOORS.read_text(encoding="utf-8"))


def load_sets() -> dict:
    return load_floors()["sets"]


def set_files(spec: dict) -> tuple[list[Path], list[Path]]:
    """The set's inputs (its articles' text files, or one JSONL of articles with their
    publication dates: `input`), its gold files, and its topic file when it has one."""
    folder = HERE / spec["folder"]
    texts = [folder / spec["input"]] if "input" in spec else sorted(folder.glob("*.txt"))
    golds = sorted(folder.glob(spec.get("gold", "gold*.jsonl")))
    if "topic" in spec:
        texts.append(folder / spec["topic"])
    return texts, golds


def topic_of(spec: dict) -> str | None:
    return str(HERE / spec["folder"] / spec["topic"]) if "topic" in spec else None


def corpus_hash(spec: dict) -> str:
    h = hashlib.sha256()
    texts, golds = set_files(spec)
    for p in [*texts, *golds]:
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


_EXTRACTED: dict[tuple[str, int], tuple[list, list]] = {}  # (set folder, extractor) -> documents, claims


def documents(spec: dict) -> list:
    """The set's documents as the reader makes them; an article it rejects (a broken language
    file is enough) stops here with its reason, rather than scoring as no claims."""
    from claimscope.ingest import read

    texts, _ = set_files(spec)
    read_back = list(read([str(p) for p in texts if p.suffix != ".toml"]))
    docs = [d for d in read_back if hasattr(d, "text")]
    if len(docs) < len(read_back):
        raise RuntimeError(f"{spec['folder']}: {next(d for d in read_back if not hasattr(d, 'text'))}")
    return docs


def extracted(spec: dict, extractor, chooser=None) -> tuple[list, list]:
    """The set's documents and their claims (Claim objects), by `extractor` (the built-in
    topic's), or, for a set with its own topic file, by an extractor of that topic. Kept for
    the process, so that the floors and the disagreement labels extract a set once."""
    key = (spec["folder"], id(extractor))
    if chooser is None and key in _EXTRACTED:
        return _EXTRACTED[key]
    topic = topic_of(spec)
    if topic or chooser is not None:
        from claimscope.extract.pipeline import Extractors

        extractor = Extractors(topic, chooser=chooser)
    docs = documents(spec)
    claims = [c for _, found in extractor.extract_many(docs) for c in found]
    if chooser is None:
        _EXTRACTED[key] = (docs, claims)
    return docs, claims


def predict(spec: dict, extractor, chooser=None) -> list[dict]:
    """The set's claims as the scorer reads them (see `extracted`)."""
    return [c.to_dict() for c in extracted(spec, extractor, chooser)[1]]


def gold(spec: dict) -> list[dict]:
    from claimscope.evaluate import load_jsonl

    _, golds = set_files(spec)
    return [row for g in golds for row in load_jsonl(str(g))]


def main() -> None:
    from claimscope.evaluate import score
    from claimscope.extract.pipeline import Extractors

    sets = load_sets()
    if "--hash" in sys.argv:
        for name, spec in sets.items():
            print(f"{name}: {corpus_hash(spec)}")
        return
    only = [a for a in sys.argv[1:] if not a.startswith("-")]
    extractor = Extractors()  # each document in its own language, as `claimscope ingest` reads it
    from claimscope.evaluate import FIELDS

    print(f"{'set':20} {'gold':>5} {'pred':>5}   P     R     F1   " + "  ".join(f"{f[:6]:>6}" for f in FIELDS))
    pooled: dict[str, tuple[list, list]] = {}
    for name, spec in sets.items():
        if only and name not in only:
            continue
        g, p = gold(spec), predict(spec, extractor)
        _row(name, score(g, p), FIELDS)
        if "story" in spec:  # real articles: pooled by whether the developers ever looked at them
            group = "unseen stories" if spec.get("unseen") else "looked-at stories"
            pooled.setdefault(group, ([], []))[0].extend(g)
            pooled[group][1].extend(p)
    for group, (g, p) in pooled.items():
        _row(group, score(g, p), FIELDS)


def _row(name: str, s, fields) -> None:
    print(f"{name:20} {s.gold:5} {s.predicted:5} {s.precision:.3f} {s.recall:.3f} {s.f1:.3f} " +
          "  ".join(f"{s.fields[f]:6.3f}" if f in s.fields else f"{'-':>6}" for f in fields))


if __name__ == "__main__":
    main()
