"""Readings that give a method mention more than its own clause's status: a conjoined clause
that takes the method up again, a relative clause on a bare model word with its own actor, a
sentence that takes up "the model" or "these methods" named before."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from ingest.extract.lexicon import Lexicon
from ingest.extract.segment import Sentence
from ingest.extract.status_cues import token_status
from ingest.extract.syntax import clause_head, span_head
from ingest.records import Mention
from ingest.status_reference import PRONOUN_ROLES as _PRONOUN_ROLES


def taken_up_again(lex: Lexicon, sent: Sentence, method: Mention, in_sent: Sequence[Mention]
                   ) -> str | None:
    """The status of a clause conjoined or set beside the method's (after a colon or a dash)
    that takes the method up again with a bare model word or a pronoun: "Malli on luotu ja
    mallin käyttöönotto on aloitettu" → created, and implemented too; "X on levinnyt laajalle:
    siihen on koulutettu 300 työntekijää" → trained, where the method's own clause has none."""
    k = span_head(sent, method.start, method.end)
    if k is None or not sent.heads:
        return None
    tokens, head = sent.passage.tokens, clause_head(sent, k)
    positions = range(sent.first, sent.first + len(sent.tokens))
    named = [(m.start, m.end) for m in in_sent]
    for j in positions:
        if not (j != head and tokens[j].dep in ("conj", "parataxis") and tokens[j].pos == "VERB"
                and (sent.heads[j] == head or (tokens[j].dep == "parataxis" and sent.heads[j] != j
                                              and clause_head(sent, sent.heads[j]) == head))):
            continue
        clause = [tokens[i] for i in positions if clause_head(sent, i) == j]
        # the bare model word, or a pronoun in an argument role ("otti mallin käyttöön ja
        # kehittää sitä", "menetelmä on levinnyt laajalle: siihen on koulutettu 300 työntekijää")
        if not any((t.lemma.lower() in lex.model_words + ("toimintamalli",)
                    or (t.pos == "PRON" and t.lemma.lower() == "se"
                        and t.dep.startswith(_PRONOUN_ROLES)))
                   and not any(s <= t.start < e for s, e in named) for t in clause):
            continue
        found = [(abs(t.start - tokens[j].start), st) for t in clause
                 if (st := token_status(lex, sent, t)) is not None]
        if found:
            return min(found)[1]
    return None

def relative_on_model(lex: Lexicon, sent: Sentence, method: Mention, in_sent: Sequence[Mention],
                      is_actor: Callable[[Mention], bool]
                      ) -> Iterator[tuple[tuple[str, str], str]]:
    """A relative clause on a bare model word of the method's clause, with an actor and a
    status of its own: "laadittiin malli, jota Kempeleen kunta on jo käyttänyt" → the town
    used (implemented) the method the main clause made."""
    k = span_head(sent, method.start, method.end)
    if k is None or not sent.heads:
        return
    tokens, own = sent.passage.tokens, clause_head(sent, k)
    positions = range(sent.first, sent.first + len(sent.tokens))
    named = [(m.start, m.end) for m in in_sent]
    for j in positions:
        h = sent.heads[j]
        if not (tokens[j].dep == "acl:relcl" and h != j and clause_head(sent, h) == own
                and tokens[h].lemma.lower().endswith(lex.model_words)
                and not any(s <= tokens[h].start < e for s, e in named)):
            continue
        clause = [tokens[i] for i in positions if clause_head(sent, i) == j]
        found = [(abs(c.start - tokens[j].start), st) for c in clause
                 if (st := token_status(lex, sent, c)) is not None]
        # the clause's subject, or the town owning it ("Sallan kunta on käyttänyt")
        actors = [m for m in in_sent if is_actor(m)
                  and (a := span_head(sent, m.start, m.end)) is not None
                  and clause_head(sent, a) == j and (
                      tokens[a].dep.startswith("nsubj")
                      or (tokens[a].dep.startswith("nmod")
                          and tokens[sent.heads[a]].dep.startswith("nsubj")))]
        if found and actors:
            for m in actors:
                yield (m.kind, m.key), min(found)[1]


def takes_up_model(sent: Sentence, in_sent: Sequence[Mention]) -> bool:
    """The sentence speaks of "the model" or "the pilot" with a bare word outside any name
    ("mallia valmistellaan käyttöön", "Lahti valikoitui pilotiksi"): the method named before,
    not a new one."""
    names = [(m.start, m.end) for m in in_sent]
    return not any(m.kind == "Method" for m in in_sent) and any(
        t.lemma.lower() in ("malli", "toimintamalli", "menetelmä", "pilotti") and t.pos == "NOUN"
        and not any(s <= t.start < e for s, e in names) for t in sent.tokens)


def refers_back(lex: Lexicon, sent: Sentence) -> bool:
    """The sentence opens with a demonstrative on a model word ("Näitä menetelmiä ovat A ja
    B"): it names the methods the sentence before spoke of."""
    words = [t for t in sent.tokens if t.pos != "PUNCT"][:2]
    return len(words) == 2 and words[0].lemma.lower() in lex.back_words + ("tällainen",) and (
        words[1].lemma.lower().endswith(lex.model_words + ("keino", "työtapa")))
