"""A silence of the alarm sound is kept in the record of each session it covered (a note
the nurse and the reviewer read beside the alarm) and in the audit trail with who did it;
the sound settings are stored with the clinic's and changed by an admin only."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from db import audit_log
from monitor.accounts.permissions import PermissionRefused
from monitor.alarm_sound import AlarmSoundRule, silence_note, soundings
from monitor.errors import InvalidEntry
from monitor.records import NewPatient
from monitor.sound_settings import DEFAULT_SOUND
from monitor.timeline import EventKind
from monitor.vitals import VitalsValues
from tests.monitor.test_review import BAG


def a_session_in_alarm(service, clock) -> int:
    """An infusion running with a critical reading (SBP 184): an open critical alarm."""
    patient = service.register_patient(NewPatient("S-9", "Sam Sounding", date(1980, 1, 2)))
    s = service.open_session(patient.id, "2", 70, **BAG)
    service.record_vitals(s.id, VitalsValues(120, 80, 70, 98, 14))
    clock.advance(minutes=1)
    service.start_infusion(s.id)
    clock.advance(minutes=5)
    service.record_vitals(s.id, VitalsValues(184, 96, 92, 95, 16))
    return s.id


def test_a_silence_is_a_note_in_the_session_and_audited_as_the_nurse(
        storage, service, clock, staff, current_user, guarded):
    current_user.sign_in(staff["nurse"])
    sid = a_session_in_alarm(guarded, clock)
    record = service.load(sid)
    sounding = [s for s in soundings([record], clock.now()) if s.key[0] == "alarm"]
    assert sounding, "the completed session has an open critical alarm"
    silence = AlarmSoundRule().silence_now(clock.now(), sounding)
    assert silence is not None
    for session_id, silenced in silence.sessions().items():
        guarded.record_sound_silenced(session_id, silence_note(2, silenced))
    notes = [e for e in service.load(sid).events if e.kind is EventKind.NOTE]
    assert notes[-1].text.startswith("Alarm sound silenced for 2 min at this workstation.")
    assert "Critical alarm: Systolic BP 184" in notes[-1].text
    with storage.transaction() as s:
        trail = [e for e in audit_log.entries(s) if e.event.table == "session_event"]
    assert trail[-1].username == "kim"
    assert trail[-1].event.after["text"] == notes[-1].text


def test_sound_settings_are_stored_and_only_an_admin_changes_them(
        service, staff, everyone, current_user, guarded):
    current_user.sign_in(staff["nurse"])
    assert guarded.settings.sound() == DEFAULT_SOUND
    with pytest.raises(PermissionRefused):
        guarded.settings.set_sound(replace(DEFAULT_SOUND, volume_percent=40))
    current_user.sign_in(everyone)
    guarded.settings.set_sound(replace(DEFAULT_SOUND, volume_percent=40, silence_min=3))
    assert service.settings.sound().volume_percent == 40
    assert service.settings.sound().silence_min == 3
    with pytest.raises(InvalidEntry):
        guarded.settings.set_sound(replace(DEFAULT_SOUND, volume_percent=5))
    assert service.settings.sound().volume_percent == 40
