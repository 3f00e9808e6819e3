"""Every method status extraction can produce is written as a property of the vocabulary, with
labels in Finnish and English: 'developing' like 'piloted'."""

from pathlib import Path

import pytest
from rdflib import RDFS, Graph, URIRef

from graph.triples import PREDICATES, TripleMaker
from ingest.extract.status import STATUSES
from ingest.records import Fact
from ontology.iris import IriMinter
from ontology.namespace import LAPE

VOCABULARY = Path(__file__).resolve().parents[2] / "ontology" / "lapekg.ttl"


@pytest.mark.parametrize("status", STATUSES)
def test_each_status_is_a_labelled_subproperty_of_uses_method(status):
    vocabulary = Graph().parse(VOCABULARY)
    prop = PREDICATES[status]
    assert (prop, RDFS.subPropertyOf, LAPE.usesMethod) in vocabulary
    assert {o.language for o in vocabulary.objects(prop, RDFS.label)} >= {"fi", "en"}


def test_a_developing_fact_is_written_as_lape_developing_with_its_statement():
    fact = Fact("Region", "18", "developing", "Method", "lapset-puheeksi", None, "doc", 2, 0, 40,
                "rule:method-status", 0.85)
    maker = TripleMaker(IriMinter("https://example.org/id/"))
    quads = list(maker._fact_quads(fact, URIRef("https://example.org/id/graph/doc")))  # noqa: SLF001
    assert any(p == LAPE.developing for _, p, _, _ in quads)
    assert any(o == LAPE.developing for _, _, o, _ in quads)  # rdf:predicate of the statement
