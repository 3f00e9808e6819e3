"""Readers turn each supported format into text, and refuse bad files with a clear error."""

import pytest

from tests_support import make_pdf
from ingest.errors import EmptyDocumentError, ReadError
from ingest.readers import read_file


def test_utf8_latin1_and_utf16_text_decode_to_the_same_string(tmp_path):
    text = "Päijät-Hämeen perhekeskuspilotit ja Åland ovat tässä tekstissä."
    for name, data in [("u8.txt", text.encode("utf-8")), ("l1.txt", text.encode("latin-1")),
                       ("u16.txt", text.encode("utf-16"))]:
        (tmp_path / name).write_bytes(data)
        assert read_file(tmp_path / name)[0] == text


def test_html_keeps_blocks_and_drops_scripts_and_navigation(tmp_path):
    (tmp_path / "a.html").write_text(
        "<html><body><nav>Etusivu</nav><script>var x=1</script><h1>Otsikko</h1>"
        "<p>Kajaanissa kokeiltiin omatyöntekijämallia.</p><ul><li>yksi</li><li>kaksi</li></ul>"
        "</body></html>", encoding="utf-8")
    text, fmt = read_file(tmp_path / "a.html")
    assert fmt == "html"
    assert text == "# Otsikko\n\nKajaanissa kokeiltiin omatyöntekijämallia.\n\n- yksi\n\n- kaksi"


def test_docx_paragraphs_and_headings(tmp_path):
    import docx

    d = docx.Document()
    d.add_heading("Hankkeen tulokset", level=1)
    d.add_paragraph("Perhekeskus aloitti toimintansa.")
    d.save(tmp_path / "a.docx")
    assert read_file(tmp_path / "a.docx") == ("# Hankkeen tulokset\n\nPerhekeskus aloitti toimintansa.", "docx")


def test_pdf_text_layer_is_read(tmp_path):
    (tmp_path / "a.pdf").write_bytes(make_pdf(["Hankkeen rahoitus oli 759 952 euroa."]))
    text, fmt = read_file(tmp_path / "a.pdf")
    assert fmt == "pdf"
    assert "759 952 euroa" in text


@pytest.mark.parametrize("name,data,reason", [
    ("empty.txt", b"", "empty"),
    ("fake.pdf", b"\x00\x01binary junk" * 50, "not a readable PDF"),
    ("truncated.pdf", make_pdf(["Katkennut tiedosto"])[:200], "not a readable PDF"),
    ("binary.txt", bytes(range(256)) * 20, "binary"),
    ("notes.xyz", b"text", "unsupported file type"),
])
def test_bad_files_raise_an_error_naming_the_file_and_the_reason(tmp_path, name, data, reason):
    (tmp_path / name).write_bytes(data)
    with pytest.raises(ReadError) as info:
        read_file(tmp_path / name)
    assert name in str(info.value)
    assert reason in str(info.value)


def test_empty_file_is_an_empty_document_error(tmp_path):
    (tmp_path / "e.md").write_bytes(b"")
    with pytest.raises(EmptyDocumentError):
        read_file(tmp_path / "e.md")
