"""The `lapekg` command line: build, add, search, ask, sparql, export, serve, eval."""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from api.cli_common import JsonFlag
from api.cli_common import fail as _fail
from api.cli_common import services as _services
from api.cli_common import settings as _settings
from api.cli_eval import eval_

app = typer.Typer(help="Knowledge graph and semantic search over Finnish LAPE reports.",
                  no_args_is_help=True, pretty_exceptions_enable=False)


@app.callback()
def main(verbose: Annotated[bool, typer.Option("--verbose", "-v",
                                               help="log what each stage does")] = False) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")


def _leave_at_once() -> None:
    """End a build or add that is the whole process (the console script, `python -m api.cli`)
    without Python's teardown, which frees the models, the caches and the reference data object
    by object and collects the garbage of the whole heap once more: ~0.8 CPU s, and as many
    seconds of one core, at the end of every build, for memory the kernel takes back at once.
    Everything is written and closed before (the generation committed, the store closed, the
    caches' transactions committed); only stdout, stderr and the log handlers are flushed. In
    any other process (tests that run the CLI in process) it returns."""
    if getattr(sys.modules.get("__main__"), "app", None) is not app:
        return
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def _report(report, as_json: bool, command: str) -> None:  # type: ignore[no-untyped-def]
    """What a build or add did, ending with what failed and why; exit 1 when anything failed."""
    if as_json:
        typer.echo(json.dumps({
            "generation": report.generation, "added": report.added, "replaced": report.replaced,
            "unchanged": report.unchanged, "passages": report.passages, "triples": report.triples,
            "warnings": [{"path": w.path, "message": w.message} for w in report.warnings],
            "failed": [{"path": f.path, "reason": f.reason} for f in report.failed]},
            ensure_ascii=False, indent=1))
        if report.failed:
            raise typer.Exit(1)
        return
    for w in report.warnings:
        typer.secho(f"  WARNING {w.path}: {w.message}", fg=typer.colors.YELLOW, err=True)
    for f in report.failed:
        typer.secho(f"  FAILED {f.reason}", fg=typer.colors.RED, err=True)
    typer.echo(f"documents added: {len(report.added)}, replaced: {len(report.replaced)}, "
               f"unchanged: {len(report.unchanged)}, failed: {len(report.failed)}, "
               f"warnings: {len(report.warnings)}")
    if report.generation:
        typer.echo(f"passages: {report.passages}, triples in store: {report.triples}, "
                   f"generation {report.generation} is live")
    else:
        typer.echo(f"{command}: no new generation written; the live build (if any) is unchanged")
    if report.failed:
        typer.secho(f"{command}: {len(report.failed)} failed (see the FAILED lines above); "
                    + ("the other files are in the new generation"
                       if report.generation else "nothing was built"),
                    fg=typer.colors.RED, err=True)
        raise typer.Exit(1)


@app.command()
def build(dirs: Annotated[list[Path] | None, typer.Argument(
              help="files or directories (default: corpus)")] = None,
          as_json: JsonFlag = False) -> None:
    """Build the graph and indexes from corpus files into a new generation of the data dir."""
    from api.components import make_builder
    from ingest.errors import LapekgError

    try:
        report = make_builder(_settings()).build(dirs or [Path("corpus")])
    except LapekgError as exc:
        _fail(exc)
    _report(report, as_json, "build")
    _leave_at_once()


@app.command()
def add(files: Annotated[list[Path], typer.Argument(help="files or directories to add")],
        as_json: JsonFlag = False) -> None:
    """Add documents to the live build (same content again is a no-op; a file named as a live
    document replaces it; another name with the same document key is refused)."""
    from api.build_service import add_through_service
    from ingest.errors import LapekgError

    settings = _settings()
    try:
        # A running `lapekg serve` of this data dir has the models loaded (api/build_service.py).
        report = add_through_service(settings, files)
        if report is None:
            from api.components import make_builder

            report = make_builder(settings).add(files)
    except LapekgError as exc:
        _fail(exc)
    _report(report, as_json, "add")
    _leave_at_once()


@app.command()
def search(query: Annotated[str, typer.Argument(help="words or a question, Finnish or English")],
           k: Annotated[int, typer.Option("--k", "-k", min=1, max=100,
                                          help="how many passages to print")] = 10,
           as_json: JsonFlag = False) -> None:
    """Hybrid passage search (Finnish or English)."""
    from api.schemas import search_response

    services = _services()
    hits = services.searcher.search(query, k=k)
    response = search_response(query, hits, services.minter)
    if as_json:
        typer.echo(response.model_dump_json(indent=1))
        return
    for n, r in enumerate(response.results, 1):
        typer.secho(f"{n}. {r.title}  [{r.score:.4f}]", bold=True)
        typer.echo(f"   {r.passage}")
        typer.echo("   " + r.text[:300].replace("\n", " ") + ("…" if len(r.text) > 300 else ""))


Lang = Annotated[str, typer.Option("--lang", help="language of labels and statuses: fi or en",
                                     show_default=True)]


def _check_lang(lang: str) -> str:
    if lang not in ("fi", "en"):
        raise typer.BadParameter(f"unknown language {lang!r}; choose fi or en",
                                 param_hint="--lang")
    return lang


@app.command()
def ask(question: Annotated[str, typer.Argument(help="a question in Finnish or English")],
        as_json: JsonFlag = False,
        lang: Lang = "fi") -> None:
    """Answer a question from the graph: each answer with its statuses and evidence passages."""
    from api.answer_text import answer_lines
    from api.schemas import ask_response

    _check_lang(lang)
    services = _services()
    response = ask_response(services.answerer.ask(question), services.minter)
    if as_json:
        typer.echo(response.model_dump_json(indent=1))
        return
    if response.note:
        typer.secho(response.note, fg=typer.colors.YELLOW)
    from graph.labels import preferred_labels

    names = preferred_labels(services.store, [a.iri for a in response.answers if a.iri], lang)
    for line in answer_lines(response, lang, names=names):
        typer.secho(line, bold=line.startswith("•"))
    if not response.answers:
        for n, r in enumerate(response.passages, 1):
            typer.echo(f"{n}. {r.title}: " + r.text[:200].replace("\n", " "))


@app.command()
def sparql(query: Annotated[str, typer.Argument(help="a SPARQL query, or @file to read one")],
           fmt: Annotated[str, typer.Option(
               "--format", help="result format, named as /sparql?format= names it: "
                                + ", ".join(_sparql_formats()))] = "json",
           as_json: Annotated[bool, typer.Option(
               "--json", help="SPARQL JSON results (the same as --format json)")] = False,
           ) -> None:
    """Run a SPARQL query (SELECT/ASK/CONSTRUCT) over the graph; JSON results by default."""
    from api.generations import Generations
    from api.graph_backends import make_graph_backend
    from graph.sparql import FORMAT_NAMES, SparqlError, run_query

    if as_json:
        fmt = "json"
    if fmt not in FORMAT_NAMES:
        raise typer.BadParameter(f"unknown format {fmt!r}; choose one of "
                                 f"{', '.join(FORMAT_NAMES)}", param_hint="--format")
    if query.startswith("@"):
        query = Path(query[1:]).read_text(encoding="utf-8")
    try:
        settings = _settings()
        store = make_graph_backend(settings).open(
            Generations(settings.data).require_current())
        body, _ = run_query(store, query, FORMAT_NAMES[fmt])
    except (SparqlError, Exception) as exc:  # noqa: BLE001 - shown to the user as is
        _fail(exc)
    sys.stdout.buffer.write(body)
    sys.stdout.write("\n")


def _sparql_formats() -> list[str]:
    from graph.sparql import FORMAT_NAMES

    return list(FORMAT_NAMES)


def _export_formats() -> list[str]:
    from graph.export import FORMATS

    return list(FORMATS)


@app.command()
def export(fmt: Annotated[str, typer.Option(
               "--format", "-f", help="named as /api/export?format= names it: "
                                      + ", ".join(_export_formats())
                                      + " (trig, nquads, jsonld, csv keep named graphs)")]
           = "turtle",
           document: Annotated[str | None, typer.Option(help="document IRI")] = None,
           entity: Annotated[str | None, typer.Option(help="entity IRI")] = None,
           construct: Annotated[str | None, typer.Option(help="CONSTRUCT query")] = None,
           void: Annotated[bool, typer.Option("--void", help="VoID/DCAT description "
                                              "(Turtle) instead of the data")] = False,
           output: Annotated[Path | None, typer.Option(
               "--output", "-o", help="write to this file (default: standard output)")]
           = None) -> None:
    """Export triples: whole graph, one document, an entity's neighbourhood or a CONSTRUCT."""
    from api.generations import Generations
    from api.graph_backends import make_graph_backend
    from graph.export import ExportError, construct_export, normalise_format
    from graph.export import export as do_export

    try:
        normalise_format(fmt)
    except ExportError as exc:
        raise typer.BadParameter(str(exc), param_hint="--format") from exc
    settings = _settings()
    try:
        generation = Generations(settings.data).require_current()
        store = make_graph_backend(settings).open(generation)
        if void:
            from graph.void import void_graph

            server = f"http://{settings.host}:{settings.port}/"
            chunks = iter([void_graph(store, settings.base_iri, server).serialize(
                format="turtle", encoding="utf-8")])
        elif construct:
            chunks = iter([construct_export(store, construct, fmt)[0]])
        else:
            chunks = do_export(store, fmt, document=document, entity=entity,
                               base_iri=settings.base_iri)
        sink = output.open("wb") if output else sys.stdout.buffer
        for chunk in chunks:
            sink.write(chunk)
        sink.flush()
    except Exception as exc:  # noqa: BLE001
        _fail(exc)


@app.command()
def serve(host: Annotated[str | None, typer.Option(
              help="address to listen on (default: $LAPEKG_HOST, else 127.0.0.1)")] = None,
          port: Annotated[int | None, typer.Option(
              min=1, max=65535, help="port (default: $LAPEKG_PORT, else 8000)")] = None) -> None:
    """Serve the HTTP API and pages; says what to open once it is up."""
    from api.connections import reaping_protocol
    from api.http import create_app
    from api.security import server_options
    from api.serving import PortInUseError, check_port, run_server

    settings = _settings()
    host, port = host or settings.host, port or settings.port
    settings = settings.model_copy(update={"host": host, "port": port})
    try:
        check_port(host, port)
    except PortInUseError as exc:
        _fail(exc)
    _check_servable(settings)
    adds = _add_service(settings)
    try:
        # Idle connections are reaped, and connections beyond the limit get 503 (api/connections).
        run_server(create_app(settings), host, port,
                   lambda text: typer.secho(text, fg=typer.colors.GREEN, err=True),
                   http=reaping_protocol(), timeout_keep_alive=settings.keep_alive_s,
                   limit_concurrency=settings.max_connections,
                   **server_options(settings.max_request_bytes))
    finally:
        if adds is not None:
            adds.close()


def _add_service(settings):  # type: ignore[no-untyped-def]
    """`lapekg add` of this data dir through this server (api/build_service.py), if enabled."""
    if settings.add_service == "off":
        return None
    import threading

    from api.build_service import AddService

    service = AddService(settings).start()
    if settings.add_service == "warm":
        threading.Thread(target=service.warm, name="add-warm", daemon=True).start()
    return service


def _check_servable(settings) -> None:  # type: ignore[no-untyped-def]
    """Refuse, before the server starts, a live build whose graph this version cannot serve."""
    from api.generations import Generations
    from api.graph_backends import LocalGraphBackend, make_graph_backend
    from ingest.errors import LapekgError

    live = Generations(settings.data).current()
    backend = make_graph_backend(settings)
    if live is None or not isinstance(backend, LocalGraphBackend):
        return
    try:
        backend.open(live).close()
    except LapekgError as exc:
        _fail(exc)


app.command("eval")(eval_)

if __name__ == "__main__":
    app()
