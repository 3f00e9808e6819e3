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
# One row per region, working model and status. Taking a model into use, developing, piloting
# and training in it all count as trying it out (lape:planned and lape:created do not). The
# actor rolls up to a region directly, through its own region, or through the organisation
# that administers it. Each row counts the actors and passages that say so, gives the
# strongest confidence and quotes one statement (the one in the first passage by IRI).
# The rows are read from lape:RegionMethodSummary, which the build derives from the
# statements (graph/summaries.py REGION_METHODS computes it from lape:Statement). Each property
# is read by one scan and joined by hash (on Oxigraph's disk store faster than a lookup each).
SELECT ?regionName ?methodName ?status ?actors ?passages ?bestConfidence ?passage ?evidence
WHERE {
  ?summary lape:summaryRegion ?region .
  { SELECT ?summary ?method WHERE { ?summary lape:summaryMethod ?method } }
  { SELECT ?summary ?status WHERE { ?summary lape:summaryStatus ?status } }
  { SELECT ?summary ?actors WHERE { ?summary lape:actorCount ?actors } }
  { SELECT ?summary ?passages WHERE { ?summary lape:passageCount ?passages } }
  { SELECT ?summary ?bestConfidence WHERE { ?summary lape:bestConfidence ?bestConfidence } }
  { SELECT ?summary ?passage WHERE { ?summary lape:evidencePassage ?passage } }
  { SELECT ?summary ?evidence WHERE { ?summary lape:evidenceText ?evidence } }
  {
    SELECT ?region ?regionName WHERE {
      ?region a lape:Region ; skos:prefLabel ?regionName . FILTER(lang(?regionName) = "fi")
    }
  }
  {
    SELECT ?method ?methodName WHERE {
      ?method skos:prefLabel ?methodName . FILTER(lang(?methodName) = "fi")
    }
  }
}
ORDER BY ?regionName ?methodName ?status
"""),
    Example("funding-per-project", "Rahoitus hankkeittain", "Funding per project",
            PREFIXES + """
# One row per project and amount: its Finnish (or untagged) name, its region, how many
# passages state the amount, and the quote from the first of them (by IRI). MIN, not SAMPLE:
# the same data gives the same row on every engine and store.
SELECT ?project ?projectName ?amount ?regionName
       (STRAFTER(?first, " ") AS ?evidence) (IRI(STRBEFORE(?first, " ")) AS ?passage) ?passages
WHERE {
  {
    SELECT ?project ?amount (MIN(?name) AS ?projectName) (MIN(?rName) AS ?regionName)
           (MIN(CONCAT(STR(?source), " ", ?ev)) AS ?first) (COUNT(DISTINCT ?source) AS ?passages)
    WHERE {
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
  }
}
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
# Each property of the statements is read in one scan and joined by hash (on Oxigraph's disk
# store faster than a lookup per statement).
SELECT ?predicate (COUNT(?st) AS ?statements) (AVG(?confidence) AS ?meanConfidence) WHERE {
  ?st a lape:Statement .
  { SELECT ?st ?predicate WHERE { ?st rdf:predicate ?predicate } }
  { SELECT ?st ?confidence WHERE { ?st lape:confidence ?confidence } }
}
GROUP BY ?predicate
ORDER BY DESC(?statements)
"""),
]
