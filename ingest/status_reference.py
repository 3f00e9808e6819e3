"""Two ways a sentence reports a method's use without naming the method with a status word of
its own (read by ingest/extract/status.py and the extractor's carrying of methods):

- *a reference back*: a sentence that names no method but takes up the one named just before
  with a bare model word or a pronoun ("Menetelmään on koulutettu 63 työntekijää", "syyskuusta
  lähtien se on ollut käytössä", "Salo has trained its staff in the model", "38 anställda har
  utbildats i metoden");
- *existence at a place*: an existential clause whose subject is the method and whose
  predicate is the place it is in ("Paltamossa ja Ristijärvellä on omat perheasemansa",
  "Kemissä on perhekeskus"): the method is in use there.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from ingest.extract.segment import Sentence
from ingest.extract.syntax import span_head
from ingest.records import Mention, Token

# the argument roles in which the pronoun "se" stands for a thing named before ("se otettiin
# käyttöön", "sitä kokeiltiin", "siihen koulutettiin"), not a clause's dummy subject
PRONOUN_ROLES = ("nsubj", "obj", "obl")
_PRONOUN_ROLES = PRONOUN_ROLES
# the cases of a place an existential clause puts its subject in ("Kemissä on", "Sallalla on")
_PLACE_CASES = ("Case=Ine", "Case=Ade")
ACTOR_KINDS = ("Municipality", "Organisation", "Region")
# a head noun shorter than this ("työ", "apu") is too common to take up a method by itself
_HEAD_MIN = 5


def _inside(t: Token, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s <= t.start < e for s, e in spans)


def head_word(sent: Sentence, method: Mention) -> str | None:
    """The head noun of a method's name as written: the last part of its last word's lemma
    ("perhekeskuksessa" → "keskus", "Voimaperheet-ohjelmaan" → "ohjelma", "Lapset puheeksi
    -keskusteluissa" → "keskustelu"); None for a short one."""
    own = [t for t in sent.tokens if method.start <= t.start < method.end and t.pos != "PUNCT"]
    if not own:
        return None
    last = own[-1]
    word = (last.parts[-1] if last.parts else last.lemma.rsplit("-", 1)[-1]).lower()
    return word if len(word) >= _HEAD_MIN else None


@cache
def _same_words() -> tuple[str, ...]:
    from ingest.extract.registry import load_lexicon

    return load_lexicon().same_words


def same_as_before(sent: Sentence, t: Token, same_words: Sequence[str] | None = None) -> bool:
    """The noun is an argument of its clause (subject or object) that a word of sameness or
    likeness modifies ("vastaavaa tilaa kokeiltiin", "saman käytännön", the `same-words` pattern
    of ingest/patterns/status_context.toml), or the genitive object of a deed ("saman mallin
    rakentaminen"): it is the thing named before, whatever noun names it. Not a place or a time
    ("samassa talossa", "samaan aikaan")."""
    words = _same_words() if same_words is None else same_words
    if not sent.heads or t.pos != "NOUN" or (t.dep.split(":")[0] not in ("nsubj", "obj")
                                             and t.dep != "nmod:gobj"):
        return False
    k = sent.first + sent.tokens.index(t)
    tokens = sent.passage.tokens
    return any(sent.heads[j] == k and j != k and tokens[j].lemma.lower() in words
               and tokens[j].dep.split(":")[0] in ("amod", "det", "acl")
               for j in range(sent.first, sent.first + len(sent.tokens)))


def reference_span(sent: Sentence, in_sent: Sequence[Mention],
                   heads: Sequence[str] = ()) -> tuple[int, int] | None:
    """The passage span of the word with which a sentence that names no method takes up the
    method named before: a bare model word ("menetelmään", "mallia", "the model", "metoden"),
    the bare head noun of the method's own name (`heads`: "Keskus avattiin" after "Kokkolan
    perhekeskuksessa", "Ohjelman käynnistyminen" after "Voimaperheet-ohjelmaan"), any noun
    said to be the same or alike ("vastaavaa tilaa", "saman käytännön", "the same approach":
    same_as_before) or a pronoun in an argument role ("se", "sitä", "it"); None where there is
    none."""
    if any(m.kind == "Method" for m in in_sent):
        return None
    names = [(m.start, m.end) for m in in_sent]
    from ingest.status_foreign import load_cues, sentence_language

    lang = sentence_language(sent.text)
    if lang != "fi":
        low = sent.text.lower()
        for p in load_cues().find("reference", lang, low):
            end = p + len(low[p:].split()[0]) if low[p:].split() else p
            if not any(s <= sent.start + p < e for s, e in names):
                return sent.start + p, sent.start + end
        return None
    words = tuple(load_cues().listed("reference", "fi"))
    for t in sent.tokens:
        if _inside(t, names):
            continue
        alike = same_as_before(sent, t)
        if "Number=Plur" in t.morph and not alike:
            continue  # one model ("menetelmään", "sitä"; not "työmenetelmien", "niistä")
        lemma = t.lemma.lower()
        # a bare model word: "uudenlainen toimintamalli", "alueen malli" introduce another
        noun = t.pos == "NOUN" and ((lemma.endswith(words) or lemma in heads) and not _modified(
            sent, t) or alike)
        pronoun = (t.pos == "PRON" and lemma == "se"
                   and t.dep.split(":")[0] in _PRONOUN_ROLES)
        if noun or pronoun:
            return t.start, t.end
    return None


def _modified(sent: Sentence, t: Token) -> bool:
    """The noun has an adjective, a genitive or a number of its own ("uusi malli", "Oulun
    malli", "kaksi menetelmää")."""
    if not sent.heads:
        return False
    k = sent.first + sent.tokens.index(t)
    return any(sent.heads[j] == k and j != k and sent.passage.tokens[j].dep.split(":")[0]
               in ("amod", "nmod", "nummod") for j in range(sent.first,
                                                           sent.first + len(sent.tokens)))


def refers_back(sent: Sentence, in_sent: Sequence[Mention], heads: Sequence[str] = ()) -> bool:
    """The sentence takes up the method named before (see reference_span)."""
    return reference_span(sent, in_sent, heads) is not None


def exists_at(sent: Sentence, method: Mention, in_sent: Sequence[Mention]) -> bool:
    """The method is the subject of an existential clause whose predicate is a place named as
    an actor, in the inessive or adessive ("Kemissä on perhekeskus", "Paltamossa ja
    Ristijärvellä on omat perheasemansa"): it is there, in use. Not under a negation."""
    k = span_head(sent, method.start, method.end)
    if k is None or not sent.heads:
        return False
    tokens = sent.passage.tokens
    if tokens[k].dep != "nsubj:cop":
        return False
    h = sent.heads[k]
    place = tokens[h]
    if not any(c in place.morph for c in _PLACE_CASES):
        return False
    actors = [(m.start, m.end) for m in in_sent if m.kind in ACTOR_KINDS]
    if not _inside(place, actors):
        return False
    children = [tokens[j] for j in range(sent.first, sent.first + len(sent.tokens))
                if sent.heads[j] == h and j != h]
    if any(c.lemma.lower() == "ei" for c in children):
        return False
    return any(c.dep == "cop" and c.lemma.lower() == "olla" for c in children)
