"""The region setting (`default_region`) and the region names of the data files.

Why one function: the setting holds a key ("jamtland-harjedalen", "kronoberg"); the
guideline, form and contact files name a region in words ("Jämtland Härjedalen"). The
new case's default guideline, the consent forms offered and the contacts shown first
all match the setting the same way.
"""

from __future__ import annotations

import re
import unicodedata


def region_key(name: str) -> str:
    """"Jämtland Härjedalen" -> "jamtland-harjedalen" (the `default_region` setting)."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
