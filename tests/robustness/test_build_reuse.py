"""A rebuild from the same documents by the same code keeps the live generation; any change to
the documents, the code's fingerprint, the encoder or the index settings builds afresh."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.build_reuse import inputs_digest, reusable
from api.settings import Settings
from ingest.records import Document, DocumentMeta

ROOT = Path(__file__).resolve().parents[2]


def _document(text_hash: str = "abc", region: str = "Kainuu") -> Document:
    return Document(key="kainuu", path="corpus/kainuu.txt", text="...", title="Kainuu",
                    fmt="txt", sha1=text_hash, meta=DocumentMeta(region=region))


def test_the_digest_changes_with_each_input_of_a_build(tmp_path):
    settings = Settings(data=tmp_path)
    encoder = {"model": "e5", "quantize": False}
    base = inputs_digest("code-v1", encoder, settings, [_document()])
    assert base == inputs_digest("code-v1", encoder, settings, [_document()])
    assert base != inputs_digest("code-v2", encoder, settings, [_document()])
    assert base != inputs_digest("code-v1", {**encoder, "variant": "int8"}, settings,
                                 [_document()])
    assert base != inputs_digest("code-v1", encoder, Settings(data=tmp_path, faiss_spec="HNSW32"),
                                 [_document()])
    assert base != inputs_digest("code-v1", encoder, settings, [_document("changed")])
    assert base != inputs_digest("code-v1", encoder, settings, [_document(region="Lappi")])
    assert base != inputs_digest("code-v1", encoder, settings, [])


def test_a_generation_with_failures_or_other_inputs_is_not_reused(tmp_path):
    (tmp_path / "build.json").write_text('{"inputs": "d1", "failed": []}')
    assert reusable(tmp_path, "d1") is not None
    assert reusable(tmp_path, "d2") is None
    (tmp_path / "build.json").write_text('{"inputs": "d1", "failed": [{"path": "x"}]}')
    assert reusable(tmp_path, "d1") is None
    assert reusable(None, "d1") is None


@pytest.mark.slow
def test_an_unchanged_rebuild_keeps_the_live_generation_and_a_change_builds_anew(
        live_copy, built):
    from api.build import Builder
    from api.generations import Generations

    _, report, session = built
    assert session.analyses is not None

    def builder(settings: Settings) -> Builder:
        return Builder(settings, session.pipeline, session.encoder, session.reference,
                       progress=False, analyses=session.analyses)

    generations = sorted(p.name for p in (live_copy.data / "generations").iterdir())
    again = builder(live_copy).build([ROOT / "corpus"])
    assert again.ok and again.generation == report.generation and not again.added
    assert sorted(again.unchanged) == sorted(report.added)
    assert (again.passages, again.triples) == (report.passages, report.triples)
    assert sorted(p.name for p in (live_copy.data / "generations").iterdir()) == generations

    other_index = live_copy.model_copy(update={"faiss_spec": "HNSW32"})
    rebuilt = builder(other_index).build([ROOT / "corpus"])
    assert rebuilt.ok and rebuilt.generation != report.generation
    assert sorted(rebuilt.added) == sorted(report.added)
    assert Generations(live_copy.data).current_name() == rebuilt.generation
