"""The clinic board: tiles show the statuses, flag overdue vitals and alarms, and open
a session (or offer a free chair) when clicked or activated from the keyboard."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from export.colours import LIGHT
from monitor.board import ChairStatus
from monitor.timeline import Phase
from monitor.vitals import Tier
from ui.app.theme import DARK
from ui.board.board_view import BoardView, board_columns, board_style
from ui.board.chair_tile import ChairTile, phase_badge

INFUSING = ChairStatus(
    chair="2", session_id=7, initials="ABL", mrn="MRN-7", phase=Phase.INFUSING,
    phase_label="Infusing", big_text="27:30", small_text="12:30 left",
    vitals_text="Next vitals in 05:00")
OVERDUE = replace(INFUSING, vitals_text="Vitals overdue by 02:30", vitals_overdue=True)
CRITICAL = replace(INFUSING, alarm_tier=Tier.CRITICAL,
                   alarm_text="SpO₂ 88 % is below the critical limit of 90.")


def free(chair: str) -> ChairStatus:
    return ChairStatus(chair)


def chairs(n: int, **seated: ChairStatus) -> list[ChairStatus]:
    """Chairs "1".."n", free unless given as c<number>=status."""
    return [seated.get(f"c{i}", free(str(i))) for i in range(1, n + 1)]


@pytest.fixture(params=[LIGHT, DARK], ids=["light", "dark"])
def board(qtbot, request) -> BoardView:
    view = BoardView()
    view.setStyleSheet(board_style(request.param))  # a bad rule would log a Qt warning
    qtbot.addWidget(view)
    view.resize(1440, 900)
    view.show()
    qtbot.waitExposed(view)
    return view


def tile(board: BoardView, chair: str) -> ChairTile:
    return next(t for t in board.tiles if t.status.chair == chair)


def test_a_tile_shows_the_session(board):
    board.show_statuses(chairs(3, c2=INFUSING))
    t = tile(board, "2")
    assert t.chair.text() == "Chair 2"
    assert t.phase.text() == "INFUSING"
    assert (t.initials.text(), t.mrn.text()) == ("ABL", "MRN MRN-7")
    assert (t.clock.text(), t.small.text()) == ("27:30", "12:30 left")
    assert t.vitals.text() == "Next vitals in 05:00"
    assert t.property("phase") == "infusing"
    assert t.vitals.property("overdue") is False
    assert t.property("alarm") == ""
    assert t.alarm.isHidden()
    assert "ABL" in t.accessibleName() and "Chair 2" in t.accessibleName()


def test_a_free_chair_says_so(board):
    board.show_statuses(chairs(2))
    t = tile(board, "1")
    assert t.phase.text() == "FREE"
    assert t.property("phase") == "free"
    assert t.small.text() == "Click to seat a patient"
    assert t.clock.isHidden() and t.vitals.isHidden() and t.alarm.isHidden()
    assert t.initials.text() == t.mrn.text() == ""


def test_overdue_vitals_are_flagged_in_bold(board):
    board.show_statuses(chairs(2, c2=INFUSING))
    t = tile(board, "2")
    assert t.vitals.font().weight() < QFont.Weight.Bold
    board.show_statuses(chairs(2, c2=OVERDUE))
    assert t.vitals.text() == "Vitals overdue by 02:30"
    assert t.vitals.property("overdue") is True
    assert t.vitals.font().weight() == QFont.Weight.Bold
    board.show_statuses(chairs(2, c2=INFUSING))
    assert t.vitals.property("overdue") is False


@pytest.mark.parametrize("tier", [Tier.CRITICAL, Tier.ADVISORY])
def test_an_open_alarm_is_a_coloured_band(board, tier):
    board.show_statuses(chairs(2, c2=replace(CRITICAL, alarm_tier=tier)))
    t = tile(board, "2")
    assert t.isVisible() and t.alarm.isVisible()
    assert t.alarm.text() == (f"{tier.value.capitalize()} alarm: "
                              "SpO₂ 88 % is below the critical limit of 90.")
    assert t.alarm.property("tier") == tier.value
    assert t.property("alarm") == tier.value
    board.show_statuses(chairs(2, c2=INFUSING))  # acknowledged
    assert t.alarm.isHidden()
    assert t.property("alarm") == ""


def test_over_the_planned_time_is_flagged(board):
    board.show_statuses(chairs(2, c2=replace(INFUSING, small_text="+01:10 over",
                                             over_planned=True)))
    assert tile(board, "2").small.property("over") is True


def test_a_stopped_early_badge_keeps_the_qualifier_on_a_second_line(board):
    assert phase_badge("Observation (stopped early)") == (
        "OBSERVATION<br><small>STOPPED EARLY</small>")
    assert phase_badge("Paused") == "PAUSED"
    board.show_statuses(chairs(1, c1=replace(INFUSING, chair="1", phase=Phase.OBSERVATION,
                                             phase_label="Observation (stopped early)")))
    assert board.tiles[0].property("phase") == "observation"


def test_only_what_changed_is_set_again(board):
    board.show_statuses(chairs(2, c2=INFUSING))
    t = tile(board, "2")
    calls: list[str] = []
    for name in ("chair", "phase", "initials", "mrn", "clock", "small", "vitals", "alarm"):
        label = getattr(t, name)
        label.setText = lambda text, name=name, real=label.setText: (calls.append(name),
                                                                     real(text))
    board.show_statuses(chairs(2, c2=INFUSING))
    assert calls == []
    board.show_statuses(chairs(2, c2=replace(INFUSING, big_text="27:31")))
    assert calls == ["clock"]
    assert t.clock.text() == "27:31"


def test_clicking_a_session_tile_opens_the_session(board, qtbot):
    board.show_statuses(chairs(3, c2=INFUSING))
    with qtbot.waitSignal(board.session_opened, timeout=1000) as opened:
        qtbot.mouseClick(tile(board, "2"), Qt.MouseButton.LeftButton)
    assert opened.args == [7]


def test_clicking_a_free_tile_chooses_the_chair(board, qtbot):
    board.show_statuses(chairs(3, c2=INFUSING))
    with qtbot.waitSignal(board.chair_chosen, timeout=1000) as chosen, \
            qtbot.assertNotEmitted(board.session_opened):
        qtbot.mouseClick(tile(board, "3"), Qt.MouseButton.LeftButton)
    assert chosen.args == ["3"]


def test_a_right_click_does_nothing(board, qtbot):
    board.show_statuses(chairs(2, c2=INFUSING))
    with qtbot.assertNotEmitted(board.session_opened), \
            qtbot.assertNotEmitted(board.chair_chosen):
        qtbot.mouseClick(tile(board, "2"), Qt.MouseButton.RightButton)


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space])
def test_a_focused_tile_opens_from_the_keyboard(board, qtbot, key):
    board.show_statuses(chairs(2, c2=INFUSING))
    t = tile(board, "2")
    assert t.focusPolicy() == Qt.FocusPolicy.StrongFocus
    t.setFocus()
    with qtbot.waitSignal(board.session_opened, timeout=1000) as opened:
        qtbot.keyClick(t, key)
    assert opened.args == [7]
    with qtbot.waitSignal(board.chair_chosen, timeout=1000) as chosen:
        qtbot.keyClick(tile(board, "1"), key)
    assert chosen.args == ["1"]


def test_a_change_of_chair_count_adds_and_removes_tiles(board, qtbot):
    board.show_statuses(chairs(8, c2=INFUSING))
    assert len(board.tiles) == 8
    kept = board.tiles[1]
    board.show_statuses(chairs(10, c2=INFUSING))
    assert [t.status.chair for t in board.tiles] == [str(n) for n in range(1, 11)]
    assert board.tiles[1] is kept
    assert all(t.isVisible() for t in board.tiles)
    positions = [board.grid.getItemPosition(board.grid.indexOf(t))[:2] for t in board.tiles]
    assert positions[:5] == [(0, 0), (0, 1), (0, 2), (0, 3), (1, 0)]
    board.show_statuses(chairs(4))
    assert [t.status.chair for t in board.tiles] == ["1", "2", "3", "4"]
    assert board.grid.count() == 4
    assert kept.clock.isHidden()  # chair 2 is free now
    with qtbot.waitSignal(board.chair_chosen, timeout=1000) as chosen:
        qtbot.mouseClick(kept, Qt.MouseButton.LeftButton)
    assert chosen.args == ["2"]


def test_an_extra_tile_for_a_chair_outside_the_range(board):
    extra = replace(INFUSING, chair="Recovery", session_id=9)
    board.show_statuses([*chairs(2), extra])
    assert board.tiles[2].chair.text() == "Recovery"


def test_tiles_share_the_board_evenly(board, qtbot):
    board.show_statuses(chairs(8, c2=CRITICAL, c5=OVERDUE))
    qtbot.waitUntil(lambda: len({t.width() for t in board.tiles}) == 1, timeout=1000)
    assert board.tiles[0].width() > 300


@pytest.mark.parametrize(("tiles", "columns"), [
    (1, 1), (2, 2), (3, 2), (4, 2), (6, 3), (8, 4), (9, 3), (10, 4), (12, 4), (16, 4), (20, 5)])
def test_board_columns(tiles, columns):
    assert board_columns(tiles) == columns


# --- the steady labels: a second's new text lays nothing out, another height does --------

MONITORED = replace(INFUSING, monitor_text="Monitor: last value 3 s ago")


def a_second_later(status: ChairStatus, second: int) -> ChairStatus:
    return replace(status, big_text=f"27:{second:02d}", small_text=f"12:{59 - second:02d} left",
                   vitals_text=f"Next vitals in 04:{59 - second:02d}",
                   monitor_text=f"Monitor: last value {second % 9 + 1} s ago")


class LayoutCounter(QObject):
    def __init__(self, tiles) -> None:
        super().__init__()
        self.count = 0
        for t in tiles:
            t.installEventFilter(self)

    def eventFilter(self, _obj, event) -> bool:  # noqa: N802 (Qt's name)
        self.count += event.type() == QEvent.Type.LayoutRequest
        return False


def shown_whole(label) -> bool:
    return label.height() >= label.heightForWidth(label.width())


def test_a_seconds_new_texts_repaint_the_labels_and_lay_nothing_out(board, qtbot):
    board.show_statuses(chairs(8, **{f"c{n}": replace(MONITORED, chair=str(n))
                                     for n in range(1, 9)}))
    QApplication.processEvents()
    layouts = LayoutCounter(board.tiles)
    for second in range(1, 6):
        board.show_statuses([a_second_later(replace(MONITORED, chair=str(n)), second)
                             for n in range(1, 9)])
        QApplication.processEvents()
    assert layouts.count == 0
    t = board.tiles[3]
    assert (t.clock.text(), t.vitals.text()) == ("27:05", "Next vitals in 04:54")
    assert all(shown_whole(label) for label in (t.clock, t.small, t.vitals, t.monitor))


def test_a_text_of_another_height_is_laid_out_afresh(board, qtbot):
    board.resize(1024, 640)
    board.show_statuses(chairs(8, c2=MONITORED))
    QApplication.processEvents()
    t = tile(board, "2")
    one_line = t.vitals.height()
    long = ("Vitals overdue by 12:30: the set due at 14:20 was not taken, "
            "nor the one due at 14:30")
    board.show_statuses(chairs(8, c2=replace(MONITORED, vitals_text=long)))
    qtbot.waitUntil(lambda: t.vitals.height() > one_line, timeout=1000)
    assert shown_whole(t.vitals)
    assert t.vitals.geometry().bottom() < t.monitor.geometry().top()
    two_lines = t.vitals.height()
    board.show_statuses(chairs(8, c2=MONITORED))  # (at the type size the long text took)
    qtbot.waitUntil(lambda: t.vitals.height() < two_lines, timeout=1000)
    assert t.vitals.height() == t.vitals.heightForWidth(t.vitals.width())


def test_the_steady_labels_follow_the_board_when_it_is_resized(board, qtbot):
    board.show_statuses(chairs(8, c2=MONITORED))
    t = tile(board, "2")
    wide = t.clock.width()
    board.resize(1024, 640)
    qtbot.waitUntil(lambda: t.clock.width() < wide, timeout=1000)
    for label in (t.clock, t.small, t.vitals, t.monitor):
        assert label.width() <= t.contentsRect().width()
        assert shown_whole(label)
