"""Derived summaries that make the common researcher question cheap: per region, working model
and status, how many actors and passages say so, the best confidence and one quote.

Answering "which working models were tried in which region" from the statements needs every
statement's six properties, the roll-up of each actor to its region and a grouping: ~0.4 s at
the 100x bench build on Oxigraph (bench/README.md), whatever the server. The summary holds the
answer as ~700 small nodes (100x), read in a few milliseconds. It is derived data: recomputed
from the merged default graph at the end of every build and add (`refresh`, ~2 s at 100x), so
it never disagrees with the statements it sums up, and it is a graph of its own
(`{base}graph/summaries`) whose triples enter the default graph like any document's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ontology.iris import IriMinter, content_hash

if TYPE_CHECKING:
    from graph.store import GraphStore

SUMMARY_GRAPH = "summaries"

# The statements that an actor tried a model out (taken into use, developing, piloted, trained;
# planned and created do not count), the actor rolled up to its region directly, through its
# own region or through the body that administers it. On Oxigraph's disk store one scan per
# property joined by hash beats a lookup per statement: each { SELECT ... } is read once.
REGION_METHODS = """PREFIX lape: <https://w3id.org/lapekg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?region ?method ?status (COUNT(DISTINCT ?actor) AS ?actors)
       (COUNT(DISTINCT ?source) AS ?passages) (MAX(?confidence) AS ?bestConfidence)
       (MIN(CONCAT(STR(?source), " ", ?quote)) AS ?first) WHERE {
  {
    SELECT ?actor ?status ?method ?source ?confidence ?quote WHERE {
      VALUES ?status { lape:implemented lape:developing lape:piloted lape:trained }
      ?st rdf:predicate ?status .
      { SELECT ?st ?actor WHERE { ?st rdf:subject ?actor } }
      { SELECT ?st ?method WHERE { ?st rdf:object ?method } }
      { SELECT ?st ?source WHERE { ?st lape:sourcePassage ?source } }
      { SELECT ?st ?confidence WHERE { ?st lape:confidence ?confidence } }
      { SELECT ?st ?s WHERE { ?st lape:spanStart ?s } }
      { SELECT ?st ?e WHERE { ?st lape:spanEnd ?e } }
      ?source lape:text ?text .
      BIND(IF(?e > ?s, SUBSTR(?text, ?s + 1, ?e - ?s), SUBSTR(?text, 1, 200)) AS ?quote)
    }
  }
  {
    SELECT DISTINCT ?actor ?region WHERE {
      { ?actor a lape:Region . BIND(?actor AS ?region) }
      UNION { ?actor lape:inRegion ?region . ?region a lape:Region }
      UNION { ?actor lape:administeredBy|lape:inRegion ?mid . ?mid lape:inRegion ?region .
              ?region a lape:Region }
    }
  }
  { SELECT DISTINCT ?method WHERE { ?method skos:prefLabel ?label } }
}
GROUP BY ?region ?method ?status
"""


def refresh(store: GraphStore, minter: IriMinter) -> int:
    """Recompute the summaries from the store's default graph (the previous summaries are
    dropped first, so they never count themselves); return how many there are."""
    from oxrdflib._converter import from_ox
    from rdflib import RDF, Literal, URIRef

    from ontology.namespace import LAPE

    graph = minter.graph(SUMMARY_GRAPH)
    store.remove_graph(graph)
    quads = []
    for row in store.ox.query(REGION_METHODS, use_default_graph_as_union=False):
        region, method, status = (row[v].value for v in ("region", "method", "status"))
        node = URIRef(f"{minter.base}summary/{content_hash(region, method, status)}")
        passage, _, quote = row["first"].value.partition(" ")
        quads += [(node, p, o, graph) for p, o in (
            (RDF.type, LAPE.RegionMethodSummary),
            (LAPE.summaryRegion, URIRef(region)), (LAPE.summaryMethod, URIRef(method)),
            (LAPE.summaryStatus, URIRef(status)),
            (LAPE.actorCount, from_ox(row["actors"])),
            (LAPE.passageCount, from_ox(row["passages"])),
            (LAPE.bestConfidence, from_ox(row["bestConfidence"])),
            (LAPE.evidencePassage, URIRef(passage)), (LAPE.evidenceText, Literal(quote)))]
    store.add_quads(quads)
    return len(quads) // 9
