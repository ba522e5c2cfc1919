"""Typed reading of a parsed YAML tree that collects authoring errors (shared catalogue).

Why one reader: the guideline files (core/guidance/) and the barnhälsoteam guideline file
(core/barnhalsoteam/) are walked the same way: read the file under a size bound, then
read every field through a `Reader` that records an error from `core/datafiles.py` and
returns a neutral default, so an author fixes a file in one pass. Paths are keys and
0-based indices ("alternatives[1].steps[0].contact.kind"), as the catalogue says.

The base `Reader` speaks the catalogue's generic codes (a value of the wrong type is
`wrong_type`). The few places where the guideline files have always worded things their
own way are class attributes and one hook (`wrong_type`) a subclass overrides, so each
file keeps the messages its authors and tests know.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

import yaml

from oro_desktop.core.datafiles import (
    MAX_DATA_FILE_BYTES, AuthoringError, DataFileError, authoring_error,
)

ID_RE = re.compile(r"^[a-z][a-z0-9_-]*$")
#: The longest text field the base reader accepts (None in a subclass: no bound).
MAX_TEXT = 4000


def join(path: str, key: str | int) -> str:
    """`path` extended by a key or a 0-based list index (the catalogue's path syntax)."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def last_key(path: str) -> str:
    """The last key of a path ("alternatives[1].steps" -> "steps"), for messages."""
    return re.sub(r"\[\d+\]$", "", path).rsplit(".", 1)[-1] or "filen"


def read_yaml(path: Path, error_type: type[DataFileError], *,
              limit: int = MAX_DATA_FILE_BYTES, loader: Any = yaml.SafeLoader) -> object:
    """The parsed file; `error_type` when unreadable, larger than `limit` or not YAML."""
    name = path.name
    try:
        size = path.stat().st_size
        if size > limit:
            raise error_type([authoring_error("file_too_large", name, size=size, limit=limit)])
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        detail = "inte UTF-8" if isinstance(exc, UnicodeDecodeError) else (
            getattr(exc, "strerror", None) or type(exc).__name__)
        raise error_type([authoring_error("file_unreadable", name, detail=detail)]) from None
    return parse_yaml(text, name, error_type, limit=limit, loader=loader)


def parse_yaml(text: str, name: str, error_type: type[DataFileError], *,
               limit: int = MAX_DATA_FILE_BYTES, loader: Any = yaml.SafeLoader) -> object:
    """The parsed text; `error_type` when larger than `limit` or not YAML."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > limit:
        raise error_type([authoring_error("file_too_large", name, size=size, limit=limit)])
    try:
        return yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise error_type([authoring_error("yaml_syntax", name, detail=first)]) from None
    except RecursionError:
        raise error_type(
            [authoring_error("yaml_syntax", name, detail="för djupt nästlad")]) from None


class Reader:
    """Collects errors for one file while the loader walks it; returns neutral defaults."""

    #: What raise_if_errors raises (its `heading` is the message's first line).
    error_type: ClassVar[type[DataFileError]] = DataFileError
    #: Longest accepted text field; None: no bound.
    max_text: ClassVar[int | None] = MAX_TEXT
    #: The detail of a required text that is only blanks.
    blank_detail: ClassVar[str] = "tomt"
    #: The detail of an id that breaks ID_RE.
    id_detail: ClassVar[str] = "bara a-z, 0-9, _ och -, och först en bokstav"
    #: Whether the bad id itself is the error's field (else the element's, see error()).
    id_is_field: ClassVar[bool] = True
    #: Whether a missing or non-mapping part silences every error below it.
    suppress_below_dead: ClassVar[bool] = True
    #: Required keys whose absence a dedicated method reports (not `missing_key`).
    reported_elsewhere: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, file: str) -> None:
        self.file = file
        self.errors: list[AuthoringError] = []
        #: Paths already reported missing or not a mapping: that is one error, not one
        #: more for every part below them.
        self._dead: set[str] = set()

    def _below_dead(self, path: str) -> bool:
        return any(path == d or path.startswith((d + ".", d + "[")) for d in self._dead)

    def context(self, path: str) -> tuple[str, str]:
        """(field, element word) an error at `path` names when the caller gives no field."""
        return "", "fält"

    def what(self, path: str) -> str:
        """How a not_a_mapping error names the value at `path`."""
        return "värdet" if path else "filen"

    def error(self, code: str, path: str, field: str = "", **params: object) -> None:
        """Record catalogue error `code` at `path` (KeyError on an unknown code: a bug)."""
        own_field, element = self.context(path)
        self.errors.append(authoring_error(code, self.file, field or own_field, path=path,
                                           element=element, **params))

    def wrong_type(self, path: str, key: str, expected: str) -> None:
        """A value of the wrong type (`expected` as the catalogue words it: "text")."""
        self.error("wrong_type", path, key=key, expected=expected)

    def mapping(self, value: object, path: str, *, required: Iterable[str] = (),
                optional: Iterable[str] = ()) -> Mapping[str, object]:
        """`value` as a mapping; unknown and missing keys are errors."""
        if self.suppress_below_dead and self._below_dead(path):
            return {}
        if not isinstance(value, dict):
            self.error("not_a_mapping", path, what=self.what(path))
            self._dead.add(path)
            return {}
        required = tuple(required)
        allowed = set(required) | set(optional)
        for key in value:
            if key not in allowed:
                self.error("unknown_key", join(path, str(key)), key=key)
        for key in required:
            if key not in value and key not in self.reported_elsewhere:
                self.error("missing_key", path, key=key)
                self._dead.add(join(path, key))
        return {str(k): v for k, v in value.items()}

    def sequence(self, value: object, path: str, key: str, *,
                 optional: bool = True) -> list[object]:
        """`value` (found under `key`, at `path`) as a list; absent is empty when optional.

        Why no `items` here: the two loaders have always called their list readers with
        different arguments (a value and its path, or a mapping and a key), so each
        subclass keeps its own `items` over this.
        """
        if value is None and optional:
            return []
        if not isinstance(value, list):
            self.error("wrong_type", path, key=key, expected="en lista")
            return []
        return list(value)

    def text(self, data: Mapping[str, object], key: str, path: str, *,
             required: bool = True) -> str:
        """The text under `key`, whitespace collapsed; "" when absent or bad."""
        value = data.get(key)
        if value is None:
            if required and key in data:
                self.error("bad_value", join(path, key), key=key, detail="tomt")
            return ""
        if not isinstance(value, str):
            self.wrong_type(join(path, key), key, "text")
            return ""
        if not value.strip():
            if required:
                self.error("bad_value", join(path, key), key=key, detail=self.blank_detail)
            return ""
        if self.max_text is not None and len(value) > self.max_text:
            self.error("bad_value", join(path, key), key=key,
                       detail=f"högst {self.max_text} tecken")
            return ""
        return " ".join(value.split())

    def integer(self, data: Mapping[str, object], key: str, path: str) -> int:
        """The whole number 1–1000 under `key`; 0 when absent or bad."""
        value = data.get(key)
        if isinstance(value, bool) or not isinstance(value, int):
            if key in data:
                self.wrong_type(join(path, key), key, "ett heltal")
            return 0
        if not 1 <= value <= 1000:
            self.error("bad_value", join(path, key), key=key, detail="ska vara 1–1000")
            return 0
        return value

    def boolean(self, data: Mapping[str, object], key: str, path: str) -> bool:
        """true or false under `key`; False when absent or bad."""
        value = data.get(key, False)
        if not isinstance(value, bool):
            self.wrong_type(join(path, key), key, "true eller false")
            return False
        return value

    def date(self, data: Mapping[str, object], key: str, path: str) -> date | None:
        """A YAML date or an ISO date string under `key`; None when absent or bad."""
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        self.error("bad_date", join(path, key), key=key, value=value)
        return None

    def choice(self, data: Mapping[str, object], key: str, path: str,
               allowed: Iterable[str]) -> str:
        """One of `allowed` under `key`; the first when absent or bad."""
        allowed = tuple(allowed)
        value = data.get(key)
        if value not in allowed:
            if key in data:
                self.error("bad_value", join(path, key), key=key,
                           detail=f"ska vara ett av {', '.join(allowed)}")
            return allowed[0]
        return str(value)

    def ident(self, data: Mapping[str, object], key: str, path: str) -> str:
        """A required id under `key` (ID_RE)."""
        value = self.text(data, key, path)
        if value and not ID_RE.match(value):
            self.error("bad_id", join(path, key), value if self.id_is_field else "", id=value,
                       detail=self.id_detail)
        return value

    def strings(self, data: Mapping[str, object], key: str, path: str) -> tuple[str, ...]:
        """The non-blank texts of the list under `key`, stripped."""
        out: list[str] = []
        for index, item in enumerate(self.sequence(data.get(key), join(path, key), key)):
            if not isinstance(item, str) or not item.strip():
                self.wrong_type(join(join(path, key), index), key, "text")
                continue
            out.append(item.strip())
        return tuple(out)

    def raise_if_errors(self) -> None:
        """`error_type` with every collected error, if there is one."""
        if self.errors:
            raise self.error_type(self.errors)
