"""The psychiatrist's review through the real widgets, then what the database holds."""

from __future__ import annotations

from datetime import date, timezone

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
)
from sqlalchemy import func, select

from db.models import AddendumRow, SessionRow, VitalsRow
from export.colours import LIGHT
from monitor import course as course_module
from monitor.demo import COURSE_PHQ9, seed_demo
from monitor.discharge import all_clear
from monitor.records import NewPatient
from monitor.review import SessionLocked
from monitor.vitals import VitalsValues
from tests.ui.conftest import answer_dialog
from tests.ui.review.test_course_model import build_course
from ui.review.course_model import KEYS, SORT_ROLE
from ui.review.review_view import ReviewView
from ui.session.session_log import log_items

UTC = timezone.utc


def click(qtbot, widget) -> None:
    assert widget.isEnabled(), f"{widget.objectName() or widget.text()} is disabled"
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def press_ok(qtbot, dialog) -> None:
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))


@pytest.fixture
def review(qtbot, ui_service):
    view = ReviewView(ui_service, LIGHT, UTC)
    qtbot.addWidget(view)
    view.resize(1440, 900)
    view.show()
    qtbot.waitExposed(view)
    return view


HELEN_PASSWORD = "she reviews every chart"


@pytest.fixture
def helen(review, sqlite_storage, ui_service, clock):
    """Dr Helen Park, psychiatrist, signed in: the review signs with her password."""
    from db.accounts_repo import AccountsRepository
    from db.signature_repo import SignatureRepository
    from monitor.accounts.account_service import AccountService
    from monitor.accounts.current_user import CurrentUser
    from monitor.accounts.roles import Role
    from monitor.accounts.signing import SigningService
    from monitor.accounts.users import NewUser
    from tests.conftest import FAST_HASHER

    accounts = AccountService(AccountsRepository(sqlite_storage, FAST_HASHER), clock)
    accounts.create_first_admin(NewUser("helen", "Helen Park", "MD",
                                        frozenset({Role.ADMIN, Role.PSYCHIATRIST})),
                                HELEN_PASSWORD, "1357")
    actor = accounts.sign_in("helen", HELEN_PASSWORD)
    sr = review.session_review
    sr.signing = SigningService(ui_service, SignatureRepository(sqlite_storage), accounts,
                                clock)
    sr.current_user = CurrentUser(actor)
    return actor


@pytest.fixture
def demo(ui_service, clock, ui_repo):
    seed_demo(ui_service, clock.now())
    [(maria, _n, _last)] = ui_repo.review.patients_overview("CH-1001")
    return maria


def listed(view) -> list[str]:
    table = view.patients.table
    return [table.model().index(r, 0).data() for r in range(table.model().rowCount())]


def search(qtbot, view, text: str, names: list[str]) -> None:
    view.patients.search.clear()
    qtbot.keyClicks(view.patients.search, text)
    qtbot.waitUntil(lambda: sorted(listed(view)) == sorted(names), timeout=2000)


def quick_session(service, clock, patient_id: int):
    """A routine session from opening to discharge; returns it as opened."""
    s = service.open_session(patient_id, "1", 70)
    service.record_vitals(s.id, VitalsValues(120, 80, 70, 98, 14))
    service.start_infusion(s.id)
    clock.advance(minutes=40)
    service.end_infusion(s.id)
    clock.advance(minutes=30)
    service.discharge(s.id, all_clear())
    clock.advance(hours=20)
    return s


def open_course(qtbot, view, mrn: str) -> None:
    search(qtbot, view, mrn, [view.service.review.patients_overview(mrn)[0][0].name])
    table = view.patients.table
    rect = table.visualRect(table.model().index(0, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.pages.currentWidget() is view.course_page


def open_row(qtbot, view, row: int) -> None:
    """Selects a course row and presses Enter on it."""
    table = view.course_table
    table.setCurrentIndex(table.model().index(row, 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert view.pages.currentWidget() is view.session_review


def count(storage, table, session_id: int) -> int:
    with storage.transaction() as s:
        return s.scalar(select(func.count()).select_from(table)
                        .where(table.session_id == session_id))


# --- the patient list --------------------------------------------------------------------

def test_search_by_name_mrn_or_birth_date_and_sort_sessions_as_numbers(
        qtbot, review, ui_service, clock):
    people, opened = {}, {}
    for mrn, name, born, sessions in (("SRCH-1", "Ada Byrne", date(1970, 1, 1), 10),
                                      ("SRCH-2", "Ben Cole", date(1980, 5, 5), 2),
                                      ("XYZ-9", "Cara Dunn", date(1990, 9, 9), 0)):
        p = ui_service.register_patient(NewPatient(mrn, name, born))
        people[name] = p
        for _ in range(sessions):
            opened[name] = quick_session(ui_service, clock, p.id).created_at
    review.patients.refresh()
    assert sorted(listed(review)) == ["Ada Byrne", "Ben Cole", "Cara Dunn"]
    assert review.patients.count_label.text() == "3 patients"

    search(qtbot, review, "byrne", ["Ada Byrne"])
    search(qtbot, review, "SRCH", ["Ada Byrne", "Ben Cole"])
    search(qtbot, review, "xyz-9", ["Cara Dunn"])
    search(qtbot, review, "1980-05-05", ["Ben Cole"])
    search(qtbot, review, "nobody", [])
    assert review.patients.count_label.text() == "No patient matches."
    search(qtbot, review, "", ["Ada Byrne", "Ben Cole", "Cara Dunn"])

    table = review.patients.table
    model = review.patients.model
    row_of_ada = [model.patient(r).name for r in range(3)].index("Ada Byrne")
    shown = [model.index(row_of_ada, c).data() for c in range(5)]
    assert shown[:4] == ["Ada Byrne", "SRCH-1", "1970-01-01", "10"]
    assert shown[4] == f"{opened['Ada Byrne']:%Y-%m-%d}" == "2026-12-02"

    header = table.horizontalHeader()
    column = model.HEADERS.index("Sessions")
    at = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(at, 5))
    ascending = [table.model().index(r, column).data() for r in range(3)]
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(at, 5))
    descending = [table.model().index(r, column).data() for r in range(3)]
    assert {tuple(ascending), tuple(descending)} == {("0", "2", "10"), ("10", "2", "0")}
    assert listed(review)[0] in ("Ada Byrne", "Cara Dunn")

    with qtbot.waitSignal(review.patients.patient_chosen) as chosen:
        table.setFocus()
        table.setCurrentIndex(table.model().index(1, 0))
    assert chosen.args == [people["Ben Cole"].id]
    assert review.patient.id == people["Ben Cole"].id
    assert review.course_model.rowCount() == 2

    cara = listed(review).index("Cara Dunn")
    table.setCurrentIndex(table.model().index(cara, 0))
    assert review.patient.id == people["Cara Dunn"].id
    assert review.course_model.rowCount() == 0
    assert "No sessions yet" in review.course_header.text()
    assert not review.course_pdf_button.isEnabled()


# --- the course --------------------------------------------------------------------------

def test_demo_course_shows_six_sessions_with_response_and_remission_marked(
        qtbot, review, demo, ui_service, monkeypatch):
    courses, summaries = [], []
    course, summarize = ui_service.course, course_module.summarize
    monkeypatch.setattr(ui_service, "course", lambda pid: courses.append(pid) or course(pid))
    monkeypatch.setattr(course_module, "summarize",
                        lambda r, now: summaries.append(r) or summarize(r, now))
    open_course(qtbot, review, "CH-1001")
    assert courses == [demo.id] and len(summaries) == 6  # one read, one summary each

    model = review.course_model
    phq9 = KEYS.index("phq9")
    assert model.rowCount() == 6
    # each score with its change from the course's first, and response or remission
    assert [model.index(r, phq9).data(SORT_ROLE) for r in range(6)] == [21, 17, 13, 10, 7, 4]
    assert [model.index(r, phq9).data() for r in range(6)] == [
        "21", "17 (−19%)", "13 (−38%)", "10 (−52%) response", "7 (−67%) response",
        "4 (−81%) remission"]
    assert [model.index(r, KEYS.index("sbp_rise")).data() for r in range(6)] == [
        "+22", "+20", "+18", "+16", "+14", "+12"]
    assert "Maria Alvarez" in review.course_header.text()
    assert "first response at session 4" in review.course_header.text()
    assert "first remission at session 6" in review.course_header.text()

    mood = review.charts.mood["phq9"]
    x, y = mood.curve.getData()
    assert list(x) == [1, 2, 3, 4, 5, 6] and list(y) == list(COURSE_PHQ9)
    rx, ry = mood.response.getData()
    assert list(rx) == [4, 5, 6] and list(ry) == [10, 7, 4]  # ≤ half of 21
    mx, my = mood.remission.getData()
    assert list(mx) == [6] and list(my) == [4]  # PHQ-9 below 5
    assert len(mood.item9.getData()[0]) == 0
    assert mood.response_line.value() == pytest.approx(10.5)
    assert mood.remission_line.value() == 4.5  # PHQ-9 below 5
    [ticks, _minor] = mood.thresholds._tickLevels  # the lines are named on the right
    assert sorted(ticks) == [(4.5, "remission"), (10.5, "response")]
    legend = review.charts.legend.text()
    assert "response (≥ 50 % drop" in legend and "remission (PHQ-9 &lt; 5" in legend
    assert not review.charts.mood["madrs"].isVisibleTo(review)
    bars = review.charts.rise_bars.opts
    assert list(bars["x"]) == [1, 2, 3, 4, 5, 6]
    assert list(bars["height"]) == [22, 20, 18, 16, 14, 12]


def test_item9_shown_wherever_the_score_is(qtbot, review, ui_service, clock):
    course = build_course(ui_service, clock)
    review.patients.refresh()
    open_course(qtbot, review, "RV-200")
    assert review.course_model.cell(0, "phq9") == "17 ⚠ item 9 > 0"
    header = review.course_header.text()
    assert "⚠ PHQ-9 item 9" in header and LIGHT.critical in header
    mood = review.charts.mood["phq9"]
    assert list(mood.item9.getData()[0]) == [1]
    assert "⚠ item 9" in mood.labels[0].toPlainText()
    assert "item 9 above 0" in review.charts.legend.text()
    assert review.charts.mood["madrs"].isVisibleTo(review)  # MADRS recorded: its chart
    assert list(review.charts.mood["madrs"].curve.getData()[1]) == [30, 14]
    assert np.allclose(review.charts.rise_bars.opts["height"], [45, 12])

    review.show_session(course.session_ids[0])
    assert "PHQ-9 item 9" in review.session_review.signoff.text()
    assert "PHQ-9 item 9" in review.session_review.details.toPlainText()


# --- one session -------------------------------------------------------------------------

def test_session_review_shows_the_whole_record_and_nothing_to_edit(
        qtbot, review, demo, ui_service, monkeypatch):
    open_course(qtbot, review, "CH-1001")
    loads = []
    monkeypatch.setattr(ui_service, "load", lambda sid: loads.append(sid))
    open_row(qtbot, review, 2)
    assert loads == []  # the record read with the course is reused
    sr = review.session_review
    record = review.records[sr.session_id]
    assert "Maria Alvarez" in sr.header.text() and "34 mg" in sr.header.text()
    assert not review.patients.isVisible()  # the session has the width

    vitals = sr.vitals_model
    assert vitals.rowCount() == 7
    first = [vitals.index(0, c).data() for c in range(vitals.columnCount())]
    assert first[1:] == ["-5", "124/78", "72", "98", "14", "36.7", "Baseline"]
    assert [vitals.index(r, 2).data() for r in range(1, 5)] == [
        "132/82", "138/84", "142/86", "138/84"]  # the third session: rise 14 + 4

    assert sr.log_model.rowCount() == len(log_items(record)) == 15
    entries = [sr.log_model.entry(r).what for r in range(sr.log_model.rowCount())]
    assert "Discharged" in entries[:3] and entries[-1] == "Assessment"  # newest first
    assert entries.count("Side effect") == 2 and entries.count("Vitals") == 7
    details = sr.details.toPlainText()  # the PDF's tables: a cell a line
    for text in ("Dissociation\n4/10 (moderate)", "Nausea\n3/10 (mild)",
                 "PHQ-9\n13/27\nmoderate", "No alarm was raised",
                 "Aldrete 10/10; escort present"):
        assert text in details
    assert "Not signed" in sr.signoff.text()
    assert sr.sign_button.isEnabled() and not sr.addendum_button.isEnabled()
    for kind in (QLineEdit, QPlainTextEdit, QAbstractSpinBox, QComboBox):
        assert sr.findChildren(kind) == [], f"an edit control ({kind.__name__})"

    click(qtbot, sr.back_button)
    assert review.pages.currentWidget() is review.course_page
    assert review.patients.isVisible()


def test_a_session_still_running_cannot_be_signed(qtbot, review, demo, ui_service, ui_repo):
    [busy] = [s.id for s, p in ui_repo.sessions.open_sessions() if s.chair == "2"]
    review.show_session(busy)
    sr = review.session_review
    assert not sr.sign_button.isEnabled() and not sr.addendum_button.isEnabled()
    assert "still infusing" in sr.signoff.text()
    assert review.patient.mrn == "CH-1002"  # its patient's course is behind "◀ Course"


def test_sign_then_addendum_through_the_dialogs(qtbot, review, demo, ui_service, clock,
                                                sqlite_storage, helen):
    open_course(qtbot, review, "CH-1001")
    open_row(qtbot, review, 0)
    sr = review.session_review
    sid = sr.session_id
    clock.advance(minutes=30)

    def sign(dialog):
        press_ok(qtbot, dialog)  # no password: refused inside the dialog, which stays open
        assert dialog.isVisible() and "Wrong user name, password" in dialog.message.text()
        qtbot.keyClicks(dialog.password, HELEN_PASSWORD)
        press_ok(qtbot, dialog)

    seen = answer_dialog(qtbot, sign)
    click(qtbot, sr.sign_button)
    assert seen
    with sqlite_storage.transaction() as s:
        row = s.get(SessionRow, sid)
        assert (row.signed_by, row.signed_at) == ("Helen Park, MD", clock.now())
    assert not sr.sign_button.isEnabled() and sr.addendum_button.isEnabled()
    assert "Signed by Helen Park, MD on 2026-11-24 14:30" in sr.signoff.text()
    assert review.course_model.cell(0, "signed") == "Yes"

    clock.advance(hours=2)

    def amend(dialog):
        assert dialog.actor.signature_name == "Helen Park, MD"  # the signed-in user
        qtbot.keyClicks(dialog.text, "Patient phoned: mild headache next morning.")
        qtbot.keyClicks(dialog.reason.lineEdit(), "Outcome after discharge")
        qtbot.keyClicks(dialog.password, HELEN_PASSWORD)  # signed as the session was
        press_ok(qtbot, dialog)

    seen = answer_dialog(qtbot, amend)
    click(qtbot, sr.addendum_button)
    assert seen
    with sqlite_storage.transaction() as s:
        [row] = s.scalars(select(AddendumRow).where(AddendumRow.session_id == sid)).all()
        assert (row.text, row.reason, row.author, row.at) == (
            "Patient phoned: mild headache next morning.", "Outcome after discharge",
            "Helen Park, MD", clock.now())
        assert (row.meaning, row.author_user, len(row.digest)) == (
            "Authored", helen.user_id, 64)
    assert sr.addenda_frame.isVisible()
    assert "Patient phoned: mild headache next morning." in sr.addenda.text()
    assert ("Electronically signed by Helen Park, MD — 2026-11-24 16:30 UTC (UTC+00:00) — "
            "Authored") in sr.addenda.text()
    assert "Addenda (1)" in sr.addenda.text()
    assert review.course_model.cell(0, "signed") == "Yes + 1 addendum"


def test_a_signed_session_is_locked_in_the_service(qtbot, review, demo, ui_service,
                                                   sqlite_storage, helen):
    open_course(qtbot, review, "CH-1001")
    open_row(qtbot, review, 5)
    sid = review.session_review.session_id

    def sign(dialog):
        qtbot.keyClicks(dialog.password, HELEN_PASSWORD)
        press_ok(qtbot, dialog)

    seen = answer_dialog(qtbot, sign)
    click(qtbot, review.session_review.sign_button)
    assert seen
    before = count(sqlite_storage, VitalsRow, sid)
    with pytest.raises(SessionLocked, match="signed by Helen Park, MD"):
        ui_service.record_vitals(sid, VitalsValues(120, 80, 70, 98, 14))
    with pytest.raises(SessionLocked):
        ui_service.add_note(sid, "late note")
    assert count(sqlite_storage, VitalsRow, sid) == before == 7


def test_export_buttons_ask_the_window(qtbot, review, demo):
    open_course(qtbot, review, "CH-1001")
    with qtbot.waitSignal(review.export_pdf_requested) as course_pdf:
        click(qtbot, review.course_pdf_button)
    assert course_pdf.args == ["course", demo.id]
    table = review.course_table
    rect = table.visualRect(table.model().index(1, KEYS.index("date")))
    # a real double-click: press and release, then the double-click event
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert review.pages.currentWidget() is review.session_review  # double-click opens it
    sid = review.session_review.session_id
    with qtbot.waitSignal(review.export_pdf_requested) as session_pdf:
        click(qtbot, review.session_review.pdf_button)
    assert session_pdf.args == ["session", sid]
    with qtbot.waitSignal(review.export_csv_requested) as csv:
        click(qtbot, review.session_review.csv_button)
    assert csv.args == [sid]
