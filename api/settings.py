"""Configuration: one typed settings object read from LAPEKG_* variables."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every knob of lapekg; pass it in, never read the environment deeper down."""

    model_config = SettingsConfigDict(env_prefix="LAPEKG_", extra="ignore")

    data: Path = Path("data")
    base_iri: str = "https://w3id.org/lapekg/id/"
    model: str = "models/multilingual-e5-small"
    spacy_model: str = "spacy_fi_experimental_web_md"
    # the model that decides a method mention's status (ingest/extract/status.py STATUS_MODELS):
    # "override" = the rules, the learned classifier where they find nothing (>= .95 sure, an
    # actor named) and where it reads a plan or trial around the rules' "implemented"
    # (ingest/status_layer.py); chosen on development data: seeds relation P .912 as the rules',
    # development status accuracy .673 against the rules' .442. "rules" for the rules alone.
    status_model: str = "override"
    faiss_spec: str = "Flat"
    batch_size: int = 32
    n_process: int = 0  # worker processes for ingest; 0 = one per core
    # Threads for one query's encoding and vector search (see search.vector_index).
    query_threads: int = 1
    # ask reads the graph from an in-memory copy of the default graph (loaded in a thread after
    # start; ~0.45 GB at the 100x bench build); about 3x faster graph lookups than the disk store.
    ask_graph_in_memory: bool = True
    # int8 passage and query encoder: ~2.7x faster ingest, vectors at cosine ~0.97 to float32.
    encoder_quantize: bool = False
    # ONNX graph of the encoder (search/onnx_variants.py). "openvino-bf16": the float32 graph
    # through OpenVINO in bfloat16 on a CPU that multiplies bf16 natively (AVX-512 BF16 or AMX),
    # float32's vectors at 1.84x its passages per CPU-s; elsewhere (or without the openvino
    # package) int8-ffn-inner runs instead: feed-forward layers 1-10 int8 on ONNX Runtime,
    # 1.25x, hit@5 and MRR as float32's. "float32" for exact.
    encoder_variant: str = "openvino-bf16"
    # Passage vectors kept in <data>/vector-cache across generations: a rebuild or an `add`
    # encodes only text it has not seen with this encoder.
    vector_cache: bool = True
    # Analysed documents kept in <data>/analysis-cache, keyed by the document and a hash of the
    # ingest code, ontology and spaCy model: a rebuild reads unchanged documents from it.
    analysis_cache: bool = True
    # Dense index backend: "faiss" (in-process, default) or "pgvector" (PostgreSQL, needs pg_dsn).
    vector_backend: str = "faiss"
    pg_dsn: str | None = None
    # Graph backend: "oxigraph" (in each generation's directory, default) or "remote" (a SPARQL
    # 1.1 server: query URL required; update and graph store URLs for build/add; credentials
    # for servers that refuse anonymous updates, e.g. Virtuoso's /sparql-auth).
    graph_backend: str = "oxigraph"
    sparql_query_url: str | None = None
    sparql_update_url: str | None = None
    graph_store_url: str | None = None
    sparql_user: str | None = None
    sparql_password: SecretStr | None = None
    # The remote default graph: "merge" (lapekg keeps the RDF merge there, as on the local
    # store; `oxigraph serve` without --union-default-graph) or "union" (the server's union of
    # its graphs, e.g. Virtuoso's, which counts a triple once per graph that states it).
    sparql_default_graph: str = "union"
    remote_timeout_s: float = 60.0  # per request of build/add and page reads
    keep_generations: int = 2
    host: str = "127.0.0.1"
    port: int = 8000
    # The server's public base URL, for the IRIs VoID gives to the endpoint and the dumps
    # (never the request's Host header); default http://{host}:{port}/.
    public_url: str | None = None
    # How often the server looks whether CURRENT names a new generation (a stat of one file).
    follow_interval_s: float = 1.0
    # uvicorn: a connection closes when it is idle this many seconds (after a response, or
    # before a whole request head arrives); beyond max_connections, new requests get 503.
    keep_alive_s: int = 15
    max_connections: int = 200
    sparql_timeout_s: float = 10.0
    sparql_max_rows: int = 10_000
    sparql_max_concurrent: int = 4
    # Per SPARQL worker: memory limit (MB, 0 = none); recycle after N operations or once its
    # resident memory passed a limit (MB, 0 = never).
    sparql_worker_memory_mb: int = 1500
    sparql_worker_max_queries: int = 1000
    sparql_worker_recycle_rss_mb: int = 1000
    max_request_bytes: int = 1_000_000
    # `lapekg add` through a running `lapekg serve` of the same data dir (api/build_service.py):
    # "on" (the server loads the ingest models at its first add), "warm" (at its start), "off".
    add_service: Literal["off", "on", "warm"] = "on"
    update_token: str | None = None
    # .docx (and any zip-based format): refused before parsing when its central directory
    # declares more uncompressed bytes or members than this, or (past 1 MB) expands more than
    # max_zip_ratio times.
    max_zip_bytes: int = 50 * 1024 * 1024
    max_zip_ratio: float = 100.0
    max_zip_entries: int = 10_000
    cors_origins: list[str] = []
    # Models recognised by description (ingest.concept_descriptions): sentences that describe
    # a model without naming it yield inferred method mentions. With the classifier (below) and
    # the in-use reading: seeds relations P/R .888/.786 (.912/.786 with the margin rule),
    # unseen .947/.886 (.947/.881); described models on devstatus..devstatus5 9 of 13 (2 of 13).
    infer_concepts: bool = True
    concept_margin: float = 0.0225  # the margin rule's (ingest/concept_descriptions.py)
    # The calibrated classifier of ingest/concept_model.py decides instead of the margin rule;
    # its probability threshold is the one stored with it (cross-validated precision .95)
    # unless concept_min_probability is set.
    concept_classifier: bool = True
    concept_min_probability: float | None = None
    # Crash tests only: a build or add kills its own process (SIGKILL) at this named stage.
    fault_at: str | None = None

    @property
    def server_url(self) -> str:
        """The base URL the server answers at, ending in '/'."""
        return (self.public_url or f"http://{self.host}:{self.port}/").rstrip("/") + "/"
