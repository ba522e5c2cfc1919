"""The store suite's fixtures (a fresh store with the fast test KDF)."""

from tests.store.conftest import ADMIN, ADMIN_PW, created, db_path, session  # noqa: F401
