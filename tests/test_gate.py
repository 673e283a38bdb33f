"""The evaluation gate: every annotated set scores at or above its pinned floors."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from claimscope.evaluate import score

sys.path.insert(0, str(Path(__file__).parent / "gate"))
import gate  # noqa: E402

SETS = gate.load_sets()


@pytest.mark.parametrize("name", sorted(SETS))
def test_corpus_is_the_pinned_one(name):
    assert gate.corpus_hash(SETS[name]) == SETS[name]["hash"], (
        f"the {name} corpus changed: review the change, then pin `python tests/gate/gate.py --hash`")


@pytest.fixture(scope="module")
def extractors():
    """Each document to its language's pipeline, as `claimscope ingest` reads them."""
    from claimscope.extract.pipeline import Extractors

    return Extractors()


@pytest.mark.parametrize("name", sorted(SETS))
def test_floors(name, extractors):
    spec = SETS[name]
    s = score(gate.gold(spec), gate.predict(spec, extractors))
    below = {k: (v, spec["floors"][k]) for k, v in {"f1": s.f1, **s.fields}.items()
             if k in spec["floors"] and v < spec["floors"][k]}
    assert not below, f"{name}: below the floors (score, floor): {below}"


def test_agrees_with_the_guide_scorer(tmp_path, extractor):
    """`claimscope evaluate` gives score.py's figures, to the third decimal."""
    shared = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"
    if not shared.exists():
        pytest.skip("../shared/eval/score.py is not beside this checkout")
    spec = SETS["dev"]
    pred = tmp_path / "pred.jsonl"
    pred.write_text("".join(json.dumps(c) + "\n" for c in gate.predict(spec, extractor)), encoding="utf-8")
    gold = Path(gate.HERE / spec["folder"] / "gold.jsonl")
    theirs = json.loads(subprocess.run([sys.executable, str(shared), str(pred), str(gold), "--json"],
                                       capture_output=True, text=True, check=True).stdout)
    from claimscope.evaluate import load_jsonl

    ours = score(load_jsonl(str(gold)), load_jsonl(str(pred))).figures()
    for key in ("gold", "predicted", "matched"):
        assert ours[key] == theirs[key]
    for key in ("precision", "recall", "f1"):
        assert round(ours[key], 3) == round(theirs[key], 3)
    for k, v in theirs["fields"].items():
        assert round(ours["fields"][k], 3) == round(v, 3), k


DISAGREE = gate.load_floors().get("disagreements", {})


def test_disagreement_labels_are_the_pinned_ones():
    import disagreements

    assert disagreements.labels_hash() == DISAGREE["hash"], (
        "the disagreement labels changed: review, then pin `python tests/gate/disagreements.py --hash`")


def test_disagreement_verdicts_hold_their_floors(extractors):
    """The reconciliation's verdicts on the real stories, against annotators' labels."""
    import disagreements

    result = disagreements.measure(extractors)
    assert result["repeated_keys"] == [], "more than one row for a measure, basis and period"
    below = _below(result["verdicts"], DISAGREE["floors"])
    assert not below, f"below the floors (score, floor): {below}"


def _below(verdicts: dict, floors: dict) -> dict:
    """'verdict measure' -> (score, floor) for every figure under its floor."""
    return {f"{verdict} {what}": (verdicts[verdict][what], floor) for verdict, of in floors.items()
            for what, floor in of.items() if verdicts[verdict][what] is None or verdicts[verdict][what] < floor}


def test_verdicts_on_the_annotated_claims_hold_their_floors(extractors):
    """The reconciliation alone: the annotators' own claims reconciled, their verdicts scored."""
    import disagreements

    result = disagreements.measure(extractors, annotated=True)
    assert result["repeated_keys"] == []
    below = _below(result["verdicts"], DISAGREE["gold_claims"])
    assert not below, f"below the floors (score, floor): {below}"
