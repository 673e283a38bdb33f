"""The components' declared hand-offs (`requires`/`assigns`) hold in each language's real pipeline."""
import pytest

from claimscope.extract.pipeline import COMPONENTS, build_nlp
from claimscope.lang import supported_languages


@pytest.mark.parametrize("lang", supported_languages())
def test_analyze_pipes_finds_no_problem(lang):
    nlp = build_nlp(lang)
    analysis = nlp.analyze_pipes(pretty=False)
    assert set(COMPONENTS) <= set(nlp.pipe_names)
    assert {name: problems for name, problems in analysis["problems"].items() if problems} == {}
    # every claimscope component after the figure finder reads what the finder wrote
    for name in COMPONENTS[2:]:
        assert "doc._.figures" in analysis["summary"][name]["requires"], name
    assert "doc._.figures" in analysis["summary"]["claimscope_figures"]["assigns"]
