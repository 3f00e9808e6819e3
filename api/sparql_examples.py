"""Example queries for the SPARQL page, written against the graph's vocabulary (ontology/README)."""

from __future__ import annotations

from dataclasses import dataclass

PREFIXES = """PREFIX lape: <https://w3id.org/lapekg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX org: <http://www.w3.org/ns/org#>
"""


@dataclass(frozen=True)
class Example:
    key: str
    title_fi: str
    title_en: str
    query: str

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_fi


EXAMPLES = [
    Example("documents-by-region", "Dokumentit maakunnittain", "Documents by region",
            PREFIXES + """
SELECT ?regionName ?document ?title ?date WHERE {
  ?document a lape:Document ; dcterms:title ?title .
  OPTIONAL { ?document dcterms:date ?date }
  OPTIONAL {
    ?document lape:aboutRegion ?region .
    ?region skos:prefLabel ?regionName . FILTER(lang(?regionName) = "fi")
  }
}
ORDER BY ?regionName ?date
"""),
    Example("methods-per-region", "Kokeillut toimintamallit maakunnittain näyttöineen",
            "Working models piloted per region, with evidence", PREFIXES + """
# Taking a model into use, developing, piloting and training in it all count as trying it
# out (lape:planned and lape:created do not). The actor
# rolls up to a region directly, through its own region, or through the organisation
# that administers it.
SELECT DISTINCT ?regionName ?methodName ?status ?actor ?evidence ?passage ?confidence WHERE {
  VALUES ?status { lape:implemented lape:developing lape:piloted lape:trained }
  ?st a lape:Statement ; rdf:subject ?actor ; rdf:predicate ?status ; rdf:object ?method ;
      lape:sourcePassage ?passage ; lape:confidence ?confidence ;
      lape:spanStart ?s ; lape:spanEnd ?e .
  ?passage lape:text ?text .
  BIND(IF(?e > ?s, SUBSTR(?text, ?s + 1, ?e - ?s), SUBSTR(?text, 1, 200)) AS ?evidence)
  { ?actor a lape:Region . BIND(?actor AS ?region) }
  UNION { ?actor lape:inRegion ?region . ?region a lape:Region }
  UNION { ?actor lape:administeredBy|lape:inRegion ?mid . ?mid lape:inRegion ?region .
          ?region a lape:Region }
  ?region skos:prefLabel ?regionName . FILTER(lang(?regionName) = "fi")
  ?method skos:prefLabel ?methodName . FILTER(lang(?methodName) = "fi")
}
ORDER BY ?regionName ?methodName DESC(?confidence)
"""),
    Example("funding-per-project", "Rahoitus hankkeittain", "Funding per project",
            PREFIXES + """
# One row per project and amount: one Finnish (or untagged) name, one region, one passage
# saying so (and how many passages do).
SELECT ?project (SAMPLE(?name) AS ?projectName) ?amount (SAMPLE(?rName) AS ?regionName)
       (SAMPLE(?ev) AS ?evidence) (SAMPLE(?source) AS ?passage)
       (COUNT(DISTINCT ?source) AS ?passages) WHERE {
  ?project a lape:Project ; lape:fundingAmount ?amount .
  OPTIONAL {
    ?project skos:prefLabel ?name .
    FILTER(langMatches(lang(?name), "fi") || lang(?name) = "")
  }
  OPTIONAL {
    ?project lape:inRegion ?region .
    ?region skos:prefLabel ?rName . FILTER(lang(?rName) = "fi")
  }
  OPTIONAL {
    ?st rdf:subject ?project ; rdf:predicate lape:fundingAmount ; rdf:object ?amount ;
        lape:sourcePassage ?source ; lape:spanStart ?s ; lape:spanEnd ?e .
    ?source lape:text ?text .
    BIND(SUBSTR(?text, ?s + 1, ?e - ?s) AS ?ev)
  }
}
GROUP BY ?project ?amount
ORDER BY DESC(?amount)
"""),
    Example("people-and-roles", "Henkilöt ja tehtävät", "People and their roles",
            PREFIXES + """
SELECT DISTINCT ?personName ?roleName ?inName ?passage WHERE {
  ?m a org:Membership ; org:member ?person ; org:role ?role .
  ?person skos:prefLabel ?personName .
  ?role skos:prefLabel ?roleName . FILTER(lang(?roleName) = "fi")
  OPTIONAL {
    ?m org:organization ?in .
    ?in skos:prefLabel ?inName . FILTER(lang(?inName) = "fi" || lang(?inName) = "")
  }
  OPTIONAL { ?st rdf:object ?m ; lape:sourcePassage ?passage }
}
ORDER BY ?personName
"""),
    Example("facts-per-predicate", "Poimitut väitteet ominaisuuksittain",
            "Extracted statements per property", PREFIXES + """
SELECT ?predicate (COUNT(?st) AS ?statements) (AVG(?confidence) AS ?meanConfidence) WHERE {
  ?st a lape:Statement ; rdf:predicate ?predicate ; lape:confidence ?confidence .
}
GROUP BY ?predicate
ORDER BY DESC(?statements)
"""),
]
