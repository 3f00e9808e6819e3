"""The frozen held-out set is well formed: every alias and evidence string is an exact substring
of its document, labels and predicates are known, and the annotation files agree."""

from __future__ import annotations

import importlib.util
from pathlib import Path


def _check_module():
    # Loaded by path: a module called `check` on sys.path could be anyone's.
    path = Path(__file__).with_name("check.py")
    spec = importlib.util.spec_from_file_location("heldout_check", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_held_out_set_is_well_formed():
    assert _check_module().problems() == []


def test_an_alias_missing_from_its_document_is_reported(tmp_path, monkeypatch):
    check = _check_module()
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "manifest.csv").write_text(
        "file,title,region,kind,date,source\nd.txt,T,Lappi,news,2019,synthetic\n",
        encoding="utf-8")
    (docs / "d.txt").write_text("Rovaniemellä " * 260, encoding="utf-8")
    (tmp_path / "entities.jsonl").write_text(
        '{"doc": "d.txt", "type": "Municipality", "label": "Rovaniemi", '
        '"aliases": ["Rovaniemen"]}\n', encoding="utf-8")
    (tmp_path / "relations.jsonl").write_text("", encoding="utf-8")
    (tmp_path / "statuses.jsonl").write_text("", encoding="utf-8")
    monkeypatch.setattr(check, "HERE", tmp_path)
    monkeypatch.setattr(check, "DOCS", docs)
    assert check.problems() == [
        "entities: d.txt Municipality 'Rovaniemi': alias 'Rovaniemen' not in the document"]
