"""A build or add that is the whole process leaves without Python's teardown, its output
flushed; run in process (as here), the CLI returns as usual."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from api.cli import _leave_at_once

ROOT = Path(__file__).resolve().parents[2]


def test_in_process_it_returns():
    _leave_at_once()  # pytest's __main__ is no CLI: nothing happens


def test_as_the_program_it_exits_at_once_with_its_output_flushed():
    code = ("import sys, api.cli as cli\n"
            "sys.modules['__main__'].app = cli.app  # as the console script imports it\n"
            "print('the report', end='')\n"
            "cli._leave_at_once()\n"
            "print('not reached')\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout == "the report"
