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


def test_misses_list_the_gold_fact_not_found_with_its_evidence(services, tmp_path):
    gold = _gold(tmp_path, "partner")
    line = json.loads((gold / "relations.jsonl").read_text(encoding="utf-8"))
    line["evidence"] = "Soite hallinnoi"
    (gold / "relations.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    misses = evaluate_extraction(services, gold, misses=True)["misses"]
    fn = [(m["subject"], m["object"], m["evidence"]) for m in misses["partner"]
          if m["miss"] == "fn"]
    assert fn == [("project/kp-lape", "organisation/soite", "Soite hallinnoi")]
    # the administrator found for the pair is listed as a false positive, with its words
    assert any(m["miss"] == "fp" and m["evidence"] for m in misses["administeredBy"])


def test_no_misses_unless_asked(services, tmp_path):
    assert "misses" not in evaluate_extraction(services, _gold(tmp_path, "partner"))


def test_only_docs_scores_the_named_document_alone(services, tmp_path):
    """`lapekg eval --doc NAME`: the gold lines and predictions of other documents do not count."""
    other = "pohjois-karjala_pk-lape_tulokset_2018.txt"
    gold = _gold(tmp_path, "administeredBy")
    with (gold / "entities.jsonl").open("a", encoding="utf-8") as f:
        f.write(json.dumps({"doc": other, "type": "Organisation", "label": "Siun sote"}) + "\n")
    both = evaluate_extraction(services, gold)["entities"]["Organisation"]
    assert both["tp"] + both["fn"] == 2
    alone = evaluate_extraction(services, gold, only_docs=[DOC])
    assert alone["entities"]["Organisation"]["tp"] + alone["entities"]["Organisation"]["fn"] == 1
    assert alone["relations"]["administeredBy"]["tp"] == 1
    assert evaluate_extraction(services, gold, only_docs=[other])["relations"] \
        .get("administeredBy", {"tp": 0, "fn": 0})["fn"] == 0
