"""Roles of persons: "LAPE-muutosagentti Mikko Hulkkonen", "Perhekeskuskoordinaattori\nSuvi
Pokela", "sihteereiksi A ja B", with the body the role is held in."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ingest.extract.actor_clauses import comes_from
from ingest.extract.facts import make_fact
from ingest.extract.segment import Sentence
from ingest.extract.syntax import span_head
from ingest.records import Document, Fact, Mention

# (markdown emphasis may close a role or open a name: "Change agent **Johanna Laaksonen**", and a
# table's role cell stands before its holder's: "| Muutosagentti | Jari Pekuri |")
_ROLE_GAP = re.compile(r"[\s,:–*|-]*(?:(?:on|oli|toimi|toimii|jatkaa|jatkoi|aloitti|toimivat|ovat)"
                       r"\s+)?")
# "puheenjohtaja oli Kemin sosiaalijohtaja ...": a post, a copula and the holder's other post
# (what the first post is of may follow it in Swedish or English: "Ordförande för
# samarbetsgruppen är bildningsdirektör NN", "Chair of the steering group was ..."; the second
# post may have its body before it: "puheenjohtajana toimi Jyväskylän kaupungin palvelujohtaja")
_PREDICATE_ROLE = re.compile(r"(?:[ \t]+(?:för|of)[ \t]+[^\n.,;:]{1,50}?)?"
                             r"[ \t]+(?:on|oli|toimi|toimii|är|var|is|was)[ \t]+"
                             r"(?:[A-ZÅÄÖa-zåäö][\w-]*[ \t]+){0,3}?")
_TASK_LINE = re.compile(r"[ \t]*\n[^\n]{1,40}\n[ \t]*")


def _task_line_between(text: str, role: Mention, person: Mention,
                       mentions: Sequence[Mention]) -> bool:
    """A contact block's role line, one line of the holder's task and the holder's name
    ("Kehittäjäsosiaalityöntekijä\nHankekoordinointi\nOili Hagström"), with no other role or
    person named between them."""
    if not _TASK_LINE.fullmatch(text[role.end:person.start]):
        return False
    if role.start and text[role.start - 1] != "\n":
        return False
    return not any(m.kind in ("Person", "Role") and role.end <= m.start < person.start
                   for m in mentions)



def _in_parentheses_after(text: str, person: Mention, role: Mention) -> bool:
    """The role alone in a parenthesis right after the name, as minutes list who attended
    ("Läsnä: Marja Virolainen (puheenjohtaja), Pekka Honkanen")."""
    return role.start > person.end and bool(
        re.fullmatch(r"[ \t]*\([ \t]*", text[person.end:role.start])) and bool(
        re.match(r"[ \t]*\)", text[role.end:]))


def _held_on_its_line(text: str, role: Mention, person: Mention,
                      persons: Sequence[Mention]) -> bool:
    """A role on a line above the person that follows another name on its own line belongs to
    that name, as minutes and contact lists write them ("Leena Hyvärinen, varapuheenjohtaja" /
    "Jouni Kärkkäinen, Tarja Pylkkönen")."""
    if "\n" not in text[role.end:person.start]:
        return False
    line_start = text.rfind("\n", 0, role.start) + 1
    return any(line_start <= p.start and p.end <= role.start for p in persons)


def _plural(sent: Sentence, role: Mention) -> bool:
    """The role word is in the plural ("sihteereiksi", "jäseninä"): it may name several holders
    listed after it."""
    return any(role.start <= t.start < role.end and "Number=Plur" in t.morph
               for t in sent.passage.tokens)


def _roles_after(text: str, role: Mention, roles: Sequence[Mention]) -> list[Mention]:
    """The further posts listed after a holder's post on its line ("Sami Rinne,
    hallintosihteeri, pöytäkirjanpitäjä"): each joined to the one before by a comma or "ja"."""
    out, last = [], role
    for r in sorted(roles, key=lambda m: m.start):
        if r.start >= last.end and re.fullmatch(r"[ \t]*(?:,|ja|och|and)[ \t]*",
                                                text[last.end:r.start]):
            out.append(r)
            last = r
    return out


def essive_role(sent: Sentence, person: Mention, roles: Sequence[Mention]) -> list[Mention]:
    """A role in the essive that complements the verb the person is the subject of, however far
    apart ("Maakunnan muutosagenttina aloitti toukokuussa Hanna Virta", "Projektipäällikkönä
    on työskennellyt Riikka Ojala"): what the person acted as."""
    if not sent.heads:
        return []
    p = span_head(sent, person.start, person.end)
    if p is None or not sent.passage.tokens[p].dep.startswith("nsubj"):
        return []
    tokens = sent.passage.tokens
    found = []
    for r in roles:
        k = span_head(sent, r.start, r.end)
        if k is not None and tokens[k].text.lower().endswith(("na", "nä")) and (
                sent.heads[k] == sent.heads[p]) and tokens[k].dep.startswith(("obl", "xcomp")):
            found.append(r)
    return found


def role_facts(doc: Document, sent: Sentence, in_sent: Sequence[Mention]) -> Iterator[Fact]:
    """Each person with the role written beside them, and a second post a copula gives them."""
    persons = [m for m in in_sent if m.kind == "Person"]
    roles = [m for m in in_sent if m.kind == "Role"]
    text = sent.passage.passage.text
    previous: tuple[Mention, Mention] | None = None  # (role, person) just assigned
    for person in sorted(persons, key=lambda m: m.start):
        near = [r for r in roles
                if (r.end <= person.start and _ROLE_GAP.fullmatch(text[r.end:person.start])
                    and not _held_on_its_line(text, r, person, persons))
                or (r.end <= person.start and _task_line_between(text, r, person, in_sent))
                or (r.start >= person.end
                    and re.fullmatch(r"[ \t*]*[,|][ \t]*", text[person.end:r.start]))
                or _in_parentheses_after(text, person, r)]
        if not near:
            near = essive_role(sent, person, roles)
        if not near and previous is not None and _plural(sent, previous[0]) and re.fullmatch(
                r"\s*(,|ja|sekä|and)\s*", text[previous[1].end:person.start]):
            near = [previous[0]]  # "sihteereiksi Marita Moisander-Pohjonen ja Elina Stenvall"
        if not near:
            continue
        # "Tuula Mäkelä, puheenjohtaja\nJari Honkanen, sihteeri": a role after the name on its
        # own line is the person's; the role on the line above belongs to the name before it
        near.sort(key=lambda r: 0 if r.end <= person.start and "\n" not in text[
            r.end:person.start] else 1 if r.start >= person.end else 2)
        role = near[0]
        previous = (role, person)
        extra = [("role", role.key)]
        context = [m for m in in_sent if m.kind in ("Organisation", "Project", "Region")
                   and m.end <= role.start and role.start - m.end < 40]
        # "suunnittelija Elina Stenvall SOS-lapsikyläsäätiöstä": the body they come from
        source = next((m for m in in_sent if comes_from(text, m, [person])), None)
        context = [source] if source is not None else context
        if context:
            extra += [("in_kind", context[-1].kind), ("in_key", context[-1].key)]
        yield make_fact(doc, sent, ("Person", person.key), "hasRole", None, None, "rule:role",
                        0.8, (min(role.start, person.start), max(role.end, person.end)), extra)
        if role.start >= person.end:
            for post in _roles_after(text, role, roles):
                yield make_fact(doc, sent, ("Person", person.key), "hasRole", None, None,
                                "rule:role", 0.75, (person.start, post.end), [("role", post.key)])
        for post in roles:
            if post.end <= role.start and _PREDICATE_ROLE.fullmatch(
                    text[post.end:role.start]) and not any(
                    m.kind == "Person" and post.end <= m.start < role.start for m in in_sent):
                # "Ohjausryhmän puheenjohtaja oli Kemin sosiaalijohtaja NN": both posts
                yield make_fact(doc, sent, ("Person", person.key), "hasRole", None, None,
                                "rule:role", 0.7, (post.start, person.end), [("role", post.key)])


