"""The Windows installer definition (Inno Setup) keeps its promises, checked statically:
per machine, a start-menu entry, the bundle the spec builds, and no user data touched."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ISS = (ROOT / "packaging" / "oro-desktop.iss").read_text(encoding="utf-8")
SPEC = (ROOT / "packaging" / "oro-desktop.spec").read_text(encoding="utf-8")


def section(name: str) -> str:
    match = re.search(rf"^\[{name}\]\n(.*?)(?=^\[|\Z)", ISS, re.MULTILINE | re.DOTALL)
    return match.group(1) if match else ""


def test_installs_per_machine_with_a_start_menu_entry() -> None:
    setup = section("Setup")
    assert re.search(r"^PrivilegesRequired=admin$", setup, re.MULTILINE)
    assert "DefaultDirName={autopf}" in setup
    assert re.search(r"^AppId=\{\{[0-9A-F-]{36}\}$", setup, re.MULTILINE), "upgrades need a fixed AppId"
    assert re.search(r'^Name: "\{autoprograms\}\\\{#AppName\}"; Filename: "\{app\}\\\{#AppExe\}"',
                     section("Icons"), re.MULTILINE)
    assert '#define AppName "Samverkan vid oro"' in ISS  # the product name, as in the app


def test_it_installs_the_bundle_the_spec_builds() -> None:
    assert 'name="oro-desktop"' in SPEC
    assert '#define BundleDir "..\\dist\\oro-desktop"' in ISS
    assert '#define AppExe "oro-desktop.exe"' in ISS


def test_user_data_are_never_deleted_on_upgrade_or_uninstall() -> None:
    assert not section("InstallDelete") and not section("UninstallDelete")
    code = "\n".join(line for line in ISS.splitlines() if not line.lstrip().startswith(";"))
    for data_folder in ("{localappdata}", "{userappdata}", "{commonappdata}", "{userdocs}", "oro.db"):
        assert data_folder not in code, data_folder
    assert re.search(r'^Source: .*DestDir: "\{app\}"', section("Files"), re.MULTILINE)
    assert all('DestDir: "{app}' in line for line in section("Files").splitlines() if line.startswith("Source"))


def test_silent_installation_is_documented() -> None:
    assert "/VERYSILENT /SUPPRESSMSGBOXES /NORESTART" in ISS
    assert "skipifsilent" in section("Run")  # a silent install does not start the program
