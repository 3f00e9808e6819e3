"""`lapekg serve` stopped with SIGTERM (kill, systemd, docker stop) shuts down like Ctrl+C: it
exits 143 and removes the add socket it listened on, so nothing stale is left in the data dir."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from api_helpers import free_port

ROOT = Path(__file__).resolve().parents[2]


def test_sigterm_stops_the_server_and_removes_its_add_socket(live_copy, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("LAPEKG_")}
    env.update(LAPEKG_DATA=str(live_copy.data), LAPEKG_MODEL=str(live_copy.model),
               HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    sock = live_copy.data / "add.sock"
    with (tmp_path / "serve.log").open("w") as log:
        proc = subprocess.Popen([sys.executable, "-m", "api.cli", "serve", "--port",
                                 str(free_port())], cwd=ROOT, env=env, stdout=log,
                                stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while not sock.exists():
            assert proc.poll() is None, (tmp_path / "serve.log").read_text()
            assert time.monotonic() < deadline, "the server never opened its add socket"
            time.sleep(0.2)
        time.sleep(1.0)  # past uvicorn's start, so its own signal handlers are in place
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 128 + signal.SIGTERM
    finally:
        if proc.poll() is None:
            proc.kill()
    assert not sock.exists(), (tmp_path / "serve.log").read_text()
