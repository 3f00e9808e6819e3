"""A real add refreshes the region summaries of the regions its document touches only, and they
come out as a refresh of every region would make them."""

from __future__ import annotations

from pathlib import Path

DOCUMENT = ("Kainuun perhekeskuksessa otettiin käyttöön Lapset puheeksi -menetelmä vuonna 2019. "
            "Kajaanin kaupunki koulutti työntekijät perhekeskusmalliin.")


def _store(settings):  # type: ignore[no-untyped-def]
    from graph.store import GraphStore

    live = settings.data / "generations" / (settings.data / "CURRENT").read_text().strip()
    return GraphStore(live / "store")


def _by_region(store, base: str) -> dict[str, set]:  # type: ignore[no-untyped-def]
    """Each region's summary triples, by region IRI."""
    from graph.summaries import SUMMARY_GRAPH
    from ontology.iris import IriMinter
    from ontology.namespace import LAPE

    triples = set(store.dataset.graph(IriMinter(base).graph(SUMMARY_GRAPH)))
    regions = {s: str(o) for s, p, o in triples if p == LAPE.summaryRegion}
    found: dict[str, set] = {}
    for s, p, o in triples:
        found.setdefault(regions[s], set()).add((s, p, o))
    return found


def test_an_add_rewrites_the_summaries_of_the_touched_regions_as_a_full_refresh_would(
        live_copy, builder_for, tmp_path: Path):
    from graph.summaries import refresh
    from ontology.iris import IriMinter

    store = _store(live_copy)
    before = _by_region(store, live_copy.base_iri)
    store.close()
    doc = tmp_path / "uusi_kainuu.txt"
    doc.write_text(DOCUMENT, encoding="utf-8")
    report = builder_for(live_copy).add([doc])
    assert report.ok and report.added == [str(doc)]
    store = _store(live_copy)
    after = _by_region(store, live_copy.base_iri)
    changed = {r for r in before.keys() | after.keys() if before.get(r) != after.get(r)}
    assert changed and len(changed) < len(after)  # some regions' summaries, not all
    refresh(store, IriMinter(live_copy.base_iri))
    assert _by_region(store, live_copy.base_iri) == after
    store.close()
