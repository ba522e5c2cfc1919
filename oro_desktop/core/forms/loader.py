"""Find and load form definitions from a directory, keyed by (id, version).

Why lazy: the app starts with a library of many forms but shows one at a time. Creating a
FormLibrary only lists file names (`<id>.v<version>.yaml`), which is enough to answer
"which forms and versions exist"; a file is parsed and checked the first time it is asked
for, then cached. Old versions stay in the directory forever, so a consent filled with v1
in 2026 is still printed with v1 in 2030.
"""

from __future__ import annotations

import re
from pathlib import Path

from oro_desktop.core.datafiles import too_large
from oro_desktop.core.forms.errors import (
    FormDefinitionError,
    FormNotFound,
    authoring_error,
)
from oro_desktop.core.forms.model import FormDefinition
from oro_desktop.core.forms.schema import build_definition

_FILE_RE = re.compile(r"^(?P<id>[a-z][a-z0-9_-]*)\.v(?P<version>[1-9][0-9]*)\.ya?ml$")



def _read(path: Path) -> str:
    """The file's text, or FormDefinitionError (unreadable, too large, not UTF-8)."""
    name = path.name
    try:
        big = too_large(name, path.stat().st_size)
        if big is not None:
            raise FormDefinitionError([big])
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        detail = "inte UTF-8"
    except OSError as exc:
        detail = exc.strerror or exc.__class__.__name__
    raise FormDefinitionError([authoring_error("file_unreadable", name, detail=detail)])


def load_definition(path: Path) -> FormDefinition:
    """Parse and check one definition file. Raises FormDefinitionError with every error."""
    import yaml  # not at import: start-up time (the window shows no form file)

    name = path.name
    text = _read(path)
    try:
        # The C loader when PyYAML was built with libyaml: start-up parses many files.
        raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise FormDefinitionError(
            [authoring_error("yaml_syntax", name, detail=str(exc).splitlines()[0])]
        ) from None
    except RecursionError:
        raise FormDefinitionError(
            [authoring_error("yaml_syntax", name, detail="för djupt nästlad")]
        ) from None
    definition, errors = build_definition(raw, name)
    if definition is not None:
        expected = f"{definition.id}.v{definition.version}.yaml"
        match = _FILE_RE.match(name)
        if not match or (match["id"], int(match["version"])) != definition.key:
            errors = [authoring_error("file_name_mismatch", name, expected=expected)]
    if errors:
        raise FormDefinitionError(errors)
    assert definition is not None
    return definition


class FormLibrary:
    """All definitions in one directory. Cheap to create; files are parsed on demand."""

    def __init__(self, forms_dir: Path) -> None:
        self.forms_dir = Path(forms_dir)
        self._paths: dict[tuple[str, int], Path] = {}
        self._cache: dict[tuple[str, int], FormDefinition] = {}
        if self.forms_dir.is_dir():
            for path in sorted(self.forms_dir.iterdir()):
                match = _FILE_RE.match(path.name)
                if match and path.is_file():
                    self._paths[(match["id"], int(match["version"]))] = path

    def keys(self) -> list[tuple[str, int]]:
        """Every (id, version) present, sorted."""
        return sorted(self._paths)

    def form_ids(self) -> list[str]:
        return sorted({form_id for form_id, _ in self._paths})

    def versions(self, form_id: str) -> list[int]:
        return sorted(v for i, v in self._paths if i == form_id)

    def get(self, form_id: str, version: int | None = None) -> FormDefinition:
        """The definition (latest version when version is None); FormNotFound if absent."""
        if version is None:
            versions = self.versions(form_id)
            if not versions:
                raise FormNotFound(f"Formuläret ”{form_id}” finns inte i {self.forms_dir}.")
            version = versions[-1]
        key = (form_id, int(version))
        if key not in self._cache:
            path = self._paths.get(key)
            if path is None:
                raise FormNotFound(f"Formuläret ”{form_id}” version {version} finns inte.")
            self._cache[key] = load_definition(path)
        return self._cache[key]

    def load_all(self) -> list[FormDefinition]:
        """Parse every file (for checks and listings); raises on the first bad file."""
        return [self.get(i, v) for i, v in self.keys()]


def stray_files(forms_dir: Path) -> list[Path]:
    """YAML files in forms_dir whose names do not follow <id>.v<version>.yaml."""
    return sorted(
        p for p in Path(forms_dir).glob("*.y*ml") if p.is_file() and not _FILE_RE.match(p.name)
    )
