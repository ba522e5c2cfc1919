"""The guideline and legal-reference files' Reader: the shared one plus element ids.

Why a subclass of core/datafile_reader.py: everything but two things is shared with the
barnhälsoteam file's reader. What is the guidance files' own: inside an element that has
an id (a step, a party, a special rule, a concern category, a legal reference) an error
names that id (`owner`), and a missing `source` has its own, more telling error
(`source`). The wording these files have always used (a value of the wrong type is
`bad_value` "ska vara ...", whole numbers only from 1, texts unbounded, no silencing
below a missing part) stays in the class attributes and overrides below.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import yaml

from oro_desktop.core import datafile_reader
from oro_desktop.core.datafile_reader import ID_RE, join, last_key
from oro_desktop.core.guidance.errors import GuidelineError

#: A guideline or legal file larger than this is refused before it is parsed (the
#: shipped ones are about 30 kB; the shared limit for any data file is 5 MiB).
MAX_FILE_BYTES = 512 * 1024

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

__all__ = ["ID_RE", "MAX_FILE_BYTES", "Reader", "join", "read_yaml"]


def read_yaml(path: Path) -> object:
    """The parsed file; GuidelineError when unreadable, too large or not YAML."""
    return datafile_reader.read_yaml(path, GuidelineError, limit=MAX_FILE_BYTES,
                                     loader=_Loader)


class Reader(datafile_reader.Reader):
    """Collects errors for one guideline or legal file while the loader walks it."""

    error_type = GuidelineError
    max_text = None
    blank_detail = "ska vara text"
    id_detail = "får bara innehålla a-z, 0-9, _ och - och börja med en bokstav"
    id_is_field = False
    suppress_below_dead = False
    reported_elsewhere = frozenset({"source"})

    def __init__(self, file: str) -> None:
        super().__init__(file)
        #: path of an element with an id -> (its id, the word printed before it)
        self._owners: dict[str, tuple[str, str]] = {}

    def owner(self, value: object, path: str, element: str) -> None:
        """Errors at or under `path` name the element's id (when it has one)."""
        if isinstance(value, dict) and isinstance(value.get("id"), str) and value["id"].strip():
            self._owners[path] = (value["id"].strip(), element)

    def context(self, path: str) -> tuple[str, str]:
        best = ""
        for prefix in self._owners:
            if len(prefix) > len(best) and (
                    path == prefix or path.startswith((prefix + ".", prefix + "["))):
                best = prefix
        return self._owners[best] if best else ("", "fält")

    def what(self, path: str) -> str:
        return path or "filen"

    def wrong_type(self, path: str, key: str, expected: str) -> None:
        self.error("bad_value", path, key=key, detail=f"ska vara {expected}")

    def items(self, value: object, path: str, *, optional: bool = False) -> list[object]:
        """`value` at `path` as a list; absent is an error unless `optional`."""
        return self.sequence(value, path, last_key(path), optional=optional)

    def integer(self, data: Mapping[str, object], key: str, path: str) -> int:
        """A whole number ≥ 1 under `key` (no upper bound); 0 when absent or bad."""
        value = data.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            if key in data:
                self.error("bad_value", join(path, key), key=key, detail="ska vara ett heltal ≥ 1")
            return 0
        return value

    def source(self, data: Mapping[str, object], path: str) -> str:
        """The `source` under `path`; missing_source when absent or blank."""
        value = self.text(data, "source", path, required=False)
        if not value:
            self.error("missing_source", join(path, "source"))
        return value
