"""One preferred label per entity in a language: skos:prefLabel in that language, else Finnish,
else one without a language, else any."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

SKOS = "http://www.w3.org/2004/02/skos/core#"
MAX_IRIS = 500


def preferred_labels(store: Any, iris: Iterable[str], lang: str) -> dict[str, str]:
    import pyoxigraph as ox

    nodes = []
    for iri in dict.fromkeys(iris):
        try:
            nodes.append(ox.NamedNode(iri))
        except ValueError:
            continue  # not an IRI: nothing to label
    if not nodes:
        return {}
    store = getattr(store, "ox", store)
    values = " ".join(str(n) for n in nodes[:MAX_IRIS])
    query = (f"SELECT ?e ?label WHERE {{ VALUES ?e {{ {values} }} "
             f"?e <{SKOS}prefLabel> ?label }}")
    best: dict[str, tuple[int, str]] = {}
    for row in store.query(query, use_default_graph_as_union=False):
        label = row["label"]
        rank = {lang: 0, "fi": 1, "": 2}.get(getattr(label, "language", None) or "", 3)
        iri = row["e"].value
        if iri not in best or (rank, label.value) < best[iri]:
            best[iri] = (rank, label.value)
    return {iri: label for iri, (_, label) in best.items()}
