"""Relation extraction: the entry point ingest/pipeline.py and api/components.py import. The
rules live in ingest/extract/ (one module per job), their word lists in ingest/patterns/."""

from __future__ import annotations

from ingest.extract.dates import find_dates
from ingest.extract.extractor import FactExtractor
from ingest.extract.funding import parse_eur
from ingest.extract.segment import head_positions

__all__ = ["FactExtractor", "find_dates", "head_positions", "parse_eur"]
