"""Bounds and small checks shared by the team, meeting and consent types.

Why here: every text a person types is bounded before it can be stored, and every stable
id follows the store's stable-id contract (migration 0004): a random UUID written as 32
lower-case hex digits, the same form as persons.uid, so a record keeps its identity across
a transfer between installations and one child is written one way everywhere. A dashed
UUID (what versions before migration 0011 wrote, also into transfer files) is accepted
only through `normalise_uid`, at the edges where such text comes in.
"""

from __future__ import annotations

import uuid

from oro_desktop.errors import InvalidInput

MAX_NAME = 200
MAX_TEXT = 2000
MAX_ROWS = 100


def new_uid() -> str:
    """A fresh stable id (random UUID, 32 lower-case hex digits)."""
    return uuid.uuid4().hex


def normalise_uid(value: object, what: str = "Posten") -> str:
    """A stable id in the contract's form from 32 hex digits or a dashed UUID (any case)."""
    try:
        return uuid.UUID(str(value).strip()).hex
    except (ValueError, AttributeError, TypeError):
        raise InvalidInput(f"{what} har ett felaktigt id.") from None


def check_uid(value: str, what: str) -> str:
    """`value` if it is a stable id in the contract's form, else InvalidInput."""
    if not isinstance(value, str) or len(value) != 32 or normalise_uid(value, what) != value:
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
