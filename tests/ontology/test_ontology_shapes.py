"""SHACL shapes: the reference graph conforms; broken graphs fail with the violated shape named."""

from collections.abc import Callable
from decimal import Decimal

import pytest
from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef

from ontology.iris import IriMinter
from ontology.namespace import LAPE
from ontology.reference import ReferenceData, reference_triples
from ontology.shapes import validate


def _document_graph(minter: IriMinter, confidence: Decimal = Decimal("0.8")) -> Graph:
    """A small, valid document graph: one document, passage, mention and extracted statement."""
    graph = Graph()
    doc = minter.document("doc")
    passage = minter.passage("doc", 0)
    mention = minter.mention("doc", 0, 0, 9)
    project = minter.project("p-k-lape")
    extractor = minter.extractor("rules")
    statement = minter.statement(project, LAPE.piloted, minter.method("perhekeskus"))
    graph.add((doc, RDF.type, LAPE.Document))
    graph.add((passage, RDF.type, LAPE.Passage))
    graph.add((passage, LAPE.inDocument, doc))
    graph.add((passage, LAPE.passageIndex, Literal(0)))
    graph.add((passage, LAPE.text, Literal("Siun sote pilotoi perhekeskusta.")))
    graph.add((passage, LAPE.start, Literal(0)))
    graph.add((passage, LAPE.end, Literal(32)))
    graph.add((passage, LAPE.hasMention, mention))
    graph.add((mention, RDF.type, LAPE.Mention))
    graph.add((mention, LAPE.surface, Literal("Siun sote")))
    graph.add((mention, LAPE.start, Literal(0)))
    graph.add((mention, LAPE.end, Literal(9)))
    graph.add((mention, LAPE.refersTo, minter.organisation("siun-sote")))
    graph.add((project, RDF.type, LAPE.Project))
    graph.add((project, RDFS.label, Literal("P-K LAPE", lang="fi")))
    graph.add((project, LAPE.piloted, minter.method("perhekeskus")))
    graph.add((extractor, RDF.type, LAPE.Extractor))
    graph.add((statement, RDF.type, LAPE.Statement))
    graph.add((statement, RDF.subject, project))
    graph.add((statement, RDF.predicate, LAPE.piloted))
    graph.add((statement, RDF.object, minter.method("perhekeskus")))
    graph.add((statement, LAPE.sourcePassage, passage))
    graph.add((statement, LAPE.spanStart, Literal(0)))
    graph.add((statement, LAPE.spanEnd, Literal(31)))
    graph.add((statement, LAPE.extractor, extractor))
    graph.add((statement, LAPE.confidence, Literal(confidence)))
    return graph


def test_reference_graph_conforms(reference: ReferenceData, minter: IriMinter) -> None:
    graph = Graph()
    for triple in reference_triples(reference, minter):
        graph.add(triple)
    conforms, report = validate(graph)
    assert conforms, report


def test_valid_document_graph_conforms(minter: IriMinter) -> None:
    conforms, report = validate(_document_graph(minter))
    assert conforms, report


def test_broken_graph_names_the_violated_shapes(minter: IriMinter) -> None:
    graph = _document_graph(minter, confidence=Decimal("1.5"))
    graph.remove((minter.passage("doc", 0), LAPE.inDocument, None))
    conforms, report = validate(graph)
    assert not conforms
    assert "PassageInDocumentShape" in report
    assert "StatementConfidenceShape" in report


@pytest.mark.parametrize(
    ("triple_change", "shape"),
    [
        (lambda g, m: g.set((m.passage("doc", 0), LAPE.start, Literal(40))), "PassageStartShape"),
        (lambda g, m: g.remove((m.passage("doc", 0), LAPE.text, None)), "PassageTextShape"),
        (
            lambda g, m: g.set((m.mention("doc", 0, 0, 9), LAPE.end, Literal("9"))),
            "MentionEndShape",
        ),
        (lambda g, m: g.remove((m.extractor("rules"), RDF.type, None)), "StatementExtractorShape"),
        (lambda g, m: g.remove((m.project("p-k-lape"), RDFS.label, None)), "ProjectShape"),
        (
            lambda g, m: g.set(
                (
                    m.statement(m.project("p-k-lape"), LAPE.piloted, m.method("perhekeskus")),
                    LAPE.confidence,
                    Literal(0.8),
                )
            ),
            "StatementConfidenceShape",
        ),
    ],
    ids=[
        "start-after-end",
        "no-text",
        "string-offset",
        "untyped-extractor",
        "unnamed-project",
        "double-confidence",
    ],
)
def test_each_rule_is_enforced(
    minter: IriMinter, triple_change: Callable[[Graph, IriMinter], object], shape: str
) -> None:
    graph = _document_graph(minter)
    triple_change(graph, minter)
    conforms, report = validate(graph)
    assert not conforms
    assert shape in report


def test_municipality_needs_a_region_and_finnish_label(minter: IriMinter) -> None:
    graph = Graph()
    municipality = minter.municipality("167")
    graph.add((municipality, RDF.type, LAPE.Municipality))
    graph.add((municipality, LAPE.code, Literal("167")))
    conforms, report = validate(graph)
    assert not conforms
    assert "MunicipalityRegionShape" in report
    assert "MunicipalityFinnishLabelShape" in report


def test_dataset_is_validated_as_one_union_graph(minter: IriMinter) -> None:
    """A statement in a document's graph may use an extractor typed in another named graph."""
    dataset = Dataset()
    document_graph = dataset.graph(minter.document("doc"))
    extractors = dataset.graph(minter.graph("extractors"))
    for s, p, o in _document_graph(minter):
        if s == minter.extractor("rules"):
            extractors.add((s, p, o))
        else:
            document_graph.add((s, p, o))
    conforms, report = validate(dataset)
    assert conforms, report
    assert isinstance(minter.graph("extractors"), URIRef)
