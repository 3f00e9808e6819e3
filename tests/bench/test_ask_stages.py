"""bench/ask_stages.py charges each stage of an answer only its own time, so the stages add up
to the whole answer."""

from __future__ import annotations

import pytest


class FakeClock:
    """Stands in for the time module: CPU and wall advance only when told."""

    def __init__(self) -> None:
        self.now = 0.0

    def thread_time(self) -> float:
        return self.now

    def perf_counter(self) -> float:
        return self.now

    def spend(self, ms: float) -> None:
        self.now += ms / 1000


@pytest.fixture
def fake(monkeypatch):
    import bench.ask_stages as stages

    clock = FakeClock()
    monkeypatch.setattr(stages, "time", clock)
    return clock


def test_a_nested_stage_is_charged_to_itself_and_the_stages_add_up(fake):
    from bench.ask_stages import StageClock

    clock = StageClock()
    engine = clock.wrap("graph engine", lambda: fake.spend(20))

    def ask(_: str) -> None:
        fake.spend(10)
        with clock.stage("graph"):
            fake.spend(5)
            engine()

    spent = clock.answer(ask, "q")
    assert spent == {"other": pytest.approx((10, 10)), "graph": pytest.approx((5, 5)),
                     "graph engine": pytest.approx((20, 20))}


def test_a_stage_bound_to_its_caller_counts_only_when_called_from_there(fake):
    from bench.ask_stages import StageClock

    clock = StageClock()
    analyse = clock.wrap("analysis", lambda: fake.spend(7), within="other")

    def ask(_: str) -> None:
        analyse()  # from ask itself: analysis
        with clock.stage("graph"):
            analyse()  # on a passage inside the graph stage: graph

    spent = clock.answer(ask, "q")
    assert spent["analysis"] == pytest.approx((7, 7))
    assert spent["graph"] == pytest.approx((7, 7))
