"""Placeholder for migration 4 (owned by another branch); the lead removes it at merge."""

VERSION = 4


def upgrade(conn) -> None:
    pass
