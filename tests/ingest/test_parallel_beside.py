"""Ingest in one process: the passage encoder runs beside each document's analysis, and the
spaCy model loads only when a document needs analysing."""

from __future__ import annotations

import threading

from ingest.parallel import analyse_with
from ingest.records import AnalysedDocument, Document
from ingest.spacy_pipeline import PassageAnalyzer


def _document(key: str) -> Document:
    return Document(key=key, path=f"{key}.txt", text="Kainuu kokeili.", title=key, fmt="txt",
                    sha1=key)


class _Pipeline:
    """Analyses in the calling thread and waits until the encoder has started beside it."""

    def __init__(self) -> None:
        self.started = threading.Event()

    def prepare(self) -> None:
        """Nothing to load."""

    def analyse(self, document: Document) -> AnalysedDocument:
        assert self.started.wait(5), "the encoder did not run beside the analysis"
        self.started.clear()
        return AnalysedDocument(document=document, passages=())


def test_one_process_encodes_each_document_beside_its_analysis():
    pipeline = _Pipeline()
    threads: list[str] = []

    def encode(document: Document) -> str:
        threads.append(threading.current_thread().name)
        pipeline.started.set()
        return f"vectors of {document.key}"

    got = list(analyse_with(pipeline, [_document("a"), _document("b")], 1, encode))  # type: ignore[arg-type]
    assert [(ad.document.key, extra) for ad, extra in got] == [("a", "vectors of a"),
                                                               ("b", "vectors of b")]
    assert threading.current_thread().name not in threads


def test_the_spacy_model_is_loaded_on_first_use_only():
    loads: list[int] = []

    def load():  # type: ignore[no-untyped-def]
        loads.append(1)
        return "the pipeline"

    analyzer = PassageAnalyzer(load, voikko=None)  # type: ignore[arg-type]
    assert not analyzer.loaded and loads == []
    assert analyzer.nlp == "the pipeline" and analyzer.nlp == "the pipeline"
    assert loads == [1] and analyzer.loaded


def test_spacy_loads_without_importing_torch_and_torch_imports_afterwards():
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    code = ("import sys\nfrom ingest.spacy_pipeline import load_nlp\nnlp = load_nlp()\n"
            "assert 'torch' not in sys.modules, 'spaCy imported torch'\n"
            "assert [t.lemma_ for t in nlp('Perhekeskukset toimivat.')][0] == 'perhekeskus'\n"
            "import torch\nprint(torch.__name__)\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True,
                          text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "torch"
