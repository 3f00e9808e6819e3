"""Composition root: build the pipeline, the builder and the query-side services from settings."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from api.generations import (
    EncoderMismatchError,
    Generations,
    Lease,
    built_encoder,
    check_encoder,
)
from api.graph_backends import GraphBackend, LocalGraphBackend, make_graph_backend
from api.settings import Settings
from ontology.iris import IriMinter
from ontology.reference import ReferenceData, ReferenceEntity, load_reference
from search.encoder import Encoder

if TYPE_CHECKING:  # the query side is imported where it is made: a build or add never needs it
    from search.answer import Answerer
    from search.passage_store import PassageStore
    from search.searcher import Searcher

logger = logging.getLogger(__name__)


def make_encoder(settings: Settings) -> Encoder:
    return Encoder(settings.model, batch_size=settings.batch_size,
                   variant="int8" if settings.encoder_quantize else settings.encoder_variant)


def make_builder(settings: Settings, progress: bool = True):  # type: ignore[no-untyped-def]
    """The ingest pipeline with spaCy, Voikko, the linker and the extractor, and a Builder."""
    from api.build import Builder
    from ingest.extract.status import make_status_model
    from ingest.extraction import FactExtractor
    from ingest.linking import Linker
    from ingest.pipeline import IngestPipeline
    from ingest.spacy_pipeline import PassageAnalyzer, load_nlp
    from ingest.voikko_analyzer import VoikkoAnalyzer

    reference = load_reference()
    voikko = VoikkoAnalyzer()
    nlp = partial(load_nlp, settings.spacy_model)  # loaded when a document needs analysing
    # One encoder (one ONNX session, one tokenizer) for the passages and the method descriptions,
    # both behind the vector cache: an `add` loads it once and encodes no description again.
    encoder = make_passage_encoder(settings)
    # a learned status model encodes the clause with the passage encoder's model (settings.model)
    status_model = make_status_model(settings.status_model, encoder_model=settings.model,
                                     encoder=short_text_encoder(encoder))
    extractor = FactExtractor(reference, status_model=status_model)
    pipeline = IngestPipeline(voikko, PassageAnalyzer(nlp, voikko, settings.batch_size),
                              Linker(reference, voikko), extractor,
                              make_describer(settings, reference, encoder))
    analyses = None
    if settings.analysis_cache:
        from ingest.analysis_cache import AnalysisCache, pipeline_fingerprint

        analyses = AnalysisCache(settings.data / "analysis-cache",
                                 pipeline_fingerprint(settings.spacy_model, analysis_settings(
                                     settings, encoder.identity(),
                                     _status_encoder(status_model))))
    return Builder(settings, pipeline, encoder, reference, progress,
                   graphs=make_graph_backend(settings), analyses=analyses)


def short_text_encoder(encoder: Any) -> Encoder | None:
    """The passage encoder (past its vector cache) when its variant's vectors stand in for
    float32's (search/onnx_variants.py `float32_equal`, e.g. openvino-bf16): the status and
    result models then encode their clauses and sentences with it, in the same session, instead
    of loading a float32 ONNX Runtime session of their own. None otherwise (int8 variants)."""
    inner = getattr(encoder, "encoder", encoder)  # a CachingEncoder's own encoder
    if not isinstance(inner, Encoder) or inner.runtime == "torch":
        return None
    return inner if inner.float32_equal else None


def _status_encoder(status_model: object) -> dict[str, object] | None:
    """The identity of the encoder a learned status model reads, unless it is float32's."""
    encoder = getattr(getattr(status_model, "classifier", None), "encoder", None)
    if encoder is None:
        return None
    identity = encoder.identity()
    return None if identity.get("variant") is None and not identity.get("quantize") else identity


def analysis_settings(settings: Settings, encoder: dict[str, object],
                      status_encoder: dict[str, object] | None = None) -> list[str]:
    """The settings an analysed document depends on, for the analysis cache's key: the status
    model (and its encoder's identity when it is not float32's own), the describer's, and the
    passage encoder (`encoder`, its identity) when the describer runs, since it finds models
    with that encoder's vectors of its sentences."""
    return [f"status_model={settings.status_model}",
            *([f"status_encoder={sorted(status_encoder.items())}"] if status_encoder else []),
            f"infer_concepts={settings.infer_concepts}",
            f"concept_margin={settings.concept_margin}",
            f"concept_classifier={settings.concept_classifier}",
            f"concept_p={settings.concept_min_probability}",
            f"describer_encoder={sorted(encoder.items())}" if settings.infer_concepts else ""]


def make_passage_encoder(settings: Settings) -> Any:
    """The build's encoder: behind the vector cache unless LAPEKG_VECTOR_CACHE=false."""
    encoder = make_encoder(settings)
    if not settings.vector_cache:
        return encoder
    from search.vector_cache import CachingEncoder, VectorCache

    cache = VectorCache(settings.data / "vector-cache", encoder.identity(), encoder.dim)
    return CachingEncoder(encoder, cache)


def make_describer(settings: Settings, reference: ReferenceData,  # type: ignore[no-untyped-def]
                   encoder: Any = None):
    """Models recognised by description, when LAPEKG_INFER_CONCEPTS is set (`encoder`: the
    build's passage encoder, to share; by default one of its own)."""
    if not settings.infer_concepts:
        return None
    from ingest.concept_descriptions import matcher_for

    return matcher_for(reference, encoder or make_encoder(settings), settings.concept_margin,
                       settings.concept_classifier, settings.concept_min_probability)


def _query_encoder(settings: Settings, generation: Path) -> Encoder:
    """The encoder of the live build's vectors: a query encoded with int8 weights against
    float32 passage vectors (or the reverse) ranks worse, so the build's choice wins."""
    built = built_encoder(generation)
    configured = make_encoder(settings)
    if built is not None and built.get("model") == configured.identity()["model"] \
            and built != configured.identity():
        variant = built.get("variant") or ("int8" if built.get("quantize") else "float32")
        logger.warning("encoder: %s was built with the %s encoder; queries use the same "
                       "(LAPEKG_ENCODER_VARIANT is %s)", generation.name, variant,
                       configured.variant)
        settings = settings.model_copy(update={"encoder_quantize": False,
                                               "encoder_variant": variant})
        encoder = make_encoder(settings)
        if encoder.variant != variant:  # an OpenVINO variant where OpenVINO cannot run it
            logger.warning("encoder: %s cannot run here (search/onnx_variants.py); queries use "
                           "%s, whose vectors differ slightly from the build's", variant,
                           encoder.variant)
        elif encoder.identity() != built:  # the same variant from another graph (int8's recipe)
            logger.warning("encoder: %s runs here, but not the graph %s was built with (%s, "
                           "here %s); queries use this one: rebuild (lapekg build) to match",
                           variant, generation.name, built.get("graph", "unrecorded"),
                           encoder.identity().get("graph", "unrecorded"))
        return encoder
    return configured


@dataclass
class Services:
    """What queries need, loaded from the live generation."""

    settings: Settings
    generation: Path
    reference: ReferenceData
    store: Any  # GraphStore, or RemoteGraphStore with the remote backend
    passages: PassageStore
    searcher: Searcher
    answerer: Answerer
    minter: IriMinter
    graphs: GraphBackend = field(default_factory=LocalGraphBackend)
    # Held while these services are open, so that no prune deletes the generation under them.
    lease: Lease | None = None

    def warm_up(self) -> None:
        """Load the encoder, the label vectors and the description classifier that a first
        question would wait for."""
        self.answerer.ask("lapsi- ja perhepalvelut")
        self.answerer.describer()

    def close(self) -> None:
        if self.answerer.store is not self.store:  # its in-memory copy of the graph
            self.answerer.store.close()
        self.store.close()
        if self.lease is not None:
            self.lease.release()


def load_services(settings: Settings, encoder: Encoder | None = None, *,
                  serving: bool = False) -> Services:
    """The query side over the live generation, which it leases until Services.close().
    `serving`: for a long-lived server, where ask reads an in-memory copy of the graph."""
    lease = Generations(settings.data).lease_current()
    try:
        return _load_services(settings, lease, encoder, serving)
    except BaseException:
        lease.release()
        raise


def load_next_services(settings: Settings, previous: Services | None) -> Services:
    """Services over the generation CURRENT names now, keeping the previous services' encoder
    (already loaded) when the new generation's vectors come from the same one."""
    if previous is None:
        return load_services(settings, serving=True)
    try:
        return load_services(settings, encoder=previous.searcher.encoder, serving=True)
    except EncoderMismatchError:
        return load_services(settings, serving=True)


def _project_alt_labels(store, minter: IriMinter,  # type: ignore[no-untyped-def]
                        extra: dict[tuple[str, str], str]) -> dict[tuple[str, str], tuple]:
    """A project's other names in the graph (skos:altLabel: "Pirkanmaan LAPE" beside "Pippuri"),
    so a question naming the project either way links to it."""
    from graph.triples import entity_iri

    keys = {str(entity_iri(minter, kind, key)): (kind, key) for kind, key in extra
            if kind == "Project"}
    names: dict[tuple[str, str], set[str]] = {}
    rows = store.query(
        "SELECT ?p ?l WHERE { ?p a <https://w3id.org/lapekg/ontology#Project> ; "
        "<http://www.w3.org/2004/02/skos/core#altLabel> ?l }") if keys else ()
    for row in rows:
        if str(row[0]) in keys:
            names.setdefault(keys[str(row[0])], set()).add(str(row[1]))
    return {k: tuple(sorted(v)) for k, v in names.items()}


def _namesakes(labels: dict[tuple[str, str], str],
               other_names: dict[tuple[str, str], tuple]  # type: ignore[type-arg]
               ) -> dict[tuple[str, str], tuple]:  # type: ignore[type-arg]
    """Each project found in the corpus → the other projects sharing one of its names."""
    from search.records import EntityRef

    by_name: dict[str, set[tuple[str, str]]] = {}
    for (kind, key), label in labels.items():
        if kind == "Project":
            for name in (label, *other_names.get((kind, key), ())):
                by_name.setdefault(name.casefold(), set()).add((kind, key))
    out: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for keys in by_name.values():
        for k in keys:
            out.setdefault(k, set()).update(keys - {k})
    return {k: tuple(EntityRef(kind, key, labels[(kind, key)]) for kind, key in sorted(v))
            for k, v in out.items() if v}


def _load_services(settings: Settings, lease: Lease, encoder: Encoder | None,
                   serving: bool = False) -> Services:
    from ingest.linking import Linker
    from ingest.voikko_analyzer import VoikkoAnalyzer
    from search.answer import Answerer
    from search.bm25_index import BM25Index
    from search.label_index import LabelIndex
    from search.passage_store import PassageStore
    from search.query import QueryAnalyzer
    from search.records import EntityRef
    from search.searcher import Searcher
    from search.vector_index import limit_threads, load_index

    graphs = make_graph_backend(settings)
    generation = lease.generation
    reference = load_reference()
    voikko = VoikkoAnalyzer()
    encoder = encoder or _query_encoder(settings, generation)
    check_encoder(generation, encoder)
    limit_threads(settings.query_threads)
    store = graphs.open(generation)
    passages = PassageStore.load(generation)
    # Queries name projects, people, organisations and local practices ("verkostojohtaminen")
    # found in the corpus too, not only reference entities: the linker learns their labels
    # from the passages that mention them.
    known = {(e.kind, e.key) for e in reference.entities}
    extra = {(e.kind, e.key): e.label for p in passages for e in p.entities
             if (e.kind, e.key) not in known
             and e.kind in ("Project", "Person", "Organisation", "Method")}
    other_names = _project_alt_labels(store, IriMinter(settings.base_iri), extra)
    linkable = ReferenceData(reference.entities + tuple(
        ReferenceEntity(key, kind, kind, label, None, None, other_names.get((kind, key), ()), (),
                        None, None, ())
        for (kind, key), label in sorted(extra.items())))
    linker = Linker(linkable, voikko, kinds=("Region", "Municipality", "Organisation", "Method",
                                             "Role", "Project", "Person"))
    practices = [EntityRef(kind, key, label) for (kind, key), label in sorted(extra.items())
                 if kind == "Method"]
    analyzer = QueryAnalyzer(voikko, linker,
                             {(e.kind, e.key): e.pref_fi for e in reference.entities}, practices,
                             _namesakes(extra, other_names))
    dense = load_index(generation, settings.pg_dsn)
    searcher = Searcher(passages, BM25Index.load(generation), dense, encoder, analyzer)
    minter = IriMinter(settings.base_iri)
    method_labels = [(EntityRef("Method", e.key, e.pref_fi), label)
                     for e in reference.by_kind("Method") for label in reference.all_labels(e)]
    from ingest.learned_variants import artifact_path

    # the question model fitted for the variant the query encoder runs
    answerer = Answerer(searcher, _answer_store(settings, store, serving), reference, minter,
                        LabelIndex(encoder, method_labels),
                        model_path=artifact_path("question", encoder),
                        describer=lambda: make_describer(settings, reference, encoder))
    return Services(settings, generation, reference, store, passages, searcher, answerer, minter,
                    graphs, lease)


def _answer_store(settings: Settings, store: Any, serving: bool) -> Any:
    """The store ask reads: in a server, an in-memory copy of the local store's default graph
    (graph/store.py MemoryDefaultGraph) unless LAPEKG_ASK_GRAPH_IN_MEMORY=false or the graph is
    remote; a one-shot command reads the store (the copy would cost more than it saves)."""
    from graph.store import GraphStore, MemoryDefaultGraph

    if serving and settings.ask_graph_in_memory and isinstance(store, GraphStore):
        return MemoryDefaultGraph(store)
    return store
