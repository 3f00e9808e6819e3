"""SPARQL the application runs, as constants bound with initBindings, and their plain results."""

from __future__ import annotations

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
