"""Who held a role, or any role in an organisation: the org:Membership nodes of the graph looked
up one triple pattern at a time (a join over the union of document graphs multiplies their
copies), then their statements, documents and confidences."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from graph.queries import PREFIXES, _iri, _select, _v, _values
from graph.store import GraphStore


@dataclass(frozen=True)
class MembershipRow:
    person: str
    organisation: str | None
    statement: str
    document: str
    confidence: float


def _pairs(store: GraphStore, ids: Iterable[str], predicate: str) -> dict[str, list[str]]:
    """?m → the distinct objects of one predicate, for the given subjects."""
    out: dict[str, list[str]] = {}
    for r in _select(store, PREFIXES + f"""
SELECT DISTINCT ?m ?o WHERE {{ {_values("m", sorted(ids))} ?m {predicate} ?o }}"""):
        out.setdefault(_v(r, "m"), []).append(_v(r, "o"))  # type: ignore[arg-type]
    return out


def _held(store: GraphStore, role: str | None, organisation: str | None
          ) -> list[tuple[str, str, str | None]]:
    """(membership, person, organisation) rows, one triple pattern a query. A membership's
    triples repeat in every document graph that states it, so one join over the union graph
    multiplies those copies (2.4 s for five rows at the 100x corpus); looking up the
    memberships first and then each of their properties by VALUES is linear (about 1 ms)."""
    if role is not None:
        first = f"?m org:role {_iri(role)}"
    elif organisation is not None:
        first = f"?m org:organization {_iri(organisation)}"
    else:
        raise ValueError("memberships() needs a role or an organisation to stay bounded")
    found = _select(store, PREFIXES + f"SELECT DISTINCT ?m WHERE {{ {first} }}")
    ids = {m for r in found if (m := _v(r, "m"))}
    if not ids:
        return []
    people = _pairs(store, ids, "org:member")
    orgs = _pairs(store, ids, "org:organization")
    rows: list[tuple[str, str, str | None]] = []
    for m in sorted(ids):  # type: ignore[arg-type]
        held_by = orgs.get(m, [])
        if organisation is not None:
            held_by = [o for o in held_by if o == organisation]
        for person in people.get(m, []):
            for org in held_by or ([None] if organisation is None else []):
                rows.append((m, person, org))
    return rows


def memberships(store: GraphStore, role: str | None = None,
                organisation: str | None = None) -> list[MembershipRow]:
    """Who held a role, or any role in an organisation (and where): the memberships (see
    `_held`), then their statements by VALUES (as one join Oxigraph started from the
    statements: 55 s on the 20x corpus)."""
    held = _held(store, role, organisation)
    if not held:
        return []
    ids = {m for m, _, _ in held}
    sparql = PREFIXES + f"""
SELECT DISTINCT ?m ?st ?doc ?conf WHERE {{
  {_values("m", ids)}
  ?st rdf:object ?m ; lape:sourcePassage ?passage ; lape:confidence ?conf .
  ?passage lape:inDocument ?doc .
}}"""
    statements: dict[str, list[dict]] = {}
    for r in _select(store, sparql):
        statements.setdefault(_v(r, "m"), []).append(r)  # type: ignore[arg-type]
    rows = [MembershipRow(person, org, _v(r, "st"), _v(r, "doc"),  # type: ignore[arg-type]
                          float(_v(r, "conf")))  # type: ignore[arg-type]
            for m, person, org in held for r in statements.get(m, [])]
    return sorted(rows, key=lambda r: (r.person, r.organisation or "", r.statement))
