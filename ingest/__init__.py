"""Ingest: corpus files to cleaned documents, passages, analysed tokens, linked mentions and
facts."""
