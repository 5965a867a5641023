"""The alarm sound through the real window on a real SQLite file: the critical tone
repeats until the alarm is acknowledged from the board, F8 silences (logged, shown on the
strip, resumed at its end), the strip shows on the review, and a machine with no sound
device gets a plain notice. What plays is read from the window's recording sink."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from monitor.alarm_sound import RecordingSink, Sound
from monitor.alarms import ACTIONS
from monitor.records import NewPatient
from monitor.timeline import EventKind
from monitor.vitals import VitalsValues
from tests.monitor.test_review import BAG
from tests.ui.conftest import answer_dialog
from tests.ui.session.test_session_flow import click
from ui.app.sound_player import NO_DEVICE, NoSpeaker, open_player

NORMAL = VitalsValues(122, 78, 70, 98, 14)
HIGH_BP = VitalsValues(186, 96, 84, 97, 16)  # critical: SBP at or above 180


def infusing(service, clock, mrn: str, name: str, chair: str) -> int:
    """A session started with a baseline set, through the service (the window reloads)."""
    patient = service.register_patient(NewPatient(mrn, name, date(1980, 1, 2)))
    session = service.open_session(patient.id, chair, 70, **BAG)
    service.record_vitals(session.id, NORMAL)
    service.start_infusion(session.id)
    return session.id


def critical_on_chair_1(window, service, clock) -> int:
    sid = infusing(service, clock, "MRN-31", "Alex Rivera", "1")
    clock.advance(minutes=5)
    service.record_vitals(sid, HIGH_BP)
    window.reload()
    return sid


def tile(window, chair: str):
    [found] = [t for t in window.board.tiles if t.status and t.status.chair == chair]
    return found


def test_the_critical_tone_repeats_until_acknowledged_from_the_board(
        qtbot, window, ui_service, clock):
    sink = window.alarm_sound.sink
    assert isinstance(sink, RecordingSink)  # the tests' player: no speaker needed
    critical_on_chair_1(window, ui_service, clock)
    window.show_board()
    assert sink.played == [Sound.CRITICAL]
    for _ in range(3):
        clock.advance(seconds=10)
        window.tick()
    assert sink.played == [Sound.CRITICAL] * 4

    chair = tile(window, "1")
    assert chair.status.alarm_tier is not None
    chair.setFocus()

    def acknowledge(dialog):
        dialog.by.setText("Kim Rivera, RN")
        dialog.action.set_checked([ACTIONS[1]])  # a checklist: more than one action
        click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Ok))

    seen = answer_dialog(qtbot, acknowledge)
    qtbot.keyClick(chair, Qt.Key.Key_A)  # A on the tile: acknowledge its alarm
    assert seen and seen[0].windowTitle() == "Acknowledge alarm"
    record = window.clinic.records[chair.status.session_id]
    assert record.alarms[0].acknowledged and record.alarms[0].action == ACTIONS[1]
    window.tick()
    assert tile(window, "1").status.alarm_tier is None
    for _ in range(5):
        clock.advance(seconds=10)
        window.tick()
    assert sink.played == [Sound.CRITICAL] * 4  # quiet once acknowledged


def test_a_tile_without_an_alarm_ignores_the_acknowledge_key(qtbot, window, ui_service,
                                                            clock):
    infusing(ui_service, clock, "MRN-32", "Bea Chen", "2")
    window.reload()
    window.show_board()
    asked: list[int] = []
    window.board.acknowledge_requested.connect(asked.append)
    qtbot.keyClick(tile(window, "2"), Qt.Key.Key_A)
    assert asked == []


def test_f8_silences_logs_shows_until_when_and_the_sound_resumes(
        qtbot, window, ui_service, clock):
    sid = critical_on_chair_1(window, ui_service, clock)
    window.show_board()
    sink = window.alarm_sound.sink
    assert sink.played == [Sound.CRITICAL]
    strip = window.alarm_strip
    assert strip.silenced.isHidden()

    qtbot.keyClick(window, Qt.Key.Key_F8)
    until = (clock.now() + timedelta(minutes=2)).astimezone()
    words = f"Sound silenced until {until:%H:%M}"
    assert strip.isVisible() and strip.silenced.isVisible()
    assert strip.silenced.text() == words
    assert window.statusBar().currentMessage().startswith(words)
    notes = [e for e in ui_service.load(sid).events if e.kind is EventKind.NOTE]
    assert len(notes) == 1
    assert notes[0].text.startswith("Alarm sound silenced for 2 min at this workstation.")
    assert "Systolic BP 186" in notes[0].text

    for _ in range(11):  # 110 s: still silenced
        clock.advance(seconds=10)
        window.tick()
    assert sink.played == [Sound.CRITICAL]
    assert strip.silenced.isVisible()
    clock.advance(seconds=10)  # two minutes: the silence ends, the alarm is still open
    window.tick()
    assert sink.played == [Sound.CRITICAL, Sound.CRITICAL]
    assert strip.silenced.isHidden()


def test_f8_with_nothing_sounding_says_so_and_logs_nothing(qtbot, window, ui_service,
                                                          clock):
    sid = infusing(ui_service, clock, "MRN-33", "Cy Park", "1")
    window.reload()
    assert window.silence_sound().startswith("Nothing is sounding")
    assert not [e for e in ui_service.load(sid).events if e.kind is EventKind.NOTE]
    assert window.alarm_strip.silenced.isHidden()


def test_the_alarm_strip_shows_on_the_review(qtbot, window, ui_service, clock):
    critical_on_chair_1(window, ui_service, clock)
    window.show_review()
    window.tick()
    assert window.pages.currentWidget() is window.review
    strip = window.alarm_strip
    assert strip.isVisible()
    [button] = strip.buttons()
    assert button.isVisible() and button.text().startswith("Chair 1: critical alarm")
    click(qtbot, button)  # leads back to the chair
    assert window.pages.currentWidget() is window.clinic_page
    assert window.stack.currentWidget() is window.session_view


# Qt Multimedia says what it could not find on a machine without sound (or a GPU decoder)
@pytest.mark.qt_log_ignore(r"Couldn't (load|resolve) ", r"PulseAudioService: ",
                           r"Using Qt multimedia with FFmpeg")
# a machine without sound says so through Qt's own warnings, which differ from machine to
# machine (no PipeWire, no PulseAudio server, no VA-API, no multimedia backend): expected
# here, not a failure; a crash or a critical message still fails
@pytest.mark.qt_log_level_fail("CRITICAL")
def test_no_sound_device_is_a_plain_notice_never_a_crash(qtbot, window):
    from PySide6.QtMultimedia import QMediaDevices

    player = open_player()
    if QMediaDevices.audioOutputs():  # a machine with a speaker gets the real player
        assert not isinstance(player, NoSpeaker)
        player = NoSpeaker()
    assert isinstance(player, NoSpeaker) and player.reason.startswith(NO_DEVICE)
    window.set_sound_player(player)
    [notice] = window.statusBar().findChildren(QLabel, "noSoundNotice")
    assert notice.isVisible() and notice.text().startswith("No sound device")
    player.play(Sound.CRITICAL)  # asked to play, nothing fails
    assert player.played == [Sound.CRITICAL]
