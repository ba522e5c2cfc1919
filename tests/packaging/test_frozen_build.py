"""The PyInstaller one-folder bundle builds, starts frozen, and works end to end.

Builds packaging/oro-desktop.spec into a fresh temporary folder (no cached build: a stale
bundle would hide exactly the missing-module errors this test is for), then starts the
frozen program offscreen with `--demo --self-test`: it must open its encrypted demo
store, render a consent to a PDF that QtPdf reads, show the main window and quit with
exit code 0. Linux only (the Windows build is made on Windows, packaging/README.md).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "oro-desktop.spec"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux bundle is built on Linux"),
]


def _size_mb(folder: Path) -> float:
    return sum(p.lstat().st_size for p in folder.rglob("*") if not p.is_symlink()) / 1e6


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("pyinstaller")
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(base / "dist"), "--workpath", str(base / "work"), str(SPEC)],
        cwd=ROOT, check=True, capture_output=True, timeout=600,
    )
    folder = base / "dist" / "oro-desktop"
    print(f"bundle: {folder} {_size_mb(folder):.0f} MB")
    return folder


def test_the_bundle_carries_the_data_and_only_the_qt_modules_we_use(bundle: Path) -> None:
    internal = bundle / "_internal"
    assert (internal / "forms" / "barnhalsoteam-samtycke.v1.yaml").is_file()
    assert (internal / "resources" / "fonts" / "LICENSE-DejaVu.txt").is_file()
    assert (internal / "resources" / "contacts" / "kronoberg.yaml").is_file()
    assert (internal / "PySide6" / "Qt" / "translations" / "qtbase_sv.qm").is_file()
    modules = {p.name.split(".")[0] for p in (internal / "PySide6").glob("Qt*.so")}
    assert modules == {"QtCore", "QtGui", "QtWidgets", "QtPrintSupport", "QtPdf", "QtPdfWidgets"}
    assert list(internal.glob("sqlcipher3/*.so")), "SQLCipher's extension module is missing"


def test_the_frozen_program_opens_an_encrypted_store_renders_a_pdf_and_exits_cleanly(
    bundle: Path, tmp_path: Path
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ORO_", "QT_"))}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"))
    done = subprocess.run(
        [str(bundle / "oro-desktop"), "--demo", "--self-test"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("oro-self-test:")]
    assert done.returncode == 0, done.stdout + done.stderr
    assert len(lines) == 1, done.stdout + done.stderr
    fields = dict(item.split("=", 1) for item in lines[0].split()[2:])
    assert lines[0].split()[1] == "ok"
    assert fields["store"] == "encrypted"
    assert int(fields["consents"]) > 0 and int(fields["pdf_pages"]) >= 1
    assert fields["cancel"] == "Avbryt"  # Qt's own Swedish translation travelled along
    assert fields["holiday"] == "långfredagen"  # the holiday calendar and its names too
    assert not list(tmp_path.rglob("*.db")), "the demo store outlived the program"
