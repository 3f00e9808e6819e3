"""An add loads its models in threads while it copies the store and reads the indexes."""

from __future__ import annotations

import threading
import time

import pytest

from ingest.parallel import warming


def test_the_loaders_run_beside_the_body_and_are_done_when_it_ends():
    started = threading.Event()
    done: list[str] = []

    def load() -> None:
        started.set()
        time.sleep(0.2)
        done.append("model")

    with warming([load]):
        assert started.wait(5)  # the body runs while the loader does
        assert done == []
    assert done == ["model"]


def test_a_loader_that_fails_does_not_stop_the_add():
    def broken() -> None:
        raise OSError("no model here")

    with warming([broken]):
        pass  # the analysis loads the model again and reports the error where it would have


def test_an_error_in_the_body_still_waits_for_the_loaders():
    finished = threading.Event()

    def load() -> None:
        time.sleep(0.1)
        finished.set()

    with pytest.raises(ValueError, match="copy failed"), warming([load]):
        raise ValueError("copy failed")
    assert finished.is_set()


def test_the_builds_loaders_run_side_by_side_and_their_error_is_raised():
    """load_together starts every loader before any finishes, waits for all of them, and then
    raises the first error, so that a build stops where a model cannot be loaded."""
    from ingest.parallel import load_together

    started = threading.Barrier(3, timeout=5)  # each waits for the others: side by side
    done: list[str] = []

    def loader(name: str, fail: bool = False):
        def load() -> None:
            started.wait()
            done.append(name)
            if fail:
                raise RuntimeError(f"{name} cannot load")
        return load

    with pytest.raises(RuntimeError, match="spacy cannot load"):
        load_together([loader("spacy", fail=True), loader("status"), loader("passages")])
    assert sorted(done) == ["passages", "spacy", "status"]
