"""The calibrated classifier of models recognised by description (ingest/concept_model.py,
ingest/concept_training.py): its labelled data, features, threshold and artifact."""

from __future__ import annotations

import numpy as np
import pytest
from tests_support import TableEncoder

from ingest.concept_model import (
    ARTIFACT,
    FEATURES,
    Bank,
    ConceptModelError,
    Labelled,
    build_bank,
    keyword_table,
    load,
    read_labelled,
    stems,
)


def test_every_labelled_sentence_names_a_known_model_or_none(reference):
    keys = {e.key for e in reference.by_kind("Method")}
    rows = read_labelled()
    assert len(rows) > 500
    assert {r.key for r in rows} - {"-"} <= keys
    assert {r.split for r in rows} == {"train", "aside"}


def test_no_labelled_positive_names_its_own_model(reference):
    for row in read_labelled():
        if row.key == "-":
            continue
        entity = reference.get("Method", row.key)
        labels = {label.lower() for label in reference.all_labels(entity) if len(label) > 5}
        assert not any(label in row.text.lower() for label in labels), row.text


def test_a_malformed_labelled_line_is_reported_with_its_file_and_line(tmp_path):
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text("perhekeskus\tPalvelut samassa talossa.\n", encoding="utf-8")
    new.write_text("# comment\nperhekeskus\tmaybe\tPalvelut samassa talossa.\n", encoding="utf-8")
    with pytest.raises(ConceptModelError, match="new.txt: line 1"):
        read_labelled(old, new)


def test_stems_are_word_beginnings_that_survive_inflection():
    assert "vertai" in stems("Vertaisryhmissä") and stems("vertaisryhmä") & stems("Vertaisryhmiin")
    assert stems("ja on se") == set()


def test_keywords_are_stems_specific_to_at_most_two_models():
    table = keyword_table({"a": ["perheterapeutti tiimissä"], "b": ["perheterapeutti videolla"],
                           "c": ["perheterapeutti kotona videolla"]})
    assert "perhet" not in table["a"] and "tiimis" in table["a"] and "videol" in table["b"]


def _bank() -> Bank:
    encoder = TableEncoder({"yksi yhteyshenkilö": [1, 0, 0, 0], "saman katon alle": [0, 1, 0, 0],
                             "oma työntekijä": [0.9, 0.1, 0, 0], "taustaa": [0, 0, 1, 0],
                             "ohjausryhmä": [0.1, 0, 0.9, 0], "kysytty": [0, 0.9, 0.1, 0]})
    labelled = [Labelled("nimetty", "train", "oma työntekijä"),
                Labelled("-", "train", "ohjausryhmä"),
                Labelled("perhekeskus", "aside", "kysytty")]
    return build_bank(encoder, {"nimetty": ["yksi yhteyshenkilö"],
                                "perhekeskus": ["saman katon alle"]}, labelled, ["taustaa"])


def test_the_bank_holds_training_sentences_but_never_the_aside_part():
    bank = _bank()
    assert "oma työntekijä" in bank.described_texts and "ohjausryhmä" in bank.background_texts
    assert "kysytty" not in bank.described_texts + bank.background_texts


def test_a_labelled_sentence_is_never_compared_with_itself():
    bank = _bank()
    vector = np.array([[0.9, 0.1, 0, 0]]) / np.linalg.norm([0.9, 0.1, 0, 0])
    alone = bank.features(["oma työntekijä"], vector)
    other = bank.features(["uusi lause"], vector)
    top1 = FEATURES.index("top1")
    assert other[0, 0, top1] == pytest.approx(1.0)
    assert alone[0, 0, top1] < 0.999


def test_features_say_which_model_is_nearest_and_by_how_much():
    bank = _bank()
    x = bank.features(["uusi"], np.array([[1.0, 0, 0, 0]]))
    best, gap = FEATURES.index("is_best"), FEATURES.index("gap_next")
    assert x[0, :, best].tolist() == [1.0, 0.0]
    assert x[0, 0, gap] > 0 > x[0, 1, gap] and x[0, 0, gap] == pytest.approx(-x[0, 1, gap])


def test_the_threshold_is_the_highest_recall_at_the_required_precision():
    from ingest.concept_training import choose_threshold

    rows = [Labelled("a", "train", "1"), Labelled("a", "train", "2"),
            Labelled("-", "train", "3"), Labelled("a", "train", "4")]
    decisions = [("a", 0.95), ("a", 0.8), ("a", 0.6), ("a", 0.3)]
    chosen = choose_threshold(rows, decisions, min_precision=0.95)
    assert (chosen["tp"], chosen["fp"]) == (2, 0) and 0.6 < chosen["threshold"] <= 0.8


def test_precision_in_running_text_weighs_false_alarms_by_how_rare_descriptions_are():
    """One description found of one and one negative of ten read as a description: on the
    labelled rows precision is .5, in text where one sentence in ten describes a model it is
    .1 / (.1 + .1 * .9)."""
    from ingest.concept_training import scored

    rows = [Labelled("a", "train", "p")] + [Labelled("-", "train", str(i)) for i in range(10)]
    decisions = [("a", 0.9), ("a", 0.9)] + [("a", 0.1)] * 9
    row = scored(rows, decisions, 0.5, base_rate=0.1)
    assert (row["P"], row["R"]) == (0.5, 1.0)
    assert row["P_text"] == pytest.approx(0.1 / (0.1 + 0.1 * 0.9), abs=1e-3)


def test_the_threshold_needs_the_precision_in_running_text_not_on_the_labelled_rows():
    """Ten descriptions and two negatives: a threshold that lets one negative through keeps
    precision .91 on the rows, but half the negatives would be read as descriptions in a
    report, so a higher threshold is chosen."""
    from ingest.concept_training import choose_threshold

    rows = [Labelled("a", "train", str(i)) for i in range(10)] + [
        Labelled("-", "train", "x"), Labelled("-", "train", "y")]
    decisions = [("a", 0.9)] * 10 + [("a", 0.8), ("a", 0.1)]
    chosen = choose_threshold(rows, decisions, min_precision=0.9)
    assert chosen["threshold"] > 0.8 and chosen["fp"] == 0


def test_calibration_error_is_zero_when_probabilities_match_hit_rates():
    from ingest.concept_training import expected_calibration_error

    rows = [Labelled("a", "train", str(i)) for i in range(4)]
    decisions = [("a", 0.5), ("b", 0.5), ("a", 1.0), ("a", 1.0)]
    assert expected_calibration_error(rows, decisions) == 0.0
    assert expected_calibration_error(rows, [("b", 1.0)] * 4) == 1.0


def test_the_stored_classifier_has_these_features_and_a_threshold():
    model, meta = load(ARTIFACT)
    assert meta["features"] == list(FEATURES) and 0.3 <= model.threshold <= 0.95
    assert meta["cv"]["P"] >= 0.95
    x = np.zeros((1, 2, len(FEATURES)))
    x[0, 0, FEATURES.index("gap_background")] = 0.05
    x[0, 0, FEATURES.index("gap_next")] = 0.05
    p = model.proba(x)
    assert p.shape == (1, 2) and p[0, 0] > p[0, 1]


def test_a_missing_artifact_is_a_clear_error(tmp_path):
    with pytest.raises(ConceptModelError, match="does not exist"):
        load(tmp_path / "none.npz")
