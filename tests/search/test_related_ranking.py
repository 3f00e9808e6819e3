"""Related material (other documents' excerpts at a document's end) is searched, but a
document's own text outranks it unless it matches clearly better."""

from search.passage_store import PassageStore
from search.records import StoredPassage
from search.searcher import RELATED_WEIGHT, related_after_body


def _store() -> PassageStore:
    return PassageStore([
        StoredPassage(0, "d", 0, 0, 10, "oma teksti", "D", ("oma",)),
        StoredPassage(1, "d", 9, 90, 99, "liite", "D", ("liite",), related=True),
        StoredPassage(2, "e", 0, 0, 10, "toinen", "E", ("toinen",)),
    ])


def test_a_related_passage_of_a_slightly_better_score_ranks_after_the_body():
    fused = [(1, 0.030, {}), (0, 0.029, {}), (2, 0.025, {})]
    assert [pid for pid, _, _ in related_after_body(fused, _store(), 5)] == [0, 2, 1]


def test_a_related_passage_that_matches_clearly_better_keeps_its_place():
    fused = [(1, 0.030, {}), (0, 0.030 * RELATED_WEIGHT * 0.9, {})]
    assert [pid for pid, _, _ in related_after_body(fused, _store(), 5)] == [1, 0]


def test_the_related_flag_survives_the_passage_file(tmp_path):
    store = _store()
    store.save(tmp_path)
    loaded = PassageStore.load(tmp_path)
    assert [p.related for p in loaded] == [False, True, False]
