"""Entry point of `oro-desktop`: parse the command line, make the QApplication, start.

    oro-desktop [--db PATH] [--demo] [--quit-when-shown] [--self-test]

Before Qt is imported, the X11 libraries of Qt's xcb platform are checked (gui/syslibs.py)
so a fresh Debian/Ubuntu desktop gets a Swedish message naming the packages to install.
Qt's own Swedish translation (qtbase_sv.qm, shipped in the PySide6 wheel) is loaded so
standard buttons and Qt's dialogs say Spara, Avbryt, Öppna.

`--quit-when-shown` ends the program once the main window is up; with `--self-test` it
first checks, through the services, that the open store is encrypted and that a consent
renders to a PDF that QtPdf can read, and prints one line (SELF_TEST_PREFIX ...) that the
packaging test reads from the frozen build.

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
SELF_TEST_PREFIX = "oro-self-test:"
# Qt's translation catalogue for its own texts (standard buttons, file dialogs).
QT_TRANSLATION = "qtbase_sv"


def parse_args(argv: list[str]) -> argparse.Namespace:
    from oro_desktop.argparse_sv import install as swedish_argparse

    swedish_argparse()  # "användning:", "fel:" instead of argparse's English
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
    parser.add_argument("--quit-when-shown", action="store_true",
                        help="avsluta så snart huvudfönstret visas (för kontroll av en installation)")
    parser.add_argument("--self-test", action="store_true",
                        help="kontrollera att databasen är krypterad och att en PDF kan skapas, "
                        "skriv resultatet och avsluta (med --demo)")
    parser.add_argument("--bench-startup", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def _store_path(args: argparse.Namespace) -> Path:
    """The store to open, always absolute: a relative --db is resolved against the folder
    the program was started from, and that absolute path is what is remembered, so the
    store does not "disappear" when the program is started from another folder."""
    if args.db is not None:
        return Path(os.path.abspath(args.db.expanduser())).resolve()
    from oro_desktop.gui.controller import LAST_PATH_KEY, app_settings, store_present

    last = app_settings().value(LAST_PATH_KEY, "")
    # A relative remembered path (written by an older version) cannot be trusted to mean
    # the same folder now; it falls through to the default.
    if last and Path(str(last)).is_absolute() and store_present(Path(str(last))):
        return Path(str(last))
    # A remembered store that is gone (e.g. an unmounted unit folder) must not lead to a
    # wizard offering to create a new one there: fall back to the default place.
    from oro_desktop.services.session import default_store_path

    return default_store_path()


def install_swedish_translation(app: object) -> bool:
    """Load Qt's own Swedish texts into `app`; False (English buttons) if not shipped.

    The translator is kept on the application object: a QTranslator that is garbage
    collected silently stops translating.
    """
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    QLocale.setDefault(QLocale(QLocale.Language.Swedish, QLocale.Country.Sweden))
    translator = QTranslator(app)  # type: ignore[arg-type]
    folders = [QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)]
    import PySide6

    folders.append(str(Path(PySide6.__file__).parent / "Qt" / "translations"))  # frozen builds
    for folder in folders:
        if translator.load(QT_TRANSLATION, folder):
            app.installTranslator(translator)  # type: ignore[attr-defined]
            app._oro_translator = translator  # type: ignore[attr-defined]
            return True
    return False


def self_test(session: object) -> str:
    """Check the running program end to end through the services; one line for a log.

    The store file must not start with SQLite's plaintext header (it is SQLCipher), and
    the first consent must render to PDF bytes that QtPdf opens with at least one page.
    Raises AssertionError (with a Swedish-free developer message) on any failure.
    """
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtPdf import QPdfDocument

    from oro_desktop.core.forms import FormLibrary
    from oro_desktop.paths import forms_dir
    from oro_desktop.services.consents import ConsentService

    path = Path(session.path)  # type: ignore[attr-defined]
    header = path.read_bytes()[:16]
    assert header != b"SQLite format 3\x00", "store is plaintext"
    service = ConsentService(session, FormLibrary(forms_dir()))  # type: ignore[arg-type]
    rows = service.list()
    assert rows, "no consents in the store"
    pdf = service.render_pdf(rows[0].id)
    assert pdf.startswith(b"%PDF-"), "not a PDF"
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    pages = document.pageCount()
    assert pages > 0, f"QtPdf could not read the PDF ({document.error()})"
    from datetime import date

    from PySide6.QtCore import QCoreApplication

    from oro_desktop.core.contacts import swedish_holidays

    cancel = QCoreApplication.translate("QPlatformTheme", "Cancel")
    good_friday = swedish_holidays(2026).get(date(2026, 4, 3))
    return (f"{SELF_TEST_PREFIX} ok store=encrypted consents={len(rows)} "
            f"pdf_bytes={len(pdf)} pdf_pages={pages} cancel={cancel} holiday={good_friday}")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    bench = args.bench_startup or os.environ.get(BENCH_ENV) == "1"
    quit_when_shown = args.quit_when_shown or args.self_test

    from oro_desktop.gui.syslibs import check_display_libraries

    problem = check_display_libraries()
    if problem is not None:  # before Qt: its own message blames the wrong library
        print(problem, file=sys.stderr)
        return 1

    import oro_desktop.gui  # noqa: F401  - the refcount guard, before any Qt object
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from oro_desktop.gui.branding import PRODUCT_NAME
    from oro_desktop.gui.controller import SETTINGS_APP, SETTINGS_ORG, AppController
    from oro_desktop.gui.gc_guard import MainThreadCollector
    from oro_desktop.gui.style import apply_style

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(SETTINGS_ORG)
    app.setApplicationName(SETTINGS_APP)
    app.setApplicationDisplayName(PRODUCT_NAME)
    install_swedish_translation(app)
    app.setQuitOnLastWindowClosed(False)  # the controller decides when we are done
    apply_style(app)

    # A demo makes its own store in a temporary folder: no path to look up (that would
    # import the store on the UI thread before the window is shown).
    path = Path(os.devnull) if args.demo else _store_path(args)
    controller = AppController(path, demo=args.demo)
    atexit.register(controller._remove_demo)  # a demo store never outlives the process

    def _terminate(_signum: int, _frame: object) -> None:
        controller.quit()

    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGINT, _terminate)
    wake = QTimer()  # lets Python run its signal handlers while Qt's loop is in C++
    wake.start(500)
    wake.timeout.connect(lambda: None)
    collector = MainThreadCollector(app)  # cyclic GC on the UI thread only (gc_guard.py)

    if bench:
        def shown() -> None:
            QTimer.singleShot(0, lambda: (print(f"startup_s={time.perf_counter() - _T0:.4f}", flush=True),
                                          app.quit()))
        controller.unlock_shown.connect(shown)
        if controller.demo:
            controller.session_started.connect(lambda _s: shown())
    outcome = {"code": 0}
    if quit_when_shown:
        def window_shown(session: object) -> None:
            if args.self_test:
                try:
                    print(self_test(session), flush=True)
                except Exception as exc:  # reported, and the exit code says it failed
                    print(f"{SELF_TEST_PREFIX} FAILED {type(exc).__name__}: {exc}", flush=True)
                    outcome["code"] = 2
            QTimer.singleShot(0, controller.quit)
        if args.self_test and controller.demo:
            # The demo store is filled after the window is shown; test what the user sees
            # once it is (the seeders must not be cut off by the quit).
            controller.demo_seeded.connect(lambda: window_shown(controller.session))
        else:
            controller.session_started.connect(window_shown)
    try:
        controller.start()
        code = app.exec()
        return code or outcome["code"]
    finally:
        controller.quit()  # closes the session and deletes a demo store (idempotent)
        from PySide6.QtCore import QThreadPool

        QThreadPool.globalInstance().waitForDone(5000)  # let background work finish cleanly


if __name__ == "__main__":
    raise SystemExit(main())
