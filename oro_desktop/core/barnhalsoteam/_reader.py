"""The barnhälsoteam guideline file's reading: the shared reader, its own error heading.

Why so little here: core/datafile_reader.py reads every data file of this kind with the
catalogue's generic codes, so a mistake in the barnhälsoteam file reads like the same
mistake in a guideline, form or contact file. What is this file's own is the heading of
its error (`BhtGuidelineError`) and the way its loader asks for a list (`items` by
mapping and key).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from oro_desktop.core import datafile_reader
from oro_desktop.core.datafile_reader import ID_RE, MAX_TEXT, join
from oro_desktop.core.datafiles import DataFileError

__all__ = ["BhtGuidelineError", "ID_RE", "MAX_TEXT", "Reader", "join", "parse_yaml",
           "read_yaml"]


class BhtGuidelineError(DataFileError):
    """The barnhälsoteam guideline file has authoring errors (all of them in `errors`)."""

    heading = "Riktlinjefilen för barnhälsoteam innehåller fel:"


def read_yaml(path: Path) -> object:
    """The parsed file; BhtGuidelineError when unreadable, too large or not YAML."""
    return datafile_reader.read_yaml(path, BhtGuidelineError)


def parse_yaml(text: str, name: str) -> object:
    """The parsed text; BhtGuidelineError when too large or not YAML."""
    return datafile_reader.parse_yaml(text, name, BhtGuidelineError)


class Reader(datafile_reader.Reader):
    """The shared reader raising BhtGuidelineError."""

    error_type = BhtGuidelineError

    def items(self, data: Mapping[str, object], key: str, path: str) -> list[object]:
        """The list under `key` (absent: empty)."""
        return self.sequence(data.get(key), join(path, key), key)
