"""The passages search returns, kept as JSON lines beside the indexes and held in memory."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from search.records import EntityRef, StoredPassage

FILE_NAME = "passages.jsonl"


def _to_json(p: StoredPassage) -> str:
    return json.dumps({
        "pid": p.pid, "doc_key": p.doc_key, "index": p.index, "start": p.start, "end": p.end,
        "text": p.text, "title": p.title, "terms": list(p.terms),
        "entities": [[e.kind, e.key, e.label] for e in p.entities],
        "region": p.region, "year": p.year,
    }, ensure_ascii=False)


def _from_json(line: str) -> StoredPassage:
    d = json.loads(line)
    return StoredPassage(d["pid"], d["doc_key"], d["index"], d["start"], d["end"], d["text"],
                         d["title"], tuple(d["terms"]),
                         tuple(EntityRef(*e) for e in d["entities"]), d.get("region"),
                         d.get("year"))


class PassageStore:
    """Passages by integer id (the id FAISS stores), in insertion order."""

    def __init__(self, passages: Iterable[StoredPassage] = ()) -> None:
        self._by_pid: dict[int, StoredPassage] = {p.pid: p for p in passages}

    def __len__(self) -> int:
        return len(self._by_pid)

    def __iter__(self) -> Iterator[StoredPassage]:
        return iter(self._by_pid.values())

    def get(self, pid: int) -> StoredPassage:
        return self._by_pid[pid]

    def next_pid(self) -> int:
        return max(self._by_pid, default=-1) + 1

    def add(self, passages: Iterable[StoredPassage]) -> None:
        for p in passages:
            self._by_pid[p.pid] = p

    def remove_document(self, doc_key: str) -> list[int]:
        gone = [pid for pid, p in self._by_pid.items() if p.doc_key == doc_key]
        for pid in gone:
            del self._by_pid[pid]
        return gone

    def documents(self) -> set[str]:
        return {p.doc_key for p in self._by_pid.values()}

    def save(self, directory: Path) -> None:
        tmp = directory / (FILE_NAME + ".tmp")
        with tmp.open("w", encoding="utf-8") as handle:
            for p in self._by_pid.values():
                handle.write(_to_json(p) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, directory / FILE_NAME)

    @classmethod
    def load(cls, directory: Path) -> PassageStore:
        path = directory / FILE_NAME
        if not path.exists():
            return cls()
        with path.open(encoding="utf-8") as handle:
            return cls(_from_json(line) for line in handle if line.strip())
