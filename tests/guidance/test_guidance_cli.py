"""`oro-admin guide`: offline, text and JSON, and bad situation files refused in one line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from oro_desktop.cli.main import main
from oro_desktop.services.guidance import MAX_SITUATION_BYTES
from tests.guidance.conftest import BASE, FORMER_SOL, JAMTLAND, KRONOBERG, VGR, former_alone

HERE = Path(__file__).resolve().parent


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["guide", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _write(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "situation.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--list", "--now", "2027-01-05 10:00")
    assert code == 0
    assert "jamtland-harjedalen-vantat-barn: Riktlinje för samverkan vid oro för väntat barn" in out
    assert "Riktlinjen gällde t.o.m. 2026-12-31 – kontrollera om det finns en ny version." in out
    assert "[UTKAST]" in out
    code, out, _ = run(capsys, "--list", "--json")
    assert {g["id"] for g in json.loads(out)} == {JAMTLAND, VGR, KRONOBERG}


def test_example_files_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--situation", str(HERE / "situation-kronoberg-newborn.json"), "--json")
    assert code == 0
    data = json.loads(out)
    for key in ("alternative", "steps", "contacts", "legal_bases", "warnings", "guideline"):
        assert key in data
    assert data["guideline"]["id"] == KRONOBERG and data["guideline"]["expired"] is False
    assert data["guideline"]["valid_through"] is None
    assert {p["person"]: p["alternative"] for p in data["per_person"]} == {"Mamma": 1, "Pappa": 2}
    assert all(w["code"] and w["text"] for w in data["warnings"])
    assert "violence_exemption" in [w["code"] for w in data["warnings"]]


def test_example_file_text_reads_in_swedish(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--situation", str(HERE / "situation-jamtland-no-consent.json"))
    assert code == 0
    assert "Alternativ: Alternativ 2 (inget samtycke)" in out
    assert "Vem kontaktas nu:" in out and "Tel: 112" in out
    assert "Källa: 2. Arbetsmodell för samverkan, Alternativ 2, punkt 1" in out
    assert "LVM kan inte tillämpas enbart till skydd för det väntade barnet" in out


@pytest.mark.parametrize("guideline_id", [JAMTLAND, VGR, KRONOBERG])
@pytest.mark.parametrize("answer", ["yes", "no", "not_asked"])
def test_output_never_cites_the_former_sol_alone(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, guideline_id: str, answer: str
) -> None:
    situation = dict(BASE[guideline_id], child_born=True)
    situation["consents"] = {name: answer for name in BASE[guideline_id]["consents"]}
    code, out, _ = run(capsys, "--situation", str(_write(tmp_path, situation)), "--json")
    assert code == 0
    data = json.loads(out)
    assert "2001:453" in out  # the former citation is there ...
    assert former_alone(data) == []  # ... but never alone
    code, text, _ = run(capsys, "--situation", str(_write(tmp_path, situation)))
    for line in text.splitlines():
        if FORMER_SOL.search(line):
            assert "2025:400" in line, line


def test_scanner_finds_a_former_citation_alone() -> None:
    assert former_alone({"a": [{"citation": "SoL (2001:453) 14 kap. 1 §"}]}) == [".a[0].citation"]
    assert former_alone({"c": "SoL (2025:400) 19 kap. 1 §", "f": {"c": "SoL (2001:453) 14 kap. 1 §"}}) == []
    assert former_alone(["enligt SoL kap. 14 1 §"]) == ["[0]"]


def _bad(base: dict[str, Any], **change: Any) -> dict[str, Any]:
    data = json.loads(json.dumps(base))
    for key, value in change.items():
        if value is None:
            del data[key]
        else:
            data[key] = value
    return data


BAD = [
    (_bad(BASE[JAMTLAND], guideline=None), "nyckeln ”guideline” saknas"),
    (_bad(BASE[JAMTLAND], guideline="gotland-vantat-barn"), "Okänd riktlinje"),
    (_bad(BASE[JAMTLAND], municipality="Växjö"), "hör inte till riktlinjen"),
    (_bad(BASE[JAMTLAND], at="2026-13-45 10:00"), "ogiltig tid"),
    (_bad(BASE[JAMTLAND], at="2026-11-23"), "både datum och klockslag"),
    (_bad(BASE[JAMTLAND], consents={"den gravida": "kanske"}), "ska vara ett av"),
    (_bad(BASE[JAMTLAND], initiator={"kind": "tandläkare", "name": "x", "public": True}), "okänd verksamhet"),
    (_bad(BASE[JAMTLAND], initiator={"kind": "BB", "name": "x", "public": "ja"}), "public"),
    (_bad(BASE[JAMTLAND], initiator={"kind": "BB", "name": "x"}), "initiator.public"),
    (_bad(BASE[JAMTLAND], violence="yes"), "true eller false"),
    (_bad(BASE[JAMTLAND], extra=1), "okänd nyckel ”extra”"),
    (_bad(BASE[JAMTLAND], municipality="x" * 500), "för lång"),
    ([1, 2, 3], "JSON-objekt"),
    ("{not json", "inte giltig JSON"),
    ('{"guideline": ' * 40 + "1" + "}" * 40, "djupt nästlad"),
    ("[" * 50_000 + "]" * 50_000, "för stor"),
    ("[" * 30_000 + "]" * 30_000, "nästlad"),
    ("x" * (MAX_SITUATION_BYTES + 10), "för stor"),
]


@pytest.mark.parametrize("content, message", BAD, ids=[m for _, m in BAD])
def test_bad_situation_is_one_swedish_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: Any, message: str
) -> None:
    code, out, err = run(capsys, "--situation", str(_write(tmp_path, content)))
    assert code != 0 and out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("oro-admin: ") and message in err
    assert "Traceback" not in err


def test_missing_file_and_binary(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "--situation", str(tmp_path / "saknas.json"))
    assert code != 0 and "kan inte läsas" in err
    path = tmp_path / "bin.json"
    path.write_bytes(b"\xff\xfe\x00")
    code, _, err = run(capsys, "--situation", str(path))
    assert code != 0 and "UTF-8" in err


def test_list_or_situation_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["guide"])
    assert info.value.code == 2
    capsys.readouterr()


def test_jamtland_example_json_validity(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--situation", str(HERE / "situation-jamtland-no-consent.json"), "--json")
    assert code == 0
    data = json.loads(out)
    g = data["guideline"]
    assert (g["id"], g["valid_through"], g["expired"], g["expires_within_60_days"]) == (
        JAMTLAND, "2026-12-31", False, True)
    assert data["alternative"] == 2
    assert [s["number"] for s in data["steps"]] == [1, 3, 4, 5]
    assert data["contacts"][0]["closed"] is True  # Friday 17.30
    assert data["contacts"][0]["entries"][0]["phones"][0]["number"] == "112"
    assert any(r["id"] == "private_providers" for r in g["special_rules"])
