"""What every `lapekg` command shares: settings, the loaded services, a failure that exits 2."""

from __future__ import annotations

from typing import Annotated

import typer


def settings():  # type: ignore[no-untyped-def]
    from api.settings import Settings

    return Settings()


def fail(exc: Exception) -> None:
    typer.secho(str(exc), fg=typer.colors.RED, err=True)
    raise typer.Exit(2)


JsonFlag = Annotated[bool, typer.Option("--json", help="print the result as JSON instead of text")]


def services():  # type: ignore[no-untyped-def]
    from api.components import load_services
    from ingest.errors import LapekgError

    try:
        return load_services(settings())
    except LapekgError as exc:
        fail(exc)
