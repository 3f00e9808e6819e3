"""`lapekg add` through a running server of the same data dir: the server's builder (models
loaded once) adds the files; without a listening server, or with other settings, the command
adds in its own process."""

from __future__ import annotations

import stat

import pytest

from api.build_service import AddService, add_through_service

TEXT = ("Kotkan perhekeskus otti syksyllä 2020 käyttöön Lapset puheeksi -menetelmän. "
        "Hanketta hallinnoi Kotkan kaupunki.\n")


@pytest.fixture
def service(live_copy, builder_for):
    made = []

    def make(settings):  # type: ignore[no-untyped-def]
        made.append(settings)
        return builder_for(settings)

    running = AddService(live_copy, make).start()
    yield running, made
    running.close()


def _live(settings) -> str:  # type: ignore[no-untyped-def]
    return (settings.data / "CURRENT").read_text().strip()


def test_an_add_goes_through_the_running_server_and_its_generation_goes_live(
        live_copy, service, tmp_path):
    running, made = service
    assert running.path is not None
    assert stat.S_IMODE(running.path.stat().st_mode) == 0o600  # only the data dir's owner
    doc = tmp_path / "uusi_kotka.txt"
    doc.write_text(TEXT, encoding="utf-8")
    report = add_through_service(live_copy, [doc])
    assert report is not None and report.ok
    assert report.added == [str(doc)] and report.generation == _live(live_copy)
    again = add_through_service(live_copy, [doc])  # same content: nothing new, one builder
    assert again is not None and again.unchanged == [str(doc)] and len(made) == 1
    assert made[0].n_process == 1  # the server forks no workers


def test_without_a_server_the_command_adds_by_itself(live_copy, tmp_path):
    doc = tmp_path / "uusi.txt"
    doc.write_text(TEXT, encoding="utf-8")
    assert add_through_service(live_copy, [doc]) is None
    gone = AddService(live_copy).start()
    gone.close()  # a server that stopped
    assert add_through_service(live_copy, [doc]) is None


def test_a_server_with_other_settings_leaves_the_add_to_the_command(live_copy, service,
                                                                    tmp_path):
    doc = tmp_path / "uusi.txt"
    doc.write_text(TEXT, encoding="utf-8")
    other = live_copy.model_copy(update={"encoder_variant": "float32"})
    before = _live(live_copy)
    assert add_through_service(other, [doc]) is None
    assert _live(live_copy) == before
    off = live_copy.model_copy(update={"add_service": "off"})
    assert add_through_service(off, [doc]) is None


def test_settings_that_only_shape_serving_do_not_keep_an_add_from_the_server(live_copy):
    """A server started with LAPEKG_ASK_GRAPH_IN_MEMORY=false or another port writes the same
    generation an add of the command would: the add still goes through it."""
    from api.build_service import build_settings

    served = live_copy.model_copy(update={"ask_graph_in_memory": False, "port": 8999,
                                          "add_service": "warm"})
    assert build_settings(served) == build_settings(live_copy)
    assert build_settings(live_copy.model_copy(update={"status_model": "rules"})) != \
        build_settings(live_copy)
