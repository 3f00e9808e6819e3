"""Real servers for the opt-in backend tests (bench.servers and virtuoso_server start and stop
them): Oxigraph's SPARQL server, Virtuoso open source and PostgreSQL with pgvector, on free
loopback ports in temporary directories."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from virtuoso_server import Virtuoso, virtuoso_server

from bench.servers import ServerUnavailableError, oxigraph_server, postgres_server

OPTIN = os.environ.get("LAPEKG_OPTIN") == "1"


def pytest_collection_modifyitems(config, items):  # type: ignore[no-untyped-def]
    if OPTIN:
        return
    skip = pytest.mark.skip(reason="starts a server of its own; set LAPEKG_OPTIN=1")
    for item in items:
        if "optin" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def oxigraph_url() -> Iterator[str]:
    try:
        with oxigraph_server() as base:
            yield base
    except ServerUnavailableError as exc:
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def oxigraph_merge_url() -> Iterator[str]:
    """`oxigraph serve` whose default graph is a graph of its own, where lapekg keeps the
    merge (LAPEKG_SPARQL_DEFAULT_GRAPH=merge)."""
    try:
        with oxigraph_server(union_default_graph=False) as base:
            yield base
    except ServerUnavailableError as exc:
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def postgres_dsn() -> Iterator[str]:
    try:
        with postgres_server() as dsn:
            yield dsn
    except ServerUnavailableError as exc:
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def virtuoso() -> Iterator[Virtuoso]:
    """Virtuoso 7.2 from Debian's virtuoso-opensource: anonymous reads, updates as dba."""
    try:
        with virtuoso_server() as server:
            yield server
    except ServerUnavailableError as exc:
        pytest.skip(str(exc))


@pytest.fixture
def virtuoso_granted(virtuoso: Virtuoso) -> Iterator[Virtuoso]:
    """The same server with update rights granted to anonymous /sparql users, then revoked."""
    virtuoso.isql('GRANT SPARQL_UPDATE TO "SPARQL";')
    try:
        yield virtuoso
    finally:
        virtuoso.isql('REVOKE SPARQL_UPDATE FROM "SPARQL";')
