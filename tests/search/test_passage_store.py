"""The passage store reads a generation's passages lazily and writes back exactly what it read."""

from __future__ import annotations

from search.passage_store import FILE_NAME, PassageStore
from search.records import EntityRef, StoredPassage


def _passage(pid: int, doc_key: str) -> StoredPassage:
    return StoredPassage(pid, doc_key, pid, 0, 10, f"Teksti \"{pid}\" ja ääkköset", "Otsikko",
                         ("teksti", "ääkkönen"), (EntityRef("Region", "kainuu", "Kainuu"),),
                         "Kainuu", "2019")


def test_a_loaded_store_gives_the_passages_saved_and_saves_the_same_file(tmp_path):
    keys = ["kainuu", 'outo "avain"\\', "lappi"]
    store = PassageStore(_passage(i, keys[i % 3]) for i in range(9))
    store.save(tmp_path)
    loaded = PassageStore.load(tmp_path)
    assert list(loaded) == list(store) and loaded.get(4) == _passage(4, keys[1])
    assert loaded.documents() == set(keys) and loaded.next_pid() == 9
    again = tmp_path / "again"
    again.mkdir()
    PassageStore.load(tmp_path).save(again)
    assert (again / FILE_NAME).read_bytes() == (tmp_path / FILE_NAME).read_bytes()


def test_removing_a_document_of_a_loaded_store_drops_only_its_passages(tmp_path):
    PassageStore(_passage(i, ["a", "b"][i % 2]) for i in range(6)).save(tmp_path)
    loaded = PassageStore.load(tmp_path)
    assert loaded.remove_document("a") == [0, 2, 4]
    loaded.add([_passage(6, "c")])
    assert [p.pid for p in loaded] == [1, 3, 5, 6] and loaded.documents() == {"b", "c"}
