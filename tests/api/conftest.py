"""App clients over the session's real build, and a live uvicorn server for black-box tests."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from api_helpers import live_server
from fastapi.testclient import TestClient

from api.http import create_app


@pytest.fixture(scope="package")
def api(built, services) -> Iterator[TestClient]:
    """The app with default settings (read-only, default limits) over the session's build."""
    settings, _, _ = built
    with TestClient(create_app(settings, services)) as client:
        yield client


@pytest.fixture(scope="package")
def live_url(built, services) -> Iterator[str]:
    settings, _, _ = built
    with live_server(create_app(settings, services)) as url:
        yield url


@pytest.fixture
def live_copy(built, tmp_path):
    """Settings for a private copy of the session build's data dir."""
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

    def make(settings):  # type: ignore[no-untyped-def]
        return Builder(settings, session_builder.pipeline, session_builder.encoder,
                       session_builder.reference, progress=False)

    return make
