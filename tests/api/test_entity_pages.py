"""Every entity IRI dereferences at /id/…: HTML for people, Turtle or JSON-LD for programs."""

import html

import pytest
from rdflib import Dataset, URIRef

from api.pages import local_href

BASE = "https://w3id.org/lapekg/id/"
LAPE = "https://w3id.org/lapekg/ontology#"
HTML = {"accept": "text/html"}
# One extracted fact about a region (or a funding amount), with its evidence, read from the build
# so the tests follow whatever the extractor finds.
FACT = """
PREFIX lape: <https://w3id.org/lapekg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?st ?s ?o ?passage ?text ?start ?end WHERE {
  ?st a lape:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
      lape:sourcePassage ?passage ; lape:spanStart ?start ; lape:spanEnd ?end .
  ?passage lape:text ?text .
  ?s a ?class .
  FILTER(?class = ?wanted && ?end > ?start && isIRI(?o) = ?iri)
} ORDER BY ?st LIMIT 1
"""


def _fact(services, cls, object_is_iri=True, predicate=None):
    q = FACT.replace("?wanted", f"<{LAPE}{cls}>").replace("?iri", str(object_is_iri).lower())
    if predicate:
        q = q.replace("rdf:predicate ?p", f"rdf:predicate <{LAPE}{predicate}>")
    rows = list(services.store.ox.query(q, use_default_graph_as_union=False))
    assert rows, f"the build has no {cls} fact to show"
    r = rows[0]
    return {k: r[k].value for k in ("st", "s", "o", "passage", "text", "start", "end")}


def _path(iri):
    return "/id/" + iri[len(BASE):]


def test_a_region_page_shows_label_type_code_and_facts_with_evidence(api, services):
    fact = _fact(services, "Region")
    api.cookies.clear()
    page = api.get(_path(fact["s"]), headers=HTML).text
    code = fact["s"].rsplit("/", 1)[1]
    assert '<h1 id="entity-label">' in page
    assert "maakunta" in page                                    # type, labelled from ontology
    assert f'<dd id="entity-codes">{code}</dd>' in page
    marked = fact["text"][int(fact["start"]):int(fact["end"])]
    assert f"<mark>{html.escape(marked)}</mark>" in page           # the evidence, span marked
    assert f'href="{_path(fact["passage"])}"' in page              # link to the passage page
    assert f'href="{_path(fact["o"])}"' in page                    # link to the related entity


def test_the_english_page_uses_english_words(api):
    page = api.get("/id/region/12", params={"lang": "en"}, headers=HTML).text
    assert "Statements and their sources" in page or "Referred to by" in page
    assert '<html lang="en">' in page
    api.cookies.clear()


def test_a_funding_amount_is_shown_with_the_sentence_it_came_from(api, services):
    fact = _fact(services, "Project", object_is_iri=False, predicate="fundingAmount")
    page = api.get(_path(fact["s"]), headers=HTML).text
    assert fact["o"] in page
    assert f"<mark>{html.escape(fact['text'][int(fact['start']):int(fact['end'])])}</mark>" in page


def test_passage_and_document_pages_dereference(api, services):
    p = next(iter(services.passages))
    passage = api.get(f"/id/document/{p.doc_key}/passage/{p.index}", headers=HTML)
    assert passage.status_code == 200
    assert html.escape(p.text[:40]) in passage.text
    document = api.get(f"/id/document/{p.doc_key}", headers=HTML)
    assert html.escape(p.title) in document.text


@pytest.mark.parametrize("accept,fmt", [("text/turtle", "turtle"),
                                        ("application/ld+json", "json-ld"),
                                        ("application/n-triples", "nt")])
def test_content_negotiation_gives_the_entitys_rdf(api, services, accept, fmt):
    fact = _fact(services, "Region")
    r = api.get(_path(fact["s"]), headers={"accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(accept)
    assert "accept" in r.headers["vary"].lower()
    g = Dataset(default_union=True)  # JSON-LD keeps the named graphs
    g.parse(data=r.content, format=fmt)
    statement = URIRef(fact["st"])
    assert (URIRef(fact["s"]), None, None) in g
    assert (statement, URIRef(LAPE + "sourcePassage"), URIRef(fact["passage"])) in g


def test_format_parameter_and_browser_default(api):
    assert api.get("/id/region/12?format=ttl").headers["content-type"].startswith("text/turtle")
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    assert api.get("/id/region/12", headers={"accept": browser}).headers[
        "content-type"].startswith("text/html")


def test_unknown_iris_are_404_in_every_representation(api):
    assert api.get("/id/region/99", headers=HTML).status_code == 404
    assert api.get("/id/region/99", headers={"accept": "text/turtle"}).status_code == 404
    assert api.get("/id/nothing/../../etc/passwd", headers=HTML).status_code == 404


def test_links_follow_the_configured_base():
    assert local_href("https://example.org/kg/region/07", "https://example.org/kg/") == \
        "/id/region/07"
    assert local_href("http://www.w3.org/2004/02/skos/core#Concept",
                      "https://example.org/kg/") == "http://www.w3.org/2004/02/skos/core#Concept"
