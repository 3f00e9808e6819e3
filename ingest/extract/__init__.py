"""Relation extraction by rules over lemmas, linked mentions and sentence context, in modules
with one job each; the rules' word lists are data (ingest/patterns/, read by registry.py)."""
