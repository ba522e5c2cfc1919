"""Embedded TrueType fonts that cover Swedish (å, ä, ö, §, –, ”).

Why: the 14 standard PDF fonts are not embedded and their encoding is a gamble on other
viewers and printers; a consent form must print the same everywhere. DejaVu Sans (free
licence, resources/fonts/LICENSE-DejaVu.txt) is registered once per process and per
directory; reportlab embeds the subset actually used.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from oro_desktop.errors import OroError

REGULAR_FILE = "DejaVuSans.ttf"
BOLD_FILE = "DejaVuSans-Bold.ttf"


@dataclass(frozen=True)
class FontNames:
    """The reportlab names of the registered regular and bold faces."""

    regular: str
    bold: str


_registered: dict[Path, FontNames] = {}


def register_fonts(fonts_dir: Path) -> FontNames:
    """Register DejaVu Sans (+ Bold) from fonts_dir once; return their names."""
    key = Path(fonts_dir).resolve()
    if key in _registered:
        return _registered[key]
    regular, bold = key / REGULAR_FILE, key / BOLD_FILE
    for path in (regular, bold):
        if not path.is_file():
            raise OroError(f"Typsnittet saknas: {path}. Installationen är ofullständig.")
    suffix = f"-{len(_registered)}" if _registered else ""
    names = FontNames(f"OroSans{suffix}", f"OroSans-Bold{suffix}")
    pdfmetrics.registerFont(TTFont(names.regular, str(regular)))
    pdfmetrics.registerFont(TTFont(names.bold, str(bold)))
    pdfmetrics.registerFontFamily(
        names.regular, normal=names.regular, bold=names.bold,
        italic=names.regular, boldItalic=names.bold,
    )
    _registered[key] = names
    return names


def default_fonts_dir() -> Path:
    """resources/fonts of this installation (entry points pass it on; see oro_desktop.paths)."""
    from oro_desktop.paths import resources_dir

    return resources_dir() / "fonts"
