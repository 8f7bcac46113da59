"""Exceptions raised by dateline."""

from __future__ import annotations

from typing import Optional


class DatelineError(Exception):
    """Base class of every error dateline raises."""

    def __init__(
        self,
        message: str,
        kind: str = "error",
        id: Optional[str] = None,
        file: Optional[str] = None,
        line: Optional[int] = None,
        record: Optional[int] = None,
        byte: Optional[int] = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        #: A stable name of the error: "invalid_utf8", "bad_date", "json", ...
        self.kind = kind
        #: The record's id, when known.
        self.id = id
        #: The file the record came from, when known.
        self.file = file
        #: The 1-based line of the record (JSONL input), when known.
        self.line = line
        #: The 1-based number of the record in its input, when known.
        self.record = record
        #: The byte offset the error points at, when known.
        self.byte = byte


class InputError(DatelineError, ValueError):
    """Bad input: invalid UTF-8, an empty article, a malformed date, a record without text, ..."""


class ConfigError(DatelineError, ValueError):
    """An invalid option."""
