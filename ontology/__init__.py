"""LAPE-KG vocabulary, SHACL shapes, reference data and IRI minting."""
