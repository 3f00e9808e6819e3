"""Properties of cleaning and splitting that must hold for any text, checked with hypothesis."""

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ingest.cleaning import clean
from ingest.passages import MAX_CHARS, split_passages

# Pieces that exercise every cleaning rule: page numbers, breadcrumbs, navigation lines,
# related-document marks, broken words, connectives, sentence ends, odd whitespace.
_PIECES = st.sampled_from([
    "perhe", "palvelut", "Päijät", "Häme", "ja", "sekä", "tai", "lapsi", "Kajaani", "2018", "1",
    "2", "3", "12", "sivu 4", "4 / 9", "-", "- ", "-\n", ".", ". ", "! ", "? ", " ", "  ", "\t",
    "\n", "\n\n", "\n\n\n", "\r\n", "\f", "\u00a0", "\u200b", "\ufeff", "\x07", "➔", " > ", "»",
    "Lisätiedot", "Lisätietoja", "Hyppää sisältöön", "Sivun alkuun", "# ", "• ", "Å", "ö",
    "e\u0301", "Lorem ipsum dolor sit amet. ", "Hankkeessa kokeiltiin omatyöntekijämallia. ",
])
TEXTS = st.one_of(
    st.lists(_PIECES, max_size=120).map("".join),
    st.text(max_size=400),
    st.text(alphabet=st.sampled_from("ab .\n-"), max_size=3000),
)
# Long runs without a sentence end or without any space, between short sentences.
_RUNS = st.one_of(st.integers(1, 3000).map(lambda n: "x" * n),
                  st.integers(1, 700).map(lambda n: "sana " * n),
                  st.text(alphabet="abcäö ", min_size=1, max_size=2000))
LONG = st.lists(st.one_of(_PIECES, _RUNS), max_size=30).map("".join)

FAST = settings(max_examples=300, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _check_passages(text: str) -> None:
    passages = split_passages("d", text)
    covered = [False] * len(text)
    previous_end = 0
    for n, p in enumerate(passages):
        assert p.index == n
        assert text[p.start:p.end] == p.text
        assert p.text and p.text == p.text.strip()
        assert len(p.text) <= MAX_CHARS
        for h in p.headings:
            assert p.text[h.start:h.end] == h.text and h.text
        assert p.start >= previous_end, "passages overlap or are out of order"
        previous_end = p.end
        covered[p.start:p.end] = [True] * (p.end - p.start)
    lost = [c for c, seen in zip(text, covered, strict=True) if not seen and not c.isspace()]
    assert not lost, f"characters outside every passage: {''.join(lost)[:80]!r}"


@FAST
@given(TEXTS)
def test_passage_offsets_map_back_and_cover_raw_text(text):
    _check_passages(text)


@FAST
@given(LONG)
def test_long_blocks_are_cut_within_the_size_bound(text):
    _check_passages(text)


@FAST
@given(TEXTS)
def test_passages_of_cleaned_text(text):
    _check_passages(clean(text))


@FAST
@given(TEXTS)
@example("perhe-\n➔-\nperhe")  # a dropped breadcrumb line brings "perhe-" next to "perhe"
def test_cleaning_is_idempotent(text):
    once = clean(text)
    assert clean(once) == once


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(TEXTS)
def test_cleaning_with_voikko_is_idempotent(voikko, text):
    once = clean(text, voikko.is_word)
    assert clean(once, voikko.is_word) == once


@FAST
@given(TEXTS)
def test_cleaned_text_has_no_control_characters_or_blank_runs(text):
    out = clean(text)
    assert out == out.strip()
    assert "\n\n\n" not in out and "\r" not in out and "  " not in out
    assert all(c in "\n\t" or ord(c) >= 32 and not 0x7F <= ord(c) <= 0x9F for c in out)
