"""The bounded queries behind `ask`: light statement rows narrowed by predicate and document,
roll-up to regions in Python, and the text of only the passages shown."""

from __future__ import annotations

from graph import queries
from ontology.namespace import LAPE

ID = "https://w3id.org/lapekg/id/"
NAMED_WORKER = ID + "method/nimetty-tyontekija"
STATUSES = [str(LAPE[s]) for s in ("piloted", "implemented", "trained", "planned", "created")]


def test_facts_about_a_method_carry_no_text_and_every_one_has_a_source(services):
    rows = queries.facts(services.store, objects=[NAMED_WORKER], predicates=STATUSES)
    assert rows, "the corpus reports work with the named-worker model"
    assert {r.object for r in rows} == {NAMED_WORKER}
    assert {r.predicate for r in rows} <= set(STATUSES)
    where = queries.sources(services.store, [r.statement for r in rows])
    assert set(where) == {r.statement for r in rows}
    texts = queries.passage_texts(services.store, {s.passage for s in where.values()})
    for row in rows:
        src = where[row.statement]
        assert 0 <= src.start < src.end <= len(texts[src.passage])


def test_facts_can_be_scoped_to_documents(services):
    rows = queries.facts(services.store, objects=[NAMED_WORKER])
    some_doc = queries.sources(services.store, [rows[0].statement])[rows[0].statement].document
    scoped = queries.facts(services.store, objects=[NAMED_WORKER], documents={some_doc})
    assert scoped and len(scoped) <= len(rows)
    assert {queries.sources(services.store, [r.statement])[r.statement].document
            for r in scoped} == {some_doc}
    assert queries.facts(services.store, objects=[NAMED_WORKER], documents=set()) == []


def test_a_municipality_rolls_up_to_its_region_and_a_region_to_itself(services):
    asikkala, paijat_hame = ID + "municipality/016", ID + "region/07"
    found = queries.regions_of(services.store, [asikkala, paijat_hame])
    assert found == {asikkala: [paijat_hame], paijat_hame: [paijat_hame]}
    assert asikkala in queries.members_of_region(services.store, paijat_hame)


def test_values_refuse_what_is_not_an_iri():
    import pytest

    with pytest.raises(ValueError):
        queries.facts(None, subjects=["x> } DROP ALL {"])  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        queries.facts(None)  # type: ignore[arg-type]


def test_the_statuses_a_passage_states_are_found_by_passage(services):
    rows = queries.facts(services.store, objects=[NAMED_WORKER], predicates=STATUSES)
    where = queries.sources(services.store, [r.statement for r in rows])
    passages = {s.passage for s in where.values()}
    said = queries.statements_in_passages(services.store, passages, STATUSES)
    assert {s.statement for s in said} >= {r.statement for r in rows}
    assert {s.passage for s in said} <= passages
    assert all(s.predicate in STATUSES and s.start < s.end for s in said)
    assert queries.statements_in_passages(services.store, [], STATUSES) == []
