"""Typed reading of a parsed YAML/JSON tree that collects precise authoring errors.

Why: a guideline author should fix a file in one pass, so the loaders read every field
through this and keep going after an error; each error names the file and the field
path ("alternatives[2].steps[1].contact.kind"). The tree is untyped (`object`), the
results are typed, with a neutral default where the value was bad.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path

import yaml

from oro_desktop.core.forms.errors import AuthoringError
from oro_desktop.core.guidance.errors import GuidelineError, guidance_error

#: A data file larger than this is refused before it is parsed.
MAX_FILE_BYTES = 512 * 1024

ID_RE = re.compile(r"^[a-z][a-z0-9_-]*$")

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> object:
    """The parsed file; GuidelineError when too large or not YAML."""
    name = path.name
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise GuidelineError(
            [guidance_error("file_too_large", name, size=size, limit=MAX_FILE_BYTES)]
        )
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise GuidelineError([guidance_error("yaml_syntax", name, detail=first)]) from None


def join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key + 1}]"
    return f"{path}.{key}" if path else key


class Reader:
    """Collects errors for one file while the loader walks it."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.errors: list[AuthoringError] = []

    def error(self, code: str, field: str, **params: object) -> None:
        self.errors.append(guidance_error(code, self.file, field, **params))

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
            if key not in value:
                self.error("missing_key", path, key=key)
        return {str(k): v for k, v in value.items()}

    def items(self, value: object, path: str, *, optional: bool = False) -> list[object]:
        if value is None and optional:
            return []
        if not isinstance(value, list):
            self.error("not_a_list", path, what=path)
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
            self.error("bad_id", join(path, key), id=value)
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
