"""The saved versions of a filled form: list them, open one read-only, render it exactly
as it printed, and say field by field what changed between two.

Why a service: a filled form is never overwritten (store/repos/forms.py, migration 0004);
each save is a version, the newest is current. Plans need "what changed since the last
follow-up", an auditor "what did the consent say when it was printed". A version always
renders with the definition (id, version) it was filled with, so a 2026 print reprints
identically in 2030.

Every read is audited (record_type "filled_form", the filled form's uid): listing,
opening, diffing and rendering show what a person's form said.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from oro_desktop.core.forms import FormDefinition, FormLibrary
from oro_desktop.core.forms.diff import FieldChange, diff
from oro_desktop.errors import InvalidInput
from oro_desktop.store.errors import NotFound
from oro_desktop.store.repos import forms as repo
from oro_desktop.store.repos.forms import FormVersion

if TYPE_CHECKING:
    from oro_desktop.services.session import Session

__all__ = ["FieldChange", "FormVersionInfo", "FormVersionService", "FormVersionView"]


@dataclass(frozen=True)
class FormVersionInfo:
    """One version in a list (no data): number 1 is the first save; `current` the newest."""

    uid: str
    owner: str  # the filled form's uid
    number: int
    form_id: str
    form_version: int
    created_at: str
    created_by: str
    current: bool = False


@dataclass(frozen=True)
class FormVersionView:
    """One version opened read-only, with the definition it was filled with."""

    info: FormVersionInfo
    definition: FormDefinition
    data: dict[str, Any]


def _info(v: FormVersion, newest: int) -> FormVersionInfo:
    return FormVersionInfo(v.uid, v.filled_form_uid, v.number, v.form_id, v.form_version,
                           v.created_at, v.created_by, v.number == newest)


class FormVersionService:
    def __init__(self, session: "Session", library: FormLibrary, *, fonts_dir: Any = None) -> None:
        self._session = session
        self.library = library
        self._fonts_dir = fonts_dir

    def _uow(self) -> Any:
        return self._session.store.unit_of_work(self._session.user.name)

    def list_versions(self, owner: str) -> list[FormVersionInfo]:
        """Every version of the filled form with uid `owner`, oldest first."""
        with self._uow() as uow:
            form = repo.get_by_uid(uow.conn, owner)
            if form is None:
                raise NotFound("Blanketten finns inte.")
            found = repo.versions(uow.conn, form.id)
            uow.audit("read", "filled_form", owner, {"versions": len(found)})
        newest = max((v.number for v in found), default=0)
        return [_info(v, newest) for v in found]

    def _version(self, uow: Any, uid: str) -> tuple[FormVersion, int]:
        version = repo.get_version(uow.conn, uid)
        if version is None:
            raise NotFound("Versionen finns inte.")
        newest = len(repo.versions(uow.conn, version.filled_form_id))
        return version, newest

    def get(self, version_uid: str) -> FormVersionView:
        """One version, read-only, with exactly the definition it was filled with."""
        with self._uow() as uow:
            version, newest = self._version(uow, version_uid)
            uow.audit("read", "filled_form", version.filled_form_uid, {"version": version.number})
        definition = self.library.get(version.form_id, version.form_version)
        return FormVersionView(_info(version, newest), definition, dict(version.data))

    def diff(self, a: str, b: str) -> list[FieldChange]:
        """What changed from version `a` to version `b` (of the same filled form), with
        the Swedish labels of `b`'s definition (row by row for row fields)."""
        with self._uow() as uow:
            old, _ = self._version(uow, a)
            new, _ = self._version(uow, b)
            if old.filled_form_id != new.filled_form_id:
                raise InvalidInput("Versionerna hör till olika blanketter.")
            uow.audit("read", "filled_form", new.filled_form_uid,
                      {"diff": [old.number, new.number]})
        definition = self.library.get(new.form_id, new.form_version)
        return diff(definition, old.data, new.data)

    def pdf_job(self, version_uid: str) -> Callable[[], bytes]:
        """Read the version now (audited) and return a callable that renders it exactly as
        it printed (its own definition version); render on a worker."""
        from oro_desktop.pdf import default_fonts_dir, render_form

        view = self.get(version_uid)
        fonts = self._fonts_dir or default_fonts_dir()
        return lambda: render_form(view.definition, view.data, fonts_dir=fonts)
