"""Demo mode: a throwaway store full of fictitious people, for trying everything at once.

`oro-desktop --demo` creates a store in a fresh temporary directory, signs in as a demo
admin, runs every registered seeder, and deletes the directory on exit.

How a domain adds its demo data (no edit here needed):
- in its service module under ``oro_desktop/services/``, either call
  ``register_demo_seeder("consents", seed, order=20)`` at module level, or define a
  module-level function ``demo_seed(session)`` (registered under the module's name, with
  the module's optional ``DEMO_ORDER`` int, default 100);
- ``seed_demo`` imports every module of ``oro_desktop.services`` first, so a new module
  is picked up just by existing. Seeders run in ``order`` (persons 10 before consents 20,
  cases 30, ...) and must use test personnummer only (e.g. the Skatteverket test series).

Seeders run on a worker thread (the GUI shows a progress dialog meanwhile), so they use
the session and services only, never Qt. A seeder that fails is logged and skipped, so one broken domain does not cost the
newcomer all the others.
"""

from __future__ import annotations

import atexit
import importlib
import logging
import pkgutil
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

DEMO_USER = "demo"
DEMO_PASSWORD = "demo-lösenord"  # shown on screen in demo mode; the data is fictitious
DEMO_UNIT = "Demoenheten (fiktiv)"
DEMO_DIR_PREFIX = "oro_desktop_demo_"

Seeder = Callable[[Any], None]


@dataclass(frozen=True)
class _Registered:
    name: str
    fn: Seeder
    order: int


_SEEDERS: dict[str, _Registered] = {}


def register_demo_seeder(name: str, fn: Seeder, *, order: int = 100) -> None:
    """Register `fn(session)` to fill a demo store; re-registering a name replaces it."""
    _SEEDERS[name] = _Registered(name, fn, order)


def registered_seeders() -> list[str]:
    """Names of the registered seeders in the order they run."""
    return [s.name for s in sorted(_SEEDERS.values(), key=lambda s: (s.order, s.name))]


def _import_service_modules() -> None:
    import oro_desktop.services as package

    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if info.name.startswith("_") or info.name == "demo":
            continue
        name = f"{package.__name__}.{info.name}"
        try:
            module = importlib.import_module(name)
        except Exception:
            log.exception("Demo: service module %s could not be imported", name)
            continue
        seed = getattr(module, "demo_seed", None)
        if callable(seed) and info.name not in _SEEDERS:
            register_demo_seeder(info.name, seed, order=int(getattr(module, "DEMO_ORDER", 100)))


def seed_demo(session: Any) -> list[str]:
    """Run every seeder on `session`; returns the names of those that succeeded."""
    _import_service_modules()
    done = []
    for registered in sorted(_SEEDERS.values(), key=lambda s: (s.order, s.name)):
        try:
            registered.fn(session)
        except Exception:
            log.exception("Demo seeder %s failed", registered.name)
            continue
        done.append(registered.name)
    return done


def _seed_settings(session: Any) -> None:
    session.set_setting("unit_name", DEMO_UNIT)
    session.set_setting("default_region", "jamtland-harjedalen")


register_demo_seeder("settings", _seed_settings, order=0)


def create_demo_store(*, kdf: Any = None, seed: bool = True) -> tuple[Any, Path]:
    """Create a seeded demo store in a new temporary directory; returns (session, directory).

    The caller must call :func:`remove_demo_store` (the GUI does so in try/finally and
    with atexit). The demo store uses the fast test KDF unless `kdf` is given: its data is
    fictitious, and a newcomer should not wait for key derivation.
    """
    from oro_desktop.services.session import Session
    from oro_desktop.store.kdf import FAST_INSECURE

    directory = Path(tempfile.mkdtemp(prefix=DEMO_DIR_PREFIX))
    atexit.register(remove_demo_store, directory)  # even if the caller never gets it back
    try:
        session, _recovery_key = Session.create(
            directory / "demo.db", DEMO_USER, DEMO_PASSWORD, kdf=kdf or FAST_INSECURE
        )
        try:
            if seed:  # the GUI seeds after its window is shown (start-up time)
                seed_demo(session)
        except BaseException:
            session.close()
            raise
    except BaseException:
        remove_demo_store(directory)
        raise
    return session, directory


def remove_demo_store(directory: Path | None) -> None:
    """Delete a demo directory and everything in it (idempotent; close the session first)."""
    if directory is None:
        return
    directory = Path(directory)
    if not directory.name.startswith(DEMO_DIR_PREFIX):
        raise ValueError(f"refusing to delete {directory}: not a demo directory")
    shutil.rmtree(directory, ignore_errors=True)
