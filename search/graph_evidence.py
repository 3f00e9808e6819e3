"""Graph answers with their evidence: each candidate's most confident statements, the passages
they were read from (only those are read from the store), and the statuses its statements carry,
strongest first, each with its passages and the year its sentence names."""

from __future__ import annotations

from collections.abc import Iterable

from graph.queries import FactRow, passage_texts, sources
from graph.store import GraphStore
from search.answer_records import Answer, Evidence
from search.graph_facts import Candidate
from search.statuses import merge, status_of, year_in_sentence


def with_evidence(store: GraphStore, candidates: Iterable[Candidate],
                  max_evidence: int) -> list[Answer]:
    """Answers ordered by their best evidence, each with its most confident passages and
    the statuses its statements carry (strongest first, each with its passages); only
    those passages are read from the store."""
    chosen = []
    for c in candidates:
        ranked = sorted({f.statement: f for f in c.facts}.values(),
                        key=lambda f: (-f.confidence, f.statement))
        per_status: dict[str, list[FactRow]] = {}
        for f in ranked:
            if (status := status_of(f.predicate)) is not None:
                per_status.setdefault(status, []).append(f)
        shown = ranked[:max_evidence * 2]
        extra = [f for fs in per_status.values() for f in fs[:max_evidence]
                 if f not in shown]
        chosen.append((c, shown, per_status, extra))
    where = sources(store, {f.statement for _, fs, _, xs in chosen for f in fs + xs})
    texts = passage_texts(store, {src.passage for src in where.values()})
    answers = []
    for c, fs, per_status, _ in chosen:
        evidence: dict[tuple[str, int, int], Evidence] = {}
        for f in fs:
            if (src := where.get(f.statement)) is not None:
                evidence.setdefault((src.passage, src.start, src.end), Evidence(
                    src.passage, src.document, texts.get(src.passage, ""), src.start,
                    src.end, f.confidence))
        readings = [(status, src.passage,
                     year_in_sentence(texts.get(src.passage, ""), src.start, src.end))
                    for status, rows in per_status.items() for f in rows[:max_evidence]
                    if (src := where.get(f.statement)) is not None]
        if evidence:
            shown = list(evidence.values())[:max_evidence]
            answers.append(Answer(c.iri, c.label, c.type, shown, c.regions,
                                  merge(readings), "graph",
                                  round(max(e.confidence for e in shown), 3)))
    return sorted(answers, key=lambda a: (-a.confidence, a.label))
