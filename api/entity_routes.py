"""/id/…: every entity IRI dereferences — HTML for browsers, Turtle or JSON-LD by negotiation."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response, StreamingResponse

from api.pages import render
from graph.export import ALIASES, FORMATS
from graph.sparql import choose_media

router = APIRouter(tags=["Entities"])

# The export registry's formats (and names), plus the HTML page.
RDF_TYPES = {media: name for name, (media, _) in FORMATS.items()}
OFFERED = ["text/html", *RDF_TYPES]
FORMAT_PARAM = {**{name: media for name, (media, _) in FORMATS.items()},
                **{alias: FORMATS[name][0] for alias, name in ALIASES.items()},
                "html": "text/html"}


@router.get("/id/{path:path}", summary="An entity: HTML page, or its RDF by content negotiation",
            responses={200: {"content": {m: {} for m in OFFERED}},
                       404: {"description": "the graph knows nothing about this IRI"},
                       406: {"description": "no offered media type is acceptable"}})
def entity(request: Request, path: str, format: str | None = None) -> Response:
    """`/id/<kind>/<key>` is `{base_iri}<kind>/<key>`; `?format=` (html or an export format:
    turtle, trig, nt, nquads, jsonld, xml, csv) overrides the Accept header."""
    from graph.describe import Describer
    from graph.export import export
    from graph.void import dataset_iri

    settings = request.app.state.settings
    iri = settings.base_iri + path
    if iri == str(dataset_iri(settings.base_iri)):
        return RedirectResponse("/.well-known/void", status_code=303)
    if format is not None and format not in FORMAT_PARAM:
        raise HTTPException(400, f"unknown format {format!r}; choose one of "
                                 f"{', '.join(FORMAT_PARAM)}")
    media = FORMAT_PARAM[format] if format else choose_media(
        request.headers.get("accept", "*/*"), OFFERED)
    if media is None:
        raise HTTPException(406, "this resource is offered as " + ", ".join(OFFERED))
    store = request.app.state.graph.store
    if media != "text/html":
        try:
            chunks = export(store, RDF_TYPES[media], entity=iri, base_iri=settings.base_iri)
        except (LookupError, ValueError) as exc:
            raise HTTPException(404, f"nothing is known about {iri}") from exc
        return StreamingResponse(chunks, media_type=media, headers={"Vary": "Accept"})
    from api.pages import lang_of

    view = Describer(store, lang_of(request)).describe(iri) if _valid(iri) else None
    if view is None:
        return render(request, "not_found.html", status_code=404, iri=iri)
    return render(request, "entity.html", view=view, labels=_predicate_labels(request))


def _valid(iri: str) -> bool:
    import pyoxigraph as ox

    try:
        ox.NamedNode(iri)
    except ValueError:
        return False
    return True


def _predicate_labels(request: Request) -> dict[str, str]:
    """Property labels from the ontology graph, in the page's language (cached per language)."""
    from api.pages import lang_of

    lang = lang_of(request)
    cache = request.app.state.predicate_labels
    if lang not in cache:
        import pyoxigraph as ox

        store = request.app.state.graph.store
        label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
        found: dict[str, str] = {}
        for q in store.quads_for_pattern(None, label, None, None):
            if isinstance(q.subject, ox.NamedNode) and getattr(q.object, "language", None) == lang:
                found[q.subject.value] = q.object.value
        cache[lang] = found
    return cache[lang]  # type: ignore[no-any-return]
