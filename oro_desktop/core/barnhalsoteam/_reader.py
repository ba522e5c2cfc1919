"""Typed reading of a parsed YAML tree that collects authoring errors (shared catalogue).

Why not core/guidance/_read.py: that reader still speaks the guidance module's own
codes (not_a_list, missing_source); this one reports only the generic codes of
core/datafiles.py, so a mistake in the barnhälsoteam file reads like the same mistake in
a form or a contact file. Paths are keys and 0-based indices, as the catalogue says.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path

import yaml

from oro_desktop.core.datafiles import (
    AuthoringError, DataFileError, authoring_error, too_large,
)

ID_RE = re.compile(r"^[a-z][a-z0-9_-]*$")
MAX_TEXT = 4000


class BhtGuidelineError(DataFileError):
    """The barnhälsoteam guideline file has authoring errors (all of them in `errors`)."""

    heading = "Riktlinjefilen för barnhälsoteam innehåller fel:"


def join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def read_yaml(path: Path) -> object:
    """The parsed file; BhtGuidelineError when unreadable, too large or not YAML."""
    name = path.name
    try:
        big = too_large(name, path.stat().st_size)
        if big is not None:
            raise BhtGuidelineError([big])
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        detail = "inte UTF-8" if isinstance(exc, UnicodeDecodeError) else (
            getattr(exc, "strerror", None) or type(exc).__name__)
        raise BhtGuidelineError([authoring_error("file_unreadable", name, detail=detail)]) from None
    return parse_yaml(text, name)


def parse_yaml(text: str, name: str) -> object:
    big = too_large(name, len(text.encode("utf-8", "surrogatepass")))
    if big is not None:
        raise BhtGuidelineError([big])
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise BhtGuidelineError([authoring_error("yaml_syntax", name, detail=first)]) from None
    except RecursionError:
        raise BhtGuidelineError(
            [authoring_error("yaml_syntax", name, detail="för djupt nästlad")]) from None


class Reader:
    """Collects errors for one file while the loader walks it; returns neutral defaults."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.errors: list[AuthoringError] = []
        #: Paths already reported missing or not a mapping: that is one error, not one
        #: more for every part below them.
        self._dead: set[str] = set()

    def _below_dead(self, path: str) -> bool:
        return any(path == d or path.startswith((d + ".", d + "[")) for d in self._dead)

    def error(self, code: str, path: str, field: str = "", **params: object) -> None:
        self.errors.append(authoring_error(code, self.file, field, path=path,
                                           element="fält", **params))

    def mapping(self, value: object, path: str, *, required: Iterable[str] = (),
                optional: Iterable[str] = ()) -> Mapping[str, object]:
        if self._below_dead(path):
            return {}
        if not isinstance(value, dict):
            self.error("not_a_mapping", path, what="värdet" if path else "filen")
            self._dead.add(path)
            return {}
        required = tuple(required)
        allowed = set(required) | set(optional)
        for key in value:
            if key not in allowed:
                self.error("unknown_key", join(path, str(key)), key=key)
        for key in required:
            if key not in value:
                self.error("missing_key", path, key=key)
                self._dead.add(join(path, key))
        return {str(k): v for k, v in value.items()}

    def items(self, data: Mapping[str, object], key: str, path: str) -> list[object]:
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.error("wrong_type", join(path, key), key=key, expected="en lista")
            return []
        return list(value)

    def text(self, data: Mapping[str, object], key: str, path: str, *,
             required: bool = True) -> str:
        value = data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required and key in data:
                self.error("bad_value", join(path, key), key=key, detail="tomt")
            return ""
        if not isinstance(value, str):
            self.error("wrong_type", join(path, key), key=key, expected="text")
            return ""
        if len(value) > MAX_TEXT:
            self.error("bad_value", join(path, key), key=key,
                       detail=f"högst {MAX_TEXT} tecken")
            return ""
        return " ".join(value.split())

    def integer(self, data: Mapping[str, object], key: str, path: str) -> int:
        value = data.get(key)
        if isinstance(value, bool) or not isinstance(value, int):
            if key in data:
                self.error("wrong_type", join(path, key), key=key, expected="ett heltal")
            return 0
        if not 1 <= value <= 1000:
            self.error("bad_value", join(path, key), key=key, detail="ska vara 1–1000")
            return 0
        return value

    def boolean(self, data: Mapping[str, object], key: str, path: str) -> bool:
        value = data.get(key, False)
        if not isinstance(value, bool):
            self.error("wrong_type", join(path, key), key=key, expected="true eller false")
            return False
        return value

    def date(self, data: Mapping[str, object], key: str, path: str) -> date | None:
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
        allowed = tuple(allowed)
        value = data.get(key)
        if value not in allowed:
            if key in data:
                self.error("bad_value", join(path, key), key=key,
                           detail=f"ska vara ett av {', '.join(allowed)}")
            return allowed[0]
        return str(value)

    def ident(self, data: Mapping[str, object], key: str, path: str) -> str:
        value = self.text(data, key, path)
        if value and not ID_RE.match(value):
            self.error("bad_id", join(path, key), value, id=value,
                       detail="bara a-z, 0-9, _ och -, och först en bokstav")
        return value

    def strings(self, data: Mapping[str, object], key: str, path: str) -> tuple[str, ...]:
        out: list[str] = []
        for index, item in enumerate(self.items(data, key, path)):
            if not isinstance(item, str) or not item.strip():
                self.error("wrong_type", join(join(path, key), index), key=key, expected="text")
                continue
            out.append(item.strip())
        return tuple(out)

    def raise_if_errors(self) -> None:
        if self.errors:
            raise BhtGuidelineError(self.errors)
