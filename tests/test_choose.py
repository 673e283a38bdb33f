"""The source chooser: candidates from the whole article, scored by learned weights."""
from claimscope.extract.choose import Candidate, SourceChooser, candidates, fit


def _known(name):
    return name if name in ("NIS", "HUR") else None


def test_candidates_offer_the_rule_earlier_speakers_mentions_and_nobody():
    cands = candidates(("NIS", (), ["attribution: said"], "sentence"),
                       [("HUR", (), 1, 0), ("NIS", (), 2, 1)], sentence_no=3, block_no=1,
                       context={"sentence_named": True}, known=_known,
                       mentions=[("Yonhap", True)], headline={"HUR"}, earlier_sources=["HUR", "HUR"])
    by_name = {c.name: c for c in cands}
    assert set(by_name) == {None, "NIS", "HUR", "Yonhap"}
    assert by_name["NIS"].features["rule"] == 1.0 and by_name["NIS"].features["carry_rank0"] == 1.0
    assert by_name["HUR"].features["carry_rank1"] == 1.0 and by_name["HUR"].features["in_headline"] == 1.0
    assert by_name["HUR"].features["doc_share_most"] == 1.0
    assert by_name["Yonhap"].features["mention_before_figure"] == 1.0
    assert by_name[None].features["none_when_rule_sentence"] == 1.0


def test_without_weights_the_rules_proposal_stands():
    cands = [Candidate(None, features={"none": 1.0}), Candidate("NIS", features={"rule": 1.0})]
    best, why = SourceChooser(None).choose(cands)
    assert best.name == "NIS" and why is None


def test_fit_learns_which_candidate_is_right_and_why_names_the_features():
    # the earlier speaker is right whenever the rule proposes nobody in the same paragraph
    examples = []
    for k in range(40):
        same = k % 2 == 0
        cands = [{"none": 1.0, "rule_none": 1.0}, {"carry_rank0": 1.0, **({"carry_same_block": 1.0} if same else {})}]
        examples.append((cands, 1 if same else 0))
    weights = fit(examples)
    chooser = SourceChooser(weights)
    carried = [Candidate(None, features={"none": 1.0, "rule_none": 1.0}),
               Candidate("NIS", features={"carry_rank0": 1.0, "carry_same_block": 1.0})]
    best, why = chooser.choose(carried)
    assert best.name == "NIS" and "carry_same_block" in why
    apart = [Candidate(None, features={"none": 1.0, "rule_none": 1.0}), Candidate("NIS", features={"carry_rank0": 1.0})]
    assert chooser.choose(apart)[0].name is None
    assert fit(examples) == weights  # deterministic
