"""Whether a token is a verb of saying ("a déclaré", "estime", "fait état de", "said"): by lemma,
by a two-word phrase, or by stem, from the language data. Shared by attribution, timeref and
modality, each of which asks it of the verbs near a figure."""
from __future__ import annotations

from spacy.tokens import Token

from ..lang import LanguageData, fold


class SpeechVerbs:
    def __init__(self, lang: LanguageData):
        a = lang.attribution
        self.lemmas = {fold(v) for v in a["speech_verbs"]}
        self.stems = tuple(fold(s) for s in a["speech_stems"])
        self.phrases = [(fold(v), fold(w)) for v, w in a.get("speech_phrases", [])]  # type: ignore[str-unpack]
        self.stem_exceptions = tuple(fold(w) for w in a.get("speech_stem_exceptions", []))
        self.complementizers = {fold(w) for w in lang.data["grammar"]["complementizers"]}
        # "S'y ajoutent des canons", "il se dit prêt", "found itself": a verb of saying made reflexive says nothing
        self.reflexive = {fold(w) for w in lang.data["grammar"].get("reflexive", [])}
        # "the economy added 1.37 million jobs": a verb that says only with no object of its own
        self.object_not_said = {fold(v) for v in a.get("not_saying_with_object", [])}
        # "European indices put in a mixed performance": with this word right after it the verb says nothing
        self.not_said_before = {tuple(fold(w) for w in p.split()) for p in a.get("not_saying_before", [])}

    def __call__(self, t: Token) -> bool:
        if t.pos_ not in ("VERB", "AUX", "NOUN"):
            return False
        nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
        before_que = nxt is not None and fold(nxt.text) in self.complementizers
        prev = t.doc[t.i - 1] if t.i > t.sent.start else None
        # "The Dong-A Ilbo reports, without naming its sources, that ...": a name, then the verb read as a plural noun
        after_name = (prev is not None and prev.pos_ == "PROPN" and fold(t.text) != fold(t.lemma_)
                      and nxt is not None and (nxt.text == "," or nxt.like_num))
        if t.pos_ == "NOUN" and t.dep_ not in ("ROOT", "ccomp", "conj", "parataxis") and not before_que and not after_name:
            return False  # a tagger slip ("le NIS juge que") counts only where a verb stands, or before "que"
        if t.pos_ != "NOUN" and any((c.i < t.i and fold(c.text) in self.reflexive)
                                    or (c.dep_ in ("obj", "iobj") and "Yes" in c.morph.get("Reflex")) for c in t.children):
            return False  # "S'y ajoutent", "Brent crude found itself in trouble": no one says anything
        lemma, word = fold(t.lemma_), fold(t.text)
        if lemma in self.object_not_said and any(c.dep_ == "obj" and c.pos_ in ("NOUN", "NUM") and not c.text[:1].isupper()
                                                 for c in t.children):
            return False  # (a name after it is its subject inverted: "..., a ajouté Machado")
        if nxt is not None and (lemma, fold(nxt.text)) in self.not_said_before:
            return False  # (the word right after it, whatever the parse made of it: "put in a performance")
        for verb, second in self.phrases:
            if lemma == verb and any(fold(x.text) == second for x in t.doc[t.i + 1:t.i + 4]):
                return True  # "fait (également) état de"
        if lemma in self.lemmas:
            return True
        # "Le KEDF chiffre enfin ...": a noun to the tagger with a subject and no copula is a verb
        subject = t.pos_ == "NOUN" and any(c.dep_ == "nsubj" for c in t.children) and not any(c.dep_ == "cop" for c in t.children)
        return ((t.pos_ == "VERB" or before_que or subject) and word.startswith(self.stems)
                and not word.startswith(self.stem_exceptions))
