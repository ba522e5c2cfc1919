"""Documents that leave the store: rendered in memory, written only where a user says.

Why here: the CLI must not import `oro_desktop.pdf` or write files its own way. Every
file written is created 0600 whatever the umask (mkstemp in the target folder, then an
atomic rename), so a half-written PDF never exists and nobody else can read it.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from oro_desktop.core.forms import FormDefinition
from oro_desktop.errors import InvalidInput
from oro_desktop.services.inputs import check_output_path

UNENCRYPTED_NOTE = ("är inte krypterad. Förvara och radera den som en handling med känsliga "
                    "personuppgifter.")


def render_form_pdf(definition: FormDefinition, data: Mapping[str, Any] | None,
                    fonts_dir: Path) -> bytes:
    """A form (blank when `data` is None) as PDF bytes, in memory."""
    from oro_desktop.pdf import render_form  # reportlab only when rendering

    return render_form(definition, dict(data) if data is not None else None,
                       fonts_dir=fonts_dir)


def write_private_file(path: Path, data: bytes) -> Path:
    """Write `data` to `path` as a 0600 file, atomically; InvalidInput with one line if not."""
    path = check_output_path(path, "Utfilen")
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=".oro-", suffix=".tmp", dir=path.parent or ".")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise InvalidInput(f"Kan inte skriva {path}: {exc.strerror or exc}") from None
    return path
