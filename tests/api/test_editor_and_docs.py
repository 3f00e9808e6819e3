"""The SPARQL editor and the API docs are served from this server: they work offline."""

import re

from api.i18n import MESSAGES
from api.vendor import ASSETS


def _local_assets(html: str) -> list[str]:
    return re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', html)


def test_the_api_docs_load_swagger_ui_and_redoc_from_this_server(api):
    for path in ("/docs", "/redoc"):
        html = api.get(path).text
        assets = _local_assets(html)
        assert assets, path
        assert "cdn." not in html and "fonts.googleapis" not in html
        for url in assets:
            assert url.startswith("/static/vendor/"), url
            assert api.get(url).status_code == 200, url


def test_the_sparql_page_loads_yasgui_locally_and_keeps_a_plain_form(api):
    html = api.get("/sparql", headers={"Accept": "text/html"}).text
    assert "/static/vendor/yasgui/yasgui.min.js" in html
    assert api.get("/static/vendor/yasgui/yasgui.min.js").status_code == 200
    assert 'id="sparql-form"' in html and 'id="query"' in html


def test_the_sparql_page_allows_only_the_editors_own_style_element(api):
    from api.vendor import EDITOR_STYLE_HASHES

    editor = api.get("/sparql", headers={"Accept": "text/html"}).headers
    page = api.get("/").headers
    assert f"style-src 'self' '{EDITOR_STYLE_HASHES[0]}'" in editor["content-security-policy"]
    assert "script-src 'self';" in editor["content-security-policy"]
    assert "unsafe-inline" not in editor["content-security-policy"]
    assert EDITOR_STYLE_HASHES[0] not in page["content-security-policy"]


def test_the_editor_completes_the_ontologys_prefixes_classes_and_properties(api):
    config = api.get("/api/sparql-editor").json()
    assert config["prefixes"]["lape"] == "https://w3id.org/lapekg/ontology#"
    assert config["prefixes"]["id"] == "https://w3id.org/lapekg/id/"
    assert "https://w3id.org/lapekg/ontology#Region" in config["classes"]
    assert "https://w3id.org/lapekg/ontology#piloted" in config["properties"]


def test_every_vendored_asset_is_pinned_to_an_exact_version():
    for asset in ASSETS:
        assert re.fullmatch(r"\d+\.\d+\.\d+", asset.version), asset
        assert asset.installed(), f"{asset.name} missing: run `python -m api.vendor`"


def test_no_page_message_is_shadowed_by_a_dict_method():
    """Jinja's t.clear found dict.clear before the 'clear' key: the facet button read
    '<built-in method clear of dict object …>'."""
    for lang, words in MESSAGES.items():
        shadowed = [k for k in words if hasattr(dict, k)]
        assert shadowed == [], (lang, shadowed)
