"""Results as RDF: each counted quantity of a sentence is a result of its own."""

from rdflib import URIRef

from graph.triples import TripleMaker
from ingest.records import Fact
from ontology.iris import IriMinter
from ontology.namespace import LAPE

SENTENCE = "Alueelle perustettiin 6 perhekeskusta ja 9 kohtaamispaikkaa."


def _result(quantity: str) -> Fact:
    return Fact("Project", "esimerkki-lape", "hasResult", None, None, SENTENCE, "doc", 3, 0,
                len(SENTENCE), "rule:result", 0.7, (("quantity", quantity),))


def _quantities(facts: list[Fact]) -> dict[URIRef, list[str]]:
    maker = TripleMaker(IriMinter("https://example.org/id/"))
    graph = URIRef("https://example.org/id/graph/doc")
    found: dict[URIRef, list[str]] = {}
    for fact in facts:
        for s, p, o, _ in maker._fact_quads(fact, graph):  # noqa: SLF001
            if p == LAPE.quantity:
                found.setdefault(s, []).append(str(o))
    return found


def test_two_quantities_of_one_sentence_are_two_results_with_one_quantity_each():
    found = _quantities([_result("6"), _result("9")])
    assert sorted(found.values()) == [["6"], ["9"]]


def test_the_same_result_gets_the_same_iri_when_built_again():
    assert _quantities([_result("6")]).keys() == _quantities([_result("6")]).keys()
