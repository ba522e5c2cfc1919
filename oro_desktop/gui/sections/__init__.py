"""The section registry: how a part of the main window comes to exist.

A section (Samtycken, Kontakter, Granskningslogg, ...) is added by dropping a module into
this package that defines a module-level ``SECTION = Section(...)``. The main window never
names a section; it calls :func:`discover` and lists what it finds, so adding a section
never means editing the window, and no empty placeholder is ever shown.

The widget contract (duck-typed, every hook optional):

``factory(services, parent) -> QWidget``
    Builds the section's widget from the signed-in session's service graph
    (``oro_desktop.services.services.Services``: ``services.consents``,
    ``services.contacts``, ``services.audit``, ``services.drafts``, ``services.changes``,
    ``services.user``, ...). A section never builds a service of its own. Called lazily,
    the first time the user opens the section, and again after every unlock (the widgets
    of a locked session are destroyed, never hidden).

``widget.search(text: str) -> None``
    If present, the window's global search field (Ctrl+F) is enabled while this section is
    shown and forwards what is typed (after a short pause, and at once on Enter). An empty
    string means "show everything". Without it the field is disabled for the section.

``widget.flush_drafts() -> None``
    If present, called before the session is locked (idle auto-lock, the Lås button) and
    before the window closes: save anything typed but not yet saved to
    ``session.drafts`` now, synchronously, because the widget is destroyed right after.

``widget.search_placeholder`` (str attribute)
    Optional placeholder for the search field, e.g. "Sök namn eller personnummer".

Helpers for section authors: ``oro_desktop.gui.tasks.run_task`` / ``run_with_progress``
for slow reads, printing and exports (never block the UI thread);
``oro_desktop.gui.messages.error_text`` / ``show_error`` to show an ``OroError``. Open
dialogs with ``open()``/``show()``, not ``exec()``: on auto-lock the controller rejects
the window's dialogs and destroys the section widgets.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from oro_desktop.services.services import Services

log = logging.getLogger(__name__)

SectionFactory = Callable[["Services", "QWidget | None"], "QWidget"]


@dataclass(frozen=True)
class Section:
    """One entry in the main window's navigation.

    id: stable identifier (also the object name of the navigation item), e.g. "consents".
    title: Swedish title shown in the navigation, e.g. "Samtycken".
    order: position in the navigation; lower first (Samtycken 10, Kontakter 20, ...,
        Granskningslogg 900).
    factory: ``factory(services, parent) -> QWidget`` (see the module docstring for the
        optional ``search``/``flush_drafts`` hooks of the returned widget).
    shortcut: optional extra key sequence that opens the section, e.g. "Ctrl+Shift+S".
        Every section also gets Ctrl+1..Ctrl+9 by its position.
    admin_only: shown only when the signed-in user is an admin.
    description: one Swedish sentence for the tooltip / accessible description.
    global_search: where the search field searches from a section that has no search of
        its own (Ctrl+F there opens this section with the text typed); one section has it.
    """

    id: str
    title: str
    order: int
    factory: SectionFactory
    shortcut: str | None = None
    admin_only: bool = False
    description: str = ""
    global_search: bool = False

    def visible_to(self, role: str) -> bool:
        """Whether a user with `role` ("admin" or "clinician") sees this section."""
        return role == "admin" or not self.admin_only


def discover(*, strict: bool = False) -> list[Section]:
    """Import every module of this package that defines ``SECTION`` and return them sorted.

    A module that fails to import is logged and skipped unless `strict`, so one broken
    section cannot keep a clinician out of all the others; tests pass ``strict=True``.
    """
    found: dict[str, Section] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        name = f"{__name__}.{info.name}"
        try:
            module = importlib.import_module(name)
        except Exception:
            if strict:
                raise
            log.exception("Section module %s could not be imported; skipped", name)
            continue
        section = getattr(module, "SECTION", None)
        if section is None:
            continue
        if not isinstance(section, Section):
            if strict:
                raise TypeError(f"{name}.SECTION is not a Section")
            log.error("%s.SECTION is not a Section; skipped", name)
            continue
        if section.id in found:
            raise ValueError(f"two sections share the id {section.id!r}")
        found[section.id] = section
    return sorted(found.values(), key=lambda s: (s.order, s.title))
