"""`lapekg eval` scores relations with their predicate: the right pair under the wrong
predicate is a miss and a false positive, not a hit."""

from __future__ import annotations

import json

from api.evaluation import evaluate_extraction

DOC = "keski-pohjanmaa_soite_lape-muutostyo-jatkuu-2019.txt"


def _gold(tmp_path, predicate: str):
    entity = {"doc": DOC, "type": "Organisation", "label": "Soite"}
    relation = {"doc": DOC, "subject": {"type": "Project", "label": "KP LAPE"},
                "predicate": predicate, "object": {"type": "Organisation", "label": "Soite"}}
    (tmp_path / "entities.jsonl").write_text(json.dumps(entity) + "\n", encoding="utf-8")
    (tmp_path / "relations.jsonl").write_text(json.dumps(relation) + "\n", encoding="utf-8")
    return tmp_path


def test_the_right_predicate_is_a_hit(services, tmp_path):
    relations = evaluate_extraction(services, _gold(tmp_path, "administeredBy"))["relations"]
    assert relations["administeredBy"]["tp"] == 1
    assert relations["all"]["tp"] == 1


def test_the_right_pair_under_another_predicate_is_no_hit(services, tmp_path):
    relations = evaluate_extraction(services, _gold(tmp_path, "partner"))["relations"]
    assert relations["partner"]["fn"] == 1
    assert relations["all"]["tp"] == 0
    assert relations["all"]["fn"] == 1
