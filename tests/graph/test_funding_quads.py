"""A funding sum's kind is written on its statement as lape:fundingKind."""

from rdflib import XSD, Literal, URIRef

from graph.triples import TripleMaker
from ingest.records import Fact
from ontology.iris import IriMinter
from ontology.namespace import LAPE


def _kinds(extra: tuple[tuple[str, str], ...]) -> list[object]:
    fact = Fact("Project", "revontuli", "fundingAmount", None, None, 450000.0, "doc", 1, 10, 20,
                "rule:funding", 0.85, extra)
    maker = TripleMaker(IriMinter("https://example.org/id/"))
    return [o for _, p, o, _ in maker._fact_quads(fact, URIRef("https://example.org/id/g"))  # noqa: SLF001
            if p == LAPE.fundingKind]


def test_a_grant_is_written_as_the_kind_of_its_statement():
    assert _kinds((("kind", "grant"),)) == [Literal("grant", datatype=XSD.string)]


def test_a_sum_without_a_kind_has_no_kind_triple():
    assert _kinds(()) == []


def _statement_graph(kind: str):
    from rdflib import Graph

    from graph.triples import TripleMaker as Maker

    fact = Fact("Project", "revontuli", "fundingAmount", None, None, 450000.0, "doc", 1, 10, 20,
                "rule:funding", 0.85, (("kind", kind),))
    minter = IriMinter("https://example.org/id/")
    graph = Graph()
    for s, p, o, _ in Maker(minter)._fact_quads(fact, URIRef("https://example.org/id/g")):  # noqa: SLF001
        graph.add((s, p, o))
    return graph


def test_the_shapes_accept_a_known_kind_and_refuse_another():
    from ontology.shapes import validate

    # (the statement alone: other shapes miss its passage; only the kind's shape is read here)
    assert "StatementFundingKindShape" not in validate(_statement_graph("own"))[1]
    assert "StatementFundingKindShape" in validate(_statement_graph("loan"))[1]
