"""What a passage offers as candidates of the type a question asks: the entities linked at ingest
(people also by a title before their name, bodies also by the shape of their name), dates with
how well their event fits the one asked, counts and amounts. A mixin of search.reading.Reader,
which holds the cue data it reads."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from search.reading_bodies import BodySpan
from search.reading_spans import (
    AMOUNT,
    DateSpan,
    count_spans,
    date_spans,
    sentence,
    yearless_days,
)
from search.reading_words import _matches
from search.records import EntityRef, Hit

# The entity kinds that answer each answer type.
ENTITY_TYPES: dict[str, tuple[str, ...]] = {
    "person": ("Person",),
    "body": ("Organisation", "Municipality"),
    "municipality": ("Municipality",),
    "region": ("Region",),
    "method": ("Method",),
    "project": ("Project",),
}
_WORDS = re.compile(r"\w[\w\-]*")
# How far a role word still names the person beside it ('Projektipäällikkö\nHanna Keränen').
ROLE_NEAR = 40.0
# How a date's event answers the event asked: the same one fully, a start for an opening in
# part; a date known to date another event counts against it.
_EVENT_FIT = {("start", "opening"): 0.6, ("opening", "start"): 0.6,
              ("period", "start"): 0.3, ("period", "end"): 0.3,
              # a launch is an opening, a service's publication or, less surely, a start
              ("opening", "launch"): 1.0, ("publication", "launch"): 1.0,
              ("start", "launch"): 0.6}
_MISFIT = -0.6
# The fit of any date to a date question that names no event.
UNASKED_FIT = 0.3


# A title word and the first and last name after it ('muutosagentti Pekka Järvenpää').
_NAME = r"([A-ZÅÄÖ][a-zåäöéü]+(?:-[A-ZÅÄÖ][a-zåäöéü]+)?)"
_TITLED = re.compile(r"(\w[\w\-]*)\s+" + _NAME + r"[ \t]+" + _NAME + r"\b")
# The words between a name and the role it holds after it, in one clause.
_HOLDS = re.compile(r"\s+(?:toimi|toimii|oli|on|työskenteli|työskentelee|jatkaa|aloitti)"
                    r"(?:\s+[\w\-:]+){0,3}\s+", re.IGNORECASE)


def _role_tie(text: str, start: int, end: int, roles: Sequence[int]) -> float:
    """How surely a role word names the person at start:end: one before the name ('LAPE-
    muutosagentti Anne Saarela', 'Projektipäällikkö\nX'), or one right after a comma or
    parenthesis ('Hanna Keränen, projektipäällikkö'); a role word after the name otherwise
    belongs to the next person in a list."""
    best = 0.0
    for p in roles:
        if p < start:
            word_end = p + len(_WORDS.match(text.casefold(), p).group(0))
            best = max(best, math.exp(-max(0, start - word_end) / ROLE_NEAR))
        elif p >= end and re.fullmatch(r"\s*[,(]\s*", text[end:p]):
            best = 1.0
        elif p >= end and _HOLDS.fullmatch(text[end:p]):
            best = max(best, 0.8)  # 'Sanna Korpela toimi hankkeen projektipäällikkönä'
    return best


def _label_span(text: str, label: str) -> tuple[int, int] | None:
    low = text.casefold()
    i = low.find(label.casefold())
    if i >= 0:
        return i, i + len(label)
    # An inflected name: the first word's beginning ('Päijät-Hämeen' for 'Päijät-Häme').
    first = label.split()[0].casefold()
    i = low.find(first[:max(4, len(first) - 2)])
    return (i, i + len(first)) if i >= 0 else None


class PassageSpans:
    """Candidate spans of a passage (mixed into Reader)."""

    since_words: frozenset[str]

    # --- spans -------------------------------------------------------------------------------

    def _date_spans(self, text: str, asked: str | None, year: str | None = None
                    ) -> list[tuple[str, int, int, float]]:
        """(label, start, end, fit to the event asked) of each date; a period asked for is
        also read from a start and an end in one sentence, a start or end from a period."""
        spans = date_spans(text, self.date_events)
        # days written without their year, completed ('kokoontui 14. maaliskuuta')
        spans += [d for d in yearless_days(text, year)
                  if not any(o.start < d.end and d.start < o.end for o in spans)]
        out = [(d.text, d.start, d.end, _MISFIT if _dates_heading(text, d, asked)
                else self._fit(d, asked)) for d in spans]
        if asked in ("start", "end"):
            for d in spans:
                if d.form == "period" and len(d.parts) == 2:
                    a, b = d.parts[0 if asked == "start" else 1]
                    out.append((text[a:b], a, b, 0.8))
        if asked == "period":
            starts = [d for d in spans if d.event == "start" and d.form != "period"]
            ends = [d for d in spans if d.event == "end" and d.form != "period"]
            for a in starts:
                for b in ends:
                    if a.end <= b.start and sentence(text, a.start, a.end) == sentence(
                            text, b.start, b.end):
                        out.append((f"{a.text}–{b.text}", a.start, b.end, 1.0))
        return out

    def _titled(self, text: str) -> list[tuple[str, int, int]]:
        """People the linker missed, named by a title before them: a role word followed by a
        first and a last name ('maakunnan muutosagentti Pekka Järvenpää', 'kirjoittanut
        perhekeskuskoordinaattori Johanna Virta')."""
        out = []
        for m in _TITLED.finditer(text):
            if _matches(m.group(1).casefold().split("-")[-1], self.roles) or any(
                    r in m.group(1).casefold() for r in self.roles if len(r) >= 8):
                out.append((f"{m.group(2)} {m.group(3)}", m.start(2), m.end(3)))
        return out

    def _fit(self, d: DateSpan, asked: str | None) -> float:
        if asked == "end" and d.text.casefold().split()[-1] in self.since_words:
            # 'helmikuusta 2018 alkaen' says from when, never until when
            return _MISFIT
        if asked is None:
            # A question naming no event ('What date is the report dated?', 'När hölls …'):
            # any date fits it as well as another.
            return UNASKED_FIT
        if d.event is None:
            return 0.0
        if d.event == "range":
            # A bare range ('Tulosraportti 2017–2018') is a period less surely than one a
            # period word introduces ('Hankeaika: 1.3.2017–31.12.2018').
            return 0.7 if asked == "period" else 0.2
        if d.event == asked:
            return 1.0
        return _EVENT_FIT.get((d.event, asked), _MISFIT)

    def _spans(self, hit: Hit, answer_type: str, asked: str | None
               ) -> list[tuple[str, EntityRef | None, int, int, float | None, str]]:
        """(label, entity, start, end, tie, unit) of each candidate; tie None when the type
        has no tie of its own."""
        text = hit.passage.text
        if answer_type in ENTITY_TYPES:
            kinds = ENTITY_TYPES[answer_type]
            found = [(e.label, e, *span, None, "") for e in hit.passage.entities
                     if e.kind in kinds and (span := _label_span(text, e.label)) is not None]
            if answer_type == "person":
                found += [(name, None, a, b, None, "") for name, a, b in self._titled(text)
                          if not any(x[2] < b and a < x[3] for x in found)]
            if answer_type == "body":
                # Bodies the linker does not know, by the shape of their name; one it knows
                # is its entity wherever the passage names it.
                known = {e.label.casefold() for e in hit.passage.entities}
                people = [span for e in hit.passage.entities if e.kind == "Person"
                          and (span := _label_span(text, e.label)) is not None]
                people += [(a, b) for _, a, b in self._titled(text)]
                for s in [_after_person(text, s, people) for s in self.bodies.spans(text)]:
                    if s.label.casefold() in known:
                        continue
                    inside = [x for x in found if s.start <= x[2] and x[3] <= s.end]
                    if any(x[2] < s.end and s.start < x[3] for x in found if x not in inside):
                        continue
                    # A linked part of a longer name is that name's part ('Mannerheimin
                    # Lastensuojeluliiton Hämeen piiri' is a district, not the league).
                    found = [x for x in found if x not in inside]
                    found.append((s.label, None, s.start, s.end, None, ""))
            return found
        if answer_type == "date":
            return [(label, None, a, b, fit, "")
                    for label, a, b, fit in self._date_spans(text, asked, hit.passage.year)]
        if answer_type == "count":
            return [(c.label, None, c.start, c.end, None, c.unit)
                    for c in count_spans(text, self.number_words, self.label_nouns)]
        if answer_type == "amount":
            return [(m.group(0).strip(), None, m.start(), m.end(), None, "")
                    for m in AMOUNT.finditer(text)]
        return []


def _dates_heading(text: str, d: DateSpan, asked: str | None) -> bool:
    """A date that no event word ties to anything, in a heading line ('# Tulokset kunnittain
    (tiivistelmä, tammikuu 2019)', '## Uutiskirje 3/2018'), dates the document or its section:
    it answers no start, end, opening or decision asked, only when something was published."""
    if asked is None or asked == "publication" or d.event is not None:
        return False
    line_start = text.rfind("\n", 0, d.start) + 1
    return text[line_start:d.start].lstrip().startswith("#")


def _after_person(text: str, s: BodySpan, people: Sequence[tuple[int, int]]) -> BodySpan:
    """A body's name without the person named right before it, whom the shape of the name
    took in ('järjestöagentti Sanna Peltonen Lahden Ensi- ja turvakoti ry:stä' names the
    association, not Sanna Peltonen's)."""
    for a, b in people:
        if s.start <= a < b < s.end:
            words = text[a:b].split()
            label = s.label.split()
            if label[:len(words)] == words and len(label) > len(words):
                start = b + len(text[b:s.end]) - len(text[b:s.end].lstrip())
                return BodySpan(" ".join(label[len(words):]), start, s.end)
    return s
