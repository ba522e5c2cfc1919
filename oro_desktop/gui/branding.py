"""The product's name as a clinician reads it, kept apart so start-up need not import
the main window.

"oro_desktop" is the package; a midwife or a BVC nurse knows the work by the guidelines'
own words, "samverkan vid oro för väntat barn / nyfött barn", so the product is called
that, short enough for a title bar and a start-menu entry.
"""

from oro_desktop import __version__

PRODUCT_NAME = "Samverkan vid oro"
# What the product is for, in one line (the About box and the wizard's first page).
PRODUCT_TAGLINE = (
    "Stöd för samverkan, samtycken och dokumentation vid oro för väntat barn, "
    "nyfött barn och barn i förskoleåldern, enligt regionernas riktlinjer."
)
VERSION = __version__

APP_TITLE = PRODUCT_NAME
DEMO_TITLE = f"{APP_TITLE} — DEMO (fiktiva uppgifter)"
ABOUT_TITLE = f"Om {PRODUCT_NAME}"


def name_with_version() -> str:
    """"Samverkan vid oro 0.1.0": the About box and the installer show the same."""
    return f"{PRODUCT_NAME} {VERSION}"
