"""The alarm sound rule: what plays when, repeat until acknowledged, silence and resume,
played on a recording sink (no speaker needed)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from monitor.alarm_sound import (
    AlarmSoundRule,
    RecordingSink,
    Sound,
    silence_note,
    soundings,
)
from monitor.errors import InvalidEntry
from monitor.sound_settings import DEFAULT_SOUND, SoundSettings, check_sound
from monitor.timeline import EventKind as K
from monitor.vitals import Tier
from tests.monitor.test_board import alarm, at, record


def run(rule: AlarmSoundRule, records, seconds: range, minute: float = 10) -> list:
    """Asks the rule once a second (as the app's timer does); returns what played."""
    sink = RecordingSink()
    for s in seconds:
        now = at(minute, s)
        sound = rule.due(now, soundings(records, now))
        if sound is not None:
            sink.play(sound)
    return sink.played


def running(*alarms_, vitals=(10,)):
    return [record(1, "1", (K.START, 0), vitals=(0, *vitals), alarms=alarms_)]


def test_a_critical_alarm_repeats_until_acknowledged():
    records = running(alarm(5, Tier.CRITICAL, "SBP 190 above 180"))
    rule = AlarmSoundRule()
    assert run(rule, records, range(0, 25)) == [Sound.CRITICAL] * 3  # at 0, 10 and 20 s
    records[0].replace_alarm(replace(records[0].alarms[0], acknowledged_at=at(10, 25)))
    assert run(rule, records, range(25, 60)) == []


def test_an_advisory_alarm_sounds_once():
    records = running(alarm(6, Tier.ADVISORY, "HR 112 above 110"))
    assert run(AlarmSoundRule(), records, range(0, 120)) == [Sound.ADVISORY]


def test_the_most_urgent_sound_plays_when_two_are_due():
    records = running(alarm(6, Tier.ADVISORY, "HR 112"), alarm(7, Tier.CRITICAL, "SpO2 86"))
    assert run(AlarmSoundRule(), records, range(0, 1)) == [Sound.CRITICAL]


def test_overdue_vitals_give_a_gentler_reminder_every_few_minutes():
    # vitals every 10 min while infusing; the last set at minute 0: overdue after that
    records = [record(1, "1", (K.START, 0), vitals=(0,))]
    rule = AlarmSoundRule()
    assert run(rule, records, range(0, 60), minute=5) == []  # due later, not overdue
    played = run(rule, records, range(0, 11 * 60), minute=20)
    assert played == [Sound.REMINDER, Sound.REMINDER, Sound.REMINDER]  # 20, 25, 30 min


def test_silence_covers_what_sounds_for_the_set_minutes_then_it_resumes():
    records = running(alarm(5, Tier.CRITICAL, "SBP 190 above 180"))
    rule = AlarmSoundRule(replace(DEFAULT_SOUND, silence_min=2))
    assert run(rule, records, range(0, 3)) == [Sound.CRITICAL]
    now = at(10, 3)
    silence = rule.silence_now(now, soundings(records, now))
    assert silence is not None and silence.until == at(12, 3)
    assert list(silence.sessions()) == [1]
    assert rule.silenced_until(at(11)) == at(12, 3)
    assert run(rule, records, range(3, 123)) == []  # two minutes of quiet
    assert run(rule, records, range(123, 124)) == [Sound.CRITICAL]  # back at once
    assert rule.silenced_until(at(12, 4)) is None


def test_a_new_alarm_during_a_silence_sounds():
    records = running(alarm(5, Tier.CRITICAL, "SBP 190"))
    rule = AlarmSoundRule()
    run(rule, records, range(0, 1))
    rule.silence_now(at(10, 1), soundings(records, at(10, 1)))
    records[0].alarms.append(alarm(9, Tier.CRITICAL, "SpO2 85", minute=10.5))
    assert run(rule, records, range(30, 32)) == [Sound.CRITICAL]


def test_nothing_sounding_is_nothing_to_silence():
    rule = AlarmSoundRule()
    records = running()
    assert rule.silence_now(at(10), soundings(records, at(10))) is None
    assert rule.silenced_until(at(10)) is None


def test_a_discharged_session_calls_for_no_sound():
    records = [record(1, "1", (K.START, 0), (K.END_INFUSION, 40), (K.DISCHARGE, 70),
                      alarms=(alarm(5, Tier.CRITICAL, "SBP 190"),))]
    records[0].session = replace(records[0].session, phase=records[0].timeline.phase)
    assert soundings(records, at(120)) == []


def test_the_silence_note_names_what_was_sounding():
    records = running(alarm(5, Tier.CRITICAL, "SBP 190 above 180"))
    note = silence_note(2, soundings(records, at(10)))
    two = running(alarm(6, Tier.ADVISORY, "HR 112", "RR 26"))
    assert silence_note(3, soundings(two, at(10))).endswith(
        "for 3 min at this workstation. Sounding: Advisory alarm: HR 112 (+1 more)")
    assert note == ("Alarm sound silenced for 2 min at this workstation. Sounding: "
                    "Critical alarm: SBP 190 above 180")


@pytest.mark.parametrize("change, field", [
    ({"advisory_tone": "pulses"}, "advisory_tone"),  # the same sound as critical
    ({"reminder_tone": "siren"}, "reminder_tone"),
    ({"volume_percent": 0}, "volume_percent"),  # never inaudible by a setting
    ({"volume_percent": 101}, "volume_percent"),
    ({"silence_min": 0}, "silence_min"),
    ({"silence_min": 60}, "silence_min"),
    ({"critical_repeat_s": 1}, "critical_repeat_s"),
    ({"reminder_every_min": True}, "reminder_every_min"),
])
def test_sound_settings_refused(change, field):
    with pytest.raises(InvalidEntry) as refused:
        check_sound(replace(DEFAULT_SOUND, **change))
    assert refused.value.field == field


def test_sound_settings_round_trip_and_defaults():
    chosen = replace(DEFAULT_SOUND, volume_percent=55, silence_min=3, advisory_tone="rising")
    assert SoundSettings.from_text(check_sound(chosen).to_text()) == chosen
    assert SoundSettings.from_text("") == DEFAULT_SOUND
    assert SoundSettings.from_text('{"silence_min": 4, "gone": 1}').silence_min == 4
    assert timedelta(seconds=DEFAULT_SOUND.critical_repeat_s) == timedelta(seconds=10)
