"""Robustness fixtures: a copy of the session build to damage, builders reusing its models."""

from __future__ import annotations

import shutil

import pytest


@pytest.fixture
def live_copy(built, tmp_path):
    """Settings for a private copy of the session build's data dir (CURRENT and generations)."""
    from api.settings import Settings

    settings, _, _ = built
    data = tmp_path / "data"
    shutil.copytree(settings.data, data, ignore=shutil.ignore_patterns(".lock"))
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
