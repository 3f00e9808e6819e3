"""What a newcomer meets at setup and serve: a taken port says what to do, models/ does not
grow with half-written exports, the vendored components are pinned."""

import os
import socket
import subprocess

import pytest
from typer.testing import CliRunner

from api.cli import app as cli_app
from api.serving import PortInUseError, banner, check_port


def test_a_taken_port_names_itself_and_the_way_out():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(PortInUseError) as exc:
            check_port("127.0.0.1", port)
        result = CliRunner().invoke(cli_app, ["serve", "--port", str(port)])
    message = str(exc.value)
    assert f"port {port} is in use — is lapekg already serving?" in message
    assert f"make run PORT={port + 1}" in message
    assert result.exit_code == 2 and "already serving" in result.output


def test_a_free_port_passes_the_check():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    check_port("127.0.0.1", port)


def test_the_banner_says_what_to_open_and_try_first():
    text = banner("0.0.0.0", 8001)
    assert "http://127.0.0.1:8001/matrix" in text and "/sparql" in text
    assert "?q=Miss%C3%A4%20maakunnissa" in text


def test_a_dead_exports_leftover_is_removed_and_a_live_ones_kept(tmp_path):
    from search.onnx_export import _remove_dead_exports

    finished = subprocess.Popen(["true"])  # a pid whose process has ended
    finished.wait()
    left = tmp_path / f".model.onnx.{finished.pid}.tmp"
    left.write_bytes(b"x" * 10)
    marker = tmp_path / f".model.onnx.json.{finished.pid}.tmp"
    marker.write_text("{}")
    live = tmp_path / f".model.onnx.{os.getppid()}.tmp"
    live.write_bytes(b"x")
    _remove_dead_exports(tmp_path)
    assert not left.exists() and not marker.exists() and live.exists()


def test_make_model_leaves_nothing_to_export_at_first_run(model_dir):
    from api.model_setup import main, onnx_ready

    assert main([str(model_dir)]) == 0
    assert onnx_ready(model_dir)
    sizes = sum(f.stat().st_size for f in model_dir.rglob("*") if f.is_file())
    assert main([str(model_dir)]) == 0  # a second run changes nothing
    assert sum(f.stat().st_size for f in model_dir.rglob("*") if f.is_file()) == sizes
