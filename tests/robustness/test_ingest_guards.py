"""Ingest guards: no symlink out of the batch folder, no decompression bomb, no silent key
collision; each refusal names the file and the reason, and the batch goes on."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from robust_support import FINNISH, live_state

from api.build import collect_files
from ingest.errors import ReadError
from ingest.readers import ZipLimits, check_archive, read_file


def _docx(path: Path, padding: int = 0) -> Path:
    """A real .docx, with `padding` bytes of zeros in an extra member (a bomb when large)."""
    import docx

    document = docx.Document()
    document.add_paragraph("Perhekeskus aloitti toimintansa Kainuussa vuonna 2018.")
    raw = io.BytesIO()
    document.save(raw)
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            out.writestr(item, src.read(item.filename))
        if padding:
            out.writestr("word/media/padding.bin", b"\0" * padding)
    return path


def test_a_symlink_out_of_the_batch_folder_is_skipped_with_a_warning(tmp_path):
    outside = tmp_path / "muualla.txt"
    outside.write_text(FINNISH, encoding="utf-8")
    batch = tmp_path / "batch"
    (batch / "sisalla").mkdir(parents=True)
    (batch / "oma.txt").write_text(FINNISH, encoding="utf-8")
    (batch / "ulos.txt").symlink_to(outside)
    (batch / "sisalla" / "linkki.txt").symlink_to(batch / "oma.txt")  # inside: fine
    (batch / "kansio").symlink_to(tmp_path, target_is_directory=True)  # a folder link out

    notices: list = []
    items, failures = collect_files([batch], notices)

    names = sorted(str(p.relative_to(batch)) for p, _ in items)
    assert names == ["oma.txt", "sisalla/linkki.txt"] and not failures
    messages = {n.path: n.message for n in notices}
    assert messages[str(batch / "ulos.txt")] == (
        f"a symlink to {outside}, outside the folder {batch}; skipped (copy the file into "
        "the folder to build it)")
    assert messages[str(batch / "kansio")] == (
        f"a symlink to {tmp_path}, outside the folder {batch}; skipped (copy its files into "
        "the folder to build them)")


def test_a_docx_declaring_too_many_bytes_or_too_high_a_ratio_is_refused_unparsed(tmp_path):
    limits = ZipLimits(max_bytes=50 * 2**20, max_ratio=100, max_entries=1000)
    fine = _docx(tmp_path / "hyva.docx")
    check_archive(fine, limits)
    assert "Perhekeskus aloitti" in read_file(fine)[0]

    bomb = _docx(tmp_path / "pommi.docx", padding=60 * 2**20)
    assert bomb.stat().st_size < 200_000
    with pytest.raises(ReadError) as big:
        check_archive(bomb, limits)
    assert str(big.value).startswith(f"cannot read: {bomb}: the archive expands to 60 MB, "
                                     "over the limit of 50 MB")

    dense = _docx(tmp_path / "tiivis.docx", padding=5 * 2**20)
    with pytest.raises(ReadError, match=r"tiivis.docx: the archive expands [\d,]+ times"):
        check_archive(dense, limits)

    many = tmp_path / "monta.docx"
    with zipfile.ZipFile(many, "w") as out:
        for n in range(1001):
            out.writestr(f"x/{n}", b"")
    with pytest.raises(ReadError, match="1,001 members, over the limit of 1,000"):
        check_archive(many, limits)


@pytest.mark.slow
def test_the_batch_goes_on_past_links_out_bombs_and_key_collisions(live_copy, builder_for,
                                                                   tmp_path):
    builder = builder_for(live_copy)
    outside = tmp_path / "salainen.txt"
    outside.write_text("Salainen tiedosto, joka ei kuulu aineistoon. " * 5, encoding="utf-8")
    batch = tmp_path / "batch"
    (batch / "alikansio").mkdir(parents=True)
    (batch / "ulos.txt").symlink_to(outside)
    _docx(batch / "pommi.docx", padding=60 * 2**20)
    (batch / "REPORT-A.txt").write_text("Raportti A: " + FINNISH * 3, encoding="utf-8")
    (batch / "alikansio" / "report_a.txt").write_text("Toinen raportti: " + FINNISH * 2,
                                                      encoding="utf-8")
    before = live_state(live_copy.data)

    report = builder.add([batch])

    assert report.added == [str(batch / "REPORT-A.txt")]
    reasons = {f.path: f.reason for f in report.failed}
    assert reasons[str(batch / "pommi.docx")].startswith(
        f"cannot read: {batch / 'pommi.docx'}: the archive expands to 60 MB")
    assert reasons[str(batch / "alikansio" / "report_a.txt")] == (
        f"{batch / 'alikansio' / 'report_a.txt'}: same document key 'report-a' as "
        f"{batch / 'REPORT-A.txt'}; rename one of them")
    assert [w.path for w in report.warnings] == [str(batch / "ulos.txt")]
    after = live_state(live_copy.data)
    assert after.documents == before.documents | {"report-a"}

    # Across adds: another name with the same key is refused, naming both files ...
    other = tmp_path / "muualta"
    other.mkdir()
    (other / "report_a.txt").write_text("Kolmas raportti: " + FINNISH * 2, encoding="utf-8")
    refused = builder.add([other / "report_a.txt"])
    assert [f.reason for f in refused.failed] == [
        f"{other / 'report_a.txt'}: its document key 'report-a' is already the key of "
        f"{batch / 'REPORT-A.txt'}, a file of another name; rename the new file, or name it "
        "REPORT-A.txt to replace that document"]
    assert refused.generation == "" and live_state(live_copy.data) == after

    # ... while the same name from anywhere replaces the document, as before.
    (other / "REPORT-A.txt").write_text("Korjattu raportti A: " + FINNISH * 3, encoding="utf-8")
    replaced = builder.add([other / "REPORT-A.txt"])
    assert replaced.replaced == [str(other / "REPORT-A.txt")] and replaced.ok
