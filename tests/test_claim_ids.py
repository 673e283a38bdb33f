"""A claim's id is '<doc>#<stored ordinal>' in every face: exports, reconcile and the pages
agree even where the stored order is not the text's order."""
from __future__ import annotations

from claimscope.reconcile import reconcile
from claimscope.records import Claim, Document
from claimscope.store import Ledger
from claimscope.web.data import numbered

TEXT = "Selon Yonhap, 3 000 soldats sont partis. Selon le NIS, 12 000 soldats sont partis."


def _claim(value: float, figure: str, source: str) -> Claim:
    start = TEXT.index(figure)
    return Claim(doc="a", start=start, end=start + len(figure), text=figure, value=value, unit="soldier",
                 measure="dprk_troops_sent", source=source)


def test_every_face_numbers_claims_by_their_stored_ordinal(tmp_path):
    later, earlier = _claim(12000, "12 000", "NIS"), _claim(3000, "3 000", "Yonhap")
    ledger = Ledger(str(tmp_path / "ledger.db"))
    run = ledger.start_run("test", "t", "v")
    doc = Document(name="a", text=TEXT, origin="a.txt")
    ledger.store(doc, [later, earlier], run)  # stored out of text order: ordinal 1 is the later figure
    claims = ledger.claims()
    exported = {r["id"]: r["value"] for r in ledger.claim_records()}
    assert exported == {"a#1": 12000, "a#2": 3000}
    recon = reconcile([ledger.document("a")], claims)
    assert {cid: v.claim.value for cid, v in recon.views.items()} == exported
    assert {cid: c.value for cid, _, c in numbered(claims)} == exported
    ledger.close()
