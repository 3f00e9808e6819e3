"""VoID and DCAT description of the dataset (with its counts) and the SPARQL service description."""

from __future__ import annotations

from typing import Any

from rdflib import RDF, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, VOID

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS_NS = Namespace("http://www.w3.org/ns/formats/")
LAPE_NS = "https://w3id.org/lapekg/ontology#"

# The union default graph repeats a triple once per named graph that holds it: count it once.
COUNTS = """
SELECT (COUNT(*) AS ?triples) (COUNT(DISTINCT ?s) AS ?subjects)
       (COUNT(DISTINCT ?p) AS ?properties) (COUNT(DISTINCT ?o) AS ?objects)
WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }
"""
CLASSES = """
SELECT ?class (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?class } GROUP BY ?class ORDER BY ?class
"""
PROPERTIES = "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY ?p"
GRAPHS = """
SELECT ?g (COUNT(*) AS ?n) (SAMPLE(?t) AS ?title) WHERE {
  GRAPH ?g { ?s ?p ?o }
  OPTIONAL { GRAPH ?g { ?g <http://purl.org/dc/terms/title> ?t } }
} GROUP BY ?g ORDER BY ?g
"""
# Export formats offered as distributions: (format name, media type, W3C format IRI).
DISTRIBUTIONS = [
    ("turtle", "text/turtle", FORMATS_NS.Turtle),
    ("nt", "application/n-triples", FORMATS_NS["N-Triples"]),
    ("nquads", "application/n-quads", FORMATS_NS["N-Quads"]),
    ("jsonld", "application/ld+json", FORMATS_NS["JSON-LD"]),
    ("xml", "application/rdf+xml", FORMATS_NS.RDF_XML),
    ("csv", "text/csv", None),
]
RESULT_FORMATS = [FORMATS_NS.SPARQL_Results_JSON, FORMATS_NS.SPARQL_Results_XML,
                  FORMATS_NS.SPARQL_Results_CSV, FORMATS_NS.SPARQL_Results_TSV,
                  FORMATS_NS.Turtle, FORMATS_NS["N-Triples"], FORMATS_NS["JSON-LD"],
                  FORMATS_NS.RDF_XML]


def dataset_iri(base_iri: str) -> URIRef:
    return URIRef(base_iri.rstrip("/") + "/dataset/lapekg")


def _rows(store: Any, query: str, union: bool = False) -> list[Any]:
    store = getattr(store, "ox", store)
    return list(store.query(query, use_default_graph_as_union=union))


def _int(term: Any) -> Literal:
    return Literal(int(term.value), datatype=XSD.integer)


def void_graph(store: Any, base_iri: str, server: str, modified: str | None = None) -> Graph:
    """VoID + DCAT for the store: totals, class and property partitions, one subset per graph.

    `server` is the URL the service answers at (for the SPARQL endpoint and the data dumps).
    """
    server = server.rstrip("/") + "/"
    g = Graph()
    g.bind("void", VOID)
    g.bind("dcat", DCAT)
    g.bind("dcterms", DCTERMS)
    g.bind("sd", SD)
    g.bind("lape", Namespace(LAPE_NS))
    ds = dataset_iri(base_iri)
    g.add((ds, RDF.type, VOID.Dataset))
    g.add((ds, RDF.type, DCAT.Dataset))
    g.add((ds, DCTERMS.title, Literal("LAPE-tietoverkko", lang="fi")))
    g.add((ds, DCTERMS.title, Literal("LAPE knowledge graph", lang="en")))
    g.add((ds, DCTERMS.description, Literal(
        "Finnish child and family services reform (LAPE 2016–2019) reports as a knowledge "
        "graph: documents, passages, regions, organisations, projects and working models, "
        "every extracted fact with its source passage.", lang="en")))
    if modified:
        g.add((ds, DCTERMS.modified, Literal(modified)))
    g.add((ds, VOID.uriSpace, Literal(base_iri)))
    g.add((ds, VOID.vocabulary, URIRef(LAPE_NS)))
    g.add((ds, VOID.sparqlEndpoint, URIRef(server + "sparql")))
    g.add((ds, VOID.exampleResource, URIRef(base_iri.rstrip("/") + "/region/07")))
    g.add((ds, VOID.dataDump, URIRef(server + "api/export?format=nquads")))
    for f in RESULT_FORMATS[4:]:
        g.add((ds, VOID.feature, f))

    (counts,) = _rows(store, COUNTS)
    g.add((ds, VOID.triples, _int(counts["triples"])))
    g.add((ds, VOID.distinctSubjects, _int(counts["subjects"])))
    g.add((ds, VOID.properties, _int(counts["properties"])))
    g.add((ds, VOID.distinctObjects, _int(counts["objects"])))
    classes = _rows(store, CLASSES)
    g.add((ds, VOID.classes, Literal(len(classes), datatype=XSD.integer)))
    entities = 0
    for row in classes:
        part = BNode()
        g.add((ds, VOID.classPartition, part))
        g.add((part, VOID["class"], URIRef(row["class"].value)))
        g.add((part, VOID.entities, _int(row["n"])))
        entities += int(row["n"].value)
    for row in _rows(store, PROPERTIES):
        part = BNode()
        g.add((ds, VOID.propertyPartition, part))
        g.add((part, VOID.property, URIRef(row["p"].value)))
        g.add((part, VOID.triples, _int(row["n"])))
    for row in _rows(store, GRAPHS, union=False):
        sub = URIRef(row["g"].value)
        g.add((ds, VOID.subset, sub))
        g.add((sub, RDF.type, VOID.Dataset))
        g.add((sub, VOID.triples, _int(row["n"])))
        if row["title"] is not None:
            g.add((sub, DCTERMS.title, Literal(row["title"].value,
                                               lang=row["title"].language)))
    for name, media, fmt in DISTRIBUTIONS:
        dist = URIRef(server + f"api/export?format={name}")
        g.add((ds, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCAT.downloadURL, dist))
        g.add((dist, DCAT.mediaType,
               URIRef("https://www.iana.org/assignments/media-types/" + media)))
        if fmt is not None:
            g.add((dist, DCTERMS["format"], fmt))
    service = URIRef(server + "sparql")
    g.add((ds, DCAT.accessService, service))
    g.add((service, RDF.type, DCAT.DataService))
    g.add((service, DCAT.endpointURL, service))
    g.add((service, DCAT.servesDataset, ds))
    return g


def service_description(store: Any, base_iri: str, server: str, updates: bool) -> Graph:
    """The SPARQL 1.1 Service Description of the endpoint at `server`/sparql."""
    server = server.rstrip("/") + "/"
    g = Graph()
    g.bind("sd", SD)
    g.bind("void", VOID)
    service = URIRef(server + "sparql")
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, service))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    if updates:
        g.add((service, SD.supportedLanguage, SD.SPARQL11Update))
    g.add((service, SD.feature, SD.UnionDefaultGraph))
    for f in RESULT_FORMATS:
        g.add((service, SD.resultFormat, f))
    dataset = BNode()
    g.add((service, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, DCTERMS.source, dataset_iri(base_iri)))
    default = BNode()
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    (counts,) = _rows(store, COUNTS)
    g.add((default, VOID.triples, _int(counts["triples"])))
    for row in _rows(store, GRAPHS, union=False):
        named = BNode()
        g.add((dataset, SD.namedGraph, named))
        g.add((named, SD.name, URIRef(row["g"].value)))
        graph = BNode()
        g.add((named, SD.graph, graph))
        g.add((graph, RDF.type, SD.Graph))
        g.add((graph, VOID.triples, _int(row["n"])))
    return g
