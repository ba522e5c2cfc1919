"""Bounds and small checks shared by the team, meeting and consent types.

Why here: every text a person types is bounded before it can be stored, and every stable
id is a UUID, so a record keeps its identity across a transfer between installations.
"""

from __future__ import annotations

import uuid

from oro_desktop.errors import InvalidInput

MAX_NAME = 200
MAX_TEXT = 2000
MAX_ROWS = 100


def new_uid() -> str:
    """A fresh stable id (random UUID, canonical text)."""
    return str(uuid.uuid4())


def check_uid(value: str, what: str) -> str:
    try:
        canonical = str(uuid.UUID(value))
    except (ValueError, AttributeError, TypeError):
        raise InvalidInput(f"{what} har ett felaktigt id.") from None
    if canonical != value:
        raise InvalidInput(f"{what} har ett felaktigt id.")
    return value


def bounded(text: str, what: str, limit: int = MAX_TEXT, *, required: bool = False) -> str:
    if not isinstance(text, str):
        raise InvalidInput(f"{what} ska vara text.")
    if len(text) > limit:
        raise InvalidInput(f"{what} får vara högst {limit} tecken.")
    if required and not text.strip():
        raise InvalidInput(f"{what} saknas.")
    return text


def rows(items: tuple[object, ...], what: str, limit: int = MAX_ROWS) -> None:
    if len(items) > limit:
        raise InvalidInput(f"Högst {limit} {what}.")
