"""The page check off the unlock path: it never waits for the store connection, a torn
read is not reported as damage, and the service reports start and end."""

from __future__ import annotations

import threading

from oro_desktop.services.integrity import IntegrityService
from oro_desktop.store import store as store_mod

from .conftest import ADMIN


def test_page_check_runs_while_the_store_connection_is_busy(session):
    with session.store.unit_of_work(ADMIN) as uow:
        uow.audit("read", "person", "p1")
    held, release = threading.Event(), threading.Event()

    def long_write() -> None:
        with session.store.unit_of_work(ADMIN) as uow:
            uow.audit("read", "person", "p2")
            held.set()
            release.wait(10)

    writer = threading.Thread(target=long_write)
    writer.start()
    try:
        assert held.wait(5)
        result: list[list[str]] = []
        checker = threading.Thread(target=lambda: result.append(session.store.verify_pages()))
        checker.start()
        checker.join(10)
        assert result == [[]], "the page check waited for the store connection"
    finally:
        release.set()
        writer.join()


def test_a_problem_is_confirmed_with_writes_held_off(session, monkeypatch):
    calls: list[bool] = []
    real = store_mod.page_problems

    def flaky(path, key):
        calls.append(session.store._mutex._is_owned())  # type: ignore[attr-defined]
        if len(calls) == 1:
            return ["Krypteringskontroll: HMAC verification failed for page 7"]
        return real(path, key)

    monkeypatch.setattr(store_mod, "page_problems", flaky)
    assert session.store.verify_pages() == []       # a torn read, not damage
    assert calls == [False, True]                   # first without the mutex, then with it


def test_service_reports_start_end_and_a_sound_file(session):
    seen: list[tuple[int, int, str]] = []
    service = IntegrityService(session)
    report = service.check_pages(lambda done, total, text: seen.append((done, total, text)))
    assert report.ok and service.last is report and report.file_bytes > 0
    assert seen[0][0] == 0 and seen[-1][0] == seen[-1][1] == report.file_bytes
    assert "hel" in report.summary()
