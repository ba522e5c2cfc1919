"""The background integrity check: every page's HMAC, after unlock, off the unlock path.

Why in the background: `cipher_integrity_check` reads the whole file (about 4 ms per MB,
seconds for a clinic's store), and unlocking must cost the KDF plus a few milliseconds.
SQLCipher already refuses any damaged page that is read, so nothing wrong is ever shown;
what the full pass adds is finding damage in pages nobody has read yet, so it can be
restored from a backup before it matters. The GUI runs `check_pages` with
`gui/tasks.run_task` right after the main window is shown (gui/integrity_notice.py) and
shows a damage report in the window at once; every backup runs the same check first
(Store.backup_to).

`check_pages` runs on a read-only connection of its own (Store.verify_pages), so it
never holds the store connection: saving, searching and listing go on meanwhile. It
blocks its caller: call it on a worker thread.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from oro_desktop.services.session import Session

ProgressFn = Callable[[int, int, str], None]

DAMAGE_TITLE = "Databasfilen är skadad"
DAMAGE_ADVICE = (
    "Delar av databasfilen klarar inte krypteringskontrollen. Det som visas är inte "
    "felaktigt (skadade sidor vägras alltid), men uppgifter kan saknas. Kontakta "
    "administratören: kör 'oro-admin check' och återställ från den senaste "
    "säkerhetskopian med 'oro-admin restore'."
)


@dataclass(frozen=True)
class IntegrityReport:
    """What the page check found. `problems` in Swedish; empty means every page held."""

    problems: tuple[str, ...] = field(default_factory=tuple)
    file_bytes: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        """One Swedish paragraph for the window: the advice and the first problem."""
        if self.ok:
            return "Databasfilen är kontrollerad och hel."
        more = f" (och {len(self.problems) - 1} till)" if len(self.problems) > 1 else ""
        return f"{DAMAGE_ADVICE}\n\n{self.problems[0]}{more}"


CHAIN_TITLE = "Granskningsloggen är bruten"
CHAIN_ADVICE = (
    "Granskningsloggen hänger inte ihop: en post har ändrats eller tagits bort utanför "
    "programmet. Säkerhetskopior stoppas tills det är utrett (en kopia kan ändå göras med "
    "'oro-admin backup --allow-broken-audit', som skrivs i loggen). Kör 'oro-admin check' "
    "och kontakta den som ansvarar för informationssäkerheten."
)


@dataclass(frozen=True)
class ChainReport:
    """What the audit-chain check found (Swedish problems; empty means intact)."""

    problems: tuple[str, ...] = field(default_factory=tuple)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        if self.ok:
            return "Granskningsloggen är kontrollerad och hel."
        more = f" (och {len(self.problems) - 1} till)" if len(self.problems) > 1 else ""
        return f"{CHAIN_ADVICE}\n\n{self.problems[0]}{more}"


class IntegrityService:
    """Runs the page check of the session's store; remembers the last report."""

    def __init__(self, session: "Session") -> None:
        self._session = session
        self.last: IntegrityReport | None = None

    def check_pages(self, progress: ProgressFn | None = None) -> IntegrityReport:
        """Verify every page's HMAC; blocking (seconds at clinic scale), so on a worker.

        `progress(done, total, text)` is told when the check starts and when it ends
        (SQLCipher's check reports nothing in between); `total` is the file size in bytes.
        """
        store = self._session.store
        size = store.path.stat().st_size if store.path.exists() else 0
        if progress is not None:
            progress(0, size, "Kontrollerar databasfilen …")
        start = time.perf_counter()
        problems = store.verify_pages()
        report = IntegrityReport(tuple(problems), size, time.perf_counter() - start)
        if progress is not None:
            progress(size, size, "Databasfilen är kontrollerad." if report.ok else DAMAGE_TITLE)
        self.last = report
        return report

    def check_chain(self) -> ChainReport:
        """Verify the audit log's hash chain on a snapshot; blocking (about 2 s per million
        entries), so on a worker. Only for admins: a break is theirs to act on."""
        self._session.require_admin()
        start = time.perf_counter()
        problems = self._session.store.verify_audit_chain()
        return ChainReport(tuple(problems), time.perf_counter() - start)
