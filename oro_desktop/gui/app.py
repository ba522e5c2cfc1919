"""Entry point of `oro-desktop`: parse the command line, make the QApplication, start.

    oro-desktop [--db PATH] [--demo]

Start-up is kept lean (the benchmark in benchmarks/bench_startup.py holds it to at most
1.5 times a bare PySide6 window): only what the first screen needs is imported here;
the store, the sections and printing are imported when they are used.
"""

from __future__ import annotations

import argparse
import atexit
import os
import signal
import sys
import time
from pathlib import Path

_T0 = time.perf_counter()

BENCH_ENV = "ORO_BENCH_STARTUP"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="oro-desktop",
        description="oro_desktop: samverkan vid oro för väntat barn, nyfött barn och förskolebarn.",
        add_help=False,
    )
    parser.add_argument("-h", "--help", action="help", help="visa den här hjälpen och avsluta")
    parser.add_argument("--db", metavar="SÖKVÄG", type=Path,
                        help="öppna (eller skapa) databasen på SÖKVÄG i stället för den senast använda")
    parser.add_argument("--demo", action="store_true",
                        help="prova programmet med fiktiva uppgifter i en tillfällig databas som raderas vid avslut")
    parser.add_argument("--bench-startup", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def _store_path(args: argparse.Namespace) -> Path:
    if args.db is not None:
        return args.db.expanduser().resolve()
    from oro_desktop.gui.controller import LAST_PATH_KEY, app_settings, store_present

    last = app_settings().value(LAST_PATH_KEY, "")
    if last and store_present(Path(str(last))):
        return Path(str(last))
    # A remembered store that is gone (e.g. an unmounted unit folder) must not lead to a
    # wizard offering to create a new one there: fall back to the default place.
    from oro_desktop.services.session import default_store_path

    return default_store_path()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    bench = args.bench_startup or os.environ.get(BENCH_ENV) == "1"

    import oro_desktop.gui  # noqa: F401  - the refcount guard, before any Qt object
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from oro_desktop.gui.controller import SETTINGS_APP, SETTINGS_ORG, AppController
    from oro_desktop.gui.style import apply_style

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(SETTINGS_ORG)
    app.setApplicationName(SETTINGS_APP)
    app.setApplicationDisplayName("oro_desktop")
    app.setQuitOnLastWindowClosed(False)  # the controller decides when we are done
    apply_style(app)

    controller = AppController(_store_path(args), demo=args.demo)
    atexit.register(controller._remove_demo)  # a demo store never outlives the process

    def _terminate(_signum: int, _frame: object) -> None:
        controller.quit()

    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGINT, _terminate)
    wake = QTimer()  # lets Python run its signal handlers while Qt's loop is in C++
    wake.start(500)
    wake.timeout.connect(lambda: None)

    if bench:
        def shown() -> None:
            QTimer.singleShot(0, lambda: (print(f"startup_s={time.perf_counter() - _T0:.4f}", flush=True),
                                          app.quit()))
        controller.unlock_shown.connect(shown)
        if controller.demo:
            controller.session_started.connect(lambda _s: shown())
    try:
        controller.start()
        return app.exec()
    finally:
        controller.quit()  # closes the session and deletes a demo store (idempotent)
        from PySide6.QtCore import QThreadPool

        QThreadPool.globalInstance().waitForDone(5000)  # let background work finish cleanly


if __name__ == "__main__":
    raise SystemExit(main())
