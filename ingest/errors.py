"""Errors of ingest, each naming the file and what the user can do."""

from __future__ import annotations


class LapekgError(Exception):
    """Base class for errors shown to users."""

    prefix = "error"
    hint = ""

    def __str__(self) -> str:
        text = f"{self.prefix}: {super().__str__()}"
        return f"{text} ({self.hint})" if self.hint else text


class ReadError(LapekgError):
    """A corpus file could not be read into text."""

    prefix = "cannot read"

    def __init__(self, path: str, reason: str, hint: str = "") -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
        self.hint = hint


class EmptyDocumentError(ReadError):
    """A file held no usable text."""

    prefix = "no text"


class DocumentTooLargeError(ReadError):
    """A file holds more text than one document can be analysed in reasonable time."""

    prefix = "too large"
