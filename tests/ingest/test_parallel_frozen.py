"""The garbage collector rests while models load; forked workers find the parent's objects
frozen out of its passes (so that a pass does not copy the parent's pages into each worker),
and the parent's heap is left to the collector again once the pool is done."""

from __future__ import annotations

import gc

import pytest

from ingest.parallel import analyse_with, forks
from ingest.records import AnalysedDocument, Document

pytestmark = pytest.mark.skipif(not forks(2, 2), reason="needs fork")


class _Pipeline:
    def prepare(self) -> None:
        """Nothing to load."""

    def analyse(self, document: Document) -> AnalysedDocument:
        return AnalysedDocument(document=document, passages=())


def _document(key: str) -> Document:
    return Document(key=key, path=f"{key}.txt", text="Kainuu kokeili.", title=key, fmt="txt",
                    sha1=key)


def _frozen_in_worker(document: Document) -> int:
    return gc.get_freeze_count()


def test_workers_see_the_parents_heap_frozen_and_the_parent_gets_it_back():
    before = gc.get_freeze_count()
    got = list(analyse_with(_Pipeline(), [_document("a"), _document("b")], 2,  # type: ignore[arg-type]
                            _frozen_in_worker))
    assert [ad.document.key for ad, _ in got] == ["a", "b"]
    assert all(frozen > 0 for _, frozen in got)
    assert gc.get_freeze_count() == before == 0



def test_the_collector_rests_while_models_load_and_comes_back_as_it_was():
    from ingest.parallel import collector_paused, load_together, warming

    seen: list[bool] = []
    load_together([lambda: seen.append(gc.isenabled()), lambda: seen.append(gc.isenabled())])
    with warming([lambda: seen.append(gc.isenabled())]):
        seen.append(gc.isenabled())
    assert seen == [False] * 4 and gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # left as it was found
    finally:
        gc.enable()
