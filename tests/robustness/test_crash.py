"""kill -9 at any moment of build or add leaves the previous build whole and queryable, and the
next build succeeds and removes what the killed ones left behind.

Real `lapekg` processes are killed: after fixed delays, and at named stages through
LAPEKG_FAULT_AT (inert unless set), from the new store's first writes to the pointer switch and
just after it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from robust_support import FINNISH, leftovers, live_state, search_works
from tests_support import CORPUS

ROOT = Path(__file__).resolve().parents[2]


def _lapekg(settings, args: list[str], log: Path, fault: str | None = None,  # type: ignore[no-untyped-def]
            analysis_cache: bool = True):
    env = {k: v for k, v in os.environ.items() if not k.startswith("LAPEKG_")}
    env.update(LAPEKG_DATA=str(settings.data), LAPEKG_MODEL=str(settings.model),
               HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    if fault:
        env["LAPEKG_FAULT_AT"] = fault
    if not analysis_cache:
        env["LAPEKG_ANALYSIS_CACHE"] = "false"
    with log.open("w") as out:
        # A session of its own, so that ingest workers a kill leaves behind can be reaped.
        return subprocess.Popen([sys.executable, "-m", "api.cli", *args], cwd=ROOT, env=env,
                                stdout=out, stderr=subprocess.STDOUT, start_new_session=True)


def _reap(proc: subprocess.Popen) -> None:  # type: ignore[type-arg]
    """Kill forked ingest workers that outlive their killed parent (they write nothing, but
    would run on until their current document is done)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)


def _killed(proc: subprocess.Popen) -> None:  # type: ignore[type-arg]
    proc.kill()  # SIGKILL, to the main process only, as `kill -9 <pid>`
    proc.wait(timeout=30)
    _reap(proc)


def _copy(settings, target: Path):  # type: ignore[no-untyped-def]
    from api.settings import Settings

    shutil.copytree(settings.data, target, ignore=shutil.ignore_patterns(".lock"))
    return Settings(data=target, model=settings.model)


@pytest.mark.slow
def test_kill_9_never_loses_the_live_build(live_copy, builder_for, built, tmp_path):
    _, _, session = built
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    new = tmp_path / "kainuu_uusi.txt"
    new.write_text(FINNISH * 3, encoding="utf-8")
    before = live_state(live_copy.data)

    # Each in its own copy of the data dir and all at once (to keep the test short): a full
    # rebuild killed once its new store holds the ontology, and adds of a new document killed
    # with the document in the new store, with COMPLETE written and CURRENT.tmp ready but not
    # yet renamed, and right after the switch.
    runs = {"store": ["build", str(corpus)], "document": ["add", str(new)],
            "pointer": ["add", str(new)], "committed": ["add", str(new)]}
    copies = {stage: _copy(live_copy, tmp_path / f"data-{stage}") for stage in runs}
    faulted = {stage: _lapekg(copies[stage], args, tmp_path / f"{stage}.log", fault=stage)
               for stage, args in runs.items()}

    # Meanwhile the same rebuild in the first copy, killed after fixed delays (loading models,
    # reading, analysing).
    for n, delay in enumerate((1, 3, 6)):
        log = tmp_path / f"timed{n}.log"
        # without the analysis cache, which would finish this copied corpus within the delays
        proc = _lapekg(live_copy, ["build", str(corpus)], log, analysis_cache=False)
        time.sleep(delay)
        assert proc.poll() is None, log.read_text()
        _killed(proc)
        assert live_state(live_copy.data) == before
    search_works(live_copy, session.encoder)

    for stage, proc in faulted.items():
        log = tmp_path / f"{stage}.log"
        assert proc.wait(timeout=300) == -signal.SIGKILL, log.read_text()
        _reap(proc)
        assert f"killing the process at stage '{stage}'" in log.read_text()
        state = live_state(copies[stage].data)
        if stage == "committed":
            assert state.generation != before.generation
            assert state.documents == before.documents | {"kainuu-uusi"}
            assert state.count > before.count
            search_works(copies[stage], session.encoder)
        else:
            assert state == before, stage
            assert leftovers(copies[stage].data), stage

    # The next build or add succeeds and prunes the partial generations and the stale pointer.
    other = tmp_path / "kainuu_toinen.txt"
    other.write_text("Toinen raportti: Hartolan perhekeskus avattiin. " + FINNISH * 2,
                     encoding="utf-8")
    for settings in (live_copy, *copies.values()):
        previous = live_state(settings.data)
        report = builder_for(settings).add([other])
        assert report.ok and report.added == [str(other)], report
        assert live_state(settings.data).documents == previous.documents | {"kainuu-toinen"}
        assert leftovers(settings.data) == []
    search_works(live_copy, session.encoder)
