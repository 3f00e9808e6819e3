"""The passages search returns, kept as JSON lines beside the indexes and held in memory."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from search.records import EntityRef, StoredPassage

FILE_NAME = "passages.jsonl"
# The start of every line _to_json writes: the passage id and its document's key (a JSON string).
_HEAD = re.compile(r'\{"pid": (\d+), "doc_key": ("(?:[^"\\]|\\.)*")')


def _to_json(p: StoredPassage) -> str:
    record = {
        "pid": p.pid, "doc_key": p.doc_key, "index": p.index, "start": p.start, "end": p.end,
        "text": p.text, "title": p.title, "terms": list(p.terms),
        "entities": [[e.kind, e.key, e.label] for e in p.entities],
        "region": p.region, "year": p.year,
    }
    if p.related:
        record["related"] = True
    return json.dumps(record, ensure_ascii=False)


def _from_json(line: str) -> StoredPassage:
    d = json.loads(line)
    return StoredPassage(d["pid"], d["doc_key"], d["index"], d["start"], d["end"], d["text"],
                         d["title"], tuple(d["terms"]),
                         tuple(EntityRef(*e) for e in d["entities"]), d.get("region"),
                         d.get("year"), d.get("related", False))


class PassageStore:
    """Passages by integer id (the id FAISS stores), in insertion order.

    A loaded store keeps each passage as its line of the file and parses it when it is first
    asked for: an `add` to a large build reads and writes every passage (46 MB at 100x, a CPU
    second to parse and another to write again) but looks at few of them."""

    def __init__(self, passages: Iterable[StoredPassage] = ()) -> None:
        self._by_pid: dict[int, StoredPassage | str] = {}
        self._doc: dict[int, str] = {}
        self.add(passages)

    def __len__(self) -> int:
        return len(self._by_pid)

    def __iter__(self) -> Iterator[StoredPassage]:
        return (self.get(pid) for pid in list(self._by_pid))

    def get(self, pid: int) -> StoredPassage:
        item = self._by_pid[pid]
        if isinstance(item, str):
            item = self._by_pid[pid] = _from_json(item)
        return item

    def next_pid(self) -> int:
        return max(self._by_pid, default=-1) + 1

    def add(self, passages: Iterable[StoredPassage]) -> None:
        for p in passages:
            self._by_pid[p.pid] = p
            self._doc[p.pid] = p.doc_key

    def remove_document(self, doc_key: str) -> list[int]:
        gone = [pid for pid, key in self._doc.items() if key == doc_key]
        for pid in gone:
            del self._by_pid[pid]
            del self._doc[pid]
        return gone

    def documents(self) -> set[str]:
        return set(self._doc.values())

    def save(self, directory: Path) -> None:
        tmp = directory / (FILE_NAME + ".tmp")
        with tmp.open("w", encoding="utf-8") as handle:
            for item in self._by_pid.values():
                handle.write((item if isinstance(item, str) else _to_json(item)) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, directory / FILE_NAME)

    @classmethod
    def load(cls, directory: Path) -> PassageStore:
        store = cls()
        path = directory / FILE_NAME
        if not path.exists():
            return store
        keys: dict[str, str] = {}  # a document's key as written -> the key
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                line = line.rstrip("\n")
                head = _HEAD.match(line)
                if head is None:  # not as _to_json writes it: parse it now
                    if line.strip():
                        store.add([_from_json(line)])
                    continue
                pid, key = int(head.group(1)), head.group(2)
                if key not in keys:
                    keys[key] = json.loads(key)
                store._by_pid[pid] = line
                store._doc[pid] = keys[key]
        return store
