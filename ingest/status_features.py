"""Features of a method mention's clause for the learned status layer: its text and its syntax.

Everything here reads `Token` records (lemma, POS, dependency label, head) and the passage text,
so that training (sentences run through the real spaCy pipeline) and ingest see the same thing.
The record carries no morphology, so voice, tense and mood are read from Finnish verb endings.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ingest.records import Token

# A clause that completes another ("on tarkoitus avata", "aikoo ottaa") is read with it.
_JOINED = ("xcomp", "ccomp", "csubj", "aux", "cop")
_PASSIVE = re.compile(r"(?:t{1,2}(?:aan|ään|iin|u|y|uja|yjä|ava|ävä|avaksi|äväksi))$")
_PAST = re.compile(r"(?:t{1,2}iin|[^aeiouyäö]?(?:si|oi|ui|yi|öi|äi|li|ni|ri|ti)|n[uy]t|neet)$")
_CONDITIONAL = re.compile(r"isi(?:n|t|mme|tte|vat|vät)?$")
_NECESSIVE = re.compile(r"t{1,2}(?:ava|ävä)$")
_PROGRESSIVE = re.compile(r"m(?:assa|ässä)$")  # "ollaan kehittämässä"
_INTENT = ("tarkoitus", "aikoa", "aikomus", "tavoite", "tavoitteena", "suunnitelma", "määrä",
           "suunnitteilla", "valmisteilla", "tulla", "jatkossa", "seuraavaksi", "ensi")
_NEGATION = ("ei", "eikä", "not", "no", "never")
_ENGLISH = re.compile(r"\b(?:the|and|was|were|is|are|has|have|been|in|of|to)\b")
MENTION_DEPS = ("nsubj", "nsubj:pass", "obj", "obl", "nmod", "nmod:poss", "conj", "root",
                "compound", "appos", "other")
VERB_BUCKETS = 48
DISTANCES = (1, 3, 6)


@dataclass(frozen=True)
class MentionSite:
    """A method mention in an analysed passage: the tokens of its sentence (passage order), their
    heads as positions in `tokens`, and the mention's character span in `text`."""

    text: str
    tokens: tuple[Token, ...]
    heads: tuple[int, ...]
    start: int
    end: int


def _bucket(word: str) -> int:
    return zlib.crc32(word.encode("utf-8")) % VERB_BUCKETS


def _is_verb(tok: Token) -> bool:
    return tok.pos in ("VERB", "AUX") and tok.dep not in ("acl", "amod")


def _span_head(site: MentionSite) -> int | None:
    inside = [k for k, t in enumerate(site.tokens) if site.start <= t.start < site.end]
    for k in inside:
        if site.heads[k] not in inside or site.heads[k] == k:
            return k
    return inside[0] if inside else None


def _nearest_verb(site: MentionSite, k: int) -> int | None:
    seen: set[int] = set()
    while k not in seen:
        seen.add(k)
        if site.tokens[k].pos == "VERB" and site.tokens[k].dep not in ("acl", "amod"):
            return k
        k = site.heads[k]
    return None


def _clause_top(site: MentionSite, k: int) -> int:
    """The head of the clause group holding token k: its nearest verb, raised through the
    clauses that only complete another ('on tarkoitus [avata]')."""
    verb = _nearest_verb(site, k)
    top = k if verb is None else verb
    seen: set[int] = set()
    while top not in seen and site.tokens[top].dep.split(":")[0] in _JOINED:
        seen.add(top)
        top = site.heads[top]
    if verb is None:  # a verbless clause: the root of the fragment
        while site.heads[top] != top and top not in seen:
            seen.add(top)
            top = site.heads[top]
    return top


def clause_positions(site: MentionSite) -> list[int]:
    """Positions of the tokens in the mention's clause group (the whole sentence when the parse
    gives fewer than three tokens)."""
    k = _span_head(site)
    if k is None:
        return list(range(len(site.tokens)))
    top = _clause_top(site, k)
    positions = [j for j in range(len(site.tokens)) if _clause_top(site, j) == top]
    return positions if len(positions) >= 3 else list(range(len(site.tokens)))


def clause_text(site: MentionSite) -> str:
    """The clause as text, from its first to its last token (what the encoder embeds)."""
    positions = clause_positions(site)
    first, last = site.tokens[positions[0]], site.tokens[positions[-1]]
    return " ".join(site.text[first.start:last.end].split())


def syntax_names() -> list[str]:
    """Names of the syntactic features, in vector order."""
    names = [f"dep={d}" for d in MENTION_DEPS]
    names += [f"gov#{i}" for i in range(VERB_BUCKETS)] + [f"top#{i}" for i in range(VERB_BUCKETS)]
    names += ["passive", "past", "conditional", "necessive", "progressive", "intent", "negation",
              "verbless", "question", "english", "verb_before", "participle_mod"]
    names += [f"dist<={d}" for d in DISTANCES] + ["dist>"]
    return names


def syntax_vector(site: MentionSite) -> np.ndarray:
    """Dependency and morphology features of the mention's clause (0/1 values)."""
    names = syntax_names()
    index = {n: i for i, n in enumerate(names)}
    out = np.zeros(len(names), dtype=np.float32)
    k = _span_head(site)
    sentence = " ".join(site.text[site.tokens[0].start:site.tokens[-1].end].split()) \
        if site.tokens else ""
    if k is None:
        out[index["verbless"]] = 1.0
        return out
    dep = site.tokens[k].dep
    out[index[f"dep={dep}" if dep in MENTION_DEPS else
              f"dep={dep.split(':')[0]}" if dep.split(':')[0] in MENTION_DEPS else "dep=other"]] = 1
    positions = clause_positions(site)
    clause = [site.tokens[j] for j in positions]
    verb = _nearest_verb(site, k)
    top = _clause_top(site, k)
    if verb is not None:
        out[index[f"gov#{_bucket(site.tokens[verb].lemma.lower())}"]] = 1.0
        distance = abs(verb - k)
        slot = next((f"dist<={d}" for d in DISTANCES if distance <= d), "dist>")
        out[index[slot]] = 1.0
        out[index["verb_before"]] = float(verb < k)
    out[index[f"top#{_bucket(site.tokens[top].lemma.lower())}"]] = 1.0
    verbs = [t.text.lower() for t in clause if _is_verb(t)]
    words = {t.lemma.lower() for t in clause} | {t.text.lower() for t in clause}
    out[index["passive"]] = float(any(_PASSIVE.search(v) for v in verbs))
    out[index["past"]] = float(any(_PAST.search(v) for v in verbs))
    out[index["conditional"]] = float(any(_CONDITIONAL.search(v) for v in verbs))
    out[index["necessive"]] = float(any(_NECESSIVE.search(t.text.lower()) for t in clause)
                                    and "olla" in words)
    out[index["progressive"]] = float(any(_PROGRESSIVE.search(t.text.lower()) for t in clause
                                          if t.pos == "VERB"))
    out[index["intent"]] = float(bool(words & set(_INTENT)))
    out[index["negation"]] = float(bool(words & set(_NEGATION)))
    out[index["verbless"]] = float(not verbs)
    out[index["question"]] = float(sentence.rstrip().endswith("?"))
    out[index["english"]] = float(len(_ENGLISH.findall(sentence.lower())) >= 2)
    # "kehitetty malli", "vakiintunut käytäntö": a participle on the mention itself
    out[index["participle_mod"]] = float(any(
        site.heads[j] == k and site.tokens[j].dep in ("acl", "amod")
        and site.tokens[j].pos in ("VERB", "ADJ") for j in range(len(site.tokens))))
    return out


def sites_in_sentence(text: str, tokens: Sequence[Token], heads: Sequence[int],
                      spans: Sequence[tuple[int, int]]) -> list[MentionSite]:
    """One site per span, over the tokens of the sentence each span falls in (`heads` are
    positions in `tokens`; a head outside the sentence is read as the token itself)."""
    sites = []
    for start, end in spans:
        first = next((t.sent for t in tokens if start <= t.start < end), None)
        keep = [k for k, t in enumerate(tokens) if t.sent == first]
        if not keep:
            keep = list(range(len(tokens)))
        at = {k: i for i, k in enumerate(keep)}
        local = tuple(at.get(heads[k], i) for i, k in enumerate(keep))
        sites.append(MentionSite(text, tuple(tokens[k] for k in keep), local, start, end))
    return sites
