"""Issue 19 item 3: a graph answer of a topic's places is joined by the places the passages
tell beside it, at most as many as the graph gave, and only those of the status asked."""

from search.answer import Answerer
from search.answer_records import Answer, Evidence
from search.question_cues import METHOD_STATUSES
from search.question_model import QuestionKind
from search.statuses import Status


def _place(label: str, source: str = "graph", statuses: tuple[str, ...] = ()) -> Answer:
    return Answer(f"iri:{label}", label, "Region",
                  [Evidence(f"p:{label}", "d", "t", 0, 1, 0.9)], [label],
                  [Status(s) for s in statuses], source, 0.9)


def _answerer(read: list[Answer], one: bool = False) -> Answerer:
    """An Answerer whose text reading returns `read` (no build needed for the rule)."""
    answerer = Answerer.__new__(Answerer)
    answerer._from_text = lambda *a, **k: list(read)  # type: ignore[method-assign]
    answerer.asks_one = lambda question: one  # type: ignore[method-assign]
    return answerer


def _joined(answerer: Answerer, graph: list[Answer], relation: str = "topic",
            statuses: tuple[str, ...] = METHOD_STATUSES) -> list[str]:
    kind = QuestionKind("region", relation, 0.9, 0.9)
    return [a.label for a in answerer._with_text_places(graph, [], kind, None, "q", [], None,
                                                        statuses)]


def test_the_places_the_passages_tell_beside_the_graph_are_added_best_first():
    read = [_place("Kainuu", "text"), _place("Lappi", "text"), _place("Pirkanmaa", "text")]
    assert _joined(_answerer(read), [_place("Kainuu"), _place("Satakunta")]) == [
        "Kainuu", "Satakunta", "Lappi", "Pirkanmaa"]


def test_no_more_places_are_added_than_the_graph_gave():
    read = [_place(name, "text") for name in ("Lappi", "Pirkanmaa", "Uusimaa", "Kainuu")]
    assert _joined(_answerer(read), [_place("Satakunta")]) == ["Satakunta", "Lappi"]


def test_a_question_asking_for_one_place_keeps_the_graph_answer():
    read = [_place("Lappi", "text")]
    assert _joined(_answerer(read, one=True), [_place("Satakunta")]) == ["Satakunta"]


def test_a_place_asked_through_a_project_fact_keeps_the_graph_answer():
    read = [_place("Lappi", "text")]
    assert _joined(_answerer(read), [_place("Satakunta")], relation="administeredBy") == [
        "Satakunta"]


def test_no_graph_answer_is_no_graph_answer_to_extend():
    assert _joined(_answerer([_place("Lappi", "text")]), []) == []


def test_a_status_asked_adds_only_places_whose_passages_state_it():
    read = [_place("Lappi", "text", ("trained",)), _place("Pirkanmaa", "text", ("piloted",))]
    graph = [_place("Satakunta", statuses=("piloted",)), _place("Kainuu", statuses=("piloted",))]
    assert _joined(_answerer(read), graph, statuses=("piloted",)) == [
        "Satakunta", "Kainuu", "Pirkanmaa"]
