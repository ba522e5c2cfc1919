"""The Samtycken list through the pager: first page, more on scroll, one changed row,
filter and search asked of the service. Real store, real widgets; the service's calls
are counted (spied), never replaced."""

from __future__ import annotations

from oro_desktop.core.consent import ConsentStatus
from oro_desktop.gui.sections.consents import ConsentsView

from .test_consents_section import settle

S = ConsentStatus


def spy(service, name: str) -> list:
    """Record the calls to one service method while still calling it."""
    calls: list = []
    real = getattr(service, name)

    def recorded(*args, **kwargs):
        calls.append((args, kwargs))
        return real(*args, **kwargs)

    setattr(service, name, recorded)
    return calls


def view_with(qtbot, services, *, page_size: int, height: int = 400) -> ConsentsView:
    view = ConsentsView(services, None)
    qtbot.addWidget(view)
    view.model.page_size = page_size
    view.first_screen = []
    view.model.loaded.connect(lambda: view.first_screen.append([r.id for r in view.model.rows()]))
    view.resize(1000, height)
    view.show()
    view.reload()
    settle(qtbot, view)
    return view


def drafts(service, n: int) -> list[int]:
    """n drafts; the older the later its name sorts, so the list order (latest edit first,
    then the name) is newest first even when several are saved within the same second."""
    return [service.save(None, {"barn_namn": f"Barn {n - i:02d}"}).id for i in range(n)]


def test_first_page_first_then_more_on_scroll(qtbot, services, service):
    drafts(service, 12)
    expected = [r.id for r in service.list()]
    view = view_with(qtbot, services, page_size=5, height=260)
    assert view.first_screen[-1] == expected[:5]  # shown before any further page
    assert view.model.total == 12 and view.count.text().startswith("12 samtycken")
    pages = spy(service, "list_page")
    while len(view.visible_rows()) < 12:
        before = len(view.visible_rows())
        view.table.scrollToBottom()
        qtbot.waitUntil(lambda: len(view.visible_rows()) > before, timeout=5_000)
    settle(qtbot, view)
    assert [r.id for r in view.visible_rows()] == expected
    offsets = [args[:2] for args, _kw in pages]
    assert offsets in ([(5, 5), (10, 5)], [(10, 5)])  # page by page, each asked once
    assert not view.model.canFetchMore()


def test_a_change_to_one_consent_refreshes_only_that_row(qtbot, services, service):
    ids = drafts(service, 6)
    view = view_with(qtbot, services, page_size=50)
    top = view.visible_rows()[0]
    assert top.id == ids[-1]  # drafts: latest edit first
    pages, counts, rows = spy(service, "list_page"), spy(service, "list_count"), spy(service, "row")
    resets, changed = [], []
    view.model.modelReset.connect(lambda: resets.append(1))
    view.model.dataChanged.connect(lambda a, b, *_: changed.append((a.row(), b.row())))
    service.save(top.id, {"barn_namn": "Aaa Nytt Namn"})  # still the latest edit: stays on top
    settle(qtbot, view)
    assert view.visible_rows()[0].child_name == "Aaa Nytt Namn"
    assert [r.id for r in view.visible_rows()] == [top.id, *ids[-2::-1]]
    assert changed == [(0, 0)] and resets == []
    assert len(rows) == 1 and pages == []  # one row read again, no re-list
    assert all(kw.get("statuses") for _a, kw in counts[1:])  # only the filter counts


def test_a_change_moves_the_row_where_the_order_says(qtbot, services, service):
    ids = drafts(service, 4)
    view = view_with(qtbot, services, page_size=50)
    oldest = ids[0]
    assert view.visible_rows()[-1].id == oldest
    service.save(oldest, {"barn_namn": "Aaa Igen"})  # now the latest edit: moves to the top
    settle(qtbot, view)
    assert [r.id for r in view.visible_rows()] == [oldest, *ids[:0:-1]]


def test_status_filter_and_search_go_through_the_pager(qtbot, services, service):
    ids = drafts(service, 3)
    view = view_with(qtbot, services, page_size=50)
    pages = spy(service, "list_page")
    view.set_status_filter(S.ACTIVE)
    settle(qtbot, view)
    assert view.visible_rows() == [] and pages[-1][1]["statuses"] == {S.ACTIVE}
    assert view.count.text().startswith("0 av 3 samtycken")
    view.set_status_filter(S.DRAFT)
    view.search("barn 01")  # asked at once: the older query's answer is dropped if later
    settle(qtbot, view)
    assert {"statuses": {S.DRAFT}, "text": "barn 01"} in [kw for _a, kw in pages]
    assert [r.id for r in view.visible_rows()] == [ids[2]]  # "Barn 01"
    # A change while searching asks the service again (it decides what matches).
    service.save(ids[2], {"barn_namn": "Annan Person"})
    settle(qtbot, view)
    assert view.visible_rows() == []
