"""Whole documents analysed in forked worker processes, in order, while the caller goes on."""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from ingest.pipeline import IngestPipeline
from ingest.records import AnalysedDocument, Document

logger = logging.getLogger(__name__)

# Whatever a worker computes for one document besides the analysis (its passage vectors); it
# needs the document only, so that it can run beside the analysis.
Extra = Callable[[Document], Any]

# The worker's pipeline. It cannot be sent to a worker (spaCy's Voikko lemmatizer and our
# analyzer hold ctypes handles, which do not pickle), so each worker inherits it through fork
# and finds it here; the parent never sets it.
_WORKER: tuple[IngestPipeline, Extra | None] | None = None


PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
# glibc's mallopt parameters (<malloc.h>) and what a worker sets them to (see keep_freed_memory)
M_TRIM_THRESHOLD, M_TOP_PAD, M_MMAP_THRESHOLD = -1, -2, -3
WORKER_MALLOC = ((M_MMAP_THRESHOLD, 32 << 20), (M_TRIM_THRESHOLD, 512 << 20), (M_TOP_PAD, 64 << 20))


def die_with_parent(parent: int) -> None:
    """Have the kernel kill this process when its parent dies (Linux; elsewhere nothing).

    A `kill -9` of `lapekg add` must not leave workers analysing on, each holding a copy of
    the models and the writer lock they inherited."""
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        logger.info("no prctl here: ingest workers will not die with their parent")
        return
    if os.getppid() != parent:  # the parent died before the signal was asked for
        os._exit(1)


def keep_freed_memory() -> None:
    """Have glibc's allocator keep what this process frees for its next allocations (glibc;
    elsewhere nothing). By default every array past a threshold is a fresh mmap, unmapped when
    freed, and the heap's free top goes back to the kernel, so a worker that encodes and parses
    one batch after another has the kernel map and zero the same amounts again and again (a 10x
    build: 1.32 M page faults and 6.0 s of system time, 0.79 M and 4.6 s with these settings).
    A worker lives for one build: its memory stays near its peak, which it reaches anyway."""
    import ctypes

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return
    for param, value in WORKER_MALLOC:
        mallopt(param, value)


def _init_worker(pipeline: IngestPipeline, extra: Extra | None, parent: int) -> None:
    global _WORKER  # noqa: PLW0603 - per-process state of a forked worker
    die_with_parent(parent)
    keep_freed_memory()
    _WORKER = (pipeline, extra)
    if "torch" in sys.modules:
        # The workers are the parallelism: one thread each, or their thread pools fight over
        # the two cores (OpenMP threads spin while they wait).
        sys.modules["torch"].set_num_threads(1)


def _work(document: Document) -> tuple[AnalysedDocument, Any]:
    assert _WORKER is not None
    pipeline, extra = _WORKER
    ad = pipeline.analyse(document)
    return ad, (extra(document) if extra else None)


def _beside(pipeline: IngestPipeline, document: Document, extra: Extra | None
            ) -> tuple[AnalysedDocument, Any]:
    """The analysis in this thread and `extra` in another beside it: the encoder spends its
    time in ONNX Runtime, which releases the GIL, so one document (an `add`) keeps both cores
    busy, from spaCy's loading on. Load the encoder before: spaCy loads with `import torch`
    refused (spacy_pipeline.py), which an encoder loading beside it might need."""
    if extra is None:
        return pipeline.analyse(document), None
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1, thread_name_prefix="encode") as pool:
        future = pool.submit(extra, document)
        ad = pipeline.analyse(document)
        return ad, future.result()


def resolve_processes(n_process: int) -> int:
    """0 or less means one per core."""
    return n_process if n_process > 0 else (os.cpu_count() or 1)


def forks(n_process: int, documents: int) -> bool:
    """Whether analyse_with will fork workers for this many documents."""
    return min(resolve_processes(n_process), documents) > 1 \
        and "fork" in multiprocessing.get_all_start_methods()


def analyse_with(pipeline: IngestPipeline, documents: Sequence[Document], n_process: int = 1,
                 extra: Extra | None = None) -> Iterator[tuple[AnalysedDocument, Any]]:
    """(analysed document, extra(analysed document) or None), in input order.

    With n_process > 1, forked workers each run the whole per-document pipeline (spaCy, Voikko,
    linking, extraction, and `extra`, e.g. the passage encoder) ahead of the consumer, which
    is left to write the store and indexes. Load the models before calling (see `forks`), so
    that workers share their weights with the parent (copy-on-write) instead of loading their
    own. In one process, `extra` runs in a thread beside the analysis of each document."""
    if not forks(n_process, len(documents)):
        for document in documents:
            yield _beside(pipeline, document, extra)
        return
    n_process = min(resolve_processes(n_process), len(documents))
    context = multiprocessing.get_context("fork")
    # What the parent holds now (the models, the reference data) is left out of the garbage
    # collector's passes until the pool is done: in the workers a pass would write to every
    # object's header and so copy its page from the parent, and in the parent each full pass
    # walked the models (9 documents at load 7: 2.2 s of wall in full passes, 0.9 frozen).
    gc.freeze()
    try:
        # The kernel ties the parent-death signal to the forking thread: keep the pool in the
        # thread that consumes it (it is: imap below), never hand it to a short-lived thread.
        with context.Pool(n_process, initializer=_init_worker,
                          initargs=(pipeline, extra, os.getpid())) as pool:
            yield from pool.imap(_work, documents, chunksize=1)
    finally:
        gc.unfreeze()


def analyse_documents(pipeline: IngestPipeline, documents: Sequence[Document],
                      n_process: int = 1) -> Iterator[AnalysedDocument]:
    """Analysed documents in input order, from n_process forked workers (see analyse_with)."""
    for ad, _ in analyse_with(pipeline, documents, n_process):
        yield ad


@contextmanager
def collector_paused() -> Iterator[None]:
    """No garbage collection while the models load: they make hundreds of thousands of objects
    that live as long as the process, and each full pass the collector made meanwhile went over
    all of them (three passes, ~0.4 s at load 6, holding the GIL that the loaders and the
    store's graphs need; the fork follows, and the workers leave them frozen, see analyse_with)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


@contextmanager
def warming(loaders: Sequence[Callable[[], object]]) -> Iterator[None]:
    """Run the model loaders in threads while the body runs (an add copies the store and reads
    the indexes meanwhile: ~1 CPU s beside ~5 s of loading spaCy and two ONNX sessions); on
    leaving, wait for them, so that the analysis finds the models loaded. A loader that fails
    is logged: the analysis loads that model again and reports the error where it would have."""
    from concurrent.futures import ThreadPoolExecutor

    with collector_paused(), \
            ThreadPoolExecutor(max(1, len(loaders)), thread_name_prefix="warm") as pool:
        futures = [pool.submit(load) for load in loaders]
        yield
    for future in futures:
        if future.exception() is not None:
            logger.info("warming a model failed: %s", future.exception())


def load_together(loaders: Sequence[Callable[[], object]]) -> None:
    """Run the model loaders in threads side by side and wait for all of them; the first
    error is raised (after every loader has finished)."""
    if len(loaders) <= 1:
        for load in loaders:
            load()
        return
    from concurrent.futures import ThreadPoolExecutor

    with collector_paused(), ThreadPoolExecutor(len(loaders), thread_name_prefix="load") as pool:
        futures = [pool.submit(load) for load in loaders]
    for future in futures:
        future.result()
