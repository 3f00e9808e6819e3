"""Helpers for tests (not fixtures)."""


def subjects(store) -> set[str]:
    """IRIs of all subjects (blank nodes have no stable identity to compare)."""
    return {str(r.s) for r in store.query("SELECT DISTINCT ?s WHERE { ?s ?p ?o FILTER isIRI(?s) }")}
