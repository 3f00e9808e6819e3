"""An add writes its new generation mostly as links to the live one: the store's table files
are hard links (not compacted into new ones), so an add costs the new document, not the build.
The engine may still merge a few small tables on its own (the region summaries are rewritten at
every add), so the check is on bytes: nine tenths of the live store stay shared."""

from __future__ import annotations

import os
from pathlib import Path

FINNISH = ("Kainuun perhekeskuksessa kokeiltiin omatyöntekijämallia vuonna 2018. Hankkeessa "
           "oli mukana kahdeksan kuntaa.")


def _live(settings) -> Path:  # type: ignore[no-untyped-def]
    return settings.data / "generations" / (settings.data / "CURRENT").read_text().strip()


def test_an_add_links_the_live_stores_files_instead_of_rewriting_them(live_copy, builder_for,
                                                                       tmp_path):
    before = _live(live_copy)
    old_files = {p.name: os.stat(p).st_ino for p in (before / "store").glob("*.sst")}
    old_bytes = {p.name: p.stat().st_size for p in (before / "store").glob("*.sst")}
    doc = tmp_path / "uusi_linkit.txt"
    doc.write_text(FINNISH, encoding="utf-8")
    report = builder_for(live_copy).add([doc])
    assert report.ok and report.added == [str(doc)]
    after = _live(live_copy)
    assert after != before
    new_files = {p.name: os.stat(p).st_ino for p in (after / "store").glob("*.sst")}
    shared = [name for name, ino in new_files.items() if old_files.get(name) == ino]
    assert old_files
    assert sum(old_bytes[name] for name in shared) >= 0.9 * sum(old_bytes.values())
