"""`oro-admin contacts search` without a store: text and JSON output, --at, --region."""

from __future__ import annotations

import json

import pytest

from oro_desktop.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["contacts", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_markaryd_friday_afternoon_is_closed(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "markaryd", "--at", "2026-11-27 15:30")
    assert code == 0
    assert "Markaryds kommun – Socialtjänsten" in out
    assert "Stängt nu, öppnar mån 8.00" in out
    assert "Tel: 0433-720 00" in out
    assert "Levererad katalog utan lokala ändringar" in out


def test_after_hours_route_first_at_night(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "socialtjänsten östersund", "--at", "2026-11-27 22:00")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("Utanför kontorstid")
    first_entry = next(line for line in lines if line.startswith(("→", "  ")) and "–" in line)
    assert first_entry.startswith("→ Östersunds kommun – Socialtjänsten, akut kontakt utanför kontorstid")
    assert "Tel: 112" in out
    assert "fylls i lokalt" in out


def test_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "0470 435 90", "--json", "--at", "2026-11-23 10:00")
    assert code == 0
    data = json.loads(out)
    assert data["count"] == 1 and data["local_changes_included"] is False
    [hit] = data["results"]
    assert hit["id"] == "kronoberg/socialtjanst/vaxjo"
    assert hit["phones"] == [{"number": "0470-435 90"}]
    assert hit["status"]["state"] == "unknown" and hit["stale"] is False


def test_region_filter_and_limit(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "", "--region", "västra götaland", "--json", "--limit", "5")
    data = json.loads(out)
    assert data["count"] == 49 and len(data["results"]) == 5
    assert {r["region"] for r in data["results"]} == {"Västra Götaland"}


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("search", "x", "--at", "imorgon"), "Ogiltig tid för --at"),
        (("search", "x", "--region", "Halland"), "Okänd region"),
    ],
)
def test_bad_input_is_one_swedish_line(capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], message: str) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.startswith("oro-admin: ") and message in err and err.count("\n") == 1


def test_no_hits(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "finnsinteiregistret")
    assert code == 0 and "Inga träffar" in out


# -- with a store ------------------------------------------------------------------

from pathlib import Path  # noqa: E402

from oro_desktop.services.session import Session  # noqa: E402
from oro_desktop.store.kdf import FAST_INSECURE  # noqa: E402

ADMIN, PASSWORD = "admin", "korrekt-häst-batteri"


@pytest.fixture()
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "oro.db"
    session, _ = Session.create(path, ADMIN, PASSWORD, kdf=FAST_INSECURE)
    session.close()
    monkeypatch.setenv("ORO_PASSWORD", PASSWORD)
    return path


def test_search_with_db_says_local_changes_are_included(
    capsys: pytest.CaptureFixture[str], store: Path
) -> None:
    code, out, _ = run(capsys, "search", "vaxjo", "--db", str(store), "--user", ADMIN, "--json",
                       "--at", "2026-11-23 10:00")
    assert code == 0
    data = json.loads(out)
    assert data["local_changes_included"] is True
    assert data["results"][0]["id"] == "kronoberg/socialtjanst/vaxjo"


def test_wrong_password_is_one_line(capsys: pytest.CaptureFixture[str], store: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ORO_PASSWORD", "fel-lösenord-helt")
    code, out, err = run(capsys, "search", "vaxjo", "--db", str(store), "--user", ADMIN)
    assert code != 0 and out == "" and err.startswith("oro-admin: Fel användarnamn eller lösenord")


def test_export_then_import_through_the_cli(
    capsys: pytest.CaptureFixture[str], store: Path, tmp_path: Path
) -> None:
    out_file = tmp_path / "kontakter.yaml"
    code, out, _ = run(capsys, "export", str(out_file), "--db", str(store), "--user", ADMIN)
    assert code == 0 and "Exporterade 82 kontakter" in out
    text = out_file.read_text(encoding="utf-8").replace("0470-435 90", "0470-435 99")
    out_file.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "import", str(out_file), "--db", str(store), "--user", ADMIN, "--json")
    assert code == 0 and json.loads(out)["entries"] == 82 and json.loads(out)["changed"] == 1
    code, out, _ = run(capsys, "search", "0470 435 99", "--db", str(store), "--user", ADMIN, "--json")
    assert [r["id"] for r in json.loads(out)["results"]] == ["kronoberg/socialtjanst/vaxjo"]


def test_import_of_a_bad_file_through_the_cli_changes_nothing(
    capsys: pytest.CaptureFixture[str], store: Path, tmp_path: Path
) -> None:
    from tests.contacts.samples import BAD_IMPORT

    bad = tmp_path / "trasig.yaml"
    bad.write_text(BAD_IMPORT, encoding="utf-8")
    code, out, err = run(capsys, "import", str(bad), "--db", str(store), "--user", ADMIN)
    assert code == 2 and "Kontaktkatalogen innehåller fel" in err
    code, out, _ = run(capsys, "search", "vaxjo", "--db", str(store), "--user", ADMIN, "--json")
    assert json.loads(out)["results"][0]["phones"] == [{"number": "0470-435 90"}]
