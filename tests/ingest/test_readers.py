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
    assert read_file(tmp_path / "a.docx") == (
        "# Hankkeen tulokset\n\nPerhekeskus aloitti toimintansa.", "docx")


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


def _encrypted_pdf(user_password: str, owner_password: str | None = None) -> bytes:
    import io

    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=io.BytesIO(make_pdf(["Salainen perhekeskusraportti."])))
    writer.encrypt(user_password, owner_password=owner_password, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_password_protected_pdf_is_refused_with_a_hint(tmp_path):
    (tmp_path / "locked.pdf").write_bytes(_encrypted_pdf("salasana"))
    with pytest.raises(ReadError) as info:
        read_file(tmp_path / "locked.pdf")
    assert "password-protected PDF" in str(info.value)
    assert "remove the password" in str(info.value)


def test_pdf_with_only_an_owner_password_is_read(tmp_path):
    (tmp_path / "owner.pdf").write_bytes(_encrypted_pdf("", owner_password="omistaja"))
    assert "perhekeskusraportti" in read_file(tmp_path / "owner.pdf")[0]


@pytest.mark.parametrize("cut", [0.1, 0.3, 0.5, 0.7, 0.9, 0.97])
def test_pdf_truncated_anywhere_is_an_error_or_its_text(tmp_path, cut):
    data = make_pdf(["Katkennut tiedosto perhekeskuksesta."])
    (tmp_path / "cut.pdf").write_bytes(data[: int(len(data) * cut)])
    try:
        text, _ = read_file(tmp_path / "cut.pdf")
    except ReadError as exc:
        assert "cut.pdf" in str(exc)
    else:
        assert "Katkennut" in text


def test_utf16_without_a_byte_order_mark(tmp_path):
    text = "Kajaanin perhekeskus avattiin vuonna 2018, ja siellä kokeiltiin omatyöntekijää."
    for encoding in ("utf-16-le", "utf-16-be"):
        (tmp_path / "a.txt").write_bytes(text.encode(encoding))
        assert read_file(tmp_path / "a.txt")[0] == text


def test_deeply_nested_html_is_read_as_plain_text_quickly(tmp_path, caplog):
    import time

    depth = 100_000
    (tmp_path / "deep.html").write_text(
        "<html><body>" + "<div>" * depth + "<h2>Otsikko</h2><p>Syvällä oleva kappale.</p>"
        + "</div>" * depth + "</body></html>", encoding="utf-8")
    started = time.monotonic()
    text, fmt = read_file(tmp_path / "deep.html")
    assert time.monotonic() - started < 5
    assert fmt == "html"
    assert "# Otsikko" in text and "Syvällä oleva kappale." in text
    assert "nested over" in caplog.text


def test_moderately_nested_html_keeps_its_structure(tmp_path):
    (tmp_path / "a.html").write_text("<body>" + "<div>" * 200 + "<h1>Otsikko</h1><p>Teksti.</p>"
                                     + "</div>" * 200, encoding="utf-8")
    assert read_file(tmp_path / "a.html")[0] == "# Otsikko\n\nTeksti."


def test_a_file_that_vanished_is_an_error_naming_it(tmp_path):
    with pytest.raises(ReadError, match="gone.txt: file not found"):
        read_file(tmp_path / "gone.txt")


def test_a_fifo_is_refused_instead_of_blocking(tmp_path):
    import os

    os.mkfifo(tmp_path / "pipe.txt")
    with pytest.raises(ReadError, match="not a regular file"):
        read_file(tmp_path / "pipe.txt")


def test_junk_named_docx_is_an_error(tmp_path):
    (tmp_path / "a.docx").write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ReadError, match="not a readable .docx"):
        read_file(tmp_path / "a.docx")
