"""search/data_files.read_json: a data file that cannot be read is named, with what it holds."""

import pytest

from search.data_files import read_json


def test_a_data_file_is_read_whole_or_by_its_key(tmp_path):
    path = tmp_path / "words.json"
    path.write_text('{"fi": ["he", "se"]}', encoding="utf-8")
    assert read_json(path, "words") == {"fi": ["he", "se"]}
    assert read_json(path, "words", "fi") == ["he", "se"]


@pytest.mark.parametrize("text,key", [(None, None), ("{not json", None), ('{"sv": []}', "fi")],
                         ids=["missing", "broken", "without its key"])
def test_an_unreadable_data_file_names_the_file_and_what_it_holds(tmp_path, text, key):
    path = tmp_path / "words.json"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=r"words\.json: cannot read the function words .*git"):
        read_json(path, "function words", key)


def test_a_file_a_program_makes_is_made_again_rather_than_restored(tmp_path):
    from search.topic_relevance import RelevanceModel

    with pytest.raises(ValueError, match=r"model\.json: cannot read the topic relevance model "
                                         r".*; retrain it with `python -m search\.topic_relevance"):
        RelevanceModel.load(tmp_path / "model.json")
