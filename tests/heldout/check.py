"""Mechanical well-formedness check of the frozen held-out set (documents and annotation).

Run as `python tests/heldout/check.py` (prints the problems, exit status 1 if any) or through
pytest (tests/heldout/test_heldout_wellformed.py). It checks form only: that every alias and
evidence string is an exact substring of its document, that labels and predicates are known, and
that the three annotation files agree with each other. It never runs the pipeline.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DOCS = HERE / "docs"
REFERENCE = HERE.parents[1] / "ontology" / "reference"

TYPES = {"Region", "Municipality", "Organisation", "Project", "Method", "Person", "Role"}
METHOD_STATUSES = {"implemented", "developing", "piloted", "trained", "planned", "created"}
STATUSES = METHOD_STATUSES | {"none"}
PREDICATES = {"inRegion", "administeredBy", "partner", "fundingAmount", "startDate", "endDate",
              "hasRole", "hasResult"} | METHOD_STATUSES
ACTOR_TYPES = {"Region", "Municipality", "Organisation", "Project"}
MIN_WORDS, MAX_WORDS = 250, 700


def _jsonl(path: Path, problems: list[str]) -> list[dict]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            problems.append(f"{path.name}:{number}: not JSON: {exc}")
    return rows


def _names(csv_name: str) -> set[str]:
    with (REFERENCE / csv_name).open(encoding="utf-8", newline="") as f:
        return {row["name_fi"] for row in csv.DictReader(f)}


def _method_labels() -> set[str]:
    ttl = (REFERENCE / "methods.ttl").read_text(encoding="utf-8")
    return set(re.findall(r'skos:prefLabel "([^"]+)"@fi', ttl))


def documents(problems: list[str]) -> dict[str, str]:
    """The documents of the manifest, by file name, with their text; every file is listed."""
    with (DOCS / "manifest.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    expected = ["file", "title", "region", "kind", "date", "source"]
    if rows and list(rows[0].keys()) != expected:
        problems.append(f"manifest.csv: columns {list(rows[0].keys())}, expected {expected}")
    listed = {row["file"] for row in rows}
    present = {p.name for p in DOCS.iterdir() if p.name != "manifest.csv"}
    for name in sorted(present - listed):
        problems.append(f"docs/{name}: not in manifest.csv")
    regions = _names("regions.csv")
    texts = {}
    for row in rows:
        if row["file"] not in present:
            problems.append(f"manifest.csv: {row['file']} does not exist")
            continue
        if row["region"] not in regions:
            problems.append(f"manifest.csv: {row['file']}: unknown region {row['region']!r}")
        text = (DOCS / row["file"]).read_text(encoding="utf-8")
        words = len(text.split())
        if not MIN_WORDS <= words <= MAX_WORDS:
            problems.append(f"docs/{row['file']}: {words} words, not {MIN_WORDS}–{MAX_WORDS}")
        texts[row["file"]] = text
    return texts


def _check_entities(entities: list[dict], texts: dict[str, str],
                    problems: list[str]) -> set[tuple[str, str, str]]:
    regions, municipalities = _names("regions.csv"), _names("municipalities.csv")
    methods = _method_labels()
    known: set[tuple[str, str, str]] = set()
    for e in entities:
        where = f"entities: {e.get('doc')} {e.get('type')} {e.get('label')!r}"
        if e.get("doc") not in texts:
            problems.append(f"{where}: unknown document")
            continue
        if e.get("type") not in TYPES:
            problems.append(f"{where}: unknown type")
        key = (e["doc"], e["type"], e["label"])
        if key in known:
            problems.append(f"{where}: duplicate entity")
        known.add(key)
        if e["type"] == "Region" and e["label"] not in regions:
            problems.append(f"{where}: not a region of the reference data")
        if e["type"] == "Municipality" and e["label"] not in municipalities:
            problems.append(f"{where}: not a municipality of the reference data")
        if (e["type"] == "Method" and e["label"] not in methods
                and not str(e.get("note", "")).startswith("local practice")):
            problems.append(f"{where}: not a prefLabel of methods.ttl nor a local practice")
        if not e.get("aliases"):
            problems.append(f"{where}: no aliases")
        for alias in e.get("aliases", []):
            if alias not in texts[e["doc"]]:
                problems.append(f"{where}: alias {alias!r} not in the document")
    return known


def _check_relations(relations: list[dict], texts: dict[str, str],
                     known: set[tuple[str, str, str]], problems: list[str]) -> None:
    seen = set()
    for r in relations:
        where = f"relations: {r.get('doc')} {r.get('predicate')} {r.get('evidence', '')[:40]!r}"
        doc = r.get("doc")
        if doc not in texts:
            problems.append(f"{where}: unknown document")
            continue
        pred = r.get("predicate")
        if pred not in PREDICATES:
            problems.append(f"{where}: unknown predicate")
        for part in ("subject", "object", "in"):
            ref = r.get(part)
            if isinstance(ref, dict) and "label" in ref and \
                    (doc, ref.get("type"), ref["label"]) not in known:
                problems.append(f"{where}: {part} {ref} is not an entity of the document")
        obj = r.get("object", {})
        if pred in ("startDate", "endDate") and \
                not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(obj.get("value"))):
            problems.append(f"{where}: date not YYYY-MM-DD")
        if pred == "fundingAmount" and not isinstance(obj.get("value"), int | float):
            problems.append(f"{where}: amount is not a number")
        if pred == "hasResult" and not isinstance(obj.get("quantity"), int | float | None):
            problems.append(f"{where}: quantity is not a number or null")
        if pred in METHOD_STATUSES and (r["subject"].get("type") not in ACTOR_TYPES
                                        or obj.get("type") != "Method"):
            problems.append(f"{where}: a status links an actor to a Method")
        if r.get("evidence", "") not in texts[doc] or not r.get("evidence"):
            problems.append(f"{where}: evidence not in the document")
        key = json.dumps({k: r[k] for k in ("doc", "subject", "predicate", "object")},
                         sort_keys=True, ensure_ascii=False)
        if key in seen:
            problems.append(f"{where}: duplicate relation")
        seen.add(key)


def _check_statuses(statuses: list[dict], relations: list[dict], texts: dict[str, str],
                    known: set[tuple[str, str, str]], problems: list[str]) -> None:
    """Every status line names a Method and an actor of its document; every status relation
    has its status line and every status line other than `none` its relation."""
    as_relation = {(r["doc"], r["subject"]["type"], r["subject"]["label"], r["object"]["label"],
                    r["predicate"]) for r in relations if r.get("predicate") in METHOD_STATUSES}
    as_status = set()
    for s in statuses:
        where = f"statuses: {s.get('doc')} {s.get('method')!r} {s.get('status')}"
        doc, actor = s.get("doc"), s.get("actor", {})
        if doc not in texts:
            problems.append(f"{where}: unknown document")
            continue
        if s.get("status") not in STATUSES:
            problems.append(f"{where}: unknown status")
        if (doc, "Method", s.get("method")) not in known:
            problems.append(f"{where}: method is not a Method entity of the document")
        if actor.get("type") not in ACTOR_TYPES or \
                (doc, actor.get("type"), actor.get("label")) not in known:
            problems.append(f"{where}: actor {actor} is not an actor entity of the document")
        if not s.get("evidence") or s["evidence"] not in texts[doc]:
            problems.append(f"{where}: evidence not in the document")
        key = (doc, actor.get("type"), actor.get("label"), s.get("method"), s.get("status"))
        if s.get("status") != "none":
            as_status.add(key)
        elif any(k[:4] == key[:4] for k in as_relation):
            problems.append(f"{where}: `none` for a pair that has a status relation")
    for key in sorted(as_relation - as_status):
        problems.append(f"statuses: no line for the relation {key}")
    for key in sorted(as_status - as_relation):
        problems.append(f"statuses: {key} has no relation in relations.jsonl")


def problems() -> list[str]:
    """Every well-formedness problem of the held-out set; empty when it is well formed."""
    found: list[str] = []
    texts = documents(found)
    entities = _jsonl(HERE / "entities.jsonl", found)
    relations = _jsonl(HERE / "relations.jsonl", found)
    statuses = _jsonl(HERE / "statuses.jsonl", found)
    known = _check_entities(entities, texts, found)
    _check_relations(relations, texts, known, found)
    _check_statuses(statuses, relations, texts, known, found)
    for doc in sorted(set(texts) - {e["doc"] for e in entities}):
        found.append(f"docs/{doc}: not annotated")
    return found


if __name__ == "__main__":
    issues = problems()
    print("\n".join(issues) or "held-out set well formed")
    sys.exit(1 if issues else 0)
