"""Every control of the chair view and every board tile's text is inside the window at the
screen sizes clinics have, with no scroll bar (real window, real SQLite demo clinic)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from monitor.demo import seed_demo
from ui.app.placement import FRAME_ALLOWANCE

SCREENS = [(1280, 800), (1366, 768)]


@pytest.fixture
def clinic(qtbot, window, ui_service, clock):
    seed_demo(ui_service, clock.now())
    window.reload()
    return window


def on_screen(window, screen: tuple[int, int]) -> None:
    """The window as large as such a screen leaves it (title bar and borders off)."""
    size = (screen[0] - FRAME_ALLOWANCE[0], screen[1] - FRAME_ALLOWANCE[1])
    window.resize(*size)
    window.layout().activate()
    assert window.size().toTuple() == size, "the window would not fit the screen"


def settle(qtbot) -> None:
    """Lets the layouts take a hidden or shown panel into account (posted events)."""
    qtbot.wait(20)


def wholly_shown(widget: QWidget, window) -> bool:
    """Shown, inside the window, and not cut by any parent."""
    if not widget.isVisible():
        return False
    top_left = widget.mapTo(window, widget.rect().topLeft())
    inside = window.rect().contains(QRect(top_left, widget.size()))
    return inside and widget.visibleRegion().boundingRect().size() == widget.size()


def chair_controls(view) -> dict[str, QWidget]:
    named: dict[str, QWidget] = {f"vitals {k}": e for k, e in view.vitals_form.inputs.items()}
    named |= {"Taken at": view.vitals_form.taken_at, "Save vitals": view.vitals_form.save_button}
    named |= {f"side effect {k}": b for k, b in view.side_effects.kind_buttons.items()}
    named |= {f"severity {n}": b for n, b in enumerate(view.side_effects.severity_buttons)}
    named |= {"note": view.side_effects.note, "Log": view.side_effects.log_button}
    named |= {f"button {k}": b for k, b in view.controls.buttons.items()}
    named |= {"Acknowledge": view.alarm_banner.button, "log": view.log_view,
              "clock": view.clock_view.elapsed, "remaining": view.clock_view.remaining,
              "Board": view.back_button}
    return named


def alarmed_chair(window):
    return next(r.session.id for r in window.clinic.open_records() if r.open_alarm())


@pytest.mark.parametrize("screen", SCREENS)
def test_every_chair_control_is_on_screen_without_scrolling(qtbot, clinic, screen):
    on_screen(clinic, screen)
    clinic.open_session(alarmed_chair(clinic))
    view = clinic.session_view
    settle(qtbot)
    assert view.alarm_banner.isVisible()
    hidden = [name for name, w in chair_controls(view).items() if not wholly_shown(w, clinic)]
    assert hidden == []
    assert clinic.patients.isVisible()  # the list stays at this width, and narrow
    assert clinic.patients.width() <= clinic.width() // 4
    rows = view.log_view.rowAt(view.log_view.viewport().height() - 1)
    assert rows == -1 or rows >= 3, "the log shows several rows"
    assert view.log_model.rowCount() >= 4
    scrolling = [a.objectName() for a in view.findChildren(QAbstractScrollArea)
                 if a is not view.log_view and a.verticalScrollBar().isVisible()]
    assert scrolling == []
    assert not view.log_view.horizontalScrollBar().isVisible()


def test_at_1024_by_768_the_chair_takes_the_width_and_stays_usable(qtbot, clinic):
    on_screen(clinic, (1024, 768))
    clinic.open_session(alarmed_chair(clinic))
    settle(qtbot)
    assert not clinic.patients.isVisible()
    view = clinic.session_view
    assert [n for n, w in chair_controls(view).items() if not wholly_shown(w, clinic)] == []
    clinic.show_board()
    assert clinic.patients.isVisible()


@pytest.mark.parametrize("screen", [*SCREENS, (1024, 768), (1920, 1080)])
def test_board_tiles_never_cut_their_alarm(qtbot, clinic, screen):
    on_screen(clinic, screen)
    clinic.show_board()
    settle(qtbot)
    alarmed = [t for t in clinic.board.tiles if t.alarm.isVisible()]
    assert alarmed, "the demo has a chair in alarm"
    for tile in clinic.board.tiles:
        assert wholly_shown(tile, clinic), tile.status.chair
        assert tile.fits(), (tile.status.chair, tile.needed_height(), tile.height())
    for tile in alarmed:
        label = tile.alarm
        assert wholly_shown(label, clinic)
        assert label.height() >= label.heightForWidth(label.width())
    scales = {t.property("scale") for t in clinic.board.tiles}
    assert len(scales) == 1  # one type size across the board


def test_the_clock_grows_with_a_large_board(qtbot, clinic):
    on_screen(clinic, (1280, 800))
    clinic.show_board()
    settle(qtbot)
    small = clinic.board.tiles[0].clock.font().pixelSize()
    on_screen(clinic, (1920, 1080))
    settle(qtbot)
    assert clinic.board.tiles[0].clock.font().pixelSize() > small


def test_dark_fields_stand_out_and_the_critical_banner_is_not_the_brightest(qtbot, clinic):
    from PySide6.QtGui import QColor

    from ui.app.style import DARK_CRITICAL_FILL, DARK_FIELD
    from ui.app.theme import DARK

    clinic.set_dark_theme(True)
    clinic.open_session(alarmed_chair(clinic))
    settle(qtbot)
    view = clinic.session_view
    image = clinic.grab().toImage()

    def colour_in(widget, x=3, y=None):
        point = widget.mapTo(clinic, widget.rect().topLeft())
        return image.pixelColor(point.x() + x, point.y() + (y or widget.height() // 2))

    field = colour_in(view.vitals_form.inputs["hr"], x=widget_middle(view))
    panel = QColor(DARK.window)
    assert field.lightness() - panel.lightness() >= 15  # a field is seen against its panel
    banner = colour_in(view.alarm_banner, x=view.alarm_banner.width() - 5)
    assert banner.name() == QColor(DARK_CRITICAL_FILL).name()  # deep red, not a glare
    assert QColor(DARK_CRITICAL_FILL).lightness() < QColor(DARK.text).lightness()
    assert QColor(DARK_FIELD).lightness() > QColor(DARK.window).lightness()


def widget_middle(view) -> int:
    return view.vitals_form.inputs["hr"].width() // 2


def test_the_chair_clock_grows_on_a_large_screen(qtbot, clinic):
    on_screen(clinic, (1280, 800))
    clinic.open_session(alarmed_chair(clinic))
    settle(qtbot)
    clock = clinic.session_view.clock_view.elapsed
    small = clock.font().pointSize()
    on_screen(clinic, (1920, 1080))
    settle(qtbot)
    assert clock.font().pointSize() > small
    assert wholly_shown(clinic.session_view.vitals_form.save_button, clinic)
