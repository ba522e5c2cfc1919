"""Placeholder for migration 5 (owned by another branch); the lead removes it at merge."""

VERSION = 5


def upgrade(conn) -> None:
    pass
