"""`oro-admin forms ...` through main([...])."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from oro_desktop.cli import main as cli_main
from oro_desktop.cli.commands import forms_cmd

from .conftest import FORMS_DIR

EXAMPLE = FORMS_DIR / "examples" / "barnhalsoteam-samtycke.v1.json"


@pytest.fixture(autouse=True)
def only_forms_commands(monkeypatch):
    """Run the real main() (error handling, exit codes) with only the forms group
    registered, so a command group under construction elsewhere cannot break these tests."""

    def build_parser() -> argparse.ArgumentParser:
        parser = argparse.ArgumentParser(prog="oro-admin")
        sub = parser.add_subparsers(dest="command")
        sub.required = True
        forms_cmd.register(sub)
        return parser

    monkeypatch.setattr(cli_main, "build_parser", build_parser)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli_main.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list(capsys) -> None:
    code, out, _ = run(capsys, "forms", "list", "--json")
    assert code == 0
    entry = next(e for e in json.loads(out) if e["id"] == "barnhalsoteam-samtycke")
    assert {"id": "barnhalsoteam-samtycke", "version": 1}.items() <= entry.items()


def test_show_json_has_field_ids_and_types(capsys) -> None:
    code, out, _ = run(capsys, "forms", "show", "barnhalsoteam-samtycke", "--version", "1", "--json")
    doc = json.loads(out)
    fields = {f["id"]: f["type"] for s in doc["sections"] for f in s["fields"]}
    assert code == 0 and fields["giltighet"] == "date_range" and fields["underskrifter"] == "signature"
    code, out, _ = run(capsys, "forms", "show", "barnhalsoteam-samtycke")
    assert code == 0 and "barn_personnummer" in out


def test_validate_ok_and_problems(capsys, tmp_path: Path) -> None:
    code, out, _ = run(capsys, "forms", "validate", "barnhalsoteam-samtycke", "--data", str(EXAMPLE),
                       "--today", "2026-11-23")
    assert code == 0 and "Inga fel" in out
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"barn_namn": "Tyra", "verksamheter": []}), encoding="utf-8")
    code, out, _ = run(capsys, "forms", "validate", "barnhalsoteam-samtycke", "--data", str(bad))
    assert code == 1
    assert "Markera minst en verksamhet som får utbyta information." in out.splitlines()
    code, out, _ = run(capsys, "forms", "validate", "barnhalsoteam-samtycke", "--data", str(bad),
                       "--json")
    assert code == 1
    assert {"field": "verksamheter",
            "message": "Markera minst en verksamhet som får utbyta information."} in json.loads(out)


@pytest.mark.parametrize("data", [None, EXAMPLE])
def test_render_writes_a_pdf_and_warns(capsys, tmp_path: Path, data) -> None:
    out_pdf = tmp_path / "samtycke.pdf"
    argv = ["forms", "render", "barnhalsoteam-samtycke", "--out", str(out_pdf)]
    if data:
        argv += ["--data", str(data)]
    code, _, err = run(capsys, *argv)
    assert code == 0
    assert out_pdf.read_bytes().startswith(b"%PDF")
    assert len(err.strip().splitlines()) == 1 and "inte krypterad" in err


@pytest.mark.parametrize(
    "argv, reason",
    [
        (["forms", "show", "finns-inte"], "finns inte"),
        (["forms", "show", "barnhalsoteam-samtycke", "--version", "9"], "version 9"),
        (["forms", "validate", "barnhalsoteam-samtycke", "--data", "/nonexistent.json"], "Filen finns inte"),
    ],
)
def test_bad_input_exits_non_zero_with_one_line(capsys, argv, reason: str) -> None:
    code, _, err = run(capsys, *argv)
    assert code != 0
    assert len(err.strip().splitlines()) == 1 and reason in err


def test_not_json_data(capsys, tmp_path: Path) -> None:
    bad = tmp_path / "x.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    code, _, err = run(capsys, "forms", "validate", "barnhalsoteam-samtycke", "--data", str(bad))
    assert code == 2 and "JSON-objekt" in err


def test_broken_definition_names_file_and_field(capsys, tmp_path: Path) -> None:
    (tmp_path / "trasig.v1.yaml").write_text(
        "id: trasig\nversion: 1\ntitle: T\nsource: {guideline: G}\n"
        "sections: [{id: s, fields: [{id: f, type: text}]}]\n", encoding="utf-8")
    code, _, err = run(capsys, "forms", "--forms-dir", str(tmp_path), "show", "trasig")
    assert code != 0 and "trasig.v1.yaml: sections[0].fields[0]: fält ”f”: etikett (label) saknas" in err


@pytest.mark.parametrize("content, reason", [
    (b'{"barn_namn": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "för djupt nästlad"),
    (b'{"barn_namn": ' + b"9" * 5000 + b"}", "för många siffror"),
    (b'{"barn_namn": "\xff"}', "inte giltig UTF-8"),
])
@pytest.mark.parametrize("command", ["validate", "render"])
def test_bad_data_files_are_one_swedish_line(capsys, tmp_path: Path, content: bytes, reason: str,
                                             command: str) -> None:
    data = tmp_path / "data.json"
    data.write_bytes(content)
    extra = ["--out", str(tmp_path / "ut.pdf")] if command == "render" else []
    code, _, err = run(capsys, "forms", command, "barnhalsoteam-samtycke", "--data", str(data), *extra)
    assert code == 2 and "Traceback" not in err
    [line] = err.strip().splitlines()
    assert line.startswith(f"oro-admin: --data ({data}): ") and reason in line
    assert not (tmp_path / "ut.pdf").exists()


def test_a_20_mb_name_is_refused_by_forms_validate(capsys, tmp_path: Path) -> None:
    data = json.loads(EXAMPLE.read_text("utf-8"))
    data["barn_namn"] = "Å" * (20 * 1024 * 1024)
    path = tmp_path / "stor.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out, err = run(capsys, "forms", "validate", "barnhalsoteam-samtycke", "--data", str(path))
    assert code != 0 and "för stor" in out + err  # bounded before it is even parsed
