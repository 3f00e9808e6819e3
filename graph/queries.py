"""SPARQL the application runs, as constants bound with initBindings, and their plain results."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import URIRef

from graph.store import GraphStore

if TYPE_CHECKING:
    from graph.statement_index import StatementIndex

PREFIXES = """
PREFIX lape: <https://w3id.org/lapekg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""

# Statements about (or pointing at) one entity, with their evidence and the regions they roll up to.
STATEMENTS_ABOUT = PREFIXES + """
SELECT ?entity ?st ?s ?p ?o ?passage ?doc ?text ?conf ?start ?end ?region WHERE {
  { ?st rdf:subject ?entity } UNION { ?st rdf:object ?entity }
  ?st a lape:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
      lape:sourcePassage ?passage ; lape:confidence ?conf ;
      lape:spanStart ?start ; lape:spanEnd ?end .
  ?passage lape:inDocument ?doc ; lape:text ?text .
  OPTIONAL {
    { ?s a lape:Region . BIND(?s AS ?region) }
    UNION { ?s lape:inRegion ?region . ?region a lape:Region }
    UNION { ?s lape:administeredBy|lape:inRegion ?mid . ?mid lape:inRegion ?region .
            ?region a lape:Region }
  }
}
"""

# Statements whose subject rolls up to a region (directly, through a municipality,
# an organisation or a project).
STATEMENTS_IN_REGION = PREFIXES + """
SELECT ?st ?s ?p ?o ?passage ?doc ?text ?conf ?start ?end ?region WHERE {
  { ?s a lape:Region . FILTER(?s = ?region) }
  UNION { ?s lape:inRegion ?region }
  UNION { ?s lape:administeredBy|lape:inRegion ?mid . ?mid lape:inRegion ?region }
  ?st a lape:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
      lape:sourcePassage ?passage ; lape:confidence ?conf ;
      lape:spanStart ?start ; lape:spanEnd ?end .
  ?passage lape:inDocument ?doc ; lape:text ?text .
}
"""

# People holding a role, with the organisation or project of the membership and its evidence.
MEMBERS_WITH_ROLE = PREFIXES + """
SELECT ?role ?person ?org ?passage ?doc ?text ?conf ?start ?end ?region WHERE {
  ?m org:role ?role ; org:member ?person .
  OPTIONAL { ?m org:organization ?org }
  ?st a lape:Statement ; rdf:object ?m ; lape:sourcePassage ?passage ; lape:confidence ?conf ;
      lape:spanStart ?start ; lape:spanEnd ?end .
  ?passage lape:inDocument ?doc ; lape:text ?text .
  OPTIONAL { ?doc lape:aboutRegion ?region }
}
"""

LABEL = PREFIXES + """
SELECT ?entity ?label ?type WHERE {
  OPTIONAL { ?entity skos:prefLabel ?label . FILTER(lang(?label) = "fi" || lang(?label) = "") }
  OPTIONAL { ?entity a ?type . FILTER(STRSTARTS(STR(?type), "https://w3id.org/lapekg/ontology#")) }
}
"""
# The most specific class first: a municipality is also typed lape:Organisation.
_GENERAL_TYPES = ("Organisation", "Thing")

DOCUMENTS = PREFIXES + """
SELECT ?doc ?title (COUNT(?p) AS ?passages) WHERE {
  ?doc a lape:Document ; dcterms:title ?title .
  ?p lape:inDocument ?doc .
} GROUP BY ?doc ?title ORDER BY ?title
"""


@dataclass(frozen=True)
class StatementRow:
    statement: str
    subject: str
    predicate: str
    object: str
    object_is_iri: bool
    passage: str
    document: str
    text: str
    confidence: float
    start: int
    end: int
    region: str | None


def statements_about(store: GraphStore, entity: str) -> list[StatementRow]:
    return _rows(store.query(STATEMENTS_ABOUT, {"entity": URIRef(entity)}))


def _rows(rows) -> list[StatementRow]:  # type: ignore[no-untyped-def]
    out = []
    for r in rows:
        out.append(StatementRow(str(r.st), str(r.s), str(r.p), str(r.o), isinstance(r.o, URIRef),
                                str(r.passage), str(r.doc), str(r.text), float(r.conf),
                                int(r.start), int(r.end), str(r.region) if r.region else None))
    return out


def statements_in_region(store: GraphStore, region: str) -> list[StatementRow]:
    return _rows(store.query(STATEMENTS_IN_REGION, {"region": URIRef(region)}))


@dataclass(frozen=True)
class MemberRow:
    person: str
    organisation: str | None
    passage: str
    document: str
    text: str
    confidence: float
    start: int
    end: int
    region: str | None


def members_with_role(store: GraphStore, role: str) -> list[MemberRow]:
    return [MemberRow(str(r.person), str(r.org) if r.org else None, str(r.passage), str(r.doc),
                      str(r.text), float(r.conf), int(r.start), int(r.end),
                      str(r.region) if r.region else None)
            for r in store.query(MEMBERS_WITH_ROLE, {"role": URIRef(role)})]


def label_of(store: GraphStore, entity: str) -> tuple[str | None, str | None]:
    label: str | None = None
    types: list[str] = []
    for r in store.query(LABEL, {"entity": URIRef(entity)}):
        label = label or (str(r.label) if r.label else None)
        if r.type:
            types.append(str(r.type).rsplit("#", 1)[-1])
    types.sort(key=lambda t: t in _GENERAL_TYPES)
    return label, (types[0] if types else None)


# --- Bounded queries for answering -------------------------------------------------------------
# A pervasive entity (perhekeskus at the 100x corpus has thousands of statements) must not pull
# every statement with its passage text: the answerer first reads light rows (no text) narrowed
# by predicate, ranks them, and fetches the text of only the passages it shows.

_IRI_SAFE = re.compile(r'^[^\s<>"{}|^`\\]+$')


def _iri(value: str) -> str:
    """`<value>` for a VALUES block; refuses anything that could break out of the IRI."""
    if not _IRI_SAFE.match(value):
        raise ValueError(f"not an IRI usable in a query: {value!r}")
    return f"<{value}>"


def _values(var: str, iris: Iterable[str]) -> str:
    return f"VALUES ?{var} {{ {' '.join(_iri(i) for i in iris)} }}"


def _select(store: GraphStore, sparql: str) -> list[dict[str, tuple[str, bool] | None]]:
    """Rows of a SELECT as {var: (value, is_iri)} straight from the pyoxigraph-style reader
    (local or remote): no rdflib terms, which cost ~0.1 ms a row at scale."""
    import pyoxigraph as ox

    solutions = store.ox.query(sparql, use_default_graph_as_union=False)
    names = [v.value for v in solutions.variables]
    rows = []
    for solution in solutions:
        row: dict[str, tuple[str, bool] | None] = {}
        for name in names:
            term = solution[name]
            row[name] = None if term is None else (term.value, isinstance(term, ox.NamedNode))
        rows.append(row)
    return rows


def store_index(store: GraphStore) -> StatementIndex | None:
    """The store's index of reified statements (graph/statement_index.py), if it keeps one:
    facts, sources and statements_in_passages then read it instead of running SPARQL."""
    return getattr(store, "statement_index", None)


def _v(row: dict[str, tuple[str, bool] | None], name: str) -> str | None:
    cell = row.get(name)
    return cell[0] if cell else None


@dataclass(frozen=True)
class FactRow:
    """One reified statement, without where it came from (see `sources`)."""

    statement: str
    subject: str
    predicate: str
    object: str
    object_is_iri: bool
    confidence: float


@dataclass(frozen=True)
class Source:
    passage: str
    document: str
    start: int
    end: int


def facts(store: GraphStore, *, subjects: Iterable[str] = (), objects: Iterable[str] = (),
          predicates: Iterable[str] = (), documents: Iterable[str] | None = None
          ) -> list[FactRow]:
    """Statements whose subject, object and predicate lie in the given sets (empty = any),
    from the given documents (None = all). Only four lookups a statement: at the scaled corpus
    a pervasive model has thousands of statements, and each further column costs."""
    subjects, objects, predicates = list(subjects), list(objects), list(predicates)
    if not (subjects or objects):
        raise ValueError("facts() needs subjects or objects to stay bounded")
    if (index := store_index(store)) is not None:
        return index.facts(subjects, objects, predicates, documents)
    blocks = [_values(v, xs) for v, xs in (("s", subjects), ("o", objects), ("p", predicates))
              if xs]
    scope = ""
    if documents is not None:
        scope = (f"{_values('doc', sorted(documents))} ?st lape:sourcePassage ?passage . "
                 "?passage lape:inDocument ?doc .") if documents else "FILTER(false)"
    sparql = PREFIXES + f"""
SELECT DISTINCT ?st ?s ?p ?o ?conf WHERE {{
  {' '.join(blocks)}
  ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; lape:confidence ?conf .
  {scope}
}}"""
    out = []
    for r in _select(store, sparql):
        o = r["o"]
        out.append(FactRow(_v(r, "st"), _v(r, "s"), _v(r, "p"), o[0], o[1],  # type: ignore[arg-type,index]
                           float(_v(r, "conf"))))  # type: ignore[arg-type]
    return out


def sources(store: GraphStore, statements: Iterable[str]) -> dict[str, Source]:
    """Passage, document and character span of each statement."""
    statements = sorted(set(statements))
    if not statements:
        return {}
    if (index := store_index(store)) is not None:
        return index.sources(statements)
    sparql = PREFIXES + f"""
SELECT DISTINCT ?st ?passage ?doc ?start ?end WHERE {{
  {_values("st", statements)}
  ?st lape:sourcePassage ?passage ; lape:spanStart ?start ; lape:spanEnd ?end .
  ?passage lape:inDocument ?doc .
}}"""
    return {_v(r, "st"): Source(_v(r, "passage"), _v(r, "doc"), int(_v(r, "start")),  # type: ignore[arg-type,misc]
                                 int(_v(r, "end")))  # type: ignore[arg-type]
            for r in _select(store, sparql)}


def regions_of(store: GraphStore, entities: Iterable[str]) -> dict[str, list[str]]:
    """The regions each entity rolls up to: itself, its region, or through a municipality,
    organisation or project it is administered by or lies in. Walked in Python over simple
    VALUES lookups: the one-query UNION with a property path took 1.4 s for 400 entities."""
    entities = sorted(set(entities))
    out: dict[str, list[str]] = {e: [] for e in entities}
    if not entities:
        return out

    def edges(subjects: Iterable[str], predicates: str) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        rows = _select(store, PREFIXES + f"""
SELECT DISTINCT ?s ?o WHERE {{
  {_values("s", subjects)} ?s {predicates} ?o . FILTER(isIRI(?o)) }}""")
        for r in rows:
            found.setdefault(_v(r, "s"), set()).add(_v(r, "o"))  # type: ignore[arg-type]
        return found

    first = edges(entities, "lape:inRegion|lape:administeredBy")
    direct = edges(entities, "lape:inRegion")
    mids = sorted({m for targets in first.values() for m in targets})
    second = edges(mids, "lape:inRegion") if mids else {}
    candidates = set(entities) | {r for targets in (*direct.values(), *second.values())
                                  for r in targets}
    regions = {_v(r, "s") for r in _select(store, PREFIXES + f"""
SELECT DISTINCT ?s WHERE {{ {_values("s", sorted(candidates))} ?s a lape:Region }}""")}
    for e in entities:
        found = {e} & regions
        found |= direct.get(e, set()) & regions
        for mid in first.get(e, ()):
            found |= second.get(mid, set()) & regions
        out[e] = sorted(found)  # type: ignore[arg-type]
    return out


def members_of_region(store: GraphStore, region: str) -> list[str]:
    """The region and what rolls up to it: its municipalities, organisations and projects,
    and what is administered by or lies in those."""
    inside = {_v(r, "s") for r in _select(store, PREFIXES + f"""
SELECT DISTINCT ?s WHERE {{ ?s lape:inRegion {_iri(region)} }}""")}
    further = {_v(r, "s") for r in _select(store, PREFIXES + f"""
SELECT DISTINCT ?s WHERE {{ {_values("mid", sorted(inside))}
  ?s lape:administeredBy|lape:inRegion ?mid }}""")} if inside else set()
    return sorted({region} | inside | further)  # type: ignore[arg-type]


def document_regions(store: GraphStore, documents: Iterable[str]) -> dict[str, list[str]]:
    documents = sorted(set(documents))
    out: dict[str, list[str]] = {d: [] for d in documents}
    if documents:
        sparql = PREFIXES + f"""
SELECT DISTINCT ?doc ?region WHERE {{
  {_values("doc", documents)} ?doc lape:aboutRegion ?region }}"""
        for r in _select(store, sparql):
            out[_v(r, "doc")].append(_v(r, "region"))  # type: ignore[index,arg-type]
    return out


def passage_texts(store: GraphStore, passages: Iterable[str]) -> dict[str, str]:
    passages = sorted(set(passages))
    if not passages:
        return {}
    sparql = PREFIXES + f"""
SELECT DISTINCT ?passage ?text WHERE {{
  {_values("passage", passages)} ?passage lape:text ?text }}"""
    return {_v(r, "passage"): _v(r, "text") for r in _select(store, sparql)}  # type: ignore[misc]


def labels(store: GraphStore, entities: Iterable[str]) -> dict[str, tuple[str | None, str | None]]:
    """label_of for many entities: the labels, then the types, each its own query (an entity's
    label and type triples repeat in every document graph that names it, and both OPTIONALs
    in one query joined those copies: 5 people at the 100x corpus 143 ms -> 2 ms)."""
    entities = sorted(set(entities))
    found: dict[str, tuple[str | None, list[str]]] = {e: (None, []) for e in entities}
    if not entities:
        return {}
    for r in _select(store, PREFIXES + f"""
SELECT DISTINCT ?entity ?label WHERE {{
  {_values("entity", entities)}
  ?entity skos:prefLabel ?label . FILTER(lang(?label) = "fi" || lang(?label) = "")
}}"""):
        entity = _v(r, "entity")
        label, types = found[entity]  # type: ignore[index]
        found[entity] = (label or _v(r, "label"), types)  # type: ignore[index]
    for r in _select(store, PREFIXES + f"""
SELECT DISTINCT ?entity ?type WHERE {{
  {_values("entity", entities)}
  ?entity a ?type . FILTER(STRSTARTS(STR(?type), "https://w3id.org/lapekg/ontology#"))
}}"""):
        types = found[_v(r, "entity")][1]  # type: ignore[index]
        if (kind := _v(r, "type")) and kind.rsplit("#", 1)[-1] not in types:
            types.append(kind.rsplit("#", 1)[-1])
    out = {}
    for entity, (label, types) in found.items():
        types.sort(key=lambda t: t in _GENERAL_TYPES)
        out[entity] = (label, types[0] if types else None)
    return out


@dataclass(frozen=True)
class PassageStatement:
    passage: str
    statement: str
    subject: str
    predicate: str
    object: str
    start: int
    end: int
    confidence: float


def statements_in_passages(store: GraphStore, passages: Iterable[str],
                           predicates: Iterable[str]) -> list[PassageStatement]:
    """The statements of the given predicates made in the given passages (what a passage says
    was piloted, taken into use, trained …)."""
    passages, predicates = sorted(set(passages)), sorted(set(predicates))
    if not passages or not predicates:
        return []
    if (index := store_index(store)) is not None:
        return index.statements_in_passages(passages, predicates)
    sparql = PREFIXES + f"""
SELECT DISTINCT ?passage ?st ?s ?p ?o ?start ?end ?conf WHERE {{
  {_values("passage", passages)}
  ?st lape:sourcePassage ?passage ; rdf:predicate ?p .
  FILTER(?p IN ({', '.join(_iri(p) for p in predicates)}))
  ?st rdf:subject ?s ; rdf:object ?o ; lape:spanStart ?start ; lape:spanEnd ?end ;
      lape:confidence ?conf .
}}"""
    return [PassageStatement(_v(r, "passage"), _v(r, "st"), _v(r, "s"), _v(r, "p"),  # type: ignore[arg-type]
                             _v(r, "o"), int(_v(r, "start")), int(_v(r, "end")),  # type: ignore[arg-type]
                             float(_v(r, "conf")))  # type: ignore[arg-type]
            for r in _select(store, sparql)]
