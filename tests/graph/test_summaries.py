"""An add refreshes the region summaries of the regions its documents touch, and only those;
the result is the same as recomputing every region's summaries."""

from __future__ import annotations

from rdflib import RDF, SKOS, XSD, Literal, URIRef

from graph.store import GraphStore
from graph.summaries import SUMMARY_GRAPH, refresh, touched_regions
from ontology.iris import IriMinter
from ontology.namespace import LAPE

EX = "http://example.org/"
MINTER = IriMinter(EX)
# Twelve regions: an add touching three of them refreshes those (graph/summaries.py PARTIAL_SHARE)
REGIONS = {name: URIRef(EX + "region/" + name) for name in (
    "kainuu", "lappi", "pirkanmaa", "satakunta", "uusimaa", "kymenlaakso", "pohjanmaa",
    "keski-suomi", "pohjois-karjala", "etela-savo", "kanta-hame", "paijat-hame")}
METHOD = URIRef(EX + "method/perhekeskus")
REFERENCE = URIRef(EX + "graph/reference")


def _reference() -> list:
    """Regions, municipalities in them and the one model, as reference data states them."""
    quads = [(METHOD, SKOS.prefLabel, Literal("perhekeskus", "fi"), REFERENCE)]
    for name, region in REGIONS.items():
        town = URIRef(EX + "municipality/" + name)
        quads += [(region, RDF.type, LAPE.Region, REFERENCE),
                  (town, LAPE.inRegion, region, REFERENCE)]
    return quads


def _statement(doc: str, actor: URIRef, status: URIRef, n: int, text: str) -> list:
    g, passage = URIRef(EX + "document/" + doc), URIRef(f"{EX}passage/{doc}/{n}")
    st = URIRef(f"{EX}statement/{doc}/{n}")
    triples = [(passage, LAPE.text, Literal(text)), (st, RDF.type, LAPE.Statement),
               (st, RDF.subject, actor), (st, RDF.predicate, status), (st, RDF.object, METHOD),
               (st, LAPE.sourcePassage, passage),
               (st, LAPE.confidence, Literal(f"0.{n + 5}", datatype=XSD.decimal)),
               (st, LAPE.spanStart, Literal(0)), (st, LAPE.spanEnd, Literal(5))]
    return [(*t, g) for t in triples]


def _town(name: str) -> URIRef:
    return URIRef(EX + "municipality/" + name)


def _summaries(store: GraphStore) -> dict[str, set]:
    """Each region's summary triples, by region IRI."""
    graph = MINTER.graph(SUMMARY_GRAPH)
    triples = set(store.dataset.graph(graph))
    regions = {s: str(o) for s, p, o in triples if p == LAPE.summaryRegion}
    found: dict[str, set] = {}
    for s, p, o in triples:
        found.setdefault(regions[s], set()).add((s, p, o))
    return found


def _default(store: GraphStore) -> set:
    import pyoxigraph as ox

    return {(q.subject, q.predicate, q.object)
            for q in store.ox.quads_for_pattern(None, None, None, ox.DefaultGraph())}


def _live() -> GraphStore:
    """Three documents: Kainuu and Lappi piloted the model, Pirkanmaa's project took it into use;
    the project is administered in Pirkanmaa (a fact of the third document)."""
    project = URIRef(EX + "project/lape-pirkanmaa")
    store = GraphStore()
    store.add_quads(_reference())
    store.add_quads(_statement("a", _town("kainuu"), LAPE.piloted, 1, "Kainuu kokeili mallia"))
    store.add_quads(_statement("b", _town("lappi"), LAPE.piloted, 2, "Lappi kokeili mallia"))
    store.add_quads(_statement("c", project, LAPE.implemented, 3, "Hanke otti mallin käyttöön")
                    + [(project, LAPE.administeredBy, _town("pirkanmaa"),
                        URIRef(EX + "document/c"))])
    refresh(store, MINTER)
    return store


def _add_and_replace(store: GraphStore) -> set[str]:
    """What Builder.add does for a new document d (Uusimaa) and a new version of b (Satakunta
    instead of Lappi), with the regions collected as it collects them."""
    old_b = URIRef(EX + "document/b")
    touched = touched_regions(store, old_b)
    store.remove_graph(old_b)
    store.add_quads(_statement("b", _town("satakunta"), LAPE.piloted, 2, "Satakunta kokeili"))
    store.add_quads(_statement("d", _town("uusimaa"), LAPE.trained, 4, "Uusimaa koulutti"))
    for doc in ("b", "d"):
        touched |= touched_regions(store, URIRef(EX + "document/" + doc))
    return touched


def test_an_add_refreshes_exactly_the_regions_its_documents_touch():
    store = _live()
    before = _summaries(store)
    touched = _add_and_replace(store)
    assert touched == {str(REGIONS[n]) for n in ("lappi", "satakunta", "uusimaa")}
    assert refresh(store, MINTER, touched) == 2  # Lappi has no summary left
    after = _summaries(store)
    changed = {r for r in before.keys() | after.keys() if before.get(r) != after.get(r)}
    assert changed == touched
    assert set(after) == {str(REGIONS[n]) for n in ("kainuu", "pirkanmaa", "satakunta",
                                                    "uusimaa")}


def test_refreshing_the_touched_regions_gives_what_refreshing_all_of_them_gives():
    store = _live()
    refresh(store, MINTER, _add_and_replace(store))
    partial_summaries, partial_default = _summaries(store), _default(store)
    refresh(store, MINTER)
    assert _summaries(store) == partial_summaries
    assert _default(store) == partial_default


def test_a_roll_up_fact_touches_the_regions_of_statements_in_other_documents():
    """A new document that only says where the project is administered moves the project's
    statement of another document into one more region."""
    store = _live()
    project = URIRef(EX + "project/lape-pirkanmaa")
    new = URIRef(EX + "document/e")
    store.add_quads([(project, LAPE.administeredBy, _town("kainuu"), new)])
    touched = touched_regions(store, new)
    assert touched == {str(REGIONS["kainuu"])}  # Pirkanmaa's summary stays as it was
    refresh(store, MINTER, touched)
    partial = _summaries(store)
    refresh(store, MINTER)
    assert _summaries(store) == partial
    assert len(partial[str(REGIONS["kainuu"])]) == 2 * 9  # piloted and implemented


def test_a_triple_another_document_also_states_touches_nothing():
    store = _live()
    copy = URIRef(EX + "document/f")
    store.add_quads([(q[0], q[1], q[2], copy) for q in _reference()])
    assert touched_regions(store, copy) == set()


def test_an_add_touching_most_regions_refreshes_them_all_in_one_scan(monkeypatch):
    import graph.summaries

    def region_by_region(*_args):  # type: ignore[no-untyped-def]
        raise AssertionError("refreshed region by region")

    store = _live()
    monkeypatch.setattr(graph.summaries, "_remove_regions", region_by_region)
    assert refresh(store, MINTER, {str(r) for r in REGIONS.values()}) == 3  # every summary
