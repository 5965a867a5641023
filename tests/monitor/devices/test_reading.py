from datetime import datetime, timedelta, timezone

import pytest

from monitor.devices.codes import LocalCodeProblem, parse_local_codes
from monitor.devices.understand import understand
from tests.monitor.devices.samples import (
    EFFICIA,
    EFFICIA_TABLE,
    LOINC_SENDER,
    PCD01_GE,
    nm,
    oru,
)

UTC = timezone.utc


def report(text, **kw):
    u = understand(text.encode("utf-8") if isinstance(text, str) else text, **kw)
    assert u.report is not None, u.reason
    return u.report


def test_pcd01_message_groups_nibp_parts_into_one_set_at_obx14():
    r = report(PCD01_GE)
    assert r.device_id == "080019FFFE0B4020"  # OBX-18, the monitor's EUI-64
    assert r.location == "SURGERY^^V2"
    assert r.control_id == "004097134535"
    nibp, periodic = r.sets
    assert nibp.observed_at == datetime(2013, 1, 22, 13, 40, 30, tzinfo=UTC)
    assert nibp.values == {"sbp": 128, "dbp": 79, "map": 95}
    # no OBX-14: the OBR-7 time
    assert periodic.observed_at == datetime(2013, 1, 22, 13, 41, tzinfo=UTC)
    assert periodic.values == {"hr": 80, "spo2": 97, "pulse": 81, "rr": 14, "temp_c": 36.8}


def test_loinc_sender_with_ucum_units_and_fahrenheit_in_its_own_zone():
    r = report(LOINC_SENDER)
    (one,) = r.sets
    assert one.observed_at == datetime(2024, 3, 1, 15, 14, tzinfo=UTC)  # OBR-7 at -0500
    assert one.values == {"sbp": 131, "dbp": 84, "hr": 72, "spo2": 98, "rr": 16,
                          "temp_c": 37.0}


def test_vendor_local_codes_need_the_clinics_table():
    assert report(EFFICIA).sets == ()
    r = report(EFFICIA, tz=timezone(timedelta(hours=2)),
               local=parse_local_codes(EFFICIA_TABLE))
    nibp, rest = r.sets
    assert nibp.observed_at == datetime(2014, 5, 10, 10, 44, 30, tzinfo=UTC)  # local +02
    assert nibp.values == {"sbp": 122, "dbp": 85, "map": 98}
    assert rest.values == {"spo2": 98, "pulse": 80, "rr": 20, "temp_c": 37.3}
    assert r.device_id == "^EfficiaCM"  # no OBX-18: MSH-3 as sent


def test_a_bad_local_table_line_is_refused_with_its_number():
    with pytest.raises(LocalCodeProblem, match="Line 2"):
        parse_local_codes("X 1 = sbp\nX 2 = blood")


@pytest.mark.parametrize("segment_end", ["\r", "\n", "\r\n"])
def test_cr_lf_and_crlf_segment_ends_read_alike(segment_end):
    text = PCD01_GE.replace("\r", segment_end)
    assert report(text).sets == report(PCD01_GE).sets


def test_non_standard_delimiters_from_msh1_msh2():
    text = oru(nm("150021", "120"), nm("150022", "80")).replace("|", "#").replace("^", "$")
    (one,) = report(text).sets
    assert one.values == {"sbp": 120, "dbp": 80}


def test_escape_sequences_are_read_and_accented_text_in_latin1_does_not_stop_it():
    text = oru(nm("147842", "70", "264864^MDC_DIM_BEAT_PER_MIN^MDC"))
    text = text.replace("PID|||1", "PID|||1||Müller\\S\\Zoë\\F\\x\\E\\")
    assert report(text.encode("latin-1")).sets[0].values == {"hr": 70}
    assert report(text.replace("C1|P", "C\\T\\1|P")).control_id == "C&1"


def test_only_final_corrected_or_realtime_results():
    text = oru(nm("147842", "70", "264864^^MDC", status="F"),
               nm("150456", "95", "262688^^MDC", status="P"),
               nm("151562", "12", "/min", status="X"),
               nm("150344", "36.5", "Cel", status="C"))
    r = report(text)
    assert r.sets[0].values == {"hr": 70, "temp_c": 36.5}
    assert any("'P'" in s for s in r.skipped)


@pytest.mark.parametrize("value", ["-100", "-999", "8388607", "NaN", "nan", "inf", "", "--"])
def test_sentinels_and_non_numbers_never_become_values(value):
    r = report(oru(nm("147842", value, "264864^^MDC"), nm("150456", "96", "%")))
    assert r.sets[0].values == {"spo2": 96}


def test_an_unknown_unit_is_never_guessed():
    r = report(oru(nm("150021", "16", "kPa"), nm("150022", "80", ""),
                   nm("147842", "70", "266016^MDC_DIM_MMHG^MDC")))
    assert r.sets == ()
    assert len(r.skipped) == 3


def test_implausible_values_are_artifacts_not_vitals():
    r = report(oru(nm("150021", "350"), nm("150456", "12", "%")))
    assert r.sets == ()


def test_demo_mode_by_processing_id_or_observation_method():
    assert report(oru(nm("150021", "120"), msh_extra="|D|2.6")).sets == ()
    demo = "NM|150021^^MDC||120|mmHg|||||F||||||DEMO^Demo mode"
    r = report(oru(demo, nm("150022", "80")))
    assert r.sets[0].values == {"dbp": 80}


def test_waveforms_never_become_vitals():
    w01 = oru(nm("150021", "120"), trigger="W01")
    assert report(w01).sets == () and report(w01).waveform
    na = "NA|150021^^MDC||120^121^122|mmHg|||||F"
    assert report(oru(na)).sets == ()


def test_time_falls_back_from_obx14_to_obr7_to_msh7_and_zoneless_is_local():
    plus1 = timezone(timedelta(hours=1))
    text = oru(nm("150021", "120", at="202501011130"), nm("147842", "60", "bpm"),
               when="20250101120000")
    text = text.replace("OBR|1||||||20250101120000", "OBR|1")
    a, b = report(text, tz=plus1).sets
    assert a.observed_at == datetime(2025, 1, 1, 10, 30, tzinfo=UTC)
    assert b.observed_at == datetime(2025, 1, 1, 11, 0, tzinfo=UTC)  # MSH-7


@pytest.mark.parametrize("text, outcome, words", [
    ("MSH|^~\\&|A|B|||20250101||ADT^A01|X1|P|2.5\rPID|||1\r", "R", "not an observation"),
    ("MSH|^~\\&|A|B|||20250101|||X1|P|2.5\rOBX|1\r", "R", "MSH-9"),
    ("MSH|^~\\&|A|B|||20250101||ORU^R01||P|2.5\rOBX|1\r", "E", "MSH-10"),
    ("PID|||1\rOBX|1\r", "R", "no MSH"),
    ("MSH", "R", "delimiters"),
])
def test_what_is_not_stored_and_why(text, outcome, words):
    u = understand(text.encode())
    assert u.report is None and u.outcome.value == outcome and words in u.reason


def test_an_ack_is_recognised_so_it_is_never_acknowledged():
    u = understand(b"MSH|^~\\&|X||||20250101||ACK^R01^ACK|9|P|2.6\rMSA|AA|1\r")
    assert u.is_ack and u.report is None


BPM = "264864^MDC_DIM_BEAT_PER_MIN^MDC"


@pytest.mark.parametrize("code, name", [
    ("149530", "MDC_PULS_OXIM_PULS_RATE"), ("149546", "MDC_PULS_RATE_NON_INV"),
    ("149522", "MDC_PULS_RATE"), ("", "MDC_PULS_RATE_NON_INV")])
def test_every_pulse_rate_is_a_pulse_whatever_its_sensor(code, name):
    (one,) = report(oru(nm(code, "59", BPM, name=name))).sets
    assert one.values == {"pulse": 59}


def test_a_loinc_pulse_oximetry_heart_rate_is_a_pulse():
    text = oru("NM|8889-8^Heart rate by Pulse oximetry^LN||61|/min^^UCUM|||||F")
    (one,) = report(text).sets
    assert one.values == {"pulse": 61}
