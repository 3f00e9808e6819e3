"""Bad input through the real CLI: each file gets a clear error or a warning, the batch goes on,
the exit code and the closing summary say what failed and why, and nothing live is lost."""

from __future__ import annotations

import json
import time

import pytest
from robust_support import ENGLISH, FINNISH, SWEDISH, live_state, write_bad_batch
from typer.testing import CliRunner

from api.cli import app as cli_app
from ingest.cleaning import clean
from ingest.documents import MAX_TEXT_CHARS, load_document
from ingest.errors import DocumentTooLargeError
from ingest.passages import MAX_CHARS, split_passages
from ingest.readers import read_file


@pytest.fixture
def cli_env(live_copy, builder_for, monkeypatch):
    """The CLI pointed at a copy of the session build, its builder reusing the loaded models."""
    monkeypatch.setenv("LAPEKG_DATA", str(live_copy.data))
    monkeypatch.setenv("LAPEKG_MODEL", live_copy.model)
    monkeypatch.setattr("api.components.make_builder",
                        lambda settings, progress=True: builder_for(settings))
    return live_copy


def test_a_batch_of_bad_files_builds_the_good_ones_and_names_every_failure(cli_env, tmp_path,
                                                                           monkeypatch):
    import api.build

    batch = tmp_path / "batch"
    expected = write_bad_batch(batch)
    (batch / "katoava.txt").write_text(FINNISH, encoding="utf-8")
    real_collect = api.build.collect_files

    def collect_then_delete(inputs, notices=None):  # type: ignore[no-untyped-def]
        found = real_collect(inputs, notices)
        (batch / "katoava.txt").unlink()  # gone between collect and read
        return found

    monkeypatch.setattr(api.build, "collect_files", collect_then_delete)
    before = live_state(cli_env.data)

    result = CliRunner().invoke(cli_app, ["build", str(batch)])

    assert result.exit_code == 1, result.output
    failed = [line for line in result.stderr.splitlines() if "FAILED" in line]
    warned = [line for line in result.stderr.splitlines() if "WARNING" in line]
    for name, (outcome, phrase) in expected.items():
        if outcome == "failed":
            assert any(name in line and phrase in line for line in failed), (name, failed)
        elif phrase:
            assert any(name in line and phrase in line for line in warned), (name, warned)
    assert any("katoava.txt: file not found" in line for line in failed), failed
    added = sum(outcome == "added" for outcome, _ in expected.values())
    failures = len(expected) - added + 1
    summary = f"documents added: {added}, replaced: 0, unchanged: 0, failed: {failures}"
    assert summary in result.stdout
    assert result.stderr.rstrip().endswith(
        f"build: {failures} failed (see the FAILED lines above); the other files are in the new "
        "generation")

    after = live_state(cli_env.data)
    assert after.generation != before.generation
    assert len(after.documents) == added
    # The previous build is kept beside the new one.
    assert (cli_env.data / "generations" / before.generation / "COMPLETE").exists()


def test_languages_are_recorded_on_the_document_and_in_the_graph(cli_env, tmp_path, built):
    from graph.store import GraphStore

    batch = tmp_path / "kielet"
    batch.mkdir()
    (batch / "english.md").write_text("# Family centres\n\n" + ENGLISH * 3, encoding="utf-8")
    (batch / "svenska.txt").write_text(SWEDISH * 3, encoding="utf-8")
    assert load_document(batch / "english.md").language == "en"
    assert load_document(batch / "svenska.txt").language == "sv"

    result = CliRunner().invoke(cli_app, ["add", str(batch), "--json"])

    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert len(body["added"]) == 2 and not body["failed"]
    assert {w["message"][:26] for w in body["warnings"]} == {"detected language 'en', no",
                                                             "detected language 'sv', no"}
    gen = cli_env.data / "generations" / body["generation"]
    store = GraphStore(gen / "store", read_only=True)
    q = """PREFIX dcterms: <http://purl.org/dc/terms/>
           SELECT ?lang WHERE { ?d dcterms:language ?lang }"""
    languages = [str(r.lang) for r in store.query(q)]
    store.close()
    assert languages.count("en") == 1 and languages.count("sv") == 1
    assert languages.count("fi") == len(live_state(cli_env.data).documents) - 2


def test_a_batch_where_everything_fails_leaves_the_live_build_alone(cli_env, tmp_path):
    batch = tmp_path / "huono"
    batch.mkdir()
    (batch / "tyhja.md").write_bytes(b"")
    (batch / "roskaa.pdf").write_bytes(b"%PDF-1.4\n\x00\x01junk")
    before = live_state(cli_env.data)

    result = CliRunner().invoke(cli_app, ["build", str(batch), str(tmp_path / "puuttuu"),
                                          "--json"])

    assert result.exit_code == 1
    body = json.loads(result.stdout)
    assert body["generation"] == "" and not body["added"]
    reasons = " | ".join(f["reason"] for f in body["failed"])
    assert "file is empty" in reasons and "not a readable PDF" in reasons
    assert "puuttuu: no such file or directory" in reasons
    assert live_state(cli_env.data) == before


def test_fifty_megabytes_of_text_through_reader_cleaner_and_splitter(tmp_path):
    """The stages before spaCy on 50 MB, in seconds. (The spaCy stages would take hours on 50 MB;
    load_document refuses text over MAX_TEXT_CHARS instead, tested below.)"""
    paragraph = (FINNISH * 4 + "\n\n").encode("utf-8")
    path = tmp_path / "iso.txt"
    path.write_bytes(paragraph * (50 * 2**20 // len(paragraph) + 1))

    started = time.monotonic()
    raw, _ = read_file(path)
    text = clean(raw)
    passages = split_passages("iso", text)
    elapsed = time.monotonic() - started

    assert len(raw) > 50_000_000 and len(text) > 0.99 * len(raw)
    assert elapsed < 90, f"{elapsed:.0f} s"
    assert max(len(p.text) for p in passages) <= MAX_CHARS
    for p in passages[:: len(passages) // 50]:
        assert text[p.start:p.end] == p.text


def test_text_over_the_document_limit_is_refused_before_cleaning(tmp_path):
    path = tmp_path / "iso.txt"
    path.write_text("perhekeskus " * (MAX_TEXT_CHARS // 12 + 10), encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(DocumentTooLargeError) as info:
        load_document(path)
    assert time.monotonic() - started < 10
    assert "iso.txt" in str(info.value)
    assert "over the limit of 2,000,000" in str(info.value)
    assert "split it into smaller documents" in str(info.value)
