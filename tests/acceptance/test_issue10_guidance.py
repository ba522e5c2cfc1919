"""Issue #10, the guidance engine and `oro-admin guide`, checked as a user runs them.

What the existing suites already hold is not repeated here; these are the issue's
sentences that had no test of their own, or only a narrower one.
"""

from __future__ import annotations

import ast
import io
import itertools
import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from pypdf import PdfReader

from oro_desktop.cli.main import main
from oro_desktop.core.forms import FormLibrary
from oro_desktop.paths import forms_dir, resources_dir
from oro_desktop.pdf import default_fonts_dir, render_form
from oro_desktop.services.guidance import GuidanceService

from .conftest import FLAG, JAMTLAND, KRONOBERG, VGR

ROOT = Path(__file__).resolve().parents[2]
FORMER = re.compile(r"2001:453|14 kap\.? ?1 ?§|kap\.? 14|2 kap\.? 7 ?§")
SWEDISH = re.compile(r"[åäöÅÄÖ]|\b(och|att|som|för|inte|ska|gäller)\b")


@pytest.fixture(scope="module")
def guidance() -> GuidanceService:
    return GuidanceService(resources_dir())


def guide(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["guide", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def situation(tmp_path: Path, **data: Any) -> str:
    path = tmp_path / "situation.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


# -- the JSON output of `oro-admin guide` ---------------------------------------------------

GRID = {
    JAMTLAND: ("Östersund", ["den gravida"]),
    VGR: ("Borås", ["den gravida"]),
    KRONOBERG: ("Växjö", ["Mamma", "Pappa"]),
}


@pytest.mark.parametrize("guideline", sorted(GRID))
def test_every_output_has_the_issues_keys_and_every_warning_a_code_and_swedish_text(
        capsys, tmp_path, guideline):
    municipality, persons = GRID[guideline]
    seen_codes: set[str] = set()
    answers = ("yes", "no", "not_asked")
    for combo, public, violence, part in itertools.product(
            itertools.product(answers, repeat=len(persons)), (True, False), (False, True),
            (False, True)):
        path = situation(tmp_path, guideline=guideline, municipality=municipality,
                         initiator={"kind": "barnmorskemottagning" if guideline != KRONOBERG
                                    else "BB", "name": "Enheten", "public": public},
                         consents=dict(zip(persons, combo)), at="2026-03-02 10:00",
                         violence=violence, parent_takes_part=part)
        code, out, err = guide(capsys, "--situation", path, "--json")
        assert code == 0, err
        data = json.loads(out)
        for key in ("alternative", "steps", "contacts", "legal_bases", "warnings", "guideline"):
            assert key in data, key
        assert {"id", "valid_through", "expired"} <= set(data["guideline"])
        assert data["guideline"]["id"] == guideline
        assert data["alternative"] == (2 if "no" in combo else None if "not_asked" in combo
                                       else 1)
        for w in data["warnings"]:
            assert re.fullmatch(r"[a-z_]+", w["code"]), w
            assert w["text"].strip() and SWEDISH.search(w["text"]), w
            seen_codes.add(w["code"])
        if not public:
            assert "private_party" in {w["code"] for w in data["warnings"]}
    assert seen_codes  # the grid produced warnings to check


def test_the_expiry_flag_is_the_issues_text_on_and_after_the_date_in_list_and_situation(
        capsys, tmp_path):
    for at, flagged in (("2026-12-30 10:00", False), ("2026-12-31 10:00", True),
                        ("2027-06-01 10:00", True)):
        code, out, _ = guide(capsys, "--list", "--now", at)
        assert code == 0
        assert (FLAG in out) is flagged, (at, out)
        path = situation(tmp_path, guideline=JAMTLAND, municipality="Åre",
                         initiator={"kind": "barnmorskemottagning", "name": "BMM",
                                    "public": True},
                         consents={"den gravida": "yes"}, at=at)
        code, out, _ = guide(capsys, "--situation", path, "--json")
        data = json.loads(out)
        assert data["guideline"]["expired"] is flagged
        texts = [w["text"] for w in data["warnings"]]
        assert any(FLAG in t for t in texts) is flagged
        code, out, _ = guide(capsys, "--situation", path)
        assert (FLAG in out) is flagged


def test_one_day_left_is_singular(capsys):
    code, out, _ = guide(capsys, "--list", "--now", "2026-12-30 10:00")
    assert code == 0
    assert "1 dag kvar" in out and "1 dagar" not in out


def test_the_readme_documents_the_situation_keys():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for key in ("guideline", "municipality", "initiator", "consents", "at", "violence",
                "parent_takes_part"):
        assert f"`{key}`" in readme or f'"{key}"' in readme, key


# -- rules of the engine beyond the existing tests -----------------------------------------

def _codes(guidance: GuidanceService, **situation: Any) -> list[str]:
    data = GuidanceService.as_data(guidance.guide(situation, now=datetime(2026, 3, 2, 10, 0)))
    return [w["code"] for w in data["warnings"]]


def test_a_parent_not_yet_asked_gets_no_alternative_from_the_other_parents_yes(guidance):
    data = GuidanceService.as_data(guidance.guide(
        {"guideline": KRONOBERG, "municipality": "Växjö",
         "initiator": {"kind": "BB", "name": "BB", "public": True},
         "consents": {"Mamma": "yes", "Pappa": "not_asked"}},
        now=datetime(2026, 3, 2, 10, 0)))
    per = {p["person"]: p for p in data["per_person"]}
    assert per["Mamma"]["alternative"] == 1 and per["Pappa"]["alternative"] is None
    assert data["alternative"] is None
    # The consent steps of Alternativ 1 (past the anmälningsplikt, which binds everyone)
    # are Mamma's alone.
    for step in data["steps"]:
        if step["alternative"] == 1 and step["id"] != "a1-1":
            assert step["applies_to"] == ["Mamma"], step
    ask = [w for w in data["warnings"] if w["code"] == "consent_not_asked"]
    assert ask and "Pappa" in ask[0]["text"] and "Mamma" not in ask[0]["text"]


def test_a_private_recipient_is_refused_citing_psl_and_osl(guidance):
    data = GuidanceService.as_data(guidance.guide(
        {"guideline": JAMTLAND, "municipality": "Östersund",
         "initiator": {"kind": "barnmorskemottagning", "name": "BMM Lugnvik", "public": True},
         "consents": {"den gravida": "no"},
         "recipient": {"kind": "barnmorskemottagning", "name": "Hälsocentralen Privat AB",
                       "public": False}},
        now=datetime(2026, 3, 2, 10, 0)))
    refusal = [w for w in data["warnings"] if w["code"] == "private_recipient"]
    assert refusal and refusal[0]["level"] == "refusal"
    text = refusal[0]["text"]
    assert "Patientsäkerhetslagen (2010:659) 6 kap. 12 §" in text
    assert "Hälsocentralen Privat AB" in text


def test_after_birth_the_guidance_no_longer_speaks_of_the_expected_child(guidance):
    data = GuidanceService.as_data(guidance.guide(
        {"guideline": JAMTLAND, "municipality": "Åre",
         "initiator": {"kind": "barnmorskemottagning", "name": "BMM", "public": True},
         "consents": {"den gravida": "no"}, "child_born": True},
        now=datetime(2026, 3, 2, 10, 0)))
    codes = [w["code"] for w in data["warnings"]]
    assert "anmalningsplikt" in codes
    assert "lvm_not_for_expected_child" not in codes
    assert not any("väntade barnet" in w["text"] for w in data["warnings"])


def test_anmalningsplikt_cites_current_sol_with_the_former_beside_it(guidance):
    for situation in (
        {"guideline": KRONOBERG, "municipality": "Ljungby",
         "initiator": {"kind": "BB", "name": "BB", "public": True},
         "consents": {"Mamma": "yes", "Pappa": "yes"}},
        {"guideline": VGR, "municipality": "Borås",
         "initiator": {"kind": "barnmorskemottagning", "name": "BMM", "public": True},
         "consents": {"den gravida": "yes"}, "child_born": True},
    ):
        data = GuidanceService.as_data(guidance.guide(situation,
                                                      now=datetime(2026, 3, 2, 10, 0)))
        texts = [w["text"] for w in data["warnings"] if w["code"] == "anmalningsplikt"]
        assert texts, situation
        assert "SoL (2025:400) 19 kap. 1 § (tidigare SoL (2001:453) 14 kap. 1 §)" in texts[0]


# -- nothing cites the former SoL without the current one beside it ------------------------

def _strings(value: Any) -> list[tuple[list[str], str]]:
    """Every string with the strings of its enclosing mappings (what is shown beside it)."""
    out: list[tuple[list[str], str]] = []

    def walk(v: Any, context: list[str]) -> None:
        if isinstance(v, dict):
            here = context + [s for s in v.values() if isinstance(s, str)]
            for item in v.values():
                walk(item, here)
        elif isinstance(v, list):
            for item in v:
                walk(item, context)
        elif isinstance(v, str):
            out.append((context, v))

    walk(value, [])
    return out


def _yaml_files() -> list[Path]:
    return sorted([*(ROOT / "resources").rglob("*.yaml"), *(ROOT / "forms").rglob("*.yaml")])


@pytest.mark.parametrize("path", _yaml_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_data_file_cites_the_former_sol_alone(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    bad = [text for context, text in _strings(data)
           if FORMER.search(text) and "2025:400" not in text
           and not any("2025:400" in c for c in context)]
    assert bad == []


def test_no_printed_form_cites_the_former_sol_alone():
    library = FormLibrary(forms_dir())
    paths = sorted(forms_dir().glob("*.v*.yaml"))
    assert paths
    for path in paths:
        form_id, version = path.name.rsplit(".v", 1)
        definition = library.get(form_id, int(version.split(".")[0]))
        pdf = render_form(definition, None, fonts_dir=default_fonts_dir())
        for page in PdfReader(io.BytesIO(pdf)).pages:
            text = " ".join(page.extract_text().split())
            if FORMER.search(text):
                assert "2025:400" in text, (path.name, text[:300])


def test_no_guidance_text_cites_the_former_sol_alone(guidance):
    """Every shipped guideline, every combination of answers and birth, text and JSON."""
    now = datetime(2026, 3, 2, 10, 0)
    for gid, (municipality, persons) in GRID.items():
        for combo in itertools.product(("yes", "no"), repeat=len(persons)):
            for born in (False, True):
                result = guidance.guide(
                    {"guideline": gid, "municipality": municipality,
                     "initiator": {"kind": "socialtjänsten", "name": "Socialtjänsten",
                                   "public": True},
                     "consents": dict(zip(persons, combo)), "child_born": born,
                     "violence": True}, now=now)
                for line in GuidanceService.as_text(result).splitlines():
                    if FORMER.search(line):
                        assert "2025:400" in line, line
                for context, text in _strings(GuidanceService.as_data(result)):
                    if FORMER.search(text):
                        assert "2025:400" in text or any("2025:400" in c for c in context), text


def _literals(path: Path) -> list[tuple[int, str]]:
    """String constants that are not docstrings (docstrings and comments are English)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = getattr(node, "body", [])
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    return [(n.lineno, n.value) for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str)
            and id(n) not in docstrings]


def test_the_app_code_never_writes_the_former_sol_alone():
    """Every string the code can show or print (not its English docstrings)."""
    bad = []
    for path in sorted((ROOT / "oro_desktop").rglob("*.py")):
        for number, text in _literals(path):
            if text == "2001:453":  # core/guidance/legal.py's detector, never shown
                continue
            if FORMER.search(text) and "2025:400" not in text:
                bad.append(f"{path.relative_to(ROOT)}:{number}: {text[:120]}")
    assert bad == []


def test_guide_is_offline_and_needs_no_store(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("ORO_DB", str(tmp_path / "finns-inte.db"))
    path = situation(tmp_path, guideline=KRONOBERG, municipality="Markaryd",
                     initiator={"kind": "BB", "name": "BB", "public": True},
                     consents={"Mamma": "yes", "Pappa": "no"}, at="2026-11-27 15:30")
    code, out, err = guide(capsys, "--situation", path, "--json")
    assert code == 0, err
    assert not (tmp_path / "finns-inte.db").exists()
    assert json.loads(out)["alternative"] == 2


def test_a_bad_situation_is_refused_in_one_swedish_line(capsys, tmp_path):
    for bad in ({"guideline": "finns-inte", "municipality": "Växjö",
                 "initiator": {"kind": "BB", "name": "BB", "public": True},
                 "consents": {"Mamma": "yes"}},
                {"guideline": KRONOBERG, "municipality": "Växjö",
                 "initiator": {"kind": "BB", "name": "BB", "public": True},
                 "consents": {"Mamma": "kanske"}},
                {"guideline": KRONOBERG, "municipality": "Växjö",
                 "initiator": {"kind": "BB", "name": "BB", "public": True},
                 "consents": {"Mamma": "yes"}, "at": "2026-02-30 10:00"}):
        path = tmp_path / "bad.json"
        path.write_text(json.dumps(bad), encoding="utf-8")
        code, out, err = guide(capsys, "--situation", str(path))
        assert code == 2, (bad, err)
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
        assert SWEDISH.search(err)

