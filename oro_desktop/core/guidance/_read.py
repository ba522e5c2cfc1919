"""Typed reading of a parsed YAML/JSON tree that collects precise authoring errors.

Why: a guideline author should fix a file in one pass, so the loaders read every field
through this and keep going after an error. Each error comes from the shared catalogue
(`core/datafiles.py`) and names the file, the path in the document as keys and 0-based
indices ("alternatives[1].steps[0].contact.kind") and, inside an element that has an
id (a step, a party, a special rule, a concern category, a legal reference), that id.
The tree is untyped (`object`), the results are typed, with a neutral default where
the value was bad.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path

import yaml

from oro_desktop.core.datafiles import AuthoringError, authoring_error
from oro_desktop.core.guidance.errors import GuidelineError

#: A guideline or legal file larger than this is refused before it is parsed (the
#: shipped ones are about 30 kB; the shared limit for any data file is 5 MiB).
MAX_FILE_BYTES = 512 * 1024

ID_RE = re.compile(r"^[a-z][a-z0-9_-]*$")

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> object:
    """The parsed file; GuidelineError when unreadable, too large or not YAML."""
    name = path.name
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise GuidelineError(
                [authoring_error("file_too_large", name, size=size, limit=MAX_FILE_BYTES)])
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        detail = "inte UTF-8" if isinstance(exc, UnicodeDecodeError) else (
            getattr(exc, "strerror", None) or type(exc).__name__)
        raise GuidelineError([authoring_error("file_unreadable", name, detail=detail)]) from None
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise GuidelineError([authoring_error("yaml_syntax", name, detail=first)]) from None
    except RecursionError:
        raise GuidelineError(
            [authoring_error("yaml_syntax", name, detail="för djupt nästlad")]) from None


def join(path: str, key: str | int) -> str:
    """`path` extended by a key or a 0-based list index (the catalogue's path syntax)."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _last_key(path: str) -> str:
    """The last key of a path ("alternatives[1].steps" -> "steps"), for messages."""
    return re.sub(r"\[\d+\]$", "", path).rsplit(".", 1)[-1] or "filen"


class Reader:
    """Collects errors for one file while the loader walks it."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.errors: list[AuthoringError] = []
        #: path of an element with an id -> (its id, the word printed before it)
        self._owners: dict[str, tuple[str, str]] = {}

    def owner(self, value: object, path: str, element: str) -> None:
        """Errors at or under `path` name the element's id (when it has one)."""
        if isinstance(value, dict) and isinstance(value.get("id"), str) and value["id"].strip():
            self._owners[path] = (value["id"].strip(), element)

    def _owner_of(self, path: str) -> tuple[str, str]:
        best = ""
        for prefix in self._owners:
            if len(prefix) > len(best) and (
                    path == prefix or path.startswith((prefix + ".", prefix + "["))):
                best = prefix
        return self._owners[best] if best else ("", "fält")

    def error(self, code: str, path: str, **params: object) -> None:
        """Record catalogue error `code` at `path` (KeyError on an unknown code: a bug)."""
        field, element = self._owner_of(path)
        self.errors.append(authoring_error(code, self.file, field, path=path,
                                           element=element, **params))

    def mapping(
        self, value: object, path: str, *, required: Iterable[str] = (),
        optional: Iterable[str] = (),
    ) -> Mapping[str, object]:
        """`value` as a mapping; unknown and missing keys are errors."""
        if not isinstance(value, dict):
            self.error("not_a_mapping", path, what=path or "filen")
            return {}
        required = tuple(required)
        allowed = set(required) | set(optional)
        for key in value:
            if key not in allowed:
                self.error("unknown_key", join(path, str(key)), key=key)
        for key in required:
            # A missing source gets its own, more telling error from source().
            if key not in value and key != "source":
                self.error("missing_key", path, key=key)
        return {str(k): v for k, v in value.items()}

    def items(self, value: object, path: str, *, optional: bool = False) -> list[object]:
        if value is None and optional:
            return []
        if not isinstance(value, list):
            self.error("wrong_type", path, key=_last_key(path), expected="en lista")
            return []
        return list(value)

    def text(self, data: Mapping[str, object], key: str, path: str, *, required: bool = True) -> str:
        value = data.get(key)
        if value is None:
            if required and key in data:
                self.error("bad_value", join(path, key), key=key, detail="tomt")
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.error("bad_value", join(path, key), key=key, detail="ska vara text")
            return ""
        return " ".join(value.split())

    def source(self, data: Mapping[str, object], path: str) -> str:
        value = self.text(data, "source", path, required=False)
        if not value:
            self.error("missing_source", join(path, "source"))
        return value

    def integer(self, data: Mapping[str, object], key: str, path: str) -> int:
        value = data.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            if key in data:
                self.error("bad_value", join(path, key), key=key, detail="ska vara ett heltal ≥ 1")
            return 0
        return value

    def boolean(self, data: Mapping[str, object], key: str, path: str) -> bool:
        value = data.get(key, False)
        if not isinstance(value, bool):
            self.error("bad_value", join(path, key), key=key, detail="ska vara true eller false")
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

    def choice(self, data: Mapping[str, object], key: str, path: str, allowed: Iterable[str]) -> str:
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
            self.error("bad_id", join(path, key), id=value,
                       detail="får bara innehålla a-z, 0-9, _ och - och börja med en bokstav")
        return value

    def strings(self, data: Mapping[str, object], key: str, path: str) -> tuple[str, ...]:
        out: list[str] = []
        for index, item in enumerate(self.items(data.get(key), join(path, key), optional=True)):
            if not isinstance(item, str) or not item.strip():
                self.error("bad_value", join(join(path, key), index), key=key, detail="ska vara text")
                continue
            out.append(item.strip())
        return tuple(out)

    def raise_if_errors(self) -> None:
        if self.errors:
            raise GuidelineError(self.errors)
