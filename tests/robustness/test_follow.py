"""A running server follows CURRENT: after `add`s it answers from the new generation, and no
prune deletes a generation that a live process still holds."""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from robust_support import FINNISH

from api.generations import Generations

DOC_COUNT = ("SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { "
             "?d a <https://w3id.org/lapekg/ontology#Document> }")


def _wait_for(client: TestClient, data: Path, timeout: float = 180) -> str:
    """The generation CURRENT names, once the app serves it."""
    name = (data / "CURRENT").read_text().strip()
    deadline = time.monotonic() + timeout
    while client.app.state.services.generation.name != name:  # type: ignore[attr-defined]
        assert time.monotonic() < deadline, f"the server never switched to {name}"
        time.sleep(0.2)
    return name


def _documents(client: TestClient) -> int:
    r = client.get("/sparql", params={"query": DOC_COUNT},
                   headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200, r.text
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def _found(client: TestClient, word: str) -> bool:
    r = client.get("/api/search", params={"q": word, "k": 5})
    assert r.status_code == 200, r.text
    return any(word in hit["text"] for hit in r.json()["results"])


def _report(tmp_path: Path, name: str, word: str) -> Path:
    path = tmp_path / name
    path.write_text(f"{word} on uusi perhekeskus. " + FINNISH * 3, encoding="utf-8")
    return path


@pytest.mark.slow
def test_the_server_follows_current_and_prune_spares_held_generations(live_copy, builder_for,
                                                                      built, tmp_path):
    from api.components import load_services
    from api.http import create_app

    _, _, session = built
    settings = live_copy.model_copy(update={"follow_interval_s": 0.1})
    gens = settings.data / "generations"
    first = Generations(settings.data).require_current()
    # A CLI reader of the first generation (as `lapekg sparql` holds it while it runs).
    reader = Generations(settings.data).lease_current()
    builder = builder_for(settings)

    def loader(s, previous):  # type: ignore[no-untyped-def]
        return load_services(s, encoder=session.encoder)

    with TestClient(create_app(settings, loader=loader)) as client:
        assert client.app.state.services.generation == first  # type: ignore[attr-defined]
        documents = _documents(client)
        assert not _found(client, "Qwertyla")

        assert builder.add([_report(tmp_path, "qwertyla.txt", "Qwertyla")]).ok
        _wait_for(client, settings.data)
        assert _found(client, "Qwertyla")
        assert _documents(client) == documents + 1

        assert builder.add([_report(tmp_path, "asdfgala.txt", "Asdfgala")]).ok
        third = _wait_for(client, settings.data)
        assert _found(client, "Asdfgala") and _found(client, "Qwertyla")
        assert _documents(client) == documents + 2
        # keep_generations=2 would have pruned the first one, but the reader holds it.
        assert (first / "COMPLETE").exists()
        assert first.name in {p.name for p in gens.iterdir()}

        reader.release()
        assert builder.add([_report(tmp_path, "zxcvbnla.txt", "Zxcvbnla")]).ok
        _wait_for(client, settings.data)
        assert not first.exists()
        assert _found(client, "Zxcvbnla")
        assert _documents(client) == documents + 3
        assert third in {p.name for p in gens.iterdir()}
        assert client.app.state.follower.switches == 3  # type: ignore[attr-defined]


class _FakeGraph:
    def __init__(self, settings, services) -> None:  # type: ignore[no-untyped-def]
        self.services = services
        self.closed = False

    async def start(self) -> None:
        pass

    async def close(self) -> None:
        self.closed = True


class _FakeServices:
    def __init__(self, name: str) -> None:
        self.generation = Path("/nowhere") / name
        self.closed = False

    def warm_up(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True


def test_a_replaced_generation_closes_only_when_its_requests_have_ended(tmp_path,
                                                                        monkeypatch):
    from types import SimpleNamespace

    from api.follow import Follower
    from api.settings import Settings

    monkeypatch.setattr("api.served_graph.ServedGraph", _FakeGraph)
    (tmp_path / "CURRENT").write_text("b\n")
    loaded = [_FakeServices("b")]

    async def scenario() -> None:
        state = SimpleNamespace()
        follower = Follower(Settings(data=tmp_path), state, lambda s, prev: loaded[0])
        old_services = _FakeServices("a")
        await follower.start(old_services, owned=True, follow=False)
        old_graph = state.graph
        before = follower.request_started()          # a request in flight on "a"
        assert await follower.check(force=True)
        assert state.services is loaded[0] and state.graph is not old_graph
        after = follower.request_started()           # a request that began after the switch
        follower.request_ended(after)
        await asyncio.sleep(0.01)
        assert not old_graph.closed and not old_services.closed
        follower.request_ended(before)
        await asyncio.sleep(0.01)
        assert old_graph.closed and old_services.closed
        assert not state.graph.closed
        await follower.close()
        assert state.graph.closed and loaded[0].closed

    # A thread of its own: an earlier test (a browser driver) may leave a loop running here.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, scenario()).result()


def test_a_lease_keeps_prune_away_and_release_lets_it_go(live_copy):
    from api.generations import Lease

    gens = Generations(live_copy.data)
    live = gens.require_current()
    made = []
    for n, name in enumerate(("held", "spare", "newest")):
        path = gens.root / f"20990101T00000{n}-{name}"  # newer than the live one, in order
        path.mkdir()
        (path / "COMPLETE").write_text("ok\n")
        made.append(path)
    held, spare, newest = made  # newest is kept as the newest complete one; live as live

    with Lease(held):
        assert gens.prune(keep=1) == [held.name]
        assert held.exists() and not spare.exists() and newest.exists() and live.exists()
    assert gens.prune(keep=1) == []
    assert not held.exists() and newest.exists() and live.exists()
