"""App clients over the session's real build, and a live uvicorn server for black-box tests."""

from __future__ import annotations

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

