"""`lapekg eval`'s held-out part: the frozen set in tests/heldout, scored apart from the others.

Entities and relations are scored as the gold set is (api/evaluation.py); on top comes a
status accuracy over `statuses.jsonl`: for each annotated method mention, is there a statement
of that status linking that actor and that method, read from that document (and for `none`,
no status statement at all). Misses are returned only when asked for, so that people who build
the pipeline see aggregate figures only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from api.components import Services
from api.evaluation import (
    METHOD_STATUSES,
    GoldResolver,
    _jsonl,
    evaluate_extraction,
    evaluate_questions,
    predicted_relations,
)
from ingest.documents import document_key

DESCRIBED = "described, not named"


def _ratio(correct: int, n: int) -> dict:
    return {"n": n, "correct": correct, "accuracy": round(correct / n, 3) if n else 0.0}


def evaluate_statuses(services: Services, path: Path, min_confidence: float = 0.0,
                      misses: bool = False, only_docs: Iterable[str] | None = None) -> dict:
    """Status accuracy over the method mentions of `path` (statuses.jsonl), overall, per gold
    status and for the mentions that describe a model without naming it."""
    wanted = None if only_docs is None else {document_key(Path(d)) for d in only_docs}
    lines = [s for s in _jsonl(path)
             if wanted is None or document_key(Path(s["doc"])) in wanted]
    resolver = GoldResolver(services)
    docs = {document_key(Path(s["doc"])) for s in lines}
    found = predicted_relations(services, docs, min_confidence)
    n: Counter = Counter()
    right: Counter = Counter()
    wrong = []
    for s in lines:
        doc = document_key(Path(s["doc"]))
        actor = resolver.iri(s["actor"]["type"], s["actor"]["label"])
        method = resolver.iri("Method", s["method"])
        got = sorted(p for p in METHOD_STATUSES if (doc, actor, method) in found.get(p, ()))
        ok = not got if s["status"] == "none" else s["status"] in got
        kinds = [s["status"], *(["described"] if DESCRIBED in s.get("note", "") else [])]
        for kind in ("all", *kinds):
            n[kind] += 1
            right[kind] += ok
        if not ok:
            wrong.append({"doc": s["doc"], "actor": s["actor"]["label"], "method": s["method"],
                          "status": s["status"], "got": got, "evidence": s["evidence"]})
    result = {**_ratio(right["all"], n["all"]),
              "per_status": {k: _ratio(right[k], n[k])
                             for k in (*METHOD_STATUSES, "none") if n[k]},
              "described": _ratio(right["described"], n["described"])}
    if misses:
        result["misses"] = wrong
    return result


def evaluate_heldout(services: Services, heldout_dir: Path, min_confidence: float = 0.0,
                     misses: bool = False, only_docs: Iterable[str] | None = None) -> dict:
    """Entities, relations (per type) and statuses of the frozen held-out set."""
    result = evaluate_extraction(services, heldout_dir, min_confidence=min_confidence,
                                 misses=misses, only_docs=only_docs)
    result["statuses"] = evaluate_statuses(services, heldout_dir / "statuses.jsonl",
                                           min_confidence, misses, only_docs)
    return result


def evaluate_heldout_questions(services: Services, heldout_dir: Path,
                               misses: bool = False) -> dict | None:
    """The held-out questions (`questions.jsonl`, kept by another hand) scored as the others
    are, against the held-out documents; None when the file is not there. Without `misses` the
    per-question rows (questions, expected and got answers) are left out."""
    path = heldout_dir / "questions.jsonl"
    if not path.exists():
        return None
    docs = {document_key(p) for p in (heldout_dir / "docs").iterdir()
            if p.name != "manifest.csv"}
    result = evaluate_questions(services, [path], default_docs=docs)
    if not misses:
        result.pop("per_question")
    return result
