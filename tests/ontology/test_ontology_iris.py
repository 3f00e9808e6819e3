"""IRI minting: stable, documented IRI patterns and the slug() rules."""

import hashlib

import pytest
from rdflib import URIRef

from ontology.iris import DEFAULT_BASE, IriMinter, slug

BASE = "https://w3id.org/lapekg/id/"


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Siun sote", "siun-sote"),
        ("Siun Sote", "siun-sote"),
        ("Lupa auttaa!", "lupa-auttaa"),
        ("Päijät-Häme", "paijat-hame"),
        ("Åbo Akademi", "abo-akademi"),
        ("Pyydä apua -nappi", "pyyda-apua-nappi"),
        ("Toimiva lapsi & perhe -menetelmät", "toimiva-lapsi-perhe-menetelmat"),
        ("  --Hyvä   arki__2019--  ", "hyva-arki-2019"),
        ("Café Ölkkäri", "cafe-olkkari"),
        ("STRASSE ß", "strasse-ss"),
        ("!!!", ""),
    ],
)
def test_slug(label: str, expected: str) -> None:
    assert slug(label) == expected


def test_slug_is_idempotent() -> None:
    for label in ("Siun sote", "Lapset puheeksi", "sosiaali- ja terveysjohtaja"):
        assert slug(slug(label)) == slug(label)


def test_default_base() -> None:
    assert DEFAULT_BASE == BASE
    assert IriMinter().base == BASE


def test_base_gets_a_trailing_slash() -> None:
    assert IriMinter("http://example.org/kg").region("12") == URIRef(
        "http://example.org/kg/region/12"
    )


def test_minted_iris(minter: IriMinter) -> None:
    assert minter.region("12") == URIRef(BASE + "region/12")
    assert minter.municipality("005") == URIRef(BASE + "municipality/005")
    assert minter.organisation("siun-sote") == URIRef(BASE + "organisation/siun-sote")
    assert minter.project("p-k-lape") == URIRef(BASE + "project/p-k-lape")
    assert minter.method("perhekeskus") == URIRef(BASE + "method/perhekeskus")
    assert minter.role("muutosagentti") == URIRef(BASE + "role/muutosagentti")
    assert minter.person("anne-saarela") == URIRef(BASE + "person/anne-saarela")
    assert minter.document("000_1eb242a9d7db6626") == URIRef(BASE + "document/000_1eb242a9d7db6626")
    assert minter.passage("doc", 3) == URIRef(BASE + "document/doc/passage/3")
    assert minter.mention("doc", 3, 10, 19) == URIRef(BASE + "document/doc/passage/3/mention/10-19")
    assert minter.extractor("rules") == URIRef(BASE + "extractor/rules")
    assert minter.graph("reference") == URIRef(BASE + "graph/reference")
    assert minter.scheme("methods") == URIRef(BASE + "scheme/methods")


def test_statement_and_result_iris_are_content_hashes(minter: IriMinter) -> None:
    digest = hashlib.sha1(b"s\x1fp\x1fo").hexdigest()[:20]
    assert minter.statement("s", "p", "o") == URIRef(BASE + "statement/" + digest)
    assert minter.result("s", "p", "o") == URIRef(BASE + "result/" + digest)


def test_hashed_iris_are_stable_across_releases(minter: IriMinter) -> None:
    statement = minter.statement(
        "https://w3id.org/lapekg/id/project/p-k-lape",
        "https://w3id.org/lapekg/ontology#piloted",
        "https://w3id.org/lapekg/id/method/perhekeskus",
    )
    assert statement == URIRef(BASE + "statement/de99753278e6e6b7fa81")
    assert minter.result("p-k-lape", 14, "kohtaamispaikka") == URIRef(
        BASE + "result/0097b557db97f4dac63f"
    )


def test_hash_depends_on_part_boundaries(minter: IriMinter) -> None:
    assert minter.statement("ab", "c") != minter.statement("a", "bc")


@pytest.mark.parametrize(
    ("method", "args"),
    [
        ("region", ("1",)),
        ("region", ("012",)),
        ("municipality", ("91",)),
        ("organisation", ("Siun sote",)),
        ("organisation", ("",)),
        ("project", ("a/b",)),
        ("passage", ("doc", -1)),
        ("passage", ("doc", True)),
        ("mention", ("doc", 0, 5, -2)),
    ],
)
def test_unsafe_keys_are_rejected(minter: IriMinter, method: str, args: tuple[object, ...]) -> None:
    with pytest.raises(ValueError):
        getattr(minter, method)(*args)


def test_base_must_be_http() -> None:
    with pytest.raises(ValueError):
        IriMinter("urn:lapekg:")
