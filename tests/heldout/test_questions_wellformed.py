"""The frozen held-out question set is well formed: every gold answer is backed by an exact
substring of a document of the eval build, and every place named is in the reference data.

Runs on the question file and the documents only (no build, no model)."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = ROOT / "tests" / "heldout" / "questions.jsonl"
DOC_DIRS = (ROOT / "corpus", ROOT / "tests" / "corpora" / "unseen")
KINDS = {"person", "body", "amount", "count", "date", "municipality", "region", "method"}
LANGS = {"fi", "en", "sv"}
GOLD_FIELDS = ("answer_entities", "answer_regions", "answer_value", "answer_date",
               "answer_start", "answer_end", "answer_aliases", "also_acceptable", "answer_any",
               "unit", "passage_contains")
ISO = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")


def _rows() -> list[dict]:
    return [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def _doc_text(name: str) -> str:
    for folder in DOC_DIRS:
        if (folder / name).is_file():
            return (folder / name).read_text(encoding="utf-8")
    raise AssertionError(f"document {name} is in neither corpus/ nor tests/corpora/unseen/")


def _names(path: Path, *columns: str) -> set[str]:
    with path.open(encoding="utf-8") as f:
        return {row[c] for row in csv.DictReader(f) for c in columns if row[c]}


ROWS = _rows()
REGIONS = _names(ROOT / "ontology" / "reference" / "regions.csv", "name_fi")
MUNICIPALITIES = _names(ROOT / "ontology" / "reference" / "municipalities.csv", "name_fi")


def test_the_set_is_large_and_spread_over_kinds_languages_and_absent_things() -> None:
    kinds = Counter(r["kind"] for r in ROWS if not r.get("answer_none"))
    langs = Counter(r["lang"] for r in ROWS)
    assert len(ROWS) >= 100
    assert all(kinds[k] >= 8 for k in KINDS), kinds
    assert langs["fi"] >= 0.4 * len(ROWS) and langs["en"] >= 0.4 * len(ROWS) and langs["sv"]
    assert sum(1 for r in ROWS if r.get("answer_none")) >= 12


def test_ids_are_unique_and_numbered_in_order() -> None:
    assert [r["id"] for r in ROWS] == [f"h{i:03d}" for i in range(1, len(ROWS) + 1)]


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r["id"])
def test_each_question_has_a_kind_a_language_and_a_non_empty_wording(row: dict) -> None:
    assert row["kind"] in KINDS and row["lang"] in LANGS and row["q"].strip()


@pytest.mark.parametrize("row", [r for r in ROWS if not r.get("answer_none")],
                         ids=lambda r: r["id"])
def test_each_evidence_is_an_exact_substring_of_a_named_document(row: dict) -> None:
    assert row["evidence"], "an answered question needs evidence"
    for ev in row["evidence"]:
        assert ev["doc"] in row["docs"]
        assert ev["text"] in _doc_text(ev["doc"]), (row["id"], ev)
    if "passage_contains" in row:
        assert row["passage_contains"] in {ev["text"] for ev in row["evidence"]}


@pytest.mark.parametrize("row", [r for r in ROWS if not r.get("answer_none")],
                         ids=lambda r: r["id"])
def test_each_answered_question_carries_the_gold_field_its_kind_is_scored_by(row: dict) -> None:
    kind = row["kind"]
    if kind == "region":
        assert row["answer_regions"]
    elif kind in ("amount", "count"):
        assert isinstance(row["answer_value"], (int, float))
    elif kind == "date":
        dates = [row.get("answer_date"), row.get("answer_start"), row.get("answer_end")]
        assert any(dates) and all(ISO.match(d) for d in dates if d)
    else:
        assert row["answer_entities"]
        for canonical in row.get("answer_aliases", {}):
            assert canonical in row["answer_entities"]


@pytest.mark.parametrize("row", [r for r in ROWS if r.get("answer_regions")],
                         ids=lambda r: r["id"])
def test_every_region_named_is_a_reference_region(row: dict) -> None:
    named = set(row["answer_regions"]) | set(row.get("also_acceptable", []))
    assert named <= REGIONS, named - REGIONS


@pytest.mark.parametrize("row", [r for r in ROWS if r["kind"] == "municipality"
                                 and not r.get("answer_none")], ids=lambda r: r["id"])
def test_every_municipality_named_is_a_reference_municipality(row: dict) -> None:
    named = set(row["answer_entities"]) | set(row.get("also_acceptable", []))
    assert named <= MUNICIPALITIES, named - MUNICIPALITIES


@pytest.mark.parametrize("row", [r for r in ROWS if r.get("answer_none")], ids=lambda r: r["id"])
def test_a_question_about_an_absent_thing_has_no_gold_answer_and_no_evidence(row: dict) -> None:
    assert not row["docs"] and not row["evidence"]
    assert not any(f in row for f in GOLD_FIELDS)
