"""The demo gets cases in every region and both alternatives, a private provider, the
violence exemption, and a newborn with one parent yes and one no."""

from __future__ import annotations

from oro_desktop.services.demo import create_demo_store, remove_demo_store


def test_demo_has_the_cases_the_issue_asks_for():
    session, directory = create_demo_store()
    try:
        service = session.services.cases
        rows = service.list_page(0, 100)
        assert {r.region for r in rows} == {"Jämtland Härjedalen", "Västra Götaland", "Kronoberg"}
        views = [service.view(r.uid) for r in rows]
        alternatives = {(v.row.region, v.guidance.alternative) for v in views if v.guidance}
        for region in ("Jämtland Härjedalen", "Västra Götaland", "Kronoberg"):
            assert (region, 2) in alternatives
        for region in ("Jämtland Härjedalen", "Västra Götaland", "Kronoberg"):
            assert (region, 1) in alternatives
        assert any("private_party" in v.guidance.codes() for v in views if v.guidance)
        assert any(d.informed == "exemption" for v in views for d in v.disclosures)
        assert any(sorted(p.answer for p in v.persons if p.role == "guardian") == ["no", "yes"]
                   for v in views)
        assert all("Visas aldrig" not in repr(v) for v in views)
    finally:
        session.close()
        remove_demo_store(directory)
