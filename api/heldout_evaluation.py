"""`lapekg eval`'s held-out part: the frozen set in tests/heldout, scored apart from the others.

Entities and relations are scored as the gold set is (api/evaluation.py); on top comes a
status accuracy over `statuses.jsonl`: for each annotated method mention, is there a statement
of that status linking that actor and that method, read from that document (and for `none`,
no status statement at all). Misses are returned only when asked for, so that people who build
the pipeline see aggregate figures only.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from api.components import Services
from api.evaluation import (
    METHOD_STATUSES,
    GoldResolver,
    _jsonl,
    evaluate_extraction,
    predicted_relations,
)
from ingest.documents import document_key

DESCRIBED = "described, not named"


def _ratio(correct: int, n: int) -> dict:
    return {"n": n, "correct": correct, "accuracy": round(correct / n, 3) if n else 0.0}


@dataclass(frozen=True)
class StatusReading:
    """One annotated method mention and the statuses the graph holds for its actor and method
    in its document."""

    line: dict
    doc: str
    method: str
    got: list[str]
    ok: bool

    @property
    def described(self) -> bool:
        return DESCRIBED in self.line.get("note", "")


def read_statuses(services: Services, lines: list[dict], min_confidence: float = 0.0
                  ) -> tuple[dict[str, set], list[StatusReading]]:
    """The status relations read from the lines' documents, and each line's reading: a
    project actor resolves with its document, as a relation's subject does."""
    resolver = GoldResolver(services)
    found = predicted_relations(services, {document_key(Path(s["doc"])) for s in lines},
                                min_confidence)
    readings = []
    for s in lines:
        doc = document_key(Path(s["doc"]))
        actor = resolver.iri(s["actor"]["type"], s["actor"]["label"], doc=doc)
        method = resolver.iri("Method", s["method"])
        got = sorted(p for p in METHOD_STATUSES if (doc, actor, method) in found.get(p, ()))
        ok = not got if s["status"] == "none" else s["status"] in got
        readings.append(StatusReading(s, doc, method, got, ok))
    return found, readings


def evaluate_statuses(services: Services, path: Path, min_confidence: float = 0.0,
                      misses: bool = False, only_docs: Iterable[str] | None = None) -> dict:
    """Status accuracy over the method mentions of `path` (statuses.jsonl), overall, per gold
    status and for the mentions that describe a model without naming it."""
    wanted = None if only_docs is None else {document_key(Path(d)) for d in only_docs}
    lines = [s for s in _jsonl(path)
             if wanted is None or document_key(Path(s["doc"])) in wanted]
    n: Counter = Counter()
    right: Counter = Counter()
    wrong = []
    for r in read_statuses(services, lines, min_confidence)[1]:
        s = r.line
        for kind in ("all", s["status"], *(["described"] if r.described else [])):
            n[kind] += 1
            right[kind] += r.ok
        if not r.ok:
            wrong.append({"doc": s["doc"], "actor": s["actor"]["label"], "method": s["method"],
                          "status": s["status"], "got": r.got, "evidence": s["evidence"]})
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


def _question_scorer(heldout_dir: Path):  # type: ignore[no-untyped-def]
    """The scoring rules that travel with the held-out questions (score_questions.py beside
    them, see QUESTIONS.md), loaded by path so that the rules have one home."""
    import importlib.util

    path = heldout_dir / "score_questions.py"
    spec = importlib.util.spec_from_file_location("heldout_score_questions", path)
    if spec is None or spec.loader is None:
        raise ValueError(f"{path}: cannot load the held-out question scorer")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def evaluate_heldout_questions(services: Services, heldout_dir: Path,
                               misses: bool = False) -> dict | None:
    """The held-out questions (`questions.jsonl`, kept by another hand) scored by the rules of
    QUESTIONS.md; None when the file or its scorer is not there.

    They were written against the build without the held-out documents and are meant to be
    asked over all of it, so each is asked over every document of the build except those in
    `docs/` here: the same answers as in a build without them. A question whose documents are
    not all in the build is skipped. Without `misses` only aggregates are returned."""
    path = heldout_dir / "questions.jsonl"
    if not path.exists() or not (heldout_dir / "score_questions.py").exists():
        return None
    from api.schemas import ask_response

    scorer = _question_scorer(heldout_dir)
    held_docs = {document_key(p) for p in (heldout_dir / "docs").glob("*")
                 if p.name != "manifest.csv"}
    present = set(services.passages.documents())
    scope = {str(services.minter.document(d)) for d in present - held_docs}
    rows = [q for q in _jsonl(path)
            if all(document_key(Path(d)) in present for d in q.get("docs", []))]
    names = scorer.Names(services)
    scored = {}
    for q in rows:
        response = ask_response(services.answerer.ask(q["q"], documents=scope), services.minter)
        scored[q["id"]] = scorer.score(q, json.loads(response.model_dump_json()), names)
    table = scorer.aggregate(rows, scored)
    answered, absent = table.get("answered|all", {}), table.get("absent|all", {})
    result = {
        "questions": len(rows),
        "right": round(answered.get("right", 0) / answered["questions"], 3)
        if answered.get("questions") else 0.0,
        "false_answers_to_absent": round(absent.get("false answer", 0) / absent["questions"], 3)
        if absent.get("questions") else 0.0,
        "table": table}
    if misses:
        result["per_question"] = [{"id": q["id"], "q": q["q"], **scored[q["id"]]} for q in rows]
    return result
