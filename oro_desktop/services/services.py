"""The service graph: every service of one session, built once, handed to the GUI.

Why one graph: a section used to build its own service (its own form library, its own
contact directory, paths reached as globals from deep inside); two sections then held
two copies of the same state and nothing could be injected in a test. Now the session
owns one `Services` (``session.services``); the main window passes it to every section
factory, and the paths the services need (forms, fonts, the shipped contact directory)
come in through `ServicePaths`, resolved once at the entry point.

Each service is built on first use (``cached_property``) and then kept: opening the
window does not pay for a directory that is never opened, and every later use gets the
same object.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from oro_desktop.services.changes import ChangeBus

if TYPE_CHECKING:
    from oro_desktop.services.audit_view import AuditRow
    from oro_desktop.services.cases import CaseService
    from oro_desktop.services.disclosures import DisclosureService
    from oro_desktop.services.barnhalsoteam import BhtService
    from oro_desktop.services.consents import ConsentService
    from oro_desktop.services.contacts import ContactService
    from oro_desktop.services.drafts import DraftService
    from oro_desktop.services.guidance import GuidanceService
    from oro_desktop.services.persons import PersonService
    from oro_desktop.services.plans import PlanService
    from oro_desktop.services.session import Session, UserInfo
    from oro_desktop.services.users import UserRow
    from oro_desktop.store.kdf import KdfParams as KdfParams  # re-exported for gui typing


@dataclass(frozen=True)
class ServicePaths:
    """Where the shipped data lives; resolved once by the entry point, then passed in."""

    forms_dir: Path
    fonts_dir: Path
    contacts_dir: Path

    @classmethod
    def default(cls) -> ServicePaths:
        """This installation's paths (ORO_FORMS_DIR / ORO_RESOURCES_DIR honoured)."""
        from oro_desktop.paths import forms_dir, resources_dir

        resources = resources_dir()
        return cls(forms_dir(), resources / "fonts", resources / "contacts")


class AuditLogReader:
    """The audit log slice the Granskningslogg shows (admins only; see audit_view)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def recent(self, *, user: str | None = None, limit: int | None = None) -> list[AuditRow]:
        from oro_desktop.services import audit_view

        if limit is None:
            return audit_view.recent_entries(self._session, user=user)
        return audit_view.recent_entries(self._session, user=user, limit=limit)

    def actors(self) -> list[str]:
        from oro_desktop.services import audit_view

        return audit_view.actors(self._session)


class UserAdmin:
    """User administration of the signed-in session (services/users.py)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def list(self) -> list[UserRow]:
        from oro_desktop.services.users import list_users

        return list_users(self._session)


class Services:
    """Every service of one session; see the module docstring.

    `today` is injectable (tests use a fixed date); it reaches the consent service.
    """

    def __init__(self, session: Session, paths: ServicePaths | None = None, *,
                 today: Callable[[], date] = date.today) -> None:
        self.session = session
        self.paths = paths if paths is not None else ServicePaths.default()
        self._today = today

    # -- the session's own parts ---------------------------------------------------------
    @property
    def user(self) -> UserInfo:
        return self.session.user

    @property
    def path(self) -> Path:
        return self.session.path

    @property
    def drafts(self) -> DraftService:
        return self.session.drafts

    @property
    def changes(self) -> ChangeBus:
        return self.session.changes

    # -- domain services, built once on first use ---------------------------------------
    @cached_property
    def consents(self) -> ConsentService:
        from oro_desktop.core.forms import FormLibrary
        from oro_desktop.services.consents import ConsentService

        return ConsentService(self.session, FormLibrary(self.paths.forms_dir),
                                   fonts_dir=self.paths.fonts_dir, today=self._today)

    @cached_property
    def persons(self) -> PersonService:
        from oro_desktop.services.persons import PersonService

        return PersonService(self.session)

    @cached_property
    def contacts(self) -> ContactService:
        from oro_desktop.services.contacts import ContactService

        return ContactService(self.session, self.paths.contacts_dir)

    @cached_property
    def guidance(self) -> GuidanceService:
        """The guidelines beside the session's own contact directory (local numbers win).

        The guidelines and legal references live beside the shipped contact directory
        (resources/); loading them costs ~300 ms, so the GUI asks for this off the UI thread.
        """
        from oro_desktop.services.guidance import GuidanceService

        return GuidanceService(self.paths.contacts_dir.parent, contacts=self.contacts)

    @cached_property
    def cases(self) -> CaseService:
        from oro_desktop.core.forms import FormLibrary
        from oro_desktop.services.cases import CaseService

        return CaseService(self.session, self.guidance, FormLibrary(self.paths.forms_dir),
                           today=self._today)

    @cached_property
    def disclosures(self) -> DisclosureService:
        from oro_desktop.services.disclosures import DisclosureService

        cases = self.cases
        return DisclosureService(self.session, cases.guidance, cases.library, today=self._today)

    @cached_property
    def plans(self) -> PlanService:
        from oro_desktop.services.plans import PlanService

        cases = self.cases
        return PlanService(self.session, cases.guidance, cases.library,
                           fonts_dir=self.paths.fonts_dir, today=self._today)

    @cached_property
    def bht(self) -> BhtService:
        from oro_desktop.core.forms import FormLibrary
        from oro_desktop.services.barnhalsoteam import BhtService
        from oro_desktop.store import kdf as kdf_mod

        return BhtService(self.session, FormLibrary(self.paths.forms_dir),
                          fonts_dir=self.paths.fonts_dir, today=self._today,
                          transfer_kdf=kdf_mod.from_environment() or kdf_mod.DEFAULT)

    @cached_property
    def audit(self) -> AuditLogReader:
        return AuditLogReader(self.session)

    @cached_property
    def users(self) -> UserAdmin:
        return UserAdmin(self.session)


# -- what the GUI may know of the store, without importing it -------------------------
def is_wrong_credentials(exc: BaseException) -> bool:
    """Whether `exc` is the store's "wrong user name or password" (the unlock dialog
    words it differently). Imported lazily: the store costs ~100 ms of start-up."""
    from oro_desktop.store.errors import WrongCredentials

    return isinstance(exc, WrongCredentials)


def fast_insecure_kdf() -> KdfParams:
    """The KDF parameters for throwaway stores (tests, screenshots, the demo): fast and
    NOT safe for real data."""
    from oro_desktop.store.kdf import FAST_INSECURE

    return FAST_INSECURE
