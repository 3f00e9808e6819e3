"""Labelled sentences from hand-written frames: each frame of ingest/learned/status_frames.txt is
filled with a few method names and actors (ingest/learned/status_slots.toml) in the cases it asks
for, so one wording is seen with several methods and actors. All fillings of a frame share a CV
group: cross-validation never tests a wording it was trained on.

Slots: {M.case} the method, with the status of the frame's section; {N.case} a second method;
{X.case:status} a mention with its own status (X is M or N); {A.case} the actor; {Y} a year.
Method cases: nom, gen, part, ill, ela. Actor cases: nom, gen, loc, ill, ela.
"""

from __future__ import annotations

import random
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ingest.errors import LapekgError

DATA_DIR = Path(__file__).parent / "learned"
FRAMES = DATA_DIR / "status_frames.txt"
SLOTS = DATA_DIR / "status_slots.toml"
FILLINGS = 4  # fillings per frame
METHOD_CASES = ("nom", "gen", "part", "ill", "ela")
ACTOR_CASES = ("nom", "gen", "loc", "ill", "ela")
YEARS = ("2016", "2017", "2018", "2019", "2020")
_SLOT = re.compile(r"\{([MNA])\.([a-z]+)(?::([a-z]+))?\}|\{Y\}")


class FrameError(LapekgError):
    prefix = "status frames"
    hint = "fix the line in ingest/learned/status_frames.txt or status_slots.toml"


@dataclass(frozen=True)
class Frame:
    """One hand-written wording with its default status and its line number (its CV group)."""

    text: str
    status: str
    line: int


def read_frames(path: Path = FRAMES) -> list[Frame]:
    """Frames by section ('## status'); '#' lines are comments."""
    frames, status = [], None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("## "):
            status = line[3:].strip()
            continue
        if not line.strip() or line.startswith("#"):
            continue
        if status is None:
            raise FrameError(f"{path}:{number}: a frame before any '## status' section")
        if "{M." not in line:
            raise FrameError(f"{path}:{number}: a frame without a {{M.case}} method slot")
        frames.append(Frame(line.strip(), status, number))
    return frames


def read_slots(path: Path = SLOTS) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Method and actor forms by case."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))

    def forms(rows: list[str], cases: tuple[str, ...], what: str) -> list[dict[str, str]]:
        out = []
        for row in rows:
            parts = row.split("|")
            if len(parts) != len(cases):
                raise FrameError(f"{path}: {what} {row!r} has {len(parts)} forms, "
                                 f"expected {len(cases)} ({' | '.join(cases)})")
            out.append(dict(zip(cases, parts, strict=True)))
        return out

    return (forms(data["methods"], METHOD_CASES, "method"),
            forms(data["actors"], ACTOR_CASES, "actor"))


def fill(frame: Frame, method: dict[str, str], other: dict[str, str], actor: dict[str, str],
         year: str) -> tuple[str, tuple[tuple[int, int, str], ...]]:
    """The frame's sentence and its mentions (start, end, status)."""
    text, mentions, last = "", [], 0
    for match in _SLOT.finditer(frame.text):
        text += frame.text[last:match.start()]
        last = match.end()
        if match.group(0) == "{Y}":
            text += year
            continue
        slot, case, status = match.group(1), match.group(2), match.group(3)
        forms = actor if slot == "A" else method if slot == "M" else other
        if case not in forms:
            raise FrameError(f"line {frame.line}: unknown case {case!r} in {match.group(0)}")
        surface = forms[case]
        if slot != "A":
            mentions.append((len(text), len(text) + len(surface), status or frame.status))
        text += surface
    text += frame.text[last:]
    if text[:1].islower():  # "kunta ..." opening a sentence
        text = text[0].upper() + text[1:]
    return text, tuple(mentions)


def expand(frames: list[Frame], methods: list[dict[str, str]], actors: list[dict[str, str]],
           fillings: int = FILLINGS, seed: int = 13) -> list[tuple[str, tuple, int]]:
    """(sentence, mentions, group) for `fillings` random fillings of each frame; the same on
    every run."""
    rng = random.Random(seed)
    out = []
    for frame in frames:
        for _ in range(fillings):
            m, n = rng.sample(range(len(methods)), 2)
            text, mentions = fill(frame, methods[m], methods[n], rng.choice(actors),
                                  rng.choice(YEARS))
            out.append((text, mentions, frame.line))
    return out
