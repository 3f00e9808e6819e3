"""Every response carries security headers; pages get a strict CSP; CORS only where configured."""

import pytest
from api_helpers import app_client

EXPECTED = {"x-content-type-options": "nosniff", "x-frame-options": "DENY",
            "referrer-policy": "strict-origin-when-cross-origin"}


@pytest.mark.parametrize("path", ["/", "/sparql?query=ASK%7B%7D", "/api/search?q=perhekeskus",
                                  "/id/region/07", "/id/region/99", "/static/app.css",
                                  "/api/export?format=nope"])
def test_security_headers_on_pages_api_and_errors(api, path):
    r = api.get(path)
    for name, value in EXPECTED.items():
        assert r.headers[name] == value, (path, name)
    csp = r.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp


def test_pages_use_no_inline_script_or_style(api):
    for path in ("/", "/sparql", "/id/region/12"):
        html = api.get(path, headers={"accept": "text/html"}).text
        assert "<script>" not in html and " style=" not in html and "<style" not in html
        assert "onclick=" not in html


def test_cors_is_off_unless_origins_are_configured(api, built, services):
    origin = {"origin": "https://planner.example"}
    assert "access-control-allow-origin" not in api.get("/api/search?q=a", headers=origin).headers
    with app_client(built, services, cors_origins=["https://planner.example"]) as client:
        r = client.get("/api/search?q=a", headers=origin)
        assert r.headers["access-control-allow-origin"] == "https://planner.example"
        other = client.get("/api/search?q=a", headers={"origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers
