"""0004: placeholder on this branch only; the real 0004 (stable ids) belongs to "model".

Migrations are numbered 1..N without gaps, and this branch adds 0005 before the real
0004 has landed. The lead removes this file at merge.
"""

from __future__ import annotations

VERSION = 4


def upgrade(conn) -> None:
    pass
