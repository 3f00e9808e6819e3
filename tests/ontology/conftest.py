"""Shared fixtures for the ontology tests: the vocabulary, the reference data and a minter."""

import pytest
from rdflib import Graph

from ontology.iris import IriMinter
from ontology.reference import ONTOLOGY_DIR, ReferenceData, load_reference


@pytest.fixture(scope="session")
def vocabulary() -> Graph:
    return Graph().parse(ONTOLOGY_DIR / "lapekg.ttl", format="turtle")


@pytest.fixture(scope="session")
def reference() -> ReferenceData:
    return load_reference()


@pytest.fixture(scope="session")
def minter() -> IriMinter:
    return IriMinter()
