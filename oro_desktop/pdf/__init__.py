"""pdf layer: form definition + data -> PDF bytes in memory (reportlab).

Public API: render_form(definition, data=None, *, fonts_dir) -> bytes;
register_fonts(fonts_dir) -> FontNames; default_fonts_dir() -> Path.
"""

from oro_desktop.pdf.fonts import default_fonts_dir, register_fonts
from oro_desktop.pdf.render import render_form

__all__ = ["default_fonts_dir", "register_fonts", "render_form"]
