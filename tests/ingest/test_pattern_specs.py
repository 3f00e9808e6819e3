"""Every extraction pattern (ingest/patterns/*.toml) does what its examples say: each `match`
sentence yields the pattern's relation and no `no_match` sentence does (the other way round
for a pattern whose effect is to block). The sentences run through the whole real pipeline,
after a paragraph that names a regional project in Lapland (unless the pattern says
`context = false`)."""

from __future__ import annotations

import pytest

from ingest.extract.registry import load_patterns
from ingest.records import Document, DocumentMeta

PATTERNS = load_patterns()
CONTEXT = "Revontuli-hanke kehitti lapsiperheiden palveluja Lapissa.\n\n"
CASES = [pytest.param(p, text, expected, id=f"{p.name}-{'match' if m else 'no_match'}-{n}")
         for p in PATTERNS
         for m, texts in ((True, p.match), (False, p.no_match))
         for n, text in enumerate(texts)
         for expected in [m != p.blocks]]


def yielded(pipeline, text: str, predicate: str, subject: str | None) -> list[tuple]:
    doc = Document("spec", "spec.txt", text, "Spec", "txt", "0",
                   DocumentMeta(region="Lappi"))
    return [(f.subject_key, f.predicate, f.object_key, f.value)
            for f in pipeline.analyse(doc).facts
            if f.predicate == predicate and (subject is None or f.subject_key == subject)]


@pytest.mark.parametrize(("pattern", "text", "expected"), CASES)
def test_pattern_example(pipeline, pattern, text, expected):
    found = yielded(pipeline, (CONTEXT if pattern.context else "") + text, pattern.yields,
                    pattern.subject)
    what = f"{pattern.yields}" + (f" of {pattern.subject}" if pattern.subject else "")
    assert bool(found) == expected, (
        f"{pattern.source}: pattern {pattern.name!r}: {text!r} should "
        f"{'' if expected else 'not '}yield {what}; it yields {found}")
