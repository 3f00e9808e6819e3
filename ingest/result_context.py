"""What a sentence's place and parse say about its counts, beside its words: whether it is an
item of a list under a heading of what is still to come ("Keskeneräistä", "Still to do"), and
whether a result verb governs a count in the Finnish parse ("Hankkeessa oli mukana 11 kuntaa,
ja sen hallinnoijana toimi ..." has a result verb, "toimia", in another clause than its count;
"Perhekeskuksia ei avattu" negates its verb)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.extract.lexicon import Lexicon
from ingest.extract.segment import Sentence

# a bullet ("-", "•", "*", "–"), a numbered item ("1.", "2)") or a table row opens an item line
_ITEM = re.compile(r"[ \t]*(?:[-•*–·▪]|\d{1,2}[.)]|\|)[ \t]")
_HEADING_WORDS = 8  # a heading or key line is short
_WORD = re.compile(r"[a-zåäö]+")
_NEGATIONS = frozenset({"ei", "not", "inte", "ej", "never", "aldrig"})
_HOPS = 12  # enough for any head chain of a sentence
# where people came: "seminaariin", "seminaarissa", "tilaisuudessa", "tilaisuuteen"
_PLACE_CASES = ("Case=Ill", "Case=Ine", "Case=Ade", "Case=All")
_AT = frozenset({"at", "to", "for", "vid", "på", "till", "under"})


def list_heading(text: str, offset: int) -> str | None:
    """The heading or key line over the list whose item line holds `offset` in `text`: the
    first line above that is neither an item, a table row nor blank, when it is short; None
    when the line at `offset` is no list item."""
    start = text.rfind("\n", 0, offset) + 1
    if not _ITEM.match(text, start):
        return None
    while start > 0:
        end = start - 1
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        if not line.strip() or _ITEM.match(line):
            continue
        words = _WORD.findall(line.lower())
        return line if 0 < len(words) <= _HEADING_WORDS else None
    return None


def under_pending_heading(lex: Lexicon, text: str, offset: int) -> bool:
    """Whether the line at `offset` is an item of a list of goals, plans or unfinished work:
    its heading has a word that starts with a `pending_headings` entry (or holds a phrase of
    them) and no result-heading word."""
    heading = list_heading(text, offset)
    if heading is None:
        return False
    low = heading.lower()
    words = _WORD.findall(low)
    if set(words) & set(lex.result_headings):
        return False
    return any((" " in cue and cue in low) or any(w.startswith(cue) for w in words)
               for cue in lex.pending_headings)


def _negated(sent: Sentence, k: int) -> bool:
    """A negation word hangs on passage token k ("ei avattu", "was not opened")."""
    tokens = sent.passage.tokens
    return any(sent.heads[j] == k and tokens[j].lemma.lower() in _NEGATIONS
               for j in range(sent.first, sent.first + len(sent.tokens)))


def _cue(lex: Lexicon, sent: Sentence, k: int) -> bool:
    tok = sent.passage.tokens[k]
    return bool({tok.lemma.lower(), tok.text.lower()} & set(lex.result_verbs)) and not \
        _negated(sent, k)


def verb_governs(lex: Lexicon, sent: Sentence, positions: Sequence[int]) -> bool:
    """Whether a result verb, not negated, governs one of the counts at `positions` (indices
    into `sent.tokens`): the verb is on the count's chain of heads, or it qualifies the counted
    noun as a participle or a relative clause ("12 koulutettua työntekijää", "seitsemän
    perhekeskusta, joista viimeisin avautui"). Without counts, whether some
    result verb of the sentence is not negated. True when the sentence has no parse."""
    if not sent.heads:
        return True
    first = sent.first
    if not positions:
        return any(_cue(lex, sent, first + i) for i in range(len(sent.tokens)))
    for i in positions:
        k, seen = first + i, set()
        while k not in seen and len(seen) < _HOPS:
            seen.add(k)
            head = sent.heads[k]
            if head == k:
                break
            if len(seen) == 1 and any(
                    sent.heads[j] == head and _cue(lex, sent, j) and (
                        "VerbForm=Part" in sent.passage.tokens[j].morph
                        or sent.passage.tokens[j].dep.startswith("acl"))
                    for j in range(first, first + len(sent.tokens))):
                # "12 koulutettua työntekijää", "seitsemän perhekeskusta, joista viimeisin
                # avautui ...": the verb qualifies the counted noun
                return True
            k = head
            if _cue(lex, sent, k):
                return True
    return False


def audience_event(lex: Lexicon, sent: Sentence) -> bool:
    """Whether the sentence counts an event's audience: an `audience_events` word where people
    came (a Finnish place case, "at" / "vid" / "på" before it) or as the Finnish subject
    ("Tilaisuus houkutteli paikalle"), and no `training_words` word in the sentence."""
    tokens = sent.tokens
    lemmas = [t.lemma.lower() for t in tokens]
    if any(w in lem for lem in lemmas for w in lex.training_words):
        return False
    for i, tok in enumerate(tokens):
        lem, low = tok.lemma.lower(), tok.text.lower()
        event = low in lex.audience_events or lem in lex.audience_events or any(
            len(w) > 5 and lem.endswith(w) for w in lex.audience_events)
        if not event:
            continue
        before = {t.text.lower() for t in tokens[max(0, i - 3):i]}
        if any(c in tok.morph for c in _PLACE_CASES) or tok.dep.startswith("nsubj") \
                or before & _AT:
            return True
    return False


def _in_place(tokens: Sequence, i: int, cues: set[str]) -> bool:
    """The count at i says where: it or its noun is in a Finnish place case ("kahdessa
    tiimissä", "neljällä alueella"), or a trial or use word in a place case follows its noun
    ("2 tiimiä pilotissa", "kolme koulua kokeilussa")."""
    def place(k: int) -> bool:
        return k < len(tokens) and any(c in tokens[k].morph for c in ("Case=Ine", "Case=Ade"))

    return place(i) or place(i + 1) or (place(i + 2) and bool(
        {tokens[i + 2].lemma.lower(), tokens[i + 2].text.lower()} & cues))


def trial_places(lex: Lexicon, sent: Sentence, positions: Sequence[int]) -> bool:
    """Whether the sentence tells where a trial ran or a practice settled: a cue of the piloted
    status ("kokeiltiin", "testattiin", "pilotoitiin") or of `place_use_cues` ("siirryttiin
    uuteen malliin", "on vakiintunut") and every count saying where ("kahdessa tiimissä",
    "neljällä alueella", "2 tiimiä pilotissa"), not what the work achieved
    (tests/gold/README.md: "kuudessa kunnassa" and "kahdessa tiimissä" are no results)."""
    cues = set(lex.status_cues.get("piloted", ())) | set(lex.place_use_cues)
    if not positions or not any({t.lemma.lower(), t.text.lower()} & cues for t in sent.tokens):
        return False
    return all(_in_place(sent.tokens, i, cues) for i in positions)


def scope_counts(lex: Lexicon, sent: Sentence, positions: Sequence[int]) -> bool:
    """Whether every count stands in a clause that says who takes part (`scope_words`:
    "mukana 18 kuntaa", "I projektet deltog 14 kommuner", "all 27 municipalities took part")
    and no training word: the scope of the work, no result (tests/gold/README.md: "30
    kuntaa", "mukana 18 kuntaa"). Clauses are cut as ingest/extract/results.py cuts them."""
    from ingest.extract.results import _clause_around

    words = set(lex.scope_words)
    if not positions:
        return False
    for i in positions:
        lo, hi = _clause_around(sent.tokens, i)
        forms = [{t.lemma.lower(), t.text.lower()} for t in sent.tokens[lo:hi]]
        if not any(f & words for f in forms) or any(
                w in x for f in forms for x in f for w in lex.training_words):
            return False  # "41 päättäjää oli mukana koulutuksessa": trained people count
    return True
