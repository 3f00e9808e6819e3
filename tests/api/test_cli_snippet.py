"""`lapekg ask` prints the words around each piece of evidence, the span itself marked."""

from api.answer_text import around as _around


def test_the_span_is_marked_and_centred():
    text = "alku " * 100 + "Kemissä kokeiltiin perhekeskusmallia." + " loppu" * 100
    start = text.index("Kemissä")
    end = start + len("Kemissä kokeiltiin perhekeskusmallia.")
    out = _around(text, start, end, width=120)
    assert "«Kemissä kokeiltiin perhekeskusmallia.»" in out
    assert out.startswith("…") and out.endswith("…")
    assert len(out) <= 120 + 4


def test_a_span_outside_the_text_falls_back_to_its_start():
    assert _around("lyhyt teksti", 5, 50) == "lyhyt teksti"
