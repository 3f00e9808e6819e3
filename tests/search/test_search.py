"""Hybrid search over the built corpus: base forms find inflections, English finds Finnish."""


def _texts(hits):
    return [h.passage.text for h in hits]


def test_base_form_finds_passages_with_only_inflected_forms(services):
    hits = services.searcher.search("Hartola", k=10)
    texts = _texts(hits)
    assert any("Hartolan" in t or "Hartolassa" in t for t in texts)


def test_lexical_index_matches_inflected_forms_for_the_base_form(services):
    from search.bm25_index import BM25Index

    bm25: BM25Index = services.searcher.bm25
    hits = [services.passages.get(pid).text for pid, _ in bm25.search(["hartola"], 20)]
    assert hits
    inflected_only = [t for t in hits if "Hartola" in t and not any(
        w == "Hartola" for w in t.replace(",", " ").replace(".", " ").split())]
    assert inflected_only, "some passage holds only inflected forms (Hartolan, Hartolassa)"


def test_compound_parts_are_searchable(services):
    hits = services.searcher.bm25.search(["toimintamalli"], 50)
    texts = [services.passages.get(pid).text.lower() for pid, _ in hits]
    assert any("perhekeskustoimintamalli" in t for t in texts)


def test_english_query_finds_the_finnish_passage_it_means(services):
    hits = services.searcher.search("which regions piloted a named-worker model", k=5)
    assert any("vastuutyöntekijä" in t.lower() or "nimetty työntekijä" in t.lower()
               for t in _texts(hits))


def test_search_results_carry_linked_entities(services):
    hits = services.searcher.search("Siun Soten vastuutyöntekijämalli", k=3)
    kinds = {e.kind for h in hits for e in h.passage.entities}
    assert {"Organisation", "Method"} <= kinds


def test_a_region_named_in_english_favours_that_regions_passages(services):
    # The passages carry the region's Finnish name; "North Karelia" must meet it.
    query = "How many family centre meeting places have opened in North Karelia?"
    analysed = services.searcher.analyzer.analyse(query)
    assert [e.label for e in analysed.entities if e.kind == "Region"] == ["Pohjois-Karjala"]
    hits = services.searcher.search(query, k=5)
    assert any("region" in h.ranks for h in hits)
    assert hits[0].passage.region == "Pohjois-Karjala"
