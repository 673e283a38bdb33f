"""Relay chains in an attribution phrase: "A cités par B" (source A via B), "A citant B"
(source B via A), "said Park, citing the NIS": the phrase read up to the clause boundary, its
relays split off, each part resolved to a speaker by the attribution's own resolver."""
from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Span

from ..lang import LanguageData, fold
from . import memo
from .speaker import Speaker


class RelayChains:
    def __init__(self, lang: LanguageData, resolve: Callable[[Span, str, str], Speaker]):
        a = lang.attribution
        self.relay_passive = re.compile(rf"\s*,?\s*(?:{'|'.join(lang.phrase_pattern(p) for p in a['relay_passive'])})\s+", re.IGNORECASE)
        self.relay_active = re.compile(rf"\s*,?\s*(?:{'|'.join(lang.phrase_pattern(p) for p in a['relay_active'])})\s+", re.IGNORECASE)
        self.complementizers = {fold(w) for w in lang.data["grammar"]["complementizers"]}
        self.resolve = resolve  # a noun phrase -> a speaker (Attribution._resolve)
        # "selon les derniers chiffres communiqués par les autorités espagnoles": the figures' maker
        agents = "|".join(lang.phrase_pattern(p) for p in a.get("agent_prepositions", []))
        self.agent = re.compile(rf"\s(?:{agents})\s+", re.IGNORECASE) if agents else None

    def phrase_after(self, sent: Span, start: int) -> tuple[int, int, str] | None:
        """The noun phrase from `start` to the clause boundary; an appositive name is kept."""
        doc = sent.doc
        tokens = [t for t in sent if t.idx >= start]
        end = None
        for k, t in enumerate(tokens):
            if t.text in (",", ";", ":", ".", "!", "?", "(", ")") or fold(t.text) in self.complementizers:
                if t.text == "," and k + 1 < len(tokens) and tokens[k + 1].pos_ == "PROPN":
                    # "selon le ministre, Andreï Belousov, ...": keep the name
                    j = k + 1
                    while j < len(tokens) and tokens[j].pos_ == "PROPN":
                        j += 1
                    if j == len(tokens) or tokens[j].text in (",", ".", ";"):
                        end = tokens[j - 1].idx + len(tokens[j - 1])
                        break
                end = t.idx
                break
            if t.pos_ in ("VERB", "AUX") and t.morph.get("VerbForm") == ["Fin"] and k > 0:
                end = t.idx
                break
        if end is None:
            end = sent.end_char
        full = memo.text(doc)
        text = full[start:end].strip()
        if not text:
            return None
        # a relay after a comma: "selon Reuters, qui cite des responsables américains"
        rest = full[end:sent.end_char]
        m = self.relay_active.match(rest)
        if m:
            more = self.phrase_after(sent, end + m.end())
            if more:
                return start, more[1], full[start:more[1]].strip()
        return start, start + len(full[start:end].rstrip()), text

    def with_chain(self, sent: Span, phrase: tuple[int, int, str], cue: str) -> Speaker:
        start, end, text = phrase
        m = self.relay_passive.search(text)
        if m:
            inner, outer = text[: m.start()], text[m.end():]
            return self._chain(sent, inner, [outer], cue)
        m = self.relay_active.search(text)
        if m:
            outer, inner = text[: m.start()], text[m.end():]
            return self._chain(sent, inner, [outer], cue)
        return self._maker(sent, text, cue)

    def _maker(self, sent: Span, text: str, cue: str) -> Speaker:
        """The phrase's speaker; for one that names nobody, the maker it names after "by"
        ("figures compiled by the Kyiv School of Economics", "imagery analysed by the Open Source Centre")."""
        speaker = self.resolve(sent, text, cue)
        if speaker.kind in ("unnamed", "none") and self.agent is not None:
            by = list(self.agent.finditer(text))
            if by:
                maker = self.resolve(sent, text[by[-1].end():], cue)
                if maker.kind == "named":
                    return maker
        return speaker

    def relayed(self, sent: Span, quoted: Span, relay: str, cue: str) -> Speaker:
        """The one quoted, relayed by the phrase `relay` ("Yonhap quotes the JCS as saying")."""
        return self._chain(sent, quoted.text, [relay], cue)

    def _chain(self, sent: Span, inner: str, outers: list[str], cue: str) -> Speaker:
        source = self._maker(sent, inner, cue)
        via = []
        for o in outers:
            relay = self.resolve(sent, o, cue)
            if relay.kind == "named":
                via.append(relay.name)
        if source.kind == "named":
            return Speaker("named", source.name, tuple(via), cue)  # type: ignore[arg-type]
        if via and source.kind != "anaphor":
            # "selon des sources citées par Yonhap": no name inside, the relay speaks
            return Speaker("unnamed", None, tuple(via), cue)  # type: ignore[arg-type]
        return Speaker(source.kind, source.name, tuple(via), cue)  # type: ignore[arg-type]

    def with_relay_after(self, sent: Span, span: Span) -> tuple[int, int, str]:
        """A speaker's phrase, with the relay that follows it: 'said Park, citing the NIS',
        'Japan's NHK, citing Ukrainian military intelligence, reported'."""
        doc = sent.doc
        rest = doc.text[span.end_char:sent.end_char]
        # the parse hung the cited name on the verb: the subject's phrase ends at "citing"
        if any(c.end() == len(span.text) + 1 for c in self.relay_active.finditer(span.text + " ")):
            more = self.phrase_after(sent, span.end_char + len(rest) - len(rest.lstrip()))
            if more:
                return span.start_char, more[1], doc.text[span.start_char:more[1]]
        m = self.relay_active.match(rest)
        if m:
            more = self.phrase_after(sent, span.end_char + m.end())
            if more:
                return span.start_char, more[1], doc.text[span.start_char:more[1]]
        return span.start_char, span.end_char, span.text
