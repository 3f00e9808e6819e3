"""Graph: records to RDF triples with provenance, the Oxigraph-backed store, queries and export."""
