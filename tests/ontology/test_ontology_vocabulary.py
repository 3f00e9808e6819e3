"""The vocabulary: Turtle files parse, every term is labelled, namespace.py matches lapekg.ttl."""

from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import FOAF, ORG, PROV

from ontology.namespace import LAPE
from ontology.reference import ONTOLOGY_DIR, ontology_graph

TURTLE_FILES = sorted(ONTOLOGY_DIR.glob("*.ttl")) + sorted(
    (ONTOLOGY_DIR / "reference").glob("*.ttl")
)


@pytest.mark.parametrize("path", TURTLE_FILES, ids=lambda p: p.name)
def test_turtle_file_parses(path: Path) -> None:
    assert len(Graph().parse(path, format="turtle")) > 0


def test_all_expected_turtle_files_exist() -> None:
    names = {p.name for p in TURTLE_FILES}
    assert {"lapekg.ttl", "shapes.ttl", "methods.ttl", "roles.ttl"} <= names


def _defined_terms(vocabulary: Graph) -> set[URIRef]:
    return {
        s
        for s in vocabulary.subjects(RDF.type, None)
        if isinstance(s, URIRef) and str(s).startswith(str(LAPE._NS))
    }


def test_namespace_and_ontology_define_the_same_terms(vocabulary: Graph) -> None:
    assert set(dir(LAPE)) == _defined_terms(vocabulary)


def test_namespace_is_closed() -> None:
    with pytest.raises(AttributeError):
        LAPE.homeRegion  # noqa: B018


def test_ontology_is_declared(vocabulary: Graph) -> None:
    ontology = URIRef("https://w3id.org/lapekg/ontology")
    assert (ontology, RDF.type, OWL.Ontology) in vocabulary
    assert {lit.language for lit in vocabulary.objects(ontology, RDFS.label)} == {"fi", "en"}


@pytest.mark.parametrize("predicate", [RDFS.label, RDFS.comment], ids=["label", "comment"])
def test_every_term_has_finnish_and_english_text(vocabulary: Graph, predicate: URIRef) -> None:
    missing = [
        (str(term), lang)
        for term in _defined_terms(vocabulary)
        for lang in ("fi", "en")
        if not any(
            isinstance(o, Literal) and o.language == lang
            for o in vocabulary.objects(term, predicate)
        )
    ]
    assert missing == []


def test_every_term_is_a_class_or_property(vocabulary: Graph) -> None:
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}
    for term in _defined_terms(vocabulary):
        assert kinds & set(vocabulary.objects(term, RDF.type)), term


@pytest.mark.parametrize(
    ("sub", "sup"),
    [
        (LAPE.Organisation, ORG.Organization),
        (LAPE.JointAuthority, LAPE.Organisation),
        (LAPE.Municipality, LAPE.Organisation),
        (LAPE.Method, SKOS.Concept),
        (LAPE.Role, SKOS.Concept),
        (LAPE.Role, ORG.Role),
        (LAPE.Person, FOAF.Person),
        (LAPE.Statement, RDF.Statement),
        (LAPE.Statement, PROV.Entity),
        (LAPE.Extractor, PROV.SoftwareAgent),
        (LAPE.Project, PROV.Activity),
    ],
)
def test_classes_reuse_standard_vocabularies(vocabulary: Graph, sub: URIRef, sup: URIRef) -> None:
    assert (sub, RDFS.subClassOf, sup) in vocabulary


@pytest.mark.parametrize(
    ("sub", "sup"),
    [
        (LAPE.sourcePassage, PROV.wasDerivedFrom),
        (LAPE.extractor, PROV.wasAttributedTo),
        (LAPE.piloted, LAPE.usesMethod),
        (LAPE.implemented, LAPE.usesMethod),
        (LAPE.trained, LAPE.usesMethod),
        (LAPE.planned, LAPE.usesMethod),
        (LAPE.created, LAPE.usesMethod),
    ],
)
def test_properties_specialise_standard_ones(vocabulary: Graph, sub: URIRef, sup: URIRef) -> None:
    assert (sub, RDFS.subPropertyOf, sup) in vocabulary


@pytest.mark.parametrize(
    ("prop", "datatype"),
    [
        (LAPE.start, "integer"),
        (LAPE.end, "integer"),
        (LAPE.passageIndex, "integer"),
        (LAPE.spanStart, "integer"),
        (LAPE.spanEnd, "integer"),
        (LAPE.confidence, "decimal"),
        (LAPE.fundingAmount, "decimal"),
        (LAPE.quantity, "decimal"),
        (LAPE.startDate, "date"),
        (LAPE.endDate, "date"),
        (LAPE.resultDate, "date"),
        (LAPE.code, "string"),
    ],
)
def test_datatype_ranges(vocabulary: Graph, prop: URIRef, datatype: str) -> None:
    assert vocabulary.value(prop, RDFS.range) == URIRef(
        f"http://www.w3.org/2001/XMLSchema#{datatype}"
    )


def test_ontology_graph_includes_the_concept_schemes() -> None:
    graph = ontology_graph()
    assert (LAPE.Method, RDF.type, OWL.Class) in graph
    assert len(set(graph.subjects(RDF.type, SKOS.ConceptScheme))) == 2
