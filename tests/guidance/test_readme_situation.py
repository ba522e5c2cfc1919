"""The README's situation example for `oro-admin guide --situation` runs as written, and
the output has the keys the README names (issue 10: "Document the situation format in the
README")."""

from __future__ import annotations

import json
import re
from pathlib import Path

from oro_desktop.cli.main import main

ROOT = Path(__file__).resolve().parents[2]


def _example() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-situation-example -->\s*```json\n(.*?)```", readme, re.S)
    assert found, "the README's situation example is missing"
    return found.group(1)


def test_the_readme_example_runs_and_has_the_documented_output(tmp_path, capsys):
    path = tmp_path / "situation.json"
    path.write_text(_example(), encoding="utf-8")
    situation = json.loads(path.read_text(encoding="utf-8"))
    assert set(situation) == {"guideline", "municipality", "initiator", "consents", "at",
                              "violence", "parent_takes_part"}
    assert main(["guide", "--situation", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"alternative", "steps", "contacts", "legal_bases", "warnings", "guideline"} <= set(data)
    assert data["alternative"] == 2  # Pappa said no
    assert {"id", "valid_through", "expired"} <= set(data["guideline"])
    assert data["warnings"] and all(w["code"] and w["text"] for w in data["warnings"])
    codes = {w["code"] for w in data["warnings"]}
    assert {"each_parent_answers", "violence_exemption", "anmalningsplikt"} <= codes
    assert main(["guide", "--situation", str(path)]) == 0
    assert "Alternativ 2" in capsys.readouterr().out
