"""Derived summaries that make the common researcher question cheap: per region, working model
and status, how many actors and passages say so, the best confidence and one quote.

Answering "which working models were tried in which region" from the statements needs every
statement's six properties, the roll-up of each actor to its region and a grouping: ~0.4 s at
the 100x bench build on Oxigraph (bench/README.md), whatever the server. The summary holds the
answer as ~700 small nodes (100x), read in a few milliseconds. It is derived data: recomputed
from the merged default graph at the end of every build (`refresh`, ~1-2 s at 100x), so it never
disagrees with the statements it sums up, and it is a graph of its own (`{base}graph/summaries`)
whose triples enter the default graph like any document's.

An add recomputes only the regions its documents touch (`touched_regions` of each added graph
after the writes and of each replaced graph before its removal; `refresh(..., regions=...)`),
which gives the same summaries as recomputing all of them: a region's rows depend only on the
statements of actors that roll up to it, and a document's graph can change a row only through
a triple no other graph states (the default graph is the merge, graph/store.py).
"""

from __future__ import annotations

from collections.abc import Collection
from string import Template
from typing import TYPE_CHECKING

from ontology.iris import IriMinter, content_hash

if TYPE_CHECKING:
    from rdflib import URIRef

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


PREFIXES = """PREFIX lape: <https://w3id.org/lapekg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
# Every way one graph can change the rows of REGION_METHODS, each through the triples only that
# graph states (a triple another graph states too stays in the merged default graph): the
# actors of its statements (and of statements citing its passages, whose text gives the quote),
# the ends of its roll-up triples, the regions it declares, and the actors of statements about
# a model it labels. The regions are those of these seeds, read in the store's present state.
_OWN = Template("FILTER NOT EXISTS { GRAPH ?other { $triple } FILTER(?other != $$graph) }")
TOUCHED = Template(Template(PREFIXES + """SELECT DISTINCT ?region WHERE {
  { SELECT DISTINCT ?seed WHERE {
      { GRAPH $$graph { ?st rdf:subject ?seed ; rdf:predicate ?status } $status }
      UNION { GRAPH $$graph { ?passage lape:text ?text } $own_text
              ?st lape:sourcePassage ?passage ; rdf:subject ?seed ; rdf:predicate ?status .
              $status }
      UNION { GRAPH $$graph { ?x ?rollup ?seed }
              VALUES ?rollup { lape:inRegion lape:administeredBy } $own_rollup }
      UNION { GRAPH $$graph { ?seed a lape:Region } $own_region }
      UNION { GRAPH $$graph { ?method skos:prefLabel ?label } $own_label
              ?st rdf:object ?method ; rdf:subject ?seed ; rdf:predicate ?status . $status }
  } }
  { ?seed a lape:Region . BIND(?seed AS ?region) }
  UNION { ?seed lape:inRegion ?region . ?region a lape:Region }
  UNION { ?seed lape:administeredBy|lape:inRegion ?mid . ?mid lape:inRegion ?region .
          ?region a lape:Region }
}""").substitute(
    status="VALUES ?status { lape:implemented lape:developing lape:piloted lape:trained }",
    own_text=_OWN.substitute(triple="?passage lape:text ?text"),
    own_rollup=_OWN.substitute(triple="?x ?rollup ?seed"),
    own_region=_OWN.substitute(triple="?seed a lape:Region"),
    own_label=_OWN.substitute(triple="?method skos:prefLabel ?label")))

# REGION_METHODS for some regions: their actors first (a few milliseconds), then the statements
# of those actors only, looked up by subject (~0.2 s for one region at 100x, where the full
# grouping scans every statement: 0.6-1.3 CPU s). Whether the model has a label is checked on
# the grouped rows (the model is a group key): as a FILTER EXISTS it cost a third of the time.
ACTORS = Template(PREFIXES + """SELECT DISTINCT ?actor ?region WHERE {
  { $regions ?region a lape:Region . BIND(?region AS ?actor) }
  UNION { $regions ?region a lape:Region . ?actor lape:inRegion ?region }
  UNION { $regions ?region a lape:Region . ?mid lape:inRegion ?region .
          ?actor lape:administeredBy|lape:inRegion ?mid }
}""")
ACTOR_METHODS = Template(PREFIXES + """SELECT ?region ?method ?status
       (COUNT(DISTINCT ?actor) AS ?actors) (COUNT(DISTINCT ?source) AS ?passages)
       (MAX(?confidence) AS ?bestConfidence)
       (MIN(CONCAT(STR(?source), " ", ?quote)) AS ?first) WHERE {
  $pairs
  ?st rdf:subject ?actor .
  ?st rdf:predicate ?status .
  FILTER(?status IN (lape:implemented, lape:developing, lape:piloted, lape:trained))
  ?st rdf:object ?method .
  ?st lape:sourcePassage ?source .
  ?st lape:confidence ?confidence .
  ?st lape:spanStart ?s .
  ?st lape:spanEnd ?e .
  ?source lape:text ?text .
  BIND(IF(?e > ?s, SUBSTR(?text, ?s + 1, ?e - ?s), SUBSTR(?text, 1, 200)) AS ?quote)
}
GROUP BY ?region ?method ?status
""")


# Regions are refreshed one by one when they are at most a quarter of all: at 100x one region
# cost ~0.2-0.3 s and all 19 of them 2.2 s, against 0.9 s for the one scan of every statement.
PARTIAL_SHARE = 4


def _iri(value: str) -> str:
    import pyoxigraph as ox

    return str(ox.NamedNode(value))  # <...>, refused if not an IRI


def touched_regions(store: GraphStore, graph: URIRef) -> set[str]:
    """The regions whose summaries the named graph's triples take part in, in the store's
    present state: call it for a graph about to be removed before removing it, and for a graph
    just added after adding it."""
    query = TOUCHED.substitute(graph=_iri(str(graph)))
    return {row["region"].value
            for row in store.ox.query(query, use_default_graph_as_union=False)}


def _rows(store: GraphStore, regions: Collection[str] | None):  # type: ignore[no-untyped-def]
    import pyoxigraph as ox
    from rdflib import SKOS

    if regions is None:
        return store.ox.query(REGION_METHODS, use_default_graph_as_union=False)
    values = " ".join(_iri(r) for r in sorted(regions))
    pairs = [f"({row['actor']} {row['region']})" for row in store.ox.query(
        ACTORS.substitute(regions=f"VALUES ?region {{ {values} }}"),
        use_default_graph_as_union=False)]
    if not pairs:
        return []
    query = ACTOR_METHODS.substitute(pairs=f"VALUES (?actor ?region) {{ {' '.join(pairs)} }}")
    label = ox.NamedNode(str(SKOS.prefLabel))
    return [row for row in store.ox.query(query, use_default_graph_as_union=False)
            if next(store.ox.quads_for_pattern(row["method"], label, None, ox.DefaultGraph()),
                    None) is not None]


def _remove_regions(store: GraphStore, graph: URIRef, regions: Collection[str]) -> None:
    """Drop the summaries of these regions from the summary graph and the default graph (a
    summary node's triples are stated by the summary graph only)."""
    import pyoxigraph as ox

    from ontology.namespace import LAPE

    name, default = ox.NamedNode(str(graph)), ox.DefaultGraph()
    by_region = ox.NamedNode(str(LAPE.summaryRegion))
    gone = []
    for region in regions:
        for quad in store.ox.quads_for_pattern(None, by_region, ox.NamedNode(region), name):
            for q in store.ox.quads_for_pattern(quad.subject, None, None, name):
                gone += [q, ox.Quad(q.subject, q.predicate, q.object, default)]
    for quad in gone:
        store.ox.remove(quad)


def _regions(store: GraphStore) -> int:
    import pyoxigraph as ox
    from rdflib import RDF

    from ontology.namespace import LAPE

    return sum(1 for _ in store.ox.quads_for_pattern(
        None, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(LAPE.Region)), ox.DefaultGraph()))


def refresh(store: GraphStore, minter: IriMinter, regions: Collection[str] | None = None
            ) -> int:
    """Recompute the summaries from the store's default graph, all of them or (`regions`, IRIs)
    those of some regions; the previous ones are dropped first, so they never count themselves.
    Return how many summaries were written."""
    from oxrdflib._converter import from_ox
    from rdflib import RDF, Literal, URIRef

    from ontology.namespace import LAPE

    graph = minter.graph(SUMMARY_GRAPH)
    if regions is not None and len(regions) > _regions(store) // PARTIAL_SHARE:
        regions = None  # region by region costs more than one scan of every statement
    if regions is None:
        store.remove_graph(graph)
    else:
        _remove_regions(store, graph, regions)
    quads = []
    for row in _rows(store, regions):
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
