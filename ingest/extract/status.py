"""The status of a method mention (piloted, implemented, developing, trained, planned, created or
none), decided by one replaceable model over a typed record of the mention's context.

How a status model plugs in (the seam for the learned layer):

- `StatusContext` is everything known about one method mention when its status is decided: the
  sentence (a `Sentence`: its tokens with lemmas, POS, dependency labels, heads and spaCy's
  morphology (`Token.morph`), its text, its passage), the method `Mention`, the tokens of the
  method's clause (`clause_text` is their text), the lemma and tense of the verb governing that
  clause, negation, mood, whether the sentence asks, whether the method is carried over from
  the sentence before, the rule-based decision (`rule`) with its confidence, and the
  municipalities, organisations and regions the sentence names (`actors`). Offsets are
  relative to the passage (`sentence.passage.passage.text`). The record is built for every
  method mention, also where the rules find no status (`rule.status is None`), so a learned
  model can give one.
- A model is any object with `predict(ctx: StatusContext) -> StatusDecision`; `StatusDecision`
  carries `status` (one of `STATUSES`, or None for no status), `confidence` in [0, 1] and
  `source` ("rules", "learned", ...). The fact's confidence is the lower of the decision's and
  the attachment's (how surely the actor is known).
- `RuleStatusModel` (name "rules") returns the rule decision unchanged; it is the default.
- `make_status_model(name, **options)` picks a model by name from `STATUS_MODELS`, a table of
  lazy factories; the composition root passes `Settings.status_model` (`LAPEKG_STATUS_MODEL`).
  A learned model registers itself by adding one line to `STATUS_MODELS`, e.g.
  `"learned": lambda **kw: _learned(**kw)` with `_learned` importing `ingest.status_model`
  inside the function; it may read `ctx.rule` as a feature or an override.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from ingest.errors import LapekgError
from ingest.extract.lexicon import Lexicon
from ingest.extract.segment import Sentence
from ingest.extract.status_cues import (
    conditional,
    done,
    in_use_line,
    made_permanent,
    necessive,
    place_of,
    predicates_under_name,
    purpose_of,
    taking_part,
    token_status,
    trial_frame,
)
from ingest.extract.status_rows import row_status, table_row
from ingest.extract.status_time import ahead, conditional_form, routine
from ingest.extract.syntax import clause_head, clause_tokens, governing_clause, span_head
from ingest.records import Mention, Token
from ingest.status_reference import (
    ACTOR_KINDS,
    exists_at,
    reference_span,
    refers_back,
    same_as_before,
)

STATUSES = ("implemented", "developing", "piloted", "trained", "planned", "created")
NAMED_ACTOR_KINDS = ACTOR_KINDS  # the kinds of body a sentence names as acting
# The confidence a rule decision caps a fact at: a clause without a verb (a heading, a list
# item: "Perhekeskusmallin kehittäminen") names a theme more than it reports; a status read
# for a method named in the sentence before is less sure of the method.
_VERBLESS = 0.5
_CARRIED = 0.6


@dataclass(frozen=True)
class StatusDecision:
    """A status for one method mention (None: the sentence reports no status for it)."""

    status: str | None
    confidence: float
    source: str


@dataclass(frozen=True)
class StatusContext:
    """What a status model sees of one method mention (see the module docstring)."""

    sentence: Sentence
    method: Mention
    clause: tuple[Token, ...]
    verb: str | None  # lemma of the verb governing the method's clause
    tense: str | None  # that verb's tense from spaCy's morphology: "Pres", "Past" or None
    negated: bool  # the clause has the negation verb ("ei", "eivät")
    mood: str  # "conditional", "necessive" or "indicative"
    question: bool
    carried: bool  # the method was named in the sentence before, not in this one
    rule: StatusDecision
    # municipalities, organisations and regions named in the sentence (who may act), see
    # named_actors
    actors: tuple[Mention, ...] = ()

    @property
    def text(self) -> str:
        return self.sentence.text

    @property
    def clause_text(self) -> str:
        if not self.clause:
            return self.sentence.text
        text = self.sentence.passage.passage.text
        return text[min(t.start for t in self.clause):max(t.end for t in self.clause)]


class StatusModel(Protocol):
    """Decides a method mention's status from its context."""

    def predict(self, ctx: StatusContext) -> StatusDecision: ...


class RuleStatusModel:
    """The rule decision as it is: cue words in their syntactic place."""

    name = "rules"

    def predict(self, ctx: StatusContext) -> StatusDecision:
        return ctx.rule


STATUS_MODELS: dict[str, Callable[..., StatusModel]] = {
    "rules": lambda **_: RuleStatusModel(),
    # the learned classifier combined with the rules (ingest/status_layer.py)
    "fill": lambda **kw: _learned("fill", **kw),
    "override": lambda **kw: _learned("override", **kw),
    "learned": lambda **kw: _learned("learned", **kw),
}


def _learned(policy: str, **options: object) -> StatusModel:
    from ingest.status_layer import make_learned

    return make_learned(policy, **options)  # type: ignore[arg-type]


class UnknownStatusModelError(LapekgError):
    """A status model name that no factory is registered for."""

    prefix = "unknown status model"


def make_status_model(name: str = "rules", **options: object) -> StatusModel:
    """The status model registered under `name` (LAPEKG_STATUS_MODEL)."""
    factory = STATUS_MODELS.get(name)
    if factory is None:
        raise UnknownStatusModelError(
            f"{name!r}: set LAPEKG_STATUS_MODEL to one of {', '.join(sorted(STATUS_MODELS))}")
    return factory(**options)


def status_context(lex: Lexicon, sent: Sentence, method: Mention, in_sent: Sequence[Mention],
                   carried: bool, heads: Sequence[str] = ()) -> StatusContext:
    """The context of one method mention, with the rule decision filled in. `heads`: the head
    nouns of the names of the methods carried over, which take them up ("Keskus avattiin")."""
    if carried:
        read = carried_status(lex, sent, in_sent, heads) or carried_foreign(sent, in_sent)
        if read is None and refers_back(sent, in_sent, heads) and routine(
                lex, sent, list(sent.tokens)):
            read = "implemented"  # "Ohjelma on ollut koulujen arjessa vuodesta 2012"
        if read not in (None, "planned") and ahead(lex, sent, list(sent.tokens)):
            read = "planned"  # "menetelmän koulutuksia jatketaan vuoden 2019 puolella"
        rule = StatusDecision(read, _CARRIED, "rules") if read else StatusDecision(None, 0.0,
                                                                                     "rules")
        clause: tuple[Token, ...] = sent.tokens
    else:
        found = (rule_status(lex, sent, method) or foreign_rule(sent, method)
                 or (("implemented", True) if exists_at(sent, method, in_sent) else None))
        rule = (StatusDecision(None, 0.0, "rules") if found is None
                else StatusDecision(found[0], 1.0 if found[1] else _VERBLESS, "rules"))
        clause = tuple(clause_tokens(sent, method.start, method.end))
    verb = _governing_verb(sent, method) if not carried else None
    mood = ("necessive" if not carried and necessive(sent, method)
            else "conditional" if any(t.pos in ("VERB", "AUX") and (
                conditional_form(t.text) or "Mood=Cnd" in t.morph) for t in clause)
            else "indicative")
    tense = next((f.split("=")[1] for f in verb.morph.split("|") if f.startswith("Tense=")),
                 None) if verb is not None else None
    return StatusContext(sent, method, clause, verb.lemma.lower() if verb else None, tense,
                         any(t.lemma.lower() == "ei" and t.pos == "AUX" for t in clause), mood,
                         sent.text.rstrip().endswith("?"), carried, rule,
                         named_actors(method, in_sent))


def foreign_rule(sent: Sentence, method: Mention) -> tuple[str, bool] | None:
    """The status an English or Swedish sentence gives the method by its cue words
    (ingest/status_foreign.py): the Finnish rules read nothing in such a sentence."""
    from ingest.status_foreign import foreign_status, sentence_language

    lang = sentence_language(sent.text)
    if lang == "fi":
        return None
    found = foreign_status(sent.text, method.start - sent.start, method.end - sent.start, lang)
    return (found, True) if found else None


def carried_foreign(sent: Sentence, in_sent: Sequence[Mention]) -> str | None:
    """The status an English or Swedish sentence gives the method it takes up with a model word
    or a pronoun ("Salo has trained its staff in the model"), read around that word."""
    from ingest.status_foreign import foreign_status, sentence_language

    lang = sentence_language(sent.text)
    span = reference_span(sent, in_sent) if lang != "fi" else None
    if span is None:
        return None
    return foreign_status(sent.text, span[0] - sent.start, span[1] - sent.start, lang)


def named_actors(method: Mention, in_sent: Sequence[Mention]) -> tuple[Mention, ...]:
    """The municipalities, organisations and regions the sentence names besides the method
    (one written before it in the genitive, "Savonlinnan perhekeskusverkosto", is its owner)."""
    return tuple(m for m in in_sent if m.kind in NAMED_ACTOR_KINDS and m is not method)


def _governing_verb(sent: Sentence, method: Mention) -> Token | None:
    k = span_head(sent, method.start, method.end)
    if k is None or not sent.heads:
        return None
    tok = sent.passage.tokens[clause_head(sent, k)]
    return tok if tok.pos in ("VERB", "AUX") else None


def rule_status(lex: Lexicon, sent: Sentence, method: Mention) -> tuple[str, bool] | None:
    """The status read from the cue words of the method's own clause (not of the whole
    sentence), nearest first, and whether that clause has a verb: a heading or a list item
    without one ("Perhekeskusmallin kehittäminen") names a theme more than it reports.
    A complement clause without a cue takes the status of the clause it completes."""
    if sent.text.rstrip().endswith("?"):
        return None  # a question asks, it does not report
    if necessive(sent, method):
        return None  # "on järjestettävä koulutusta": what must be done is not reported
    row = table_row(sent, method)
    if row is not None:  # a table row: its cells, not a parse
        found = row_status(lex, row, method)
        cells = [t for t in row if not method.start <= t.start < method.end]
        if found is not None and found[0] != "planned" and ahead(lex, sent, cells):
            return "planned", found[1]  # "| ryhmät alkavat syksyllä 2019 |": a time ahead
        return found
    order = lex.status_order
    own_span = (method.start, method.end)
    span: tuple[int, int] | None = own_span
    while span is not None:
        clause = clause_tokens(sent, *span) + (
            predicates_under_name(sent, method) if span == own_span else [])
        found = [(abs(t.start - method.start), order.index(st), st) for t in clause
                 if not method.start <= t.start < method.end  # "perhekeskuspilotti"
                 and (st := token_status(lex, sent, t)) is not None
                 and not purpose_of(lex, sent, method, t)
                 and not place_of(lex, sent, method, t)]
        own = taking_part(lex, sent, method) if span == own_span else None
        if own is not None:
            found.append((0, order.index(own), own))
        if span == own_span and not found and in_use_line(lex, sent, method):
            found.append((0, order.index("implemented"), "implemented"))
        did = done(lex, sent, method) if span == own_span else None
        if did is not None:
            found.append((abs(did.start - method.start), order.index("implemented"),
                          "implemented"))
        if span == own_span and conditional(sent, method):
            return "planned", True  # "malli rakentuisi osaksi ...": would be, is not yet
        if found:
            status = min(found)[2]
            if status == "implemented" and span == own_span and trial_frame(lex, sent, clause,
                                                                            method):
                status = "piloted"  # "otettiin käyttöön kokeiluna": taken up as a trial
            if status == "piloted" and span == own_span and made_permanent(lex, sent, method):
                status = "implemented"  # "kokeiltiin ja vakinaistettiin": a trial made permanent
            if status != "planned" and span == own_span and ahead(lex, sent, clause):
                status = "planned"  # "avataan ensi syksynä": a time ahead in the present
            return status, any(t.pos in ("VERB", "AUX") for t in clause)
        span = governing_clause(sent, *span, way_words=lex.way_words)
    own = clause_tokens(sent, *own_span)
    if routine(lex, sent, own):
        return "implemented", True  # "hoituu nykyisin", "on tehty vuodesta 2016 lähtien"
    if not any(t.pos in ("VERB", "AUX") and "VerbForm=Fin" in t.morph for t in own):
        # an infinitive clause ("mahdollisuutta osallistua X-ryhmiin") is told by the clause
        # it completes ("on keväästä asti tarjottu ... mahdollisuutta")
        up = governing_clause(sent, *own_span, way_words=lex.way_words)
        if up is not None and routine(lex, sent, clause_tokens(sent, *up)):
            return "implemented", True
    return None


def carried_status(lex: Lexicon, sent: Sentence, in_sent: Sequence[Mention],
                   heads: Sequence[str] = ()) -> str | None:
    """The status of a sentence that continues the method of the sentence before: read
    like a status of the sentence's own (a cue framing an adverbial gives none), from a
    verb that has no other thing as its object ("annettiin käyttöön tabletit") and no
    person or post as its subject ("aloitti kaksi koordinaattoria"). An object that is the
    head noun of the method's own name (`heads`: "Keskus avattiin") or that is said to be the
    same or alike ("vastaavaa tilaa kokeiltiin") is the method itself."""
    people = [(m.start, m.end) for m in in_sent if m.kind in ("Person", "Role")]
    # "Kemi valittiin pilotiksi": the town as the object is who acts, not another thing
    bodies = [(m.start, m.end) for m in in_sent if m.kind in ("Municipality", "Organisation")]
    found = []
    for t in sent.tokens:
        st = token_status(lex, sent, t)
        if st is None:
            continue
        k = sent.first + sent.tokens.index(t)
        if t.pos not in ("VERB", "AUX"):
            k = sent.heads[k]  # "annettu käyttöön": the verb of the cue noun
        if sent.passage.tokens[k].pos in ("VERB", "AUX"):
            args = [sent.passage.tokens[j] for j in range(sent.first,
                                                          sent.first + len(sent.tokens))
                    if sent.heads[j] == k and j != k]
            # The object of a training is who was trained ("koulutti sata osaajaa").
            if st != "trained" and any(a.dep.startswith("obj") and a.pos in ("NOUN", "PROPN")
                                       and not a.lemma.lower().endswith(lex.model_words)
                                       and a.lemma.lower() not in heads  # "Keskus avattiin"
                                       # "vastaavaa tilaa kokeiltiin": the one named before
                                       and not same_as_before(sent, a, lex.same_words)
                                       and not any(s <= a.start < e for s, e in bodies)
                                       for a in args):
                continue
            if any(a.dep.startswith("nsubj") and any(s <= a.start < e for s, e in people)
                   for a in args):
                continue
        found.append((lex.status_order.index(st), st))
    return min(found)[1] if found else None
