"""`lapekg eval`: extraction against the gold annotation, search and answers against questions."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from api.components import Services
from graph.triples import entity_iri
from ingest.documents import document_key
from ontology.iris import slug

MENTIONS = """
PREFIX lape: <https://w3id.org/lapekg/ontology#>
SELECT DISTINCT ?doc ?e WHERE { ?p lape:inDocument ?doc ; lape:mentions ?e }
"""
STATEMENTS = """
PREFIX lape: <https://w3id.org/lapekg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX org: <http://www.w3.org/ns/org#>
SELECT DISTINCT ?doc ?s ?p ?o ?role ?q ?conf WHERE {
  ?st a lape:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
      lape:confidence ?conf ; lape:sourcePassage ?psg . ?psg lape:inDocument ?doc .
  OPTIONAL { ?o org:role ?role }
  OPTIONAL { ?o lape:quantity ?q }
}
"""
# The same statements with the passage span each was read from, for listing misses.
STATEMENT_EVIDENCE = """
PREFIX lape: <https://w3id.org/lapekg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX org: <http://www.w3.org/ns/org#>
SELECT DISTINCT ?doc ?s ?p ?o ?role ?q ?conf ?a ?b ?txt WHERE {
  ?st a lape:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
      lape:confidence ?conf ; lape:sourcePassage ?psg ; lape:spanStart ?a ; lape:spanEnd ?b .
  ?psg lape:inDocument ?doc ; lape:text ?txt .
  OPTIONAL { ?o org:role ?role }
  OPTIONAL { ?o lape:quantity ?q }
}
"""
# The development parts of `lapekg eval`: each a name and the prefix of its gold files in the
# gold folder (entities.jsonl, unseen_entities.jsonl, dev2_entities.jsonl, ...). The frozen
# held-out set is scored apart (api/heldout_evaluation.py).
DEVELOPMENT_PARTS = (("seeds", ""), ("unseen", "unseen_"), ("dev2", "dev2_"),
                     ("dev3a", "dev3a_"), ("dev3r", "dev3r_"), ("dev3r2", "dev3r2_"),
                     ("dev3r3", "dev3r3_"), ("dev3i", "dev3i_"),
                     ("dev3i2", "dev3i2_"),
                     ("dev4r", "dev4r_"), ("dev4r2", "dev4r2_"), ("dev4r3", "dev4r3_"),
                     ("dev4x", "dev4x_"), ("dev4x2", "dev4x2_"), ("dev4x3", "dev4x3_"),
                     ("dev4x4", "dev4x4_"), ("dev5r", "dev5r_"), ("dev5x", "dev5x_"),
                     ("dev6x", "dev6x_"))
_KIND_OF_SEGMENT = {"region": "Region", "municipality": "Municipality",
                    "organisation": "Organisation", "project": "Project", "method": "Method",
                    "person": "Person", "role": "Role"}


@dataclass
class PR:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    def row(self) -> dict:
        return {"P": round(self.precision, 3), "R": round(self.recall, 3), "tp": self.tp,
                "fp": self.fp, "fn": self.fn}


def _jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


# The projects each document mentions, with every label the graph gives them.
PROJECT_LABELS = """
PREFIX lape: <https://w3id.org/lapekg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?doc ?e ?label WHERE {
  ?p lape:inDocument ?doc ; lape:mentions ?e . ?e a lape:Project .
  { ?e skos:prefLabel ?label } UNION { ?e skos:altLabel ?label }
}
"""


class GoldResolver:
    """Gold labels to IRIs: reference entities by any of their labels, others by slug. With
    `project_labels`, a gold project (not a reference one) is also the project the graph mints
    for the same document under that label, preferred or alternative (casefold equality): a
    project the document names in several ways is one entity with several labels."""

    def __init__(self, services: Services, project_labels: bool = True) -> None:
        self.s = services
        self.by_label: dict[tuple[str, str], str] = {}
        for e in services.reference.entities:
            for label in services.reference.all_labels(e):
                self.by_label.setdefault((e.kind, label.casefold()), str(
                    entity_iri(services.minter, e.kind, e.key)))
        self.projects: dict[tuple[str, str], str] = {}
        if project_labels:
            doc_keys = {str(services.minter.document(k)): k
                        for k in services.passages.documents()}
            for r in services.store.query(PROJECT_LABELS):
                doc = doc_keys.get(str(r.doc))
                if doc is not None:
                    self.projects.setdefault((doc, str(r.label).casefold()), str(r.e))

    def iri(self, kind: str, label: str, aliases: list[str] = (),  # type: ignore[assignment]
            doc: str | None = None) -> str:
        if kind == "Organisation":
            for k in ("Organisation", "Municipality"):
                for name in (label, *aliases):
                    if (k, name.casefold()) in self.by_label:
                        return self.by_label[(k, name.casefold())]
        for name in (label, *aliases):
            if (kind, name.casefold()) in self.by_label:
                return self.by_label[(kind, name.casefold())]
        if kind == "Project" and (doc, label.casefold()) in self.projects:
            return self.projects[(doc, label.casefold())]
        return str(entity_iri(self.s.minter, kind, slug(label)))


def _kind(iri: str) -> str | None:
    parts = iri.split("/")
    return _KIND_OF_SEGMENT.get(parts[-2]) if len(parts) > 2 else None


def _predicted(r, doc_keys: dict[str, str], docs: set[str],  # type: ignore[no-untyped-def]
               min_confidence: float) -> tuple[str, tuple[str, str, str]] | None:
    """A statement row as (predicate, (document, subject, object)) in the gold's terms, or None
    for a row outside the gold documents or below the confidence asked for."""
    doc = doc_keys.get(str(r.doc))
    if doc not in docs or float(r.conf) < min_confidence:
        return None
    pred = str(r.p).rsplit("#", 1)[-1]
    if pred == "hasMembership":
        pred, o = "hasRole", str(r.role)
    elif pred == "hasResult":
        o = str(float(r.q)) if r.q is not None else "?"
    elif pred in ("fundingAmount", "startDate", "endDate"):
        o = _value(str(r.o))
    else:
        o = str(r.o)
    if pred in ("aboutRegion",):
        return None
    return pred, (doc, str(r.s), o)


def _local(iri: str) -> str:
    return "/".join(iri.split("/")[-2:]) if "/" in iri else iri


def _misses(services: Services, gold_r: dict[str, set], pred_r: dict[str, set],
            gold_evidence: dict[tuple, str], doc_keys: dict[str, str], docs: set[str],
            min_confidence: float) -> dict[str, list[dict]]:
    """The false negatives (with the gold evidence) and false positives (with the words they
    were read from) of each predicate."""
    read_from: dict[tuple, str] = {}
    for r in services.store.query(STATEMENT_EVIDENCE):
        found = _predicted(r, doc_keys, docs, min_confidence)
        if found is not None:
            text = str(r.txt)[int(r.a):int(r.b)]
            read_from.setdefault((found[0], *found[1]), re.sub(r"\s+", " ", text))
    out: dict[str, list[dict]] = {}
    for pred in sorted(set(gold_r) | set(pred_r)):
        rows = [{"miss": "fn", "doc": d, "subject": _local(s), "object": _local(o),
                 "evidence": gold_evidence.get((pred, d, s, o), "")}
                for d, s, o in sorted(gold_r[pred] - pred_r[pred])]
        rows += [{"miss": "fp", "doc": d, "subject": _local(s), "object": _local(o),
                  "evidence": read_from.get((pred, d, s, o), "")}
                 for d, s, o in sorted(pred_r[pred] - gold_r[pred])]
        if rows:
            out[pred] = rows
    return out


def part_is_built(services: Services, gold_dir: Path, prefix: str) -> bool:
    """Whether any document annotated in the part's gold is in the build (a development set
    that was not built is left out of the report instead of scoring as all misses)."""
    built = set(services.passages.documents())
    path = gold_dir / f"{prefix}entities.jsonl"
    return path.exists() and any(document_key(Path(g["doc"])) in built for g in _jsonl(path))


def evaluate_extraction(services: Services, gold_dir: Path, prefix: str = "",
                        min_confidence: float = 0.0, misses: bool = False,
                        only_docs: Iterable[str] | None = None,
                        project_labels: bool = True) -> dict:
    """P/R of entities and relations against the gold files; with `misses`, also the relation
    false negatives and false positives, each with its evidence. With `only_docs` (file names
    or document keys), only the gold lines and predictions of those documents count. Without
    `project_labels`, gold projects resolve by slug only (the resolver before 2026-12-06)."""
    resolver = GoldResolver(services, project_labels)
    doc_keys = {str(services.minter.document(k)): k for k in services.passages.documents()}
    wanted = None if only_docs is None else {document_key(Path(d)) for d in only_docs}

    def kept(lines: list[dict]) -> list[dict]:
        return [g for g in lines if wanted is None or document_key(Path(g["doc"])) in wanted]

    entity_gold = kept(_jsonl(gold_dir / f"{prefix}entities.jsonl"))
    docs_in_gold = {document_key(Path(g["doc"])) for g in entity_gold}
    gold_e: dict[str, set] = defaultdict(set)
    for g in entity_gold:
        key = document_key(Path(g["doc"]))
        gold_e[g["type"]].add((key, resolver.iri(g["type"], g["label"], g.get("aliases", []),
                                                 key)))
    pred_e: dict[str, set] = defaultdict(set)
    for r in services.store.query(MENTIONS):
        doc = doc_keys.get(str(r.doc))
        kind = _kind(str(r.e))
        if doc in docs_in_gold and kind:
            pred_e[kind].add((doc, str(r.e)))
    entities = {}
    for kind in sorted(set(gold_e) | set(pred_e)):
        g, p = gold_e[kind], pred_e[kind]
        entities[kind] = PR(len(g & p), len(p - g), len(g - p)).row()
    allg = set().union(*gold_e.values()) if gold_e else set()
    allp = set().union(*pred_e.values()) if pred_e else set()
    entities["all"] = PR(len(allg & allp), len(allp - allg), len(allg - allp)).row()

    gold_r: dict[str, set] = defaultdict(set)
    gold_evidence: dict[tuple, str] = {}
    for g in kept(_jsonl(gold_dir / f"{prefix}relations.jsonl")):
        doc = document_key(Path(g["doc"]))
        subj = resolver.iri(g["subject"]["type"], g["subject"]["label"], doc=doc)
        pred = g["predicate"]
        obj = g["object"]
        if pred == "hasRole":
            o = resolver.iri("Role", obj["label"])
        elif pred == "hasResult":
            o = str(float(obj["quantity"])) if obj.get("quantity") is not None else "?"
        elif "value" in obj:
            o = _value(obj["value"])
        else:
            o = resolver.iri(obj["type"], obj["label"], doc=doc)
        gold_r[pred].add((doc, subj, o))
        gold_evidence.setdefault((pred, doc, subj, o), g.get("evidence", ""))
    pred_r = predicted_relations(services, docs_in_gold, min_confidence, doc_keys)
    relations = {}
    for pred in sorted(set(gold_r) | set(pred_r)):
        g, p = gold_r[pred], pred_r[pred]
        relations[pred] = PR(len(g & p), len(p - g), len(g - p)).row()
    # A relation is right only with its predicate: "trained" for a gold "piloted" is wrong.
    # A second total reads the five method statuses as one, for how often the actor-method link
    # itself is found.
    def total(status_as_one: bool) -> dict:
        def key(pred: str, t: tuple) -> tuple:
            return ("method-status" if status_as_one and pred in METHOD_STATUSES else pred, *t)
        allg = {key(pred, t) for pred, ts in gold_r.items() for t in ts}
        allp = {key(pred, t) for pred, ts in pred_r.items() for t in ts}
        return PR(len(allg & allp), len(allp - allg), len(allg - allp)).row()

    relations["all"] = total(False)
    relations["all, any method status"] = total(True)
    result = {"entities": entities, "relations": relations}
    if misses:
        result["misses"] = _misses(services, gold_r, pred_r, gold_evidence, doc_keys,
                                   docs_in_gold, min_confidence)
    return result


METHOD_STATUSES = ("piloted", "implemented", "developing", "trained", "planned", "created")


def predicted_relations(services: Services, docs: set[str], min_confidence: float = 0.0,
                        doc_keys: dict[str, str] | None = None) -> dict[str, set]:
    """The graph's statements about the documents `docs` (keys), as (document, subject,
    object) triples by predicate, in the gold's terms."""
    if doc_keys is None:
        doc_keys = {str(services.minter.document(k)): k for k in services.passages.documents()}
    found: dict[str, set] = defaultdict(set)
    for r in services.store.query(STATEMENTS):
        row = _predicted(r, doc_keys, docs, min_confidence)
        if row is not None:
            found[row[0]].add(row[1])
    return found


def _value(value: object) -> str:
    try:
        return f"{float(str(value)):.0f}"
    except ValueError:
        return str(value)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def _names_by_iri(services: Services) -> dict[str, tuple[str, ...]]:
    """Every label of each reference entity, by its IRI."""
    from ontology.reference import ReferenceData

    reference: ReferenceData = services.reference
    return {str(entity_iri(services.minter, e.kind, e.key)): reference.all_labels(e)
            for e in reference.entities}


def evaluate_questions(services: Services, paths: list[Path],
                       default_docs: set[str] | None = None,
                       exclude_docs: set[str] | None = None) -> dict:
    """hit@5 and MRR for passage questions; set precision and recall for answer questions.

    A question names the documents it was written against ("docs"); one that names none was
    written against `default_docs` (the corpus). Answers count only with evidence from those,
    so documents added for other checks do not change what the question means. Passages of
    `exclude_docs` (keys; the frozen held-out documents) are left out of the passage ranking,
    which the questions were written without."""
    keep = None if not exclude_docs else (lambda p: p.doc_key not in exclude_docs)
    rows = []
    hits5, rrs, precisions, recalls = [], [], [], []
    present = services.passages.documents()
    names = _names_by_iri(services)
    for path in paths:
        for q in _jsonl(path):
            docs = [document_key(Path(d)) for d in q.get("docs", [])]
            if docs and not all(d in present for d in docs):
                continue  # the question needs documents this build does not hold
            scope = set(docs) if docs else (default_docs or present)
            scope_iris = {str(services.minter.document(d)) for d in scope}
            row: dict = {"id": q["id"], "q": q["q"]}
            if q.get("passage_contains"):
                hits = services.searcher.search(q["q"], k=10, keep=keep)
                needle = _norm(q["passage_contains"])
                rank = next((i for i, h in enumerate(hits, 1) if needle in _norm(h.passage.text)),
                            None)
                row.update(rank=rank)
                hits5.append(1.0 if rank and rank <= 5 else 0.0)
                rrs.append(1.0 / rank if rank else 0.0)
            ents = set(q.get("answer_entities", [])) | (
                {q["answer_entity"]} if q.get("answer_entity") else set())
            regs = set(q.get("answer_regions", []))
            expected = ents | regs
            if expected:
                answers = services.answerer.ask(q["q"], documents=scope_iris).answers
                # An answer counts under any of its entity's labels ("STM" is
                # sosiaali- ja terveysministeriö); the set compares one name per answer.
                expected_cf = {e.casefold() for e in expected}
                got = {next((n for n in names.get(a.iri or "", ()) if n.casefold() in expected_cf),
                            a.label) for a in answers}
                if ents:
                    # Entities are the answer; regions, when asked too, are where they belong.
                    exp = {e.casefold() for e in ents}
                    gotc = {g.casefold() for g in got}
                    rolled = {r.casefold() for a in answers for r in a.regions}
                    found = len(exp & gotc) + len({r.casefold() for r in regs} & (rolled | gotc))
                    p = len(exp & gotc) / len(gotc) if gotc else 0.0
                    r = found / (len(exp) + len(regs))
                else:
                    exp = {e.casefold() for e in regs}
                    gotc = {g.casefold() for g in got}
                    p = len(exp & gotc) / len(gotc) if gotc else 0.0
                    r = len(exp & gotc) / len(exp)
                precisions.append(p)
                recalls.append(r)
                row.update(expected=sorted(expected), got=sorted(got), P=round(p, 2),
                           R=round(r, 2))
            rows.append(row)

    def mean(xs: list[float]) -> float:
        return round(sum(xs) / len(xs), 3) if xs else 0.0

    return {"passage_questions": len(hits5), "hit@5": mean(hits5), "MRR": mean(rrs),
            "answer_questions": len(precisions), "answer_P": mean(precisions),
            "answer_R": mean(recalls), "per_question": rows}
