"""Who says a figure: a named source (with the relays it came through), someone unnamed, an
anaphor the discourse step resolves, or nobody."""
from __future__ import annotations

from dataclasses import dataclass

from ..records import SpeakerKind


@dataclass(slots=True)
class Speaker:
    kind: SpeakerKind
    name: str | None = None
    via: tuple[str, ...] = ()
    cue: str = ""
    hint: str | None = None  # the noun of an anaphor ("l'agence" -> "agence"), to find its antecedent


NONE = Speaker("none")
