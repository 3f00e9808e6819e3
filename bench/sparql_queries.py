"""The SPARQL query set of the side-by-side bench: the endpoint's five built-in examples and what
a researcher writes first (counts, a GROUP BY, provenance, a label search, a 3-hop join, a
CONSTRUCT of one entity, ASK). Every query reads the default graph, the RDF merge."""

from __future__ import annotations

from dataclasses import dataclass

PREFIXES = """PREFIX lape: <https://w3id.org/lapekg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""
# A reference working model: in every build, and the subject of many statements.
ENTITY = "https://w3id.org/lapekg/id/method/perhekeskus"


@dataclass(frozen=True)
class BenchQuery:
    """One query of the set; kind is "example" (built-in) or "typical" (researcher's)."""

    name: str
    kind: str
    query: str

    @property
    def form(self) -> str:
        """SELECT, ASK or CONSTRUCT: what the response holds and how its rows are counted."""
        body = "\n".join(line for line in self.query.splitlines()
                         if not line.lstrip().upper().startswith(("PREFIX", "#")))
        for form in ("CONSTRUCT", "ASK", "SELECT"):
            if body.lstrip().upper().startswith(form):
                return form
        raise ValueError(f"query {self.name!r}: cannot tell its form (SELECT, ASK, CONSTRUCT)")


TYPICAL = (
    BenchQuery("count_by_type", "typical", """
SELECT ?type (COUNT(?s) AS ?n) WHERE { ?s a ?type } GROUP BY ?type ORDER BY DESC(?n)"""),
    BenchQuery("methods_by_region", "typical", PREFIXES + """
SELECT ?regionName ?methodName (COUNT(DISTINCT ?actor) AS ?actors) WHERE {
  ?actor lape:piloted|lape:implemented|lape:trained|lape:planned|lape:created ?method .
  { ?actor a lape:Region . BIND(?actor AS ?region) } UNION { ?actor lape:inRegion ?region }
  ?region a lape:Region ; skos:prefLabel ?regionName . FILTER(lang(?regionName) = "fi")
  ?method skos:prefLabel ?methodName . FILTER(lang(?methodName) = "fi")
}
GROUP BY ?regionName ?methodName ORDER BY DESC(?actors) ?regionName ?methodName"""),
    BenchQuery("provenance", "typical", PREFIXES + """
SELECT ?st ?actor ?predicate ?method ?passage ?document ?title WHERE {
  VALUES ?predicate { lape:piloted lape:implemented lape:trained }
  ?st a lape:Statement ; rdf:subject ?actor ; rdf:predicate ?predicate ; rdf:object ?method ;
      lape:sourcePassage ?passage .
  ?passage lape:inDocument ?document .
  ?document dcterms:title ?title .
}"""),
    BenchQuery("label_contains", "typical", PREFIXES + """
SELECT ?entity ?label WHERE {
  ?entity skos:prefLabel|skos:altLabel ?label .
  FILTER(CONTAINS(LCASE(STR(?label)), "perhe"))
}"""),
    BenchQuery("label_regex", "typical", PREFIXES + """
SELECT ?entity ?label WHERE {
  ?entity skos:prefLabel ?label . FILTER(REGEX(STR(?label), "^(lapsi|perhe)", "i"))
}"""),
    BenchQuery("three_hop", "typical", PREFIXES + """
SELECT DISTINCT ?methodName ?regionName ?document WHERE {
  ?st rdf:object ?method ; lape:sourcePassage ?passage .
  ?passage lape:inDocument ?document .
  ?document lape:aboutRegion ?region .
  ?method a lape:Method ; skos:prefLabel ?methodName . FILTER(lang(?methodName) = "fi")
  ?region skos:prefLabel ?regionName . FILTER(lang(?regionName) = "fi")
}"""),
    BenchQuery("construct_entity", "typical", PREFIXES + f"""
CONSTRUCT {{ <{ENTITY}> ?p ?o . ?st ?sp ?so }} WHERE {{
  {{ <{ENTITY}> ?p ?o }}
  UNION {{ ?st rdf:object <{ENTITY}> ; a lape:Statement ; ?sp ?so }}
}}"""),
    BenchQuery("ask", "typical", PREFIXES + """
ASK { ?st a lape:Statement ; rdf:predicate lape:piloted ; rdf:object ?m . ?m a lape:Method }"""),
)


def query_set() -> list[BenchQuery]:
    """The built-in examples (from the endpoint's page) followed by the typical queries."""
    from api.sparql_examples import EXAMPLES

    examples = [BenchQuery(e.key, "example", e.query) for e in EXAMPLES]
    return [*examples, *TYPICAL]
