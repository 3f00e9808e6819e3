"""SPARQL the application runs, as constants bound with initBindings, and their plain results."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import URIRef

from graph.store import GraphStore

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
    UNION { ?s lape:administeredBy|lape:inRegion ?mid . ?mid lape:inRegion ?region . ?region a lape:Region }
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


@dataclass(frozen=True)
class FactRow:
    """One reified statement without its passage text."""

    subject: str
    predicate: str
    object: str
    object_is_iri: bool
    passage: str
    document: str
    confidence: float
    start: int
    end: int


def facts(store: GraphStore, *, subjects: Iterable[str] = (), objects: Iterable[str] = (),
          predicates: Iterable[str] = ()) -> list[FactRow]:
    """Statements whose subject, object and predicate lie in the given sets (empty = any)."""
    subjects, objects, predicates = list(subjects), list(objects), list(predicates)
    if not (subjects or objects):
        raise ValueError("facts() needs subjects or objects to stay bounded")
    blocks = [_values(v, xs) for v, xs in (("s", subjects), ("o", objects), ("p", predicates))
              if xs]
    sparql = PREFIXES + f"""
SELECT ?s ?p ?o ?passage ?doc ?conf ?start ?end WHERE {{
  {' '.join(blocks)}
  ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; lape:sourcePassage ?passage ;
      lape:confidence ?conf ; lape:spanStart ?start ; lape:spanEnd ?end .
  ?passage lape:inDocument ?doc .
}}"""
    return [FactRow(str(r.s), str(r.p), str(r.o), isinstance(r.o, URIRef), str(r.passage),
                    str(r.doc), float(r.conf), int(r.start), int(r.end))
            for r in store.query(sparql)]


def regions_of(store: GraphStore, entities: Iterable[str]) -> dict[str, list[str]]:
    """The regions each entity rolls up to: itself, its region, or through a municipality,
    organisation or project it is administered by or lies in."""
    entities = sorted(set(entities))
    out: dict[str, list[str]] = {e: [] for e in entities}
    if not entities:
        return out
    sparql = PREFIXES + f"""
SELECT DISTINCT ?s ?region WHERE {{
  {_values("s", entities)}
  {{ ?s a lape:Region . BIND(?s AS ?region) }}
  UNION {{ ?s lape:inRegion ?region . ?region a lape:Region }}
  UNION {{ ?s lape:administeredBy|lape:inRegion ?mid . ?mid lape:inRegion ?region .
           ?region a lape:Region }}
}}"""
    for r in store.query(sparql):
        out[str(r.s)].append(str(r.region))
    for regions in out.values():
        regions.sort()
    return out


def members_of_region(store: GraphStore, region: str) -> list[str]:
    """The region and what rolls up to it: its municipalities, organisations and projects."""
    sparql = PREFIXES + f"""
SELECT DISTINCT ?s WHERE {{
  {{ BIND({_iri(region)} AS ?s) }}
  UNION {{ ?s lape:inRegion {_iri(region)} }}
  UNION {{ ?s lape:administeredBy|lape:inRegion ?mid . ?mid lape:inRegion {_iri(region)} }}
}}"""
    return sorted(str(r.s) for r in store.query(sparql))


@dataclass(frozen=True)
class MembershipRow:
    person: str
    organisation: str | None
    passage: str
    document: str
    confidence: float
    start: int
    end: int


def memberships(store: GraphStore, role: str) -> list[MembershipRow]:
    """Who held a role (and where), without passage text."""
    sparql = PREFIXES + f"""
SELECT ?person ?org ?passage ?doc ?conf ?start ?end WHERE {{
  ?m org:role {_iri(role)} ; org:member ?person .
  OPTIONAL {{ ?m org:organization ?org }}
  ?st rdf:object ?m ; lape:sourcePassage ?passage ; lape:confidence ?conf ;
      lape:spanStart ?start ; lape:spanEnd ?end .
  ?passage lape:inDocument ?doc .
}}"""
    return [MembershipRow(str(r.person), str(r.org) if r.org else None, str(r.passage),
                          str(r.doc), float(r.conf), int(r.start), int(r.end))
            for r in store.query(sparql)]


def document_regions(store: GraphStore, documents: Iterable[str]) -> dict[str, list[str]]:
    documents = sorted(set(documents))
    out: dict[str, list[str]] = {d: [] for d in documents}
    if documents:
        sparql = PREFIXES + f"""
SELECT ?doc ?region WHERE {{ {_values("doc", documents)} ?doc lape:aboutRegion ?region }}"""
        for r in store.query(sparql):
            out[str(r.doc)].append(str(r.region))
    return out


def passage_texts(store: GraphStore, passages: Iterable[str]) -> dict[str, str]:
    passages = sorted(set(passages))
    if not passages:
        return {}
    sparql = PREFIXES + f"""
SELECT ?passage ?text WHERE {{ {_values("passage", passages)} ?passage lape:text ?text }}"""
    return {str(r.passage): str(r.text) for r in store.query(sparql)}


def labels(store: GraphStore, entities: Iterable[str]) -> dict[str, tuple[str | None, str | None]]:
    """label_of for many entities in one query."""
    entities = sorted(set(entities))
    found: dict[str, tuple[str | None, list[str]]] = {e: (None, []) for e in entities}
    if not entities:
        return {}
    sparql = PREFIXES + f"""
SELECT ?entity ?label ?type WHERE {{
  {_values("entity", entities)}
  OPTIONAL {{ ?entity skos:prefLabel ?label . FILTER(lang(?label) = "fi" || lang(?label) = "") }}
  OPTIONAL {{ ?entity a ?type . FILTER(STRSTARTS(STR(?type), "https://w3id.org/lapekg/ontology#")) }}
}}"""
    for r in store.query(sparql):
        label, types = found[str(r.entity)]
        if r.type:
            types.append(str(r.type).rsplit("#", 1)[-1])
        found[str(r.entity)] = (label or (str(r.label) if r.label else None), types)
    out = {}
    for entity, (label, types) in found.items():
        types.sort(key=lambda t: t in _GENERAL_TYPES)
        out[entity] = (label, types[0] if types else None)
    return out
