"""The built graph: documents, passages with offsets, mentions, facts with provenance, stable IRIs."""

from graph.store import GraphStore
from tests_support import CORPUS, subjects

DOCS_AND_PASSAGES = """
PREFIX lape: <https://w3id.org/lapekg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?doc ?title (COUNT(?p) AS ?n) WHERE {
  ?doc a lape:Document ; dcterms:title ?title . ?p lape:inDocument ?doc .
} GROUP BY ?doc ?title
"""


def _store(built) -> GraphStore:
    settings, report, _ = built
    return GraphStore(settings.data / "generations" / report.generation / "store", read_only=True)


def test_all_five_documents_are_ingested_with_their_passages(built):
    _, report, _ = built
    assert report.ok, report.failed
    assert len(report.added) == 5
    rows = list(_store(built).query(DOCS_AND_PASSAGES))
    assert len(rows) == 5
    assert all(int(r.n) >= 5 for r in rows)


def test_passage_offsets_point_into_the_document_text(built):
    q = """PREFIX lape: <https://w3id.org/lapekg/ontology#>
    SELECT ?dt ?pt ?s ?e WHERE { ?p lape:inDocument ?d ; lape:text ?pt ; lape:start ?s ; lape:end ?e .
                                 ?d lape:text ?dt } LIMIT 200"""
    rows = list(_store(built).query(q))
    assert rows
    for r in rows:
        assert str(r.dt)[int(r.s):int(r.e)] == str(r.pt)


def test_every_statement_has_a_source_passage_in_a_document(built):
    q = """PREFIX lape: <https://w3id.org/lapekg/ontology#>
    SELECT (COUNT(?st) AS ?all) (COUNT(?d) AS ?traced) WHERE {
      ?st a lape:Statement . OPTIONAL { ?st lape:sourcePassage ?p . ?p lape:inDocument ?d } }"""
    row = next(iter(_store(built).query(q)))
    assert int(row.all) > 20
    assert int(row.all) == int(row.traced)


def test_inflected_place_names_are_linked_to_reference_entities(built):
    q = """PREFIX lape: <https://w3id.org/lapekg/ontology#>
    SELECT DISTINCT ?surface WHERE { ?m lape:refersTo <https://w3id.org/lapekg/id/municipality/016> ;
                                        lape:surface ?surface }"""
    surfaces = {str(r.surface) for r in _store(built).query(q)}
    assert "Asikkalassa" in surfaces


def test_rebuilding_the_same_corpus_gives_the_same_iris(built, tmp_path):
    from api.build import Builder
    from api.settings import Settings

    settings, _, builder = built
    again = Settings(data=tmp_path / "again", model=settings.model)
    second = Builder(again, builder.pipeline, builder.encoder, builder.reference,
                     progress=False).build([CORPUS])
    second_store = GraphStore(again.data / "generations" / second.generation / "store",
                              read_only=True)
    assert subjects(_store(built)) == subjects(second_store)


def test_the_built_graph_satisfies_the_shacl_shapes(built):
    from ontology.shapes import validate

    conforms, report = validate(_store(built).dataset)
    assert conforms, report[:3000]
