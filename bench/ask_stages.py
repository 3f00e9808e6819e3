"""Where `ask`'s time goes: CPU and wall time per stage of one answer, measured by wrapping the
answerer's stage methods on one loaded `Services` (bench only; nothing in the product changes).

Stages (time is charged to the innermost stage running, so they add up to the whole answer):
- analysis: the question's lemmas, entities (linker, fuzzy label match), answer type, unknown
  words, the documents a name scopes (called from `ask` itself: the same analyser run on a
  passage inside the graph or reading stage counts there);
- encode: the e5 query vector (once per new question; the encoder keeps the last few);
- bm25, faiss: the two retrievals; retrieval: their fusion and the rest of `Searcher.search`;
- graph engine: the SPARQL queries of `graph.queries` (Oxigraph evaluating and the rows read);
- graph: the Python around them (`_from_graph`, evidence, people's context);
- reading: the reading layer, when the graph has no answer (`_from_text`, its queries excepted);
- other: the rest of `Answerer.ask` (filters by status, kind, place and year).
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

# (stage, path from the answerer to the object, method name)
WRAPPED: tuple[tuple[str, str, str], ...] = (
    ("analysis", "searcher.analyzer", "analyse"),
    ("analysis", "searcher.analyzer", "word_forms"),
    ("analysis", "", "entities_of"),
    ("analysis", "model", "predict"),
    ("analysis", "", "unknown_words"),
    ("analysis", "", "_name_scope"),
    ("encode", "searcher.encoder", "encode_query"),
    ("retrieval", "searcher", "search"),
    ("bm25", "searcher.bm25", "search"),
    ("faiss", "searcher.dense", "search"),
    ("graph", "", "_from_graph"),
    ("graph", "", "_with_evidence"),
    ("reading", "", "_from_text"),
)
STAGES = ("analysis", "encode", "bm25", "faiss", "retrieval", "graph engine", "graph",
          "reading", "other")


class StageClock:
    """Exclusive CPU (this thread's) and wall seconds per stage, over the answers timed with
    `answer()`; a stage entered inside another is charged to itself only."""

    def __init__(self) -> None:
        self._stack: list[str] = []
        self._mark = (0.0, 0.0)
        self.current: dict[str, list[float]] = {}

    def _charge(self) -> None:
        cpu, wall = time.thread_time(), time.perf_counter()
        if self._stack:
            spent = self.current.setdefault(self._stack[-1], [0.0, 0.0])
            spent[0] += cpu - self._mark[0]
            spent[1] += wall - self._mark[1]
        self._mark = (cpu, wall)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        self._charge()
        self._stack.append(name)
        try:
            yield
        finally:
            self._charge()
            self._stack.pop()

    def wrap(self, name: str, fn: Callable[..., Any],
             within: str | None = None) -> Callable[..., Any]:
        """fn, charged to stage `name` (only when called within stage `within`, if given)."""
        @functools.wraps(fn)
        def timed(*args: Any, **kwargs: Any) -> Any:
            if within is not None and (not self._stack or self._stack[-1] != within):
                return fn(*args, **kwargs)
            with self.stage(name):
                return fn(*args, **kwargs)

        return timed

    def answer(self, ask: Callable[[str], Any], question: str) -> dict[str, tuple[float, float]]:
        """ask(question) timed: {stage: (cpu ms, wall ms)}, "other" being the rest of it."""
        self.current = {}
        with self.stage("other"):
            ask(question)
        return {k: (v[0] * 1000, v[1] * 1000) for k, v in self.current.items()}


def instrument(answerer: Any) -> tuple[StageClock, Callable[[], None]]:
    """Wrap the answerer's stages (instance attributes over the class's methods) and
    `graph.queries._select`; returns the clock and a function that undoes it all."""
    import graph.queries as queries

    clock = StageClock()
    undo: list[Callable[[], None]] = []
    for name, path, method in WRAPPED:
        owner = answerer
        for part in filter(None, path.split(".")):
            owner = getattr(owner, part)
        had = method in vars(owner) if hasattr(owner, "__dict__") else False
        original = getattr(owner, method)
        within = "other" if name == "analysis" else None
        setattr(owner, method, clock.wrap(name, original, within))
        undo.append(functools.partial(_restore, owner, method, original, had))
    select = queries._select
    queries._select = clock.wrap("graph engine", select)  # type: ignore[assignment]
    undo.append(lambda: setattr(queries, "_select", select))

    def restore() -> None:
        for step in reversed(undo):
            step()

    return clock, restore


def _restore(owner: Any, method: str, original: Any, had: bool) -> None:
    if had:
        setattr(owner, method, original)
    else:
        delattr(owner, method)


def summarise(per_answer: list[dict[str, tuple[float, float]]],
              percentile: Callable[[list[float], float], float]) -> dict:
    """Per stage: total CPU / wall ms over every answer, its share of the whole, and p50 / p95
    of its CPU ms per answer; plus the answers' CPU p50 / p95."""
    totals = [sum(c for c, _ in a.values()) for a in per_answer]
    whole = sum(totals) or 1.0
    out: dict[str, Any] = {"answers": len(per_answer),
                           "cpu_ms_p50": round(percentile(totals, 50), 1),
                           "cpu_ms_p95": round(percentile(totals, 95), 1), "stages": {}}
    for stage in STAGES:
        cpu = [a.get(stage, (0.0, 0.0))[0] for a in per_answer]
        wall = [a.get(stage, (0.0, 0.0))[1] for a in per_answer]
        out["stages"][stage] = {"cpu_ms_total": round(sum(cpu), 1),
                                "wall_ms_total": round(sum(wall), 1),
                                "cpu_share": round(sum(cpu) / whole, 3),
                                "cpu_ms_p50": round(percentile(cpu, 50), 2),
                                "cpu_ms_p95": round(percentile(cpu, 95), 2)}
    return out
