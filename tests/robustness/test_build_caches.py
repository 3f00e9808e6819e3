"""A rebuild of an unchanged corpus reads analyses and vectors from the caches of earlier builds,
and writes the same graph; changed code or another encoder misses the cache."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from ingest.analysis_cache import AnalysisCache, pipeline_fingerprint
from ingest.records import AnalysedDocument, Document, DocumentMeta

ROOT = Path(__file__).resolve().parents[2]


def _document(text: str = "Kainuussa kokeiltiin perhekeskusta.") -> Document:
    return Document(key="kainuu-raportti", path="corpus/kainuu.txt", text=text, title="Kainuu",
                    fmt="txt", sha1=str(hash(text)), meta=DocumentMeta(region="Kainuu"))


def test_an_analysis_is_found_again_for_the_same_document_and_code(tmp_path):
    cache = AnalysisCache(tmp_path, "code-v1")
    ad = AnalysedDocument(document=_document(), passages=())
    cache.put(ad)
    assert AnalysisCache(tmp_path, "code-v1").get(_document()) == ad


def test_changed_text_or_changed_code_misses_the_cache(tmp_path):
    AnalysisCache(tmp_path, "code-v1").put(AnalysedDocument(document=_document(), passages=()))
    assert AnalysisCache(tmp_path, "code-v1").get(_document("Toinen teksti.")) is None
    assert AnalysisCache(tmp_path, "code-v2").get(_document()) is None


def test_pruning_drops_the_analyses_of_other_code_versions(tmp_path):
    AnalysisCache(tmp_path, "code-v1").put(AnalysedDocument(document=_document(), passages=()))
    newer = AnalysisCache(tmp_path, "code-v2")
    newer.put(AnalysedDocument(document=_document("Uusi."), passages=()))
    assert newer.prune() == 1
    assert newer.get(_document("Uusi.")) is not None


def test_the_fingerprint_covers_the_ingest_code_and_the_spacy_model():
    base = pipeline_fingerprint("spacy_fi_experimental_web_md")
    assert base == pipeline_fingerprint("spacy_fi_experimental_web_md")
    assert base != pipeline_fingerprint("another_model")
    assert base != pipeline_fingerprint("spacy_fi_experimental_web_md", extra=["a rule changed"])


def test_an_unreadable_cache_entry_is_analysed_again(tmp_path, caplog):
    cache = AnalysisCache(tmp_path, "code-v1")
    cache.put(AnalysedDocument(document=_document(), passages=()))
    cache._db().execute("UPDATE analyses SET value = ?", (b"not a pickle",))  # noqa: SLF001
    assert cache.get(_document()) is None
    assert "analysing it again" in caplog.text


@pytest.mark.slow
def test_a_rebuild_of_the_unchanged_corpus_analyses_and_encodes_nothing(built, tmp_path):
    from api.build import Builder
    from api.settings import Settings

    settings, report, builder = built
    assert builder.analyses is not None

    def refuse(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("an unchanged document was analysed or encoded again")

    again = Builder(Settings(data=tmp_path / "data", model=settings.model, n_process=1),
                    builder.pipeline, builder.encoder, builder.reference, progress=False,
                    analyses=builder.analyses)
    original_analyse, original_encode = builder.pipeline.analyse, builder.encoder.encoder
    try:
        builder.pipeline.analyse = refuse
        builder.encoder.encoder = _Refusing(original_encode)
        rebuilt = again.build([ROOT / "corpus"])
    finally:
        builder.pipeline.analyse = original_analyse
        builder.encoder.encoder = original_encode
    assert rebuilt.ok and len(rebuilt.added) == len(report.added)

    def quads(data: Path, generation: str) -> set[str]:
        # Blank nodes (the ontology's OWL lists) get new labels in every store.
        store = ox.Store.read_only(str(data / "generations" / generation / "store"))
        return {str(q) for q in store if not isinstance(q.subject, ox.BlankNode)
                and not isinstance(q.object, ox.BlankNode)}

    assert quads(tmp_path / "data", rebuilt.generation) == quads(settings.data, report.generation)


class _Refusing:
    """An encoder that refuses passages (they must all come from the cache)."""

    def __init__(self, inner) -> None:  # type: ignore[no-untyped-def]
        self.inner = inner

    def encode_passages(self, texts, show_progress=False):  # type: ignore[no-untyped-def]
        if texts:
            raise AssertionError(f"{len(texts)} passages encoded again")
        return self.inner.encode_passages(texts)

    def __getattr__(self, name):  # type: ignore[no-untyped-def]
        return getattr(self.inner, name)
