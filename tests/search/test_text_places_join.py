"""A graph answer to 'which regions / municipalities …' and the places the passages' reading
of the same question adds (search/answer_topics.py, `with_text_places`): the graph holds what
its statements say, often part of the places a topic's passages tell of."""

from search.answer_records import Answer, Evidence
from search.answer_topics import CORROBORATED, NARROW, TopicTerms


def place(label: str, passages: int = 1, kind: str = "Region", source: str = "text") -> Answer:
    evidence = [Evidence(f"p/{label}/{i}", f"d/{label}", "…", 0, 1, .9) for i in range(passages)]
    return Answer(f"iri/{label}", label, kind, evidence, source=source)


def joined(graph: list[Answer], read: list[Answer]) -> list[str]:
    return [a.label for a in TopicTerms().with_text_places(graph, read)]


def test_a_narrow_reading_adds_its_places_after_the_graphs():
    graph = [place("Kainuu", source="graph")]
    read = [place("Kainuu"), place("Satakunta")]
    assert len(read) <= NARROW
    assert joined(graph, read) == ["Kainuu", "Satakunta"]


def test_a_wide_reading_adds_only_the_places_its_passages_corroborate():
    graph = [place("Kainuu", source="graph")]
    read = [place("Lappi", CORROBORATED), place("Uusimaa"), place("Pirkanmaa"),
            place("Kainuu")]
    assert len(read) > NARROW
    assert joined(graph, read) == ["Kainuu", "Lappi"]


def test_a_place_the_graph_answered_is_not_added_twice_and_only_places_join():
    graph = [place("Kuhmo", kind="Municipality", source="graph")]
    read = [place("Kuhmo", 3, "Municipality"), place("Kainuun sote", 3, "Organisation")]
    assert joined(graph, read) == ["Kuhmo"]


def test_no_reading_leaves_the_graphs_answer_as_it_was():
    graph = [place("Kainuu", source="graph"), place("Lappi", source="graph")]
    assert joined(graph, []) == ["Kainuu", "Lappi"]
