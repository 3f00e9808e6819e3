"""Wall and CPU seconds of a whole `lapekg build`'s phases, as the CLI runs it.

    LAPEKG_DATA=EMPTY_DIR python -m bench.build_phases CORPUS_DIR

Runs the build of api/cli.py (forked workers and all) with timers around its phases in the
main process: making the builder (spaCy's and the models' imports, the describer's bank of
descriptions), reading the files, loading the models before the fork, the analysing loop
(workers analyse and encode; this process turns each document into quads and writes the store
and indexes), and the finish (indexes saved, region summaries, the store flushed and
compacted, the generation committed). Each phase's wall time and this process's CPU
(`time.process_time`) during it; the workers' CPU is `os.times()`'s children total after the
pool has ended. Nested phases are included in their parents. Prints one JSON object.
"""

from __future__ import annotations

import functools
import importlib
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

# (module, owner class or None for a module function, attribute, label)
PHASES = (
    ("api.components", None, "make_builder", "make_builder"),
    ("ingest.concept_model", None, "build_bank", "build_bank"),
    ("api.build", "Builder", "_load_documents", "load_documents"),
    ("ingest.pipeline", "IngestPipeline", "prepare", "prepare_models"),
    ("api.build", "Builder", "_ingest", "analysing_loop"),
    ("graph.triples", "TripleMaker", "document_quads", "main_document_quads"),
    ("graph.store", "GraphStore", "add_quads", "main_store_add_quads"),
    ("api.build_indexes", "Indexes", "add", "main_indexes_add"),
    ("api.build", "Builder", "_finish", "finish"),
    ("api.build_indexes", "Indexes", "save", "finish_indexes_save"),
    ("graph.summaries", None, "refresh", "finish_summaries"),
    ("graph.store", "GraphStore", "flush", "finish_store_flush"),
)


def _timed(spent: dict[str, list[float]], method: Callable[..., Any], label: str,
           generator: bool) -> Callable[..., Any]:
    def add(wall: float, cpu: float) -> None:
        entry = spent.setdefault(label, [0.0, 0.0, 0])
        entry[0] += wall
        entry[1] += cpu
        entry[2] += 1

    if generator:
        @functools.wraps(method)
        def run_gen(*args: Any, **kwargs: Any) -> Any:
            wall, cpu = time.perf_counter(), time.process_time()
            items = list(method(*args, **kwargs))
            add(time.perf_counter() - wall, time.process_time() - cpu)
            return iter(items)
        return run_gen

    @functools.wraps(method)
    def run(*args: Any, **kwargs: Any) -> Any:
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return method(*args, **kwargs)
        finally:
            add(time.perf_counter() - wall, time.process_time() - cpu)
    return run


def main(corpus: Path) -> dict[str, Any]:
    import inspect

    start_wall, start_cpu = time.perf_counter(), time.process_time()
    spent: dict[str, list[float]] = {}
    for module, owner, name, label in PHASES:
        mod = importlib.import_module(module)
        holder = getattr(mod, owner) if owner else mod
        method = getattr(holder, name)
        setattr(holder, name, _timed(spent, method, label, inspect.isgeneratorfunction(method)))
    import api.build as build_module
    import api.components as components

    # modules that imported these names before the patch
    build_module.refresh_summaries = importlib.import_module("graph.summaries").refresh
    from api.settings import Settings

    builder = components.make_builder(Settings(), progress=False)
    report = builder.build([corpus])
    children = os.times()
    return {"documents": len(report.added), "passages": report.passages,
            "triples": report.triples, "failed": len(report.failed),
            "wall_s": round(time.perf_counter() - start_wall, 2),
            "main_cpu_s": round(time.process_time() - start_cpu, 2),
            "workers_cpu_s": round(children.children_user + children.children_system, 2),
            "phases": {k: {"wall_s": round(v[0], 2), "main_cpu_s": round(v[1], 2), "calls": v[2]}
                       for k, v in spent.items()}}


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m bench.build_phases CORPUS_DIR")
    print(json.dumps(main(Path(sys.argv[1]))))
