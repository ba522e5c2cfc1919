"""The Ärenden section with real widgets on a real store: the list, the case view (steps,
each parent's own consent, the refused private disclosure, the protected address,
Barnet är fött), the change stream, Ctrl+F in the main window, and Att göra."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from oro_desktop.core.identity import missing
from oro_desktop.gui.main_window import MainWindow
from oro_desktop.gui.sections import discover
from oro_desktop.services.case_views import PersonInput
from oro_desktop.services.disclosures import Party

from .conftest import make_cases, who


def open_detail(qtbot, view, uid):
    detail = view.open_case(uid)
    qtbot.waitUntil(lambda: detail.view is not None and detail.view.row.uid == uid)
    return detail


def answer(detail, person_uid, yes, manner="written", said=""):
    form = detail.consent_form
    form.select_person(person_uid)
    assert form.person.currentData() == person_uid
    form.answer.setCurrentIndex(form.answer.findData("yes" if yes else "no"))
    form.manner.setCurrentIndex(form.manner.findData(manner))
    form.function.setText("BVC-sjuksköterska")
    form.content.setText("Att det finns en oro och vilket stöd som behövs.")
    form.said.setText(said)
    return detail.record_consent()


def consent_heads(detail):
    tree = detail.consents
    return {tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole): tree.topLevelItem(i)
            for i in range(tree.topLevelItemCount())}


def test_the_list_shows_the_cases_and_opens_one(qtbot, services, seeded):
    view = make_cases(qtbot, services)
    uids = [r.uid for r in view.rows()]
    assert set(uids) == {seeded.newborn, seeded.expected}
    assert view.count.text() == "2 ärenden"
    assert view.select(seeded.newborn)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert view.pages.currentWidget() is view.detail
    detail = view.detail
    qtbot.waitUntil(lambda: detail.view is not None)
    assert detail.view.row.uid == seeded.newborn
    assert detail.title.text() == "Nyfödd Provare – Växjö"
    names = [detail.persons.topLevelItem(i).text(0) for i in range(detail.persons.topLevelItemCount())]
    assert names == ["Nyfödd Provare", "Alva Provare", "Bo Provare"]
    assert detail.guidance.result.guidance is not None  # the embedded guidance panel
    assert detail.guidance.result.guidance.guideline.id == "kronoberg-nyfott-barn"
    qtbot.keyClick(detail.tabs, Qt.Key.Key_Escape)
    assert view.pages.currentIndex() == 0


def test_tick_a_step_with_a_note_and_untick_it(qtbot, services, seeded):
    view = make_cases(qtbot, services)
    detail = open_detail(qtbot, view, seeded.expected)
    first = detail.view.steps[0]
    assert not first.ticked
    assert detail.select_step(first.step_id)
    detail.step_note.setText("Socialtjänsten kontaktad per telefon.")
    assert detail.tick_selected(True)
    ticked = next(s for s in detail.view.steps if s.step_id == first.step_id)
    assert ticked.ticked and ticked.ticked_by == "anna" and ticked.note.startswith("Socialtjänsten")
    item = detail.steps.currentItem()
    assert item.text(0).startswith("☑") and item.text(2).startswith("anna, ")
    assert item.text(3) == "Socialtjänsten kontaktad per telefon."
    assert any("bockades av" in h.text for h in detail.view.history)
    assert detail.tick_selected(False)
    assert not next(s for s in detail.view.steps if s.step_id == first.step_id).ticked
    assert detail.steps.currentItem().text(0).startswith("☐")


def test_each_parent_answers_for_themselves_and_is_shown_separately(qtbot, services, seeded):
    view = make_cases(qtbot, services)
    detail = open_detail(qtbot, view, seeded.newborn)
    persons = [detail.consent_form.person.itemData(i) for i in range(detail.consent_form.person.count())]
    assert persons == [seeded.parent_a, seeded.parent_b]  # the newborn does not answer
    assert answer(detail, seeded.parent_a, yes=True)
    heads = consent_heads(detail)
    assert heads[seeded.parent_a].text(1) == "Ja"
    assert heads[seeded.parent_b].text(1) == "Inte tillfrågad"  # not taken from the other
    assert answer(detail, seeded.parent_b, yes=False, manner="oral", said="Vill inte just nu.")
    heads = consent_heads(detail)
    assert (heads[seeded.parent_a].text(1), heads[seeded.parent_b].text(1)) == ("Ja", "Nej")
    assert heads[seeded.parent_a].child(0).text(2) == "skriftligt"
    assert heads[seeded.parent_b].child(0).text(2) == "muntligt"
    by_name = {p.name: p.answer for p in detail.view.persons}
    assert by_name["Alva Provare"] == "yes" and by_name["Bo Provare"] == "no"
    assert not detail.no_consent.isHidden()
    shown = detail.no_consent.toPlainText()
    assert "Samtycke saknas för Bo Provare" in shown and "Alva Provare" not in shown
    assert detail.view.motivate_consent  # Kronoberg lists ways to motivate consent
    assert detail.view.motivate_consent[0].text[:30] in shown


def test_an_oral_answer_without_what_was_said_is_refused_with_one_line(qtbot, services, seeded):
    view = make_cases(qtbot, services)
    detail = open_detail(qtbot, view, seeded.newborn)
    assert answer(detail, seeded.parent_b, yes=False, manner="oral", said="") is None
    assert detail.message.isVisible() and "\n" not in detail.message.text()
    assert detail.message.text().startswith("Ange")
    assert all(p.answer in ("", "not_asked") for p in detail.view.persons)


def fill_disclosure(detail, recipient_public):
    form = detail.disclosure_form
    form.sender.name.setText("BVC Växjö")
    form.sender.kind.setCurrentText("BVC")
    form.recipient.name.setText("Familjestöd Exempel AB" if not recipient_public
                                else "Socialtjänsten Växjö")
    form.recipient.kind.setCurrentText("socialtjänsten")
    form.recipient.public.setCurrentIndex(form.recipient.public.findData(recipient_public))
    form.basis.setCurrentIndex(form.basis.findData("osl-25-12"))
    form.content.setText("Att det finns en oro för barnet.")
    form.before.setText("Att kontakt tas med socialtjänsten.")


def test_a_private_recipient_under_osl_is_refused_with_the_warning(qtbot, services, seeded):
    view = make_cases(qtbot, services)
    detail = open_detail(qtbot, view, seeded.newborn)
    assert answer(detail, seeded.parent_b, yes=False, manner="oral", said="Nej.")
    bases = [detail.disclosure_form.basis.itemData(i) for i in range(detail.disclosure_form.basis.count())]
    assert "osl-25-12" in bases
    fill_disclosure(detail, recipient_public=False)
    assert detail.record_disclosure() is None
    assert not detail.disclosure_warning.isHidden()
    text = detail.disclosure_warning.text()
    assert text.startswith("Uppgiftslämnandet nekades") and "Patientsäkerhetslagen" in text
    assert detail.view.disclosures == () and detail.disclosures.topLevelItemCount() == 0
    fill_disclosure(detail, recipient_public=True)  # the public social services: allowed
    uid = detail.record_disclosure()
    assert uid and not not detail.disclosure_warning.isHidden()
    assert detail.disclosures.topLevelItemCount() == 1
    assert "ska informeras i efterhand" in detail.disclosures.topLevelItem(0).text(4)


def test_a_protected_persons_address_is_never_shown(qtbot, services, seeded):
    view = make_cases(qtbot, services)
    detail = open_detail(qtbot, view, seeded.expected)
    row = next(detail.persons.topLevelItem(i) for i in range(detail.persons.topLevelItemCount())
               if detail.persons.topLevelItem(i).text(0) == "Tova Testsson")
    assert row.text(3) == "Skyddade personuppgifter"
    texts = [detail.persons.topLevelItem(i).text(c) for i in range(detail.persons.topLevelItemCount())
             for c in range(5)]
    texts += [detail.history.topLevelItem(i).text(2) for i in range(detail.history.topLevelItemCount())]
    texts += [detail.summary.text(), detail.title.text()]
    assert not any("Hemlig" in t for t in texts)


def test_barnet_ar_fott_says_anmalningsplikt_applies(qtbot, services, seeded):
    view = make_cases(qtbot, services)
    detail = open_detail(qtbot, view, seeded.expected)
    assert detail.born_button.isVisibleTo(detail)
    detail.born_button.click()
    assert detail.born_box.isVisibleTo(detail)
    detail.born_on.setDate(detail.born_on.date().addDays(-1))
    detail.born_name.setText("Nyfödd Testsson")
    assert detail.register_born()
    assert "anmälningsplikt" in detail.notices.text() and "19 kap. 1 §" in detail.notices.text()
    assert not detail.born_button.isVisibleTo(detail)
    roles = {p.name: p.role for p in detail.view.persons}
    assert roles["Nyfödd Testsson"] == "child" and roles["Tova Testsson"] == "guardian"


def test_add_a_person_in_a_role(qtbot, services, seeded):
    view = make_cases(qtbot, services)
    detail = open_detail(qtbot, view, seeded.expected)
    form = detail.person_form
    form.role.setCurrentIndex(form.role.findData("partner"))
    form.name.setText("Kim Testsson")
    form.number.setText("19850312-9820")
    assert detail.add_person()
    assert "Kim Testsson" in [p.name for p in detail.view.persons]
    assert form.name.text() == ""
    form.name.setText("Utan Nummer")
    form.number.setText("12345")
    assert detail.add_person() is None and detail.message.isVisible()


def test_the_list_refreshes_from_the_change_stream(qtbot, services, seeded, session):
    view = make_cases(qtbot, services)
    assert len(view.rows()) == 2
    # another service object of the same session writes
    new = session.services.cases.open(
        "Alvesta", guideline_id="kronoberg-nyfott-barn", concerns=["child_needs"],
        initiator_kind="BVC",
        child=PersonInput(name="Elsa Exempelberg", identity=missing("Nyfött, ännu ej folkbokfört")))
    qtbot.waitUntil(lambda: len(view.rows()) == 3 and not view.busy, timeout=15_000)
    assert view.rows()[0].uid == new  # newest open first
    assert view.count.text() == "3 ärenden"


def test_ctrl_f_finds_a_case_by_a_persons_name(qtbot, services, seeded):
    window = MainWindow(services, discover(strict=True))
    qtbot.addWidget(window)
    window.resize(1366, 740)
    window.show()
    window.show_section("cases")
    view = window.section_widget("cases")
    qtbot.waitUntil(lambda: not view.busy and len(view.rows()) == 2, timeout=15_000)
    assert window.search_field.isEnabled()
    assert window.search_field.placeholderText().startswith("Sök person eller ärende")
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_field.hasFocus()
    qtbot.keyClicks(window.search_field, "Bo Provare")
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not view.busy and [r.uid for r in view.rows()] == [seeded.newborn],
                    timeout=15_000)
    assert view.count.text() == "1 träff"
    for text, uid in (("19880101-9921", seeded.newborn), (seeded.expected[:8], seeded.expected)):
        window.search_field.setText(text)  # a number, the start of the case's id
        qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not view.busy and [r.uid for r in view.rows()] == [uid],
                        timeout=15_000)
    window.search_field.clear()
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not view.busy and len(view.rows()) == 2, timeout=15_000)


def test_att_gora_lists_who_is_to_be_told_afterwards_and_opens_the_case(qtbot, services, seeded):
    cases = services.cases
    cases.record_consent(seeded.newborn, seeded.parent_b, answer="no", manner="oral",
                         asked_on=cases.today(), asked_by="anna", function="BVC-sjuksköterska",
                         content="Oro för barnet.", said="Nej.")
    services.disclosures.record(
        seeded.newborn, disclosed_on=cases.today(), sender=Party("BVC Växjö", "BVC", True),
        recipient=Party("Socialtjänsten Växjö", "socialtjänsten", True), legal_basis="osl-25-12",
        content="Att det finns en oro.", decided_by="Enhetschef",
        told_before_on=cases.today() - timedelta(days=1), told_before="Att kontakt tas.")
    window = MainWindow(services, discover(strict=True))
    qtbot.addWidget(window)
    window.resize(1366, 740)
    window.show()
    todo = window.section_widget("todo")
    qtbot.waitUntil(lambda: todo.data is not None and not todo.busy_now, timeout=15_000)
    rows = todo.rows("tell_after")
    assert [(r.kind, r.ref) for r in rows] == [("case", seeded.newborn)]
    assert "Socialtjänsten Växjö" in rows[0].title
    assert todo.select("case", seeded.newborn)
    qtbot.keyClick(todo.tree, Qt.Key.Key_Return)
    assert window.current_section().id == "cases"
    detail = window.section_widget("cases").detail
    qtbot.waitUntil(lambda: detail.view is not None and detail.view.row.uid == seeded.newborn)
    d = detail.view.disclosures[0]
    assert detail.select_disclosure(d.uid) and detail.told_after_button.isEnabled()
    detail.told_after.setText("Att socialtjänsten erbjuder stöd.")
    assert detail.tell_after()
    assert not detail.view.disclosures[0].waiting_to_tell_after
    assert not detail.told_after_button.isEnabled()
    window.show_section("todo")
    qtbot.waitUntil(lambda: not todo.busy_now and todo.rows("tell_after") == [], timeout=15_000)


def test_nytt_arende_defaults_to_the_region_setting_and_opens_the_new_case(qtbot, services, session):
    session.set_setting("default_region", "kronoberg")
    view = make_cases(qtbot, services)
    dialog = view.new_case()
    assert dialog.guideline.currentData() == "kronoberg-nyfott-barn"
    assert not dialog.due.isEnabled() and dialog.child_name.isEnabled()
    assert "Ljungby" in [dialog.municipality.itemText(i) for i in range(dialog.municipality.count())]
    assert set(dialog.concern_boxes) >= {"parenting", "child_needs"}
    dialog.municipality.setCurrentText("Ljungby")
    dialog.concern_boxes["parenting"].setChecked(True)
    assert dialog.submit() is None  # no name for the child: one line, nothing written
    assert dialog.error.text().startswith("Ange") and services.cases.list_count() == 0
    dialog.child_name.setText("Nyfödd Exempel")
    uid = dialog.submit()
    assert uid and view.pages.currentWidget() is view.detail
    assert view.detail.view.row.uid == uid
    assert view.detail.view.concerns == (("parenting", "allvarliga brister i föräldraförmågan"),)
    assert view.detail.person_form.role.currentData() == "guardian"
    qtbot.waitUntil(lambda: not view.busy and [r.uid for r in view.rows()] == [uid], timeout=15_000)
    session.set_setting("default_region", "jamtland-harjedalen")
    other = view.new_case()
    assert other.guideline.currentData() == "jamtland-harjedalen-vantat-barn"
    assert other.due.isEnabled() and not other.child_name.isEnabled()


def test_a_written_consent_is_printed_for_the_parents_own_signature(qtbot, services, seeded):
    view = make_cases(qtbot, services)
    detail = open_detail(qtbot, view, seeded.newborn)
    form = detail.consent_form
    form.select_person(seeded.parent_b)
    form.manner.setCurrentIndex(form.manner.findData("oral"))
    assert not form.print_button.isEnabled()  # nothing to sign for an oral answer
    form.manner.setCurrentIndex(form.manner.findData("written"))
    assert form.print_button.isEnabled()
    form.function.setText("BVC-sjuksköterska")
    form.content.setText("Att det finns en oro och vilket stöd som behövs.")
    form.print_button.click()
    preview = detail.consents_tab.preview
    assert preview is not None and preview.isVisible() and preview.document.pageCount() >= 1
    preview.reject()
    assert detail.view.consents == ()  # printing is not an answer
    form.content.setText("")
    form.print_button.click()
    assert detail.message.isVisible() and detail.message.text().startswith("Ange")
