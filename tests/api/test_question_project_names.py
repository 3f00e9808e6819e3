"""A question may name a project by any of the names its documents give it: the question linker
learns a project's other names (skos:altLabel in the graph) beside the one its passages carry."""

from __future__ import annotations

ALT_LABELS = """
SELECT ?p ?l WHERE { ?p a <https://w3id.org/lapekg/ontology#Project> ;
                        <http://www.w3.org/2004/02/skos/core#altLabel> ?l }
"""


def test_a_question_naming_a_projects_other_name_links_to_that_project(services):
    """'LAPE Pohjois-Karjala' and 'Pohjois-Karjalan LAPE' both find the project keyed
    pohjois-karjalan-lape (before: the region and the national LAPE programme only)."""
    reference = {e.key for e in services.reference.entities if e.kind == "Project"}
    rows = [(str(r[0]).rsplit("/", 1)[-1], str(r[1])) for r in services.store.query(ALT_LABELS)]
    found = [(key, name) for key, name in rows if key not in reference]
    assert found, "the seed build names some project of a region in more than one way"
    for key, name in found:
        aq = services.searcher.analyzer.analyse(f"Kuka hallinnoi hanketta {name}?")
        assert key in {e.key for e in aq.entities if e.kind == "Project"}, (key, name)
