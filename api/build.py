"""Build and add: corpus files through ingest into a new generation of graph and indexes."""

from __future__ import annotations

import json
import logging
import os
import shutil
import signal
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from api.build_files import collect_files
from api.build_indexes import Indexes
from api.build_loading import load_documents
from api.build_reuse import inputs_digest, reusable
from api.generations import Generations, check_encoder
from api.graph_backends import GraphBackend, LocalGraphBackend
from api.settings import Settings
from graph.store import GraphStore
from graph.summaries import refresh as refresh_summaries
from graph.summaries import touched_regions
from graph.triples import TripleMaker
from ingest.analysis_cache import AnalysisCache
from ingest.passages import split_passages
from ingest.pipeline import Failure, IngestPipeline, Notice
from ingest.readers import ZipLimits
from ingest.records import AnalysedDocument, Document, DocumentMeta
from ontology.iris import IriMinter
from ontology.reference import ReferenceData, ontology_graph, reference_triples
from search.bm25_index import TermCorpus
from search.encoder import Encoder
from search.passage_store import PassageStore
from search.records import EntityRef, StoredPassage
from search.vector_index import create_index

logger = logging.getLogger(__name__)

DOCS_FILE = "documents.json"
# Where a build or add can be made to kill itself (settings.fault_at), in the order they pass.
FAULT_STAGES = ("loaded", "store", "document", "indexes", "complete", "pointer", "committed")
# Quads a build gathers before it writes them to the store in one bulk load: the store's bulk
# loader makes and ingests its files per call, so one call per document cost the 10x build's
# 53 calls 4.2-4.5 CPU s against 2.3-2.7 in groups of ~5 documents (bench/HISTORY.md, round 14).
WRITE_QUADS = 20_000


@dataclass
class BuildReport:
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    warnings: list[Notice] = field(default_factory=list)
    passages: int = 0
    triples: int = 0
    generation: str = ""

    @property
    def ok(self) -> bool:
        return not self.failed


def _stored(ad: AnalysedDocument, start_pid: int, region_label: str | None) -> list[StoredPassage]:
    by_passage: dict[int, list[EntityRef]] = {}
    for m in ad.mentions:
        refs = by_passage.setdefault(m.passage_index, [])
        ref = EntityRef(m.kind, m.key, m.label)
        if ref not in refs:
            refs.append(ref)
    year = (ad.document.meta.date or "")[:4] or None
    stored = []
    for i, ap in enumerate(ad.passages):
        related = ad.document.is_related(ap.passage.start)
        stored.append(StoredPassage(
            start_pid + i, ad.document.key, ap.passage.index, ap.passage.start, ap.passage.end,
            ap.passage.text, ad.document.title, tuple(ap.index_terms()),
            tuple(by_passage.get(ap.passage.index, ())), None if related else region_label, year,
            related))
    return stored


def encoded_text(title: str, text: str, related: bool) -> str:
    """What a passage's vector is made of: its document's title gives it its context (region,
    project), except in related material, which is about other documents."""
    return text if related else f"{title}\n{text}"


def _reason(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


class Builder:
    """Writes generations; `pipeline` and `encoder` come from the composition root."""

    def __init__(self, settings: Settings, pipeline: IngestPipeline, encoder: Encoder,
                 reference: ReferenceData, progress: bool = True,
                 graphs: GraphBackend | None = None,
                 analyses: AnalysisCache | None = None) -> None:
        self.settings = settings
        self.analyses = analyses  # analysed documents of earlier builds, by document and code
        self.graphs = graphs or LocalGraphBackend()  # where each generation's graph lives
        self.pipeline = pipeline
        self.encoder = encoder
        self.reference = reference
        self.minter = IriMinter(settings.base_iri)
        self.triples = TripleMaker(self.minter)
        self.generations = Generations(settings.data)
        self.progress = progress
        if settings.fault_at is not None and settings.fault_at not in FAULT_STAGES:
            raise ValueError(f"LAPEKG_FAULT_AT={settings.fault_at!r} names no stage; stages: "
                             f"{', '.join(FAULT_STAGES)}")

    def _stage(self, name: str) -> None:
        """Fault injection for the crash tests; does nothing unless settings.fault_at names it."""
        if self.settings.fault_at == name:
            logger.warning("fault injection: killing the process at stage %r", name)
            os.kill(os.getpid(), signal.SIGKILL)

    def _region_label(self, ad: AnalysedDocument) -> str | None:
        for fact in ad.facts:
            if fact.predicate == "aboutRegion" and fact.object_key:
                return self.reference.get("Region", fact.object_key).pref_fi
        return None

    def _passage_vectors(self, ad: AnalysedDocument):  # type: ignore[no-untyped-def]
        # The title gives each passage its document's context (region, project) in the vector.
        doc = ad.document
        return self.encoder.encode_passages([
            encoded_text(doc.title, ap.passage.text, doc.is_related(ap.passage.start))
            for ap in ad.passages])

    def _document_vectors(self, document: Document):  # type: ignore[no-untyped-def]
        """The vectors of the passages the analysis will have (split_passages of the text, as
        IngestPipeline.analyse splits it), computed without waiting for the analysis."""
        return self.encoder.encode_passages([
            encoded_text(document.title, p.text, document.is_related(p.start))
            for p in split_passages(document.key, document.text, document.related_start)])

    def _loading(self, documents: Sequence[Document]) -> AbstractContextManager[None]:
        """The models loading in threads while a build makes its store (the ontology and
        reference graphs, ~1 s), when workers will fork for the documents not analysed before:
        `_analysed` then finds them loaded instead of loading them alone before the fork."""
        from ingest.parallel import forks, warming

        missing = len(documents) if self.analyses is None else self.analyses.missing(documents)
        if not forks(self.settings.n_process, missing):
            return nullcontext()
        return warming([*self.pipeline.loaders(), self.encoder.load])

    def _analysed(self, documents: Sequence[Document], report: BuildReport
                  ) -> Iterator[tuple[AnalysedDocument, Any]]:
        """(analysed document, passage vectors) in order; one that an analyser fails on is
        reported and skipped."""
        from ingest.parallel import analyse_with, forks

        remaining = list(documents)
        if self.analyses is not None:
            # Unchanged documents read by unchanged code: their analysis from an earlier build.
            fresh = []
            for document in remaining:
                ad = self.analyses.get(document)
                if ad is None:
                    fresh.append(document)
                else:
                    yield ad, None  # vectors in _ingest, where a failure costs one document
            remaining = fresh
            if not remaining:
                return
        if forks(self.settings.n_process, len(remaining)):
            # Before the fork, so that workers share the weights; spaCy, the status model's
            # session and the passage encoder's load side by side.
            self.pipeline.prepare(also=[self.encoder.load])
        else:  # before the encoder runs beside spaCy's loading (parallel.py)
            self.encoder.load()
        while remaining:
            # Workers analyse and encode documents ahead while this process writes the store.
            analysed = analyse_with(self.pipeline, remaining, self.settings.n_process,
                                    self._document_vectors)
            done = 0
            try:
                for item in analysed:
                    done += 1
                    if self.analyses is not None:
                        self.analyses.put(item[0])
                    yield item
                return
            except Exception as exc:  # an analyser bug on one document must not stop the batch
                bad = remaining[done]
                logger.warning("cannot analyse %s", bad.path, exc_info=True)
                report.failed.append(Failure(bad.path, f"cannot analyse: {bad.path}: "
                                             f"{_reason(exc)}"))
                remaining = remaining[done + 1:]

    def _ingest(self, store: GraphStore, indexes: Indexes, docs: dict[str, dict],
                documents: Sequence[Document], report: BuildReport,
                touched: set[str] | None = None) -> list[Document]:
        """Analyse and write each document; return those written. `touched` (add) collects the
        regions whose summaries a replaced document's old graph took part in."""
        written: list[Document] = []
        pending: list = []  # quads of documents written since the last bulk load

        def write_pending() -> None:
            if pending:
                store.add_quads(pending)
                pending.clear()

        bar = tqdm(total=len(documents), desc="analysing", unit="doc", disable=not self.progress)
        for ad, vectors in self._analysed(documents, report):
            document = ad.document
            bar.update(1)
            bar.set_postfix_str(Path(document.path).name[:40])
            # Everything of one document is made before any of it is written, so a failure
            # costs that document only and leaves nothing of it behind.
            try:
                quads = list(self.triples.document_quads(ad))
                stored = _stored(ad, indexes.passages.next_pid(), self._region_label(ad))
                if vectors is None:
                    vectors = self._passage_vectors(ad)
                if len(vectors) != len(stored):
                    raise ValueError(f"{len(vectors)} passage vectors for {len(stored)} passages")
            except Exception as exc:  # noqa: BLE001 - reported per document, the batch goes on
                logger.warning("cannot index %s", document.path, exc_info=True)
                report.failed.append(Failure(document.path, f"cannot index: {document.path}: "
                                             f"{_reason(exc)}"))
                continue
            if document.key in docs:
                # The old version goes only now that the new one is ready: a replacement that
                # fails keeps the old version.
                write_pending()  # the store holds everything before a removal reads it
                old = self.minter.document(document.key)
                if touched is not None and isinstance(store, GraphStore):
                    touched |= touched_regions(store, old)
                store.remove_graph(old)
                indexes.remove(document.key)
            pending.extend(quads)
            report.triples += len(quads)
            indexes.add(stored, vectors)
            report.passages += len(stored)
            docs[document.key] = {"path": document.path, "sha1": document.sha1,
                                  "title": document.title,
                                  "graph": str(self.minter.document(document.key)),
                                  "language": document.language, "passages": len(stored)}
            written.append(document)
            if len(written) == 1 or len(pending) >= WRITE_QUADS:
                write_pending()  # the first at once: the "document" stage has it in the store
            if len(written) == 1:
                self._stage("document")
        write_pending()
        bar.close()
        return written

    def _finish(self, gen: Path, store: GraphStore, indexes: Indexes, docs: dict[str, dict],
                report: BuildReport, inputs: str | None = None, compact: bool = True,
                regions: set[str] | None = None) -> None:
        """`compact=False` (add): the store is left as the copy plus one batch of writes.
        `regions`: the only regions whose summaries can have changed (None: all of them)."""
        indexes.save(gen)
        (gen / DOCS_FILE).write_text(json.dumps(docs, ensure_ascii=False, indent=1))
        if isinstance(store, GraphStore):  # derived from the statements (graph/summaries.py)
            refresh_summaries(store, self.minter, regions)
            store.flush(compact=compact)
        else:
            store.flush()
        report.triples = len(store)
        store.close()
        self._stage("indexes")
        self.generations.commit(gen, {"documents": len(docs), "passages": len(indexes.passages),
                                      "triples": report.triples,
                                      "encoder": self.encoder.identity(),
                                      "inputs": inputs,
                                      "failed": [f.__dict__ for f in report.failed],
                                      "warnings": [w.__dict__ for w in report.warnings]},
                                self._stage)
        report.generation = gen.name
        self._stage("committed")
        self.generations.prune(self.settings.keep_generations)
        if self.analyses is not None:
            self.analyses.prune()

    def _abandon(self, gen: Path) -> None:
        """Remove a generation that failed half-way; never one that already went live."""
        if self.generations.current() != gen:
            shutil.rmtree(gen, ignore_errors=True)

    def _zip_limits(self) -> ZipLimits:
        return ZipLimits(self.settings.max_zip_bytes, self.settings.max_zip_ratio,
                         self.settings.max_zip_entries)

    def _load_documents(self, items: Sequence[tuple[Path, DocumentMeta | None]],
                        report: BuildReport, known: dict[str, dict] | None = None
                        ) -> list[Document]:
        """Read and clean the files (api/build_loading.py); `known` are the live build's
        documents (for add)."""
        return load_documents(self.pipeline, items, self._zip_limits(), report, known)

    def _reuse(self, documents: Sequence[Document], report: BuildReport) -> str | None:
        """The digest of this build's inputs (api/build_reuse.py; None with the analysis cache
        off, when every build is made afresh). When the live generation was built from the
        same inputs it is kept: the report says so and report.generation names it."""
        if self.analyses is None:
            return None
        digest = inputs_digest(self.analyses.fingerprint, self.encoder.identity(),
                               self.settings, documents)
        current = self.generations.current()
        info = None if report.failed else reusable(current, digest)
        if info is not None and current is not None:
            logger.info("the live generation %s holds the same documents built by the same "
                        "code; kept", current.name)
            report.unchanged = [d.path for d in documents]
            report.passages = int(info.get("passages", 0))
            report.triples = int(info.get("triples", 0))
            report.generation = current.name
        return digest

    def build(self, inputs: Sequence[Path]) -> BuildReport:
        """A fresh generation from the given files and directories.

        Files that fail are reported and left out; when no file can be built, no generation is
        written and the live one stays.
        """
        report = BuildReport()
        items, report.failed = collect_files(inputs, report.warnings)
        with self.generations.writer_lock():
            documents = self._load_documents(items, report)
            self._stage("loaded")
            if not documents:
                if not report.failed:
                    report.failed.append(Failure("", "no files to build"))
                return report
            digest = self._reuse(documents, report)
            if report.generation:
                return report
            gen = self.generations.new()
            try:
                with self._loading(documents):
                    store = self.graphs.create(gen)
                    store.add_quads((s, p, o, self.minter.graph("ontology"))
                                    for s, p, o in ontology_graph())
                    store.add_quads((s, p, o, self.minter.graph("reference"))
                                    for s, p, o in reference_triples(self.reference, self.minter))
                    self._stage("store")
                    indexes = Indexes(PassageStore(), create_index(
                        self.encoder.dim, self.settings.vector_backend,
                        self.settings.faiss_spec, self.settings.pg_dsn), TermCorpus())
                docs: dict[str, dict] = {}
                written = self._ingest(store, indexes, docs, documents, report)
                if not written:
                    store.close()
                    self._abandon(gen)
                    return report
                report.added = [d.path for d in written]
                self._finish(gen, store, indexes, docs, report, digest)
            except BaseException:
                self._abandon(gen)
                raise
        return report

    def add(self, inputs: Sequence[Path]) -> BuildReport:
        """A new generation from the live one plus the given files; same content is a no-op,
        a file named as a live document replaces it (see _load_documents for key collisions).

        The live generation is only read (its store through a consistent backup); a failure
        before the switch removes the new generation and leaves the live one as it was.
        """
        report = BuildReport()
        items, report.failed = collect_files(inputs, report.warnings)
        with self.generations.writer_lock():
            current = self.generations.require_current()
            check_encoder(current, self.encoder)
            docs: dict[str, dict] = json.loads((current / DOCS_FILE).read_text(encoding="utf-8"))
            fresh = self._load_documents(items, report, known=docs)
            self._stage("loaded")
            if not fresh:
                return report
            gen = self.generations.new()
            try:
                from ingest.parallel import warming

                with warming(self.pipeline.loaders() + [self.encoder.load]):
                    store = self.graphs.extend(current, gen)
                    self._stage("store")
                    indexes = Indexes.load(current, self.settings.pg_dsn)
                before = set(docs)
                touched: set[str] = set()  # regions of replaced graphs, before their removal
                written = self._ingest(store, indexes, docs, fresh, report, touched)
                if not written:
                    store.close()
                    self._abandon(gen)
                    return report
                report.added = [d.path for d in written if d.key not in before]
                report.replaced = [d.path for d in written if d.key in before]
                regions = None
                if isinstance(store, GraphStore):  # and of the written graphs, after the writes
                    for document in written:
                        touched |= touched_regions(store, self.minter.document(document.key))
                    regions = touched
                self._finish(gen, store, indexes, docs, report, compact=False, regions=regions)
            except BaseException:
                self._abandon(gen)
                raise
        return report
