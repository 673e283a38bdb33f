"""The French conditional that the tagger reads as an imperfect ('resteraient': Mood=Ind,
Tense=Imp) is still a conditional: hedged, the report of whoever spoke (the GUIDE's
"auraient été déployés"); an imperfect is not one, and a supposition reports nobody."""
import pytest

from claimscope.extract.pipeline import Extractor
from claimscope.ingest import lay_out
from claimscope.records import Document


@pytest.fixture(scope="module")
def french():
    return Extractor("fr")


def _claims(extractor, text):
    return extractor.extract(lay_out(Document(name="t.txt", text=text, origin="t.txt", lang="fr")))


@pytest.mark.parametrize("text,hedged", [
    ("Quelque 10 000 militaires nord-coréens resteraient aujourd'hui stationnés en Russie.", True),
    ("Kim Jong-un en retirerait jusqu'à 20 milliards de dollars.", True),
    ("Les pertes s'élèveraient à quelque 4 700 hommes.", True),
    ("Pyongyang en prendrait 3 000 de plus.", True),  # a "-re" verb: its stem drops the "e"
    # an imperfect is no conditional, even where its stem ends in "r"
    ("Le ministère déclarait alors 300 morts.", False),
    ("Le contingent comptait 11 000 hommes.", False),
])
def test_a_conditional_read_as_an_imperfect_is_hedged(french, text, hedged):
    [claim] = _claims(french, text)
    assert claim.hedged is hedged


def test_a_supposition_in_the_conditional_is_hedged_but_nobodys_report(french):
    text = ("Le NIS a affirmé lundi que 300 soldats avaient été tués.\n\n"
            "Même en retenant l'estimation la plus haute, les pertes représenteraient un tiers du contingent.")
    claims = _claims(french, text)
    assert [(c.value, c.source, c.hedged) for c in claims][-1] == (pytest.approx(100 / 3), None, True)
