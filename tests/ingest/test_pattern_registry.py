"""The pattern registry refuses a bad pattern file with an error naming the file and the
pattern, and picks a status model by name."""

from __future__ import annotations

import pytest

from ingest.extract.registry import PatternError, load_lexicon, load_patterns
from ingest.extract.status import UnknownStatusModelError, make_status_model

GOOD = '''
[[pattern]]
name = "status-piloted"
fills = "status_cues.piloted"
yields = "piloted"
description = "A trial."
lemmas = ["kokeilla"]
match = ["Kemissä kokeiltiin perhekeskusmallia."]
no_match = ["Kemissä esiteltiin perhekeskusmallia."]
'''


def write(tmp_path, text: str):
    (tmp_path / "a.toml").write_text(text, encoding="utf-8")
    return tmp_path


def test_a_good_pattern_fills_its_lexicon_field(tmp_path):
    assert load_lexicon(write(tmp_path, GOOD)).status_cues == {"piloted": ("kokeilla",)}


@pytest.mark.parametrize(("change", "reason"), [
    (('fills = "status_cues.piloted"', 'fills = "status_cues.tested"'), "status_cues takes one of"),
    (('fills = "status_cues.piloted"', 'fills = "cue_words"'), "a Lexicon field is one of"),
    (('no_match = ["Kemissä esiteltiin perhekeskusmallia."]', 'no_match = []'), "'no_match'"),
    (('lemmas = ["kokeilla"]', 'lemmas = ["Kokeilla"]'), "lower-case"),
    (('yields = "piloted"', 'yield = "piloted"'), "unknown keys"),
])
def test_a_bad_pattern_is_refused_naming_file_and_pattern(tmp_path, change, reason):
    with pytest.raises(PatternError) as error:
        load_patterns(write(tmp_path, GOOD.replace(*change)))
    assert "a.toml" in str(error.value) and "'status-piloted'" in str(error.value)
    assert reason in str(error.value)


def test_two_patterns_of_one_name_are_refused(tmp_path):
    (tmp_path / "b.toml").write_text(GOOD, encoding="utf-8")
    with pytest.raises(PatternError, match="the name is taken"):
        load_patterns(write(tmp_path, GOOD))


def test_every_shipped_pattern_loads():
    names = [p.name for p in load_patterns()]
    assert len(names) == len(set(names)) and "status-implemented" in names


def test_an_unknown_status_model_names_the_known_ones():
    with pytest.raises(UnknownStatusModelError, match="rules"):
        make_status_model("oracle")
