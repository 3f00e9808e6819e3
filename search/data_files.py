"""Reading the data files under search/data: one error for a file that is missing or broken."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def read_json(path: Path, what: str, key: str | None = None,
              remedy: str = "restore the file from git") -> Any:
    """The JSON in `path` (its `key` when given); a ValueError naming the file, the `what` it
    holds and the reason when it cannot be read, with what to do next (`remedy`: a file made by
    a program is made again)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return data if key is None else data[key]
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise ValueError(f"{path}: cannot read the {what} ({e}); {remedy}") from e
