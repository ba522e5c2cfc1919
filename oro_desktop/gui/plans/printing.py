"""Print a plan or its family copy: render on a worker, then the consents' preview.

Why the same path as consents (gui/consents/printing.py): the PDF is built in memory by
the plan service (any saved version prints exactly as it did, with its own definition),
shown in `PdfPreviewDialog`, and reaches the disk only when the user saves it after the
unencrypted-file warning; a print to a file is a save there too. Every print and save
from the preview is handed to the plan service's audit hook when it has one.

A refusal (the family copy under the violence exemption, a version that does not exist)
comes from `pdf_job` itself, before any work starts, and is reported as one Swedish line
through `on_error`; so is a failure while rendering.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from oro_desktop.gui.forms.print_preview import PdfPreviewDialog
from oro_desktop.gui.messages import error_text
from oro_desktop.gui.tasks import BackgroundTask, run_task

PLAN_TITLE = "Plan"
FAMILY_TITLE = "Planen i korthet (familjens version)"


def preview_title(*, family: bool, version: int | None) -> str:
    base = FAMILY_TITLE if family else PLAN_TITLE
    return f"{base}, version {version}" if version is not None else base


def print_plan(parent: QWidget, plans: Any, plan_uid: str, *, version: int | None = None,
               family: bool = False, on_error: Callable[[str], None],
               on_preview: Callable[[PdfPreviewDialog], None] | None = None,
               ) -> BackgroundTask | None:
    """Ask the service for the render job (audited read; may refuse), render it on a worker,
    then open the preview window-modally. None when refused (on_error was called)."""
    try:
        job = plans.pdf_job(plan_uid, version=version, family=family)
    except Exception as exc:  # noqa: BLE001 - an OroError is the refusal; error_text logs a bug
        on_error(error_text(exc))
        return None
    record = getattr(plans, "record_output", None)

    def audit(action: str, detail: dict) -> None:
        if callable(record):
            record(plan_uid, action, {**detail, "version": version, "family": family})

    def ready(pdf: bytes) -> None:
        name = "plan-familjen" if family else "plan"
        suffix = f"-v{version}" if version is not None else ""
        dialog = PdfPreviewDialog(pdf, preview_title(family=family, version=version),
                                  suggested_name=f"{name}{suffix}.pdf", audit=audit,
                                  parent=parent)
        dialog.setObjectName("planFamilyPreview" if family else "planPrintPreview")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        if on_preview is not None:
            on_preview(dialog)

    return run_task(job, on_result=ready, on_error=lambda exc: on_error(
        f"Utskriften kunde inte förberedas: {error_text(exc)}"))
