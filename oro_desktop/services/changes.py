"""What a write changed, published to whoever shows it.

Why a change stream: a section must refresh only the rows a write touched, not re-list
everything after every save (at 100 000 consents a full re-list freezes the window).
Every service write publishes, *after* its transaction has committed, one `Change` per
record it created, updated or deleted; a rolled-back write publishes nothing.

Subscribers are called on the thread that published (often a worker thread). A GUI
subscriber must hop to the UI thread itself (a queued Qt signal); this module knows
nothing of Qt. A subscriber that raises does not stop the others.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

Action = Literal["created", "updated", "deleted", "saved"]  # saved: a new version of a plan

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Change:
    """One record changed: its kind ("consent", "person", "contact", "case", "plan",
    "disclosure", "team", "meeting", "setting", "user", "draft", ...), its stable id
    (UUID text; "" when a whole collection changed, e.g. after an import) and what
    happened to it."""

    kind: str
    id: str
    action: Action


Subscriber = Callable[[Change], None]


class ChangeBus:
    """Publish/subscribe for `Change`s; one per session, built by the session."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscribers: list[tuple[frozenset[str] | None, Subscriber]] = []

    def subscribe(self, callback: Subscriber, kinds: Iterable[str] | None = None) -> Callable[[], None]:
        """Call `callback` for every change (of `kinds` only, if given); returns unsubscribe."""
        entry = (frozenset(kinds) if kinds is not None else None, callback)
        with self._lock:
            self._subscribers.append(entry)

        def unsubscribe() -> None:
            with self._lock:
                if entry in self._subscribers:
                    self._subscribers.remove(entry)

        return unsubscribe

    def publish(self, *changes: Change) -> None:
        """Deliver `changes` to the subscribers, in order. Call only after commit."""
        with self._lock:
            subscribers = list(self._subscribers)
        for change in changes:
            for kinds, callback in subscribers:
                if kinds is not None and change.kind not in kinds:
                    continue
                try:
                    callback(change)
                except Exception:  # one broken view must not break the write or the others
                    _log.exception("change subscriber failed for %s", change)
