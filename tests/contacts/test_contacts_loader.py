"""The loader refuses bad files with errors that name the file and the entry."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from oro_desktop.core.datafiles import AuthoringError
from oro_desktop.core.contacts import (
    ContactEntry,
    DirectoryError,
    RegionDirectory,
    dump_directory,
    load_directory,
    parse_directory,
)

GOOD = """
format: 1
region: Testlän
municipalities: [Exempelby]
source: {guideline: "Testriktlinje", date: "2026-01-01"}
verified: 2026-01-01
entries:
  - id: testlan/socialtjanst/exempelby
    organisation: Exempelby kommun
    unit: Socialtjänsten
    kind: socialtjänstens mottagning
    municipality: Exempelby
    phones: ["000-000 00"]
"""


def errors_for(text: str) -> list[AuthoringError]:
    with pytest.raises(DirectoryError) as caught:
        parse_directory(text, "test.yaml")
    assert caught.value.message.startswith("Kontaktkatalogen innehåller fel")
    return caught.value.errors


def test_good_file_loads() -> None:
    [region] = parse_directory(GOOD, "test.yaml")
    assert region.region == "Testlän" and region.entries[0].municipality == "Exempelby"


ENTRY = "testlan/socialtjanst/exempelby"


@pytest.mark.parametrize(
    ("change", "code", "path", "entry", "fragment"),
    [
        (("    municipality: Exempelby", "    municipality: Exempelby\n    fax: 1"),
         "unknown_key", "entries[0].fax", ENTRY, "okänd nyckel ”fax”"),
        (("    kind: socialtjänstens mottagning\n", ""),
         "missing_key", "entries[0]", ENTRY, "nyckeln ”kind” saknas"),
        (("    phones:", "    hours: mån 8-25\n    phones:"),
         "bad_hours", "entries[0].hours", ENTRY, "Ogiltig tid"),
        (("    phones:", "    hours: kontorstid\n    phones:"),
         "bad_hours", "entries[0].hours", ENTRY, "öppettiderna"),
        (("municipality: Exempelby\n    phones", "municipality: Annanstad\n    phones"),
         "unknown_municipality", "entries[0].municipality", ENTRY, "finns inte i filens kommunlista"),
        (("id: testlan/socialtjanst/exempelby", "id: Testlän Exempelby"),
         "bad_id", "entries[0].id", "Testlän Exempelby", "kronoberg/socialtjanst/vaxjo"),
        (("verified: 2026-01-01", "verified: igår"),
         "bad_date", "verified", "", "”verified” är inget datum"),
        (('phones: ["000-000 00"]', "emails: [inte-en-adress]"),
         "bad_email", "entries[0].emails[0]", ENTRY, "ogiltig e-postadress"),
        (('phones: ["000-000 00"]', 'phones: ["ring"]'),
         "bad_phone", "entries[0].phones[0]", ENTRY, "inga siffror"),
        (("format: 1", "format: 2"), "bad_value", "format", "", "ska vara 1"),
        (("    unit: Socialtjänsten", "    unit: [Socialtjänsten]"),
         "wrong_type", "entries[0].unit", ENTRY, "”unit” ska vara text"),
    ],
)
def test_errors_name_file_path_and_entry(change: tuple[str, str], code: str, path: str,
                                         entry: str, fragment: str) -> None:
    errors = errors_for(GOOD.replace(*change))
    matching = [e for e in errors if e.code == code]
    assert matching, [str(e) for e in errors]
    error = matching[0]
    assert (error.file, error.path, error.field) == ("test.yaml", path, entry)
    assert fragment in error.message
    assert all(str(e).startswith("test.yaml: ") for e in errors)
    if entry:
        assert f"post ”{entry}”" in str(error)


def test_duplicate_ids_are_refused() -> None:
    doubled = GOOD + GOOD[GOOD.index("  - id:"):]
    [error] = errors_for(doubled)
    assert (error.code, error.path, error.field) == ("duplicate_id", "entries[1]", ENTRY)
    assert "finns redan" in error.message


def test_duplicate_ids_across_files_are_refused(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(GOOD, encoding="utf-8")
    with pytest.raises(DirectoryError) as caught:
        load_directory(tmp_path)
    [error] = caught.value.errors
    assert (error.code, error.file, error.field) == ("duplicate_id", "b.yaml", ENTRY)
    assert "finns redan i a.yaml" in error.message


def test_not_yaml_is_one_clear_error() -> None:
    [error] = errors_for("entries: [")
    assert error.code == "yaml_syntax"
    assert str(error).startswith("test.yaml: filen går inte att läsa som YAML")


def test_deeply_nested_yaml_is_one_clear_error() -> None:
    [error] = errors_for("entries: " + "[" * 5_000 + "]" * 5_000)
    assert error.code == "yaml_syntax" and "nästlad" in error.message


def test_export_round_trips(shipped_entries: list[ContactEntry], shipped_dir: Path) -> None:
    regions = load_directory(shipped_dir)
    text = dump_directory(regions, "2026-11-23 10:00:00")
    again = parse_directory(text, "export.yaml")
    assert [e for r in again for e in r.entries] == shipped_entries
    assert yaml.safe_load(text)["exported_at"] == "2026-11-23 10:00:00"


def test_shipped_files_are_valid_and_complete(shipped_dir: Path) -> None:
    regions: dict[str, RegionDirectory] = {r.region: r for r in load_directory(shipped_dir)}
    assert set(regions) == {"Kronoberg", "Jämtland Härjedalen", "Västra Götaland"}
    jamtland = regions["Jämtland Härjedalen"]
    assert set(jamtland.municipalities) == {
        "Berg", "Bräcke", "Härjedalen", "Krokom", "Ragunda", "Strömsund", "Åre", "Östersund",
    }
    vgr = regions["Västra Götaland"]
    assert len(vgr.municipalities) == 49 and len(set(vgr.municipalities)) == 49
    assert "Kungsbacka" not in vgr.municipalities  # Halland
    assert {e.municipality for e in vgr.entries} == set(vgr.municipalities)
    for entry in vgr.entries:
        assert entry.fill_locally and not entry.phones and "lokal" in entry.notes
    for region in regions.values():
        for entry in region.entries:
            assert entry.source.guideline and entry.source.date and entry.verified


def test_jamtland_gives_no_number_but_112(shipped_dir: Path) -> None:
    [jamtland] = [r for r in load_directory(shipped_dir) if r.region == "Jämtland Härjedalen"]
    numbers = {p.number for e in jamtland.entries for p in e.phones}
    assert numbers == {"112"}
    after_hours = [e for e in jamtland.entries if e.after_hours]
    assert {e.municipality for e in after_hours} == set(jamtland.municipalities)
