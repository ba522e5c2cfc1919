"""Print a consent: render in the background, then preview, print or save from memory.

The PDF is rendered with the exact definition version the consent was filled with (the
service decides); it never touches the disk unless the user saves it from the preview,
after the preview's warning that the file is not encrypted. A print to a file (the print
dialog's "Print to File (PDF)") is treated as a save by the preview: the same warning,
a 0600 file, and the path in the audit entry. Every print and save goes to
`ConsentService.record_output`, which audits it (and marks a complete draft printed).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from oro_desktop.gui.consents.common import warn
from oro_desktop.gui.forms.print_preview import PdfPreviewDialog
from oro_desktop.gui.tasks import BackgroundTask, run_task
from oro_desktop.gui.unlock_dialog import error_text


def print_consent(parent: QWidget, service, consent_id: int, *,
                  on_preview: Callable[[PdfPreviewDialog], None] | None = None,
                  on_closed: Callable[[], None] | None = None) -> BackgroundTask:
    """Read now (audited), render on a worker, then open the preview (window-modal)."""
    job = service.pdf_job(consent_id)

    def ready(pdf: bytes) -> None:
        dialog = PdfPreviewDialog(
            pdf, "Samtycke", suggested_name=f"samtycke-{consent_id}.pdf",
            audit=lambda action, detail: service.record_output(consent_id, action, detail),
            parent=parent)
        dialog.setObjectName("consentPrintPreview")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if on_closed is not None:
            dialog.finished.connect(lambda _r: on_closed())
        dialog.open()
        if on_preview is not None:
            on_preview(dialog)

    def failed(exc: BaseException) -> None:
        warn(parent, "Utskriften kunde inte förberedas", error_text(exc))

    return run_task(job, on_result=ready, on_error=failed)
