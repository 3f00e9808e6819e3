"""`lapekg serve`: refuse a taken port with a message that says what to do, and once the server
is up, say what to open and what to try first."""

from __future__ import annotations

import errno
import signal
import socket
import threading
import time
from collections.abc import Callable
from typing import Any

FIRST_QUESTION = "Missä maakunnissa kokeiltiin perhekeskusmallia?"


class PortInUseError(RuntimeError):
    pass


def check_port(host: str, port: int) -> None:
    """Bind and release the address: raise PortInUseError (with the way out) when it is taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                raise PortInUseError(
                    f"port {port} is in use — is lapekg already serving? Stop it or choose "
                    f"another: make run PORT={port + 1} (or lapekg serve --port {port + 1}, "
                    f"or LAPEKG_PORT={port + 1})") from exc
            raise


def banner(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    url = f"http://{shown}:{port}"
    from urllib.parse import quote

    return "\n".join([
        f"lapekg is serving at {url}/",
        f"  {url}/?q={quote(FIRST_QUESTION)}",
        "      the search page with a first question: answers, their statuses, the map",
        f"  {url}/matrix    every working model's status in every region",
        f"  {url}/sparql    SPARQL editor: pick an example query and run it",
        f"  {url}/docs      the HTTP API (search, ask, export)",
        "  stop with Ctrl+C",
    ])


def run_server(app: Any, host: str, port: int, say: Callable[[str], None],
               **config: Any) -> None:
    """uvicorn on host:port (`config`: more uvicorn.Config options); `say` gets the banner once
    the server accepts connections."""
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, **config))

    def announce() -> None:
        while not server.started and not server.should_exit:
            time.sleep(0.2)
        if server.started:
            say(banner(host, port))

    threading.Thread(target=announce, name="lapekg-banner", daemon=True).start()
    # uvicorn shuts down on SIGTERM, then raises the signal again under the handler that was in
    # place before it ran: with the default one the process dies there and the caller's cleanup
    # (the add socket of api/build_service.py) never runs. Exit as Python instead.
    if threading.current_thread() is not threading.main_thread():  # signals are the main's
        server.run()
        return
    previous = signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        server.run()
    finally:
        signal.signal(signal.SIGTERM, previous)


def _exit_on_sigterm(signum: int, frame: Any) -> None:
    raise SystemExit(128 + signum)


def main(argv: list[str]) -> int:
    """`python -m api.serving HOST PORT`: exit 1 with the message when the port is taken."""
    import sys

    host, port = argv[0], int(argv[1])
    try:
        check_port(host, port)
    except PortInUseError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
