"""CPU seconds of each stage of the per-document analysis, in one process.

    python -m bench.analysis_cpu CORPUS_DIR [N]   (LAPEKG_DATA: an empty scratch data dir)

Analyses the first N documents of CORPUS_DIR (sorted by name; default 6) with the build's
pipeline, timing each stage by the CPU time of its thread (`time.thread_time`, so other
processes on a busy machine do not count), then encodes their passages once with the build's
encoder, without the vector cache. Prints one JSON line. Stages nest: extraction includes the
status and result models' encodings; spaCy includes our conversion of its annotations.
"""

from __future__ import annotations

import functools
import importlib
import json
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

# (module, class, method, label, whether the method returns a generator to run out)
STAGES = (
    ("ingest.spacy_pipeline", "PassageAnalyzer", "analyse", "spacy", True),
    ("ingest.linking", "Linker", "link", "linking", False),
    ("ingest.extraction", "FactExtractor", "extract", "extraction", True),
    ("ingest.status_model", "StatusClassifier", "prime", "status_clauses", False),
    ("ingest.status_model", "StatusClassifier", "predict", "status_clauses", False),
    ("ingest.result_model", "ResultClassifier", "probability", "result_texts", False),
    ("ingest.concept_descriptions", "DescriptionMatcher", "infer_many", "describer_sentences",
     False),
)


def _timed(spent: Counter[str], method: Callable[..., Any], label: str, drain: bool
           ) -> Callable[..., Any]:
    @functools.wraps(method)
    def run(*args: Any, **kwargs: Any) -> Any:
        start = time.thread_time()
        try:
            result = method(*args, **kwargs)
            return iter(list(result)) if drain else result
        finally:
            spent[label] += time.thread_time() - start
    return run


def measure(corpus: Path, n: int) -> dict[str, Any]:
    from api.components import make_builder
    from api.settings import Settings
    from ingest.passages import split_passages

    spent: Counter[str] = Counter()
    for module, cls, name, label, drain in STAGES:
        owner = getattr(importlib.import_module(module), cls)
        setattr(owner, name, _timed(spent, getattr(owner, name), label, drain))
    builder = make_builder(Settings(), progress=False)
    pipeline = builder.pipeline
    pipeline.prepare()
    files = sorted(corpus.glob("*.txt"))[:n]
    documents = [d for d in pipeline.load([(f, None) for f in files]) if hasattr(d, "text")]
    start = time.thread_time()
    for document in documents:
        pipeline.analyse(document)
    analysis = time.thread_time() - start
    encoder = getattr(builder.encoder, "encoder", builder.encoder)  # past the vector cache
    texts = [p.text for d in documents for p in split_passages(d.key, d.text, d.related_start)]
    start = time.thread_time()
    encoder.encode_passages(texts)
    return {"documents": len(documents), "words": sum(len(d.text.split()) for d in documents),
            "passages": len(texts), "analysis_cpu_s": round(analysis, 2),
            "passage_encoding_cpu_s": round(time.thread_time() - start, 2),
            **{k: round(v, 2) for k, v in sorted(spent.items())}}


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: python -m bench.analysis_cpu CORPUS_DIR [N]")
    print(json.dumps(measure(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 6)))
