"""The learned confidence of a read candidate: features in a fixed order, a model that refuses
features it was not fitted on, a floor chosen where answering pays, and candidates ordered and
answered by it."""

import json

import pytest
from tests_support import passage_hit

from search.reading import ReadCandidate, Reader
from search.reading_confidence import (
    FEATURES,
    PARTS,
    LearnedConfidence,
    best_floor,
    cross_validated,
    features,
)


def _model(weights: dict[str, float], floor: float = 0.5, intercept: float = 0.0
           ) -> LearnedConfidence:
    return LearnedConfidence(tuple(weights.get(f, 0.0) for f in FEATURES),
                             tuple(0.0 for _ in FEATURES), tuple(1.0 for _ in FEATURES),
                             intercept, floor)


def test_a_feature_vector_holds_every_part_then_the_list_features_and_the_type():
    x = features(0.9, 0.4, 1.2, 0, 3, [0.5, 1, 0.7, 1, 0.8, 0, 0, 0], "count")
    assert len(x) == len(FEATURES)
    assert x[FEATURES.index("behind_top")] == pytest.approx(0.3)
    assert x[FEATURES.index("first")] == 1.0 and x[FEATURES.index("single")] == 0.0
    assert x[FEATURES.index("is_count")] == 1.0 and x[FEATURES.index("is_date")] == 0.0


def test_a_reading_without_its_parts_is_refused_with_the_reason():
    with pytest.raises(ValueError, match="parts"):
        features(0.9, 0.4, 0.9, 0, 1, [0.5, 1.0], "date")


def test_a_model_fitted_on_other_features_is_refused(tmp_path):
    path = tmp_path / "model.json"
    path.write_text(json.dumps({"features": ["rank"], "weights": [1.0], "means": [0.0],
                                "scales": [1.0], "intercept": 0.0, "floor": 0.5}))
    with pytest.raises(ValueError, match="refit"):
        LearnedConfidence.load(path)


def test_no_fitted_model_means_none():
    assert LearnedConfidence.load(__import__("pathlib").Path("/nonexistent.json")) is None


def test_the_floor_is_where_answering_pays_when_a_wrong_answer_costs_two():
    # from .6 up four right (gain 4); from .5 one more right and two wrong (gain 1)
    points = [(0.9, 1), (0.8, 1), (0.75, 1), (0.6, 1), (0.55, 0), (0.52, 1), (0.5, 0),
              (0.2, 0)]
    assert best_floor(points) == 0.6


def test_cross_validation_decides_each_question_by_a_model_fitted_without_it():
    rows = []
    for i in range(40):
        right = i % 2
        rows.append((f"q{i}", [*(0.9 if right else 0.1 for _ in PARTS), 1.0 if right else 0.2,
                               0.5 if right else 0.0, 0.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0],
                     right))
    cv = cross_validated(rows)
    assert cv["questions"] == 40
    assert cv["right"] >= 18 and cv["wrong"] == 0


def test_candidates_are_ordered_and_floored_by_the_learned_probability():
    reader = Reader(learned=False)
    reader.learned = _model({"tie": 4.0}, floor=0.7, intercept=-2.0)
    hits = [passage_hit("Kunnassa on 40 000 asukasta, ja hankkeessa rekrytoitiin 268 "
                        "vapaaehtoista.")]
    found = reader.read(hits, "count", "quantity", ["vapaaehtoinen", "rekrytoida"], set(),
                        question="Kuinka monta vapaaehtoista rekrytoitiin?")
    assert found[0].label == "268"
    assert found[0].floor == 0.7
    assert found == sorted(found, key=lambda c: -c.confidence)


def test_an_answer_is_read_only_at_its_own_floor():
    from search.text_answers import TextAnswers

    hit = passage_hit("Hankkeessa rekrytoitiin 268 vapaaehtoista.")
    low = ReadCandidate("268", "count", None, hit, 0, 3, 1.0, 0.6, floor=0.7)
    high = ReadCandidate("268", "count", None, hit, 0, 3, 1.0, 0.6, floor=0.5)
    class Minter:
        def passage(self, doc: str, index: int) -> str:
            return f"p/{doc}/{index}"

        def document(self, doc: str) -> str:
            return f"d/{doc}"

    text = TextAnswers(None, Minter(), lambda e: "")  # type: ignore[arg-type]
    assert text.read_answers([low], "count") == []
    assert [a.label for a in text.read_answers([high], "count")] == ["268"]
