"""add: the same content twice changes nothing, a changed file replaces its old version, and a
failure half-way leaves the live build exactly as it was."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from robust_support import FINNISH, live_state
from tests_support import CORPUS

from graph.store import GraphStore
from ingest.pipeline import IngestPipeline

NEWS = "stm_uutinen_lape-muutosohjelma-tulokset_2018-11-29.txt"


def _digest(directory: Path) -> str:
    h = hashlib.sha1()
    for p in sorted(directory.rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(directory)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def _generation(settings) -> Path:  # type: ignore[no-untyped-def]
    return settings.data / "generations" / (settings.data / "CURRENT").read_text().strip()


def _passages(settings, doc_key: str) -> list[dict]:  # type: ignore[no-untyped-def]
    with (_generation(settings) / "passages.jsonl").open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    return [r for r in rows if r["doc_key"] == doc_key]


def _graph_size(settings, doc_key: str) -> int:  # type: ignore[no-untyped-def]
    from ontology.iris import IriMinter

    store = GraphStore(_generation(settings) / "store", read_only=True)
    graph = IriMinter(settings.base_iri).document(doc_key)
    rows = store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
                       {"g": graph})
    n = sum(int(r.n) for r in rows)
    store.close()
    return n


def _indexes_agree(settings) -> None:  # type: ignore[no-untyped-def]
    import numpy as np

    from search.faiss_index import FaissIndex

    gen = _generation(settings)
    with (gen / "passages.jsonl").open(encoding="utf-8") as handle:
        pids = sorted(json.loads(line)["pid"] for line in handle)
    assert len(FaissIndex.load(gen)) == len(pids)
    assert sorted(np.load(gen / "bm25" / "pids.npy").tolist()) == pids


def test_adding_the_same_content_twice_changes_nothing(live_copy, builder_for, tmp_path):
    builder = builder_for(live_copy)
    before = live_state(live_copy.data)

    again = builder.add([CORPUS / NEWS])
    assert again.unchanged == [str(CORPUS / NEWS)] and not again.added and again.ok
    assert again.generation == "" and live_state(live_copy.data) == before

    new = tmp_path / "kainuu_uusi.txt"
    new.write_text(FINNISH * 3, encoding="utf-8")
    first = builder.add([new])
    assert first.added == [str(new)]
    after_first = live_state(live_copy.data)
    assert after_first.count > before.count
    second = builder.add([new])
    assert second.unchanged == [str(new)] and second.generation == ""
    assert live_state(live_copy.data) == after_first

    # The same text under another name is not a second document.
    copy = tmp_path / "kainuu_kopio.txt"
    shutil.copy(new, copy)
    third = builder.add([copy])
    assert [w.message for w in third.warnings] == [f"same text as {new}; skipped"]
    assert live_state(live_copy.data) == after_first
    _indexes_agree(live_copy)


def test_a_changed_file_replaces_its_old_version(live_copy, builder_for, tmp_path):
    builder = builder_for(live_copy)
    key = "stm-uutinen-lape-muutosohjelma-tulokset-2018-11-29"
    old_text = (CORPUS / NEWS).read_text(encoding="utf-8")
    old_passages = _passages(live_copy, key)
    assert old_passages
    others = {k: _graph_size(live_copy, k) for k in live_state(live_copy.data).documents
              if k != key}

    changed = tmp_path / NEWS
    new_text = ("Kuopion perhekeskus Zyxwvu aloitti toimintansa keväällä 2019, ja siellä "
                "kokeiltiin omatyöntekijämallia. ") * 3
    changed.write_text(new_text, encoding="utf-8")
    report = builder.add([changed])

    assert report.replaced == [str(changed)] and not report.added and report.ok
    state = live_state(live_copy.data)
    assert key in state.documents and len(state.documents) == 5
    new_passages = _passages(live_copy, key)
    assert all("Zyxwvu" in p["text"] for p in new_passages)
    assert not {p["text"] for p in new_passages} & {p["text"] for p in old_passages}
    documents = json.loads((_generation(live_copy) / "documents.json").read_text())
    assert documents[key]["path"] == str(changed)
    # The old version's triples are gone from its graph; other documents are untouched.
    store = GraphStore(_generation(live_copy) / "store", read_only=True)
    texts = [str(r.t) for r in store.query(
        "PREFIX lape: <https://w3id.org/lapekg/ontology#> SELECT ?t WHERE { ?p lape:text ?t }")]
    store.close()
    assert not any(old_text[:80] in t for t in texts)
    assert any("Zyxwvu" in t for t in texts)
    assert {k: _graph_size(live_copy, k) for k in others} == others
    _indexes_agree(live_copy)

    # Adding the changed version again is a no-op.
    assert builder.add([changed]).unchanged == [str(changed)]


class _FailingPipeline(IngestPipeline):
    """The real pipeline, except that analysis fails for one file name."""

    def __init__(self, real: IngestPipeline, fail_on: str) -> None:
        super().__init__(real.voikko, real.analyzer, real.linker, real.extractor)
        self.fail_on = fail_on

    def analyse(self, document, n_process=1):  # type: ignore[no-untyped-def]
        if Path(document.path).name == self.fail_on:
            raise ValueError("analyser broke")
        return super().analyse(document, n_process)


def test_a_replacement_that_fails_to_analyse_keeps_the_old_version(live_copy, builder_for,
                                                                   built, tmp_path):
    _, _, session = built
    builder = builder_for(live_copy, _FailingPipeline(session.pipeline, NEWS))
    key = "stm-uutinen-lape-muutosohjelma-tulokset-2018-11-29"
    old_passages = _passages(live_copy, key)
    (tmp_path / NEWS).write_text("Muutettu uutinen perhekeskuksista. " * 10, encoding="utf-8")
    (tmp_path / "hyva.txt").write_text(FINNISH * 3, encoding="utf-8")

    report = builder.add([tmp_path / NEWS, tmp_path / "hyva.txt"])

    assert [f.reason for f in report.failed] == [
        f"cannot analyse: {tmp_path / NEWS}: ValueError: analyser broke"]
    assert report.added == [str(tmp_path / "hyva.txt")] and not report.replaced
    assert _passages(live_copy, key) == old_passages
    assert "hyva" in live_state(live_copy.data).documents


@pytest.mark.parametrize("where", ["store write", "index save"])
def test_a_failure_mid_add_leaves_nothing_half_written(live_copy, builder_for, tmp_path,
                                                       monkeypatch, where):
    builder = builder_for(live_copy)
    before = live_state(live_copy.data)
    live_dir = _generation(live_copy)
    digest = _digest(live_dir)
    generations = sorted(p.name for p in (live_copy.data / "generations").iterdir())
    (tmp_path / "uusi.txt").write_text(FINNISH * 3, encoding="utf-8")

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    if where == "store write":
        # A store failure aborts the whole add: it is no problem of one document.
        monkeypatch.setattr("graph.store.GraphStore.add_quads", broken)
    else:
        monkeypatch.setattr("search.passage_store.PassageStore.save", broken)
    with pytest.raises(OSError, match="No space left"):
        builder.add([tmp_path / "uusi.txt"])

    assert live_state(live_copy.data) == before
    assert sorted(p.name for p in (live_copy.data / "generations").iterdir()) == generations
    assert _digest(live_dir) == digest


def test_add_backs_up_a_store_held_open_read_only_and_never_writes_through_to_it(
        live_copy, builder_for, tmp_path):
    builder = builder_for(live_copy)
    live_dir = _generation(live_copy)
    digest = _digest(live_dir / "store")
    # As a running server holds it.
    held = GraphStore(live_dir / "store", read_only=True)
    count = len(held)
    changed = tmp_path / NEWS
    changed.write_text("Korvattu uutinen perhekeskuksista ja neuvoloista. " * 6, encoding="utf-8")
    (tmp_path / "uusi.txt").write_text(FINNISH * 3, encoding="utf-8")

    report = builder.add([changed, tmp_path / "uusi.txt"])

    assert report.ok and report.replaced == [str(changed)] and report.added
    assert len(held) == count
    held.close()
    # The new store shares unchanged files with the old one through hard links; writing it
    # must not have changed a byte of the old one.
    assert _digest(live_dir / "store") == digest
    assert live_state(live_copy.data).generation != live_dir.name
