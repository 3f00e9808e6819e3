"""Build and add: corpus files through ingest into a new generation of graph and indexes."""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from api.generations import Generations
from api.settings import Settings
from graph.store import GraphStore
from graph.triples import TripleMaker
from ingest.manifest import read_manifest
from ingest.pipeline import Failure, IngestPipeline
from ingest.readers import SUPPORTED
from ingest.records import AnalysedDocument, Document, DocumentMeta
from ontology.iris import IriMinter
from ontology.reference import ReferenceData, ontology_graph, reference_triples
from search.bm25_index import BM25Index
from search.encoder import Encoder
from search.faiss_index import FaissIndex
from search.passage_store import PassageStore
from search.records import EntityRef, StoredPassage

logger = logging.getLogger(__name__)

DOCS_FILE = "documents.json"


@dataclass
class BuildReport:
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    passages: int = 0
    triples: int = 0
    generation: str = ""

    @property
    def ok(self) -> bool:
        return not self.failed


def collect_files(inputs: Iterable[Path]) -> tuple[list[tuple[Path, DocumentMeta | None]],
                                                   list[Failure]]:
    """Files to ingest from files and directories, with their manifest entries."""
    items: list[tuple[Path, DocumentMeta | None]] = []
    failures: list[Failure] = []
    for root in inputs:
        if root.is_dir():
            manifest = read_manifest(root)
            for path in sorted(root.rglob("*")):
                if path.is_file() and path.suffix.lower() in SUPPORTED and path.name != "README.md":
                    items.append((path, manifest.get(path.name)))
        elif root.is_file():
            items.append((root, read_manifest(root.parent).get(root.name)))
        else:
            failures.append(Failure(str(root), f"{root}: no such file or directory"))
    return items, failures


def _stored(ad: AnalysedDocument, start_pid: int, region_label: str | None) -> list[StoredPassage]:
    by_passage: dict[int, list[EntityRef]] = {}
    for m in ad.mentions:
        refs = by_passage.setdefault(m.passage_index, [])
        ref = EntityRef(m.kind, m.key, m.label)
        if ref not in refs:
            refs.append(ref)
    year = (ad.document.meta.date or "")[:4] or None
    return [
        StoredPassage(start_pid + i, ad.document.key, ap.passage.index, ap.passage.start,
                      ap.passage.end, ap.passage.text, ad.document.title,
                      tuple(ap.index_terms()), tuple(by_passage.get(ap.passage.index, ())),
                      region_label, year)
        for i, ap in enumerate(ad.passages)
    ]


class Builder:
    """Writes generations; `pipeline` and `encoder` come from the composition root."""

    def __init__(self, settings: Settings, pipeline: IngestPipeline, encoder: Encoder,
                 reference: ReferenceData, progress: bool = True) -> None:
        self.settings = settings
        self.pipeline = pipeline
        self.encoder = encoder
        self.reference = reference
        self.minter = IriMinter(settings.base_iri)
        self.triples = TripleMaker(self.minter)
        self.generations = Generations(settings.data)
        self.progress = progress

    def _region_label(self, ad: AnalysedDocument) -> str | None:
        for fact in ad.facts:
            if fact.predicate == "aboutRegion" and fact.object_key:
                return self.reference.get("Region", fact.object_key).pref_fi
        return None

    def _ingest(self, gen: Path, store: GraphStore, passages: PassageStore, dense: FaissIndex,
                docs: dict[str, dict], documents: Sequence[Document], report: BuildReport) -> None:
        bar = tqdm(documents, desc="analysing", unit="doc", disable=not self.progress)
        for document in bar:
            bar.set_postfix_str(Path(document.path).name[:40])
            ad = self.pipeline.analyse(document, n_process=self.settings.n_process)
            graph_iri = self.minter.document(document.key)
            report.triples += store.add_quads(self.triples.document_quads(ad))
            stored = _stored(ad, passages.next_pid(), self._region_label(ad))
            vectors = self.encoder.encode_passages([p.text for p in stored])
            dense.add(vectors, [p.pid for p in stored])
            passages.add(stored)
            report.passages += len(stored)
            docs[document.key] = {"path": document.path, "sha1": document.sha1,
                                  "title": document.title, "graph": str(graph_iri),
                                  "passages": len(stored)}

    def _finish(self, gen: Path, store: GraphStore, passages: PassageStore, dense: FaissIndex,
                docs: dict[str, dict], report: BuildReport) -> None:
        plist = list(passages)
        BM25Index.build([p.terms for p in plist], [p.pid for p in plist]).save(gen)
        dense.save(gen)
        passages.save(gen)
        (gen / DOCS_FILE).write_text(json.dumps(docs, ensure_ascii=False, indent=1))
        store.flush()
        report.triples = len(store)
        store.close()
        report.generation = gen.name
        self.generations.commit(gen, {"documents": len(docs), "passages": len(plist),
                                      "triples": report.triples,
                                      "failed": [f.__dict__ for f in report.failed]})
        self.generations.prune(self.settings.keep_generations)

    def _load_documents(self, items, report: BuildReport) -> list[Document]:  # type: ignore[no-untyped-def]
        documents: list[Document] = []
        keys: dict[str, str] = {}
        for result in self.pipeline.load(items):
            if isinstance(result, Failure):
                report.failed.append(result)
            elif result.key in keys:
                report.failed.append(Failure(result.path, f"{result.path}: same document key as "
                                             f"{keys[result.key]}; rename one of them"))
            else:
                keys[result.key] = result.path
                documents.append(result)
        return documents

    def build(self, inputs: Sequence[Path]) -> BuildReport:
        """A fresh generation from the given files and directories."""
        report = BuildReport()
        items, report.failed = collect_files(inputs)
        with self.generations.writer_lock():
            documents = self._load_documents(items, report)
            gen = self.generations.new()
            try:
                store = GraphStore(gen / "store")
                store.add_quads((s, p, o, self.minter.graph("ontology"))
                                for s, p, o in ontology_graph())
                store.add_quads((s, p, o, self.minter.graph("reference"))
                                for s, p, o in reference_triples(self.reference, self.minter))
                passages = PassageStore()
                dense = FaissIndex.create(self.encoder.dim, self.settings.faiss_spec)
                docs: dict[str, dict] = {}
                self._ingest(gen, store, passages, dense, docs, documents, report)
                report.added = [d.path for d in documents]
                self._finish(gen, store, passages, dense, docs, report)
            except BaseException:
                shutil.rmtree(gen, ignore_errors=True)
                raise
        return report

    def add(self, inputs: Sequence[Path]) -> BuildReport:
        """A new generation from the live one plus the given files; same content is a no-op."""
        report = BuildReport()
        items, report.failed = collect_files(inputs)
        with self.generations.writer_lock():
            current = self.generations.require_current()
            docs: dict[str, dict] = json.loads((current / DOCS_FILE).read_text())
            documents = self._load_documents(items, report)
            fresh = []
            for d in documents:
                if d.key in docs and docs[d.key]["sha1"] == d.sha1:
                    report.unchanged.append(d.path)
                else:
                    (report.replaced if d.key in docs else report.added).append(d.path)
                    fresh.append(d)
            if not fresh:
                return report
            gen = self.generations.new()
            try:
                GraphStore(current / "store", read_only=True).backup(gen / "store")
                store = GraphStore(gen / "store")
                passages = PassageStore.load(current)
                dense = FaissIndex.load(current)
                for d in fresh:
                    if d.key in docs:
                        store.remove_graph(self.minter.document(d.key))
                        dense.remove(passages.remove_document(d.key))
                        del docs[d.key]
                self._ingest(gen, store, passages, dense, docs, fresh, report)
                self._finish(gen, store, passages, dense, docs, report)
            except BaseException:
                shutil.rmtree(gen, ignore_errors=True)
                raise
        return report
