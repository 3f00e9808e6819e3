"""Rendering our HTML pages: Jinja templates with the request's language and local IRI links."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse

from api.i18n import messages, pick_lang

TEMPLATES = Path(__file__).parent / "templates"


@lru_cache(maxsize=1)
def _environment():  # type: ignore[no-untyped-def]
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    return Environment(loader=FileSystemLoader(str(TEMPLATES)),
                       autoescape=select_autoescape(["html"]), trim_blocks=True,
                       lstrip_blocks=True)


def local_href(iri: str, base_iri: str) -> str:
    """Our entity IRIs link to their page on this server; other IRIs stay as they are."""
    if iri.startswith(base_iri):
        return "/id/" + quote(iri[len(base_iri):], safe="/-._~")
    return iri


def short(iri: str) -> str:
    """A readable tail of an IRI (after # or the last /)."""
    return iri.rsplit("#", 1)[-1] if "#" in iri else iri.rstrip("/").rsplit("/", 1)[-1]


def lang_of(request: Request) -> str:
    return pick_lang(request.query_params.get("lang"), request.cookies.get("lang"))


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    lang = lang_of(request)
    base = request.app.state.settings.base_iri
    env = _environment()
    html = env.get_template(name).render(
        request=request, lang=lang, t=messages(lang), base_iri=base,
        href=lambda iri: local_href(iri, base), short=short, path=request.url.path,
        query_string=request.url.query, **context)
    response = HTMLResponse(html, status_code=status_code, headers={"Vary": "Accept, Cookie"})
    if request.query_params.get("lang") == lang:
        # The English switch is remembered, so links between pages keep the language.
        response.set_cookie("lang", lang, max_age=365 * 86400, samesite="lax", httponly=True)
    return response
