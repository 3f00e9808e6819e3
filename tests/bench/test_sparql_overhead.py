"""The per-request CPU clock of bench/sparql_overhead.py counts a server tree's workers that
start or end during the measurement (a SPARQL worker recycled after N queries does both)."""

import subprocess
import sys

from bench.sparql_overhead import TreeClock

BURN = "import time\nt = time.process_time()\nwhile time.process_time() - t < {s}: pass"


def test_a_worker_that_starts_and_ends_within_the_window_is_counted():
    import os

    clock = TreeClock(os.getpid())
    clock.start()
    subprocess.run([sys.executable, "-c", BURN.format(s=0.3)], check=True)  # ends, reaped
    assert clock.ms() >= 250


def test_an_ended_workers_cpu_before_the_window_is_not_counted():
    import os

    old = subprocess.Popen([sys.executable, "-c", BURN.format(s=0.6)
                            + "\nprint('burnt', flush=True)\ninput()"],
                           stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert old.stdout is not None and old.stdout.readline() == b"burnt\n"
        clock = TreeClock(os.getpid())
        clock.start()
        old.communicate(b"\n", timeout=30)  # it ends now, without burning more
        assert clock.ms() < 300
    finally:
        old.kill()
