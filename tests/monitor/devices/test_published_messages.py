"""Messages published by monitor makers' users and IHE PCD-01 tooling, read as they
were sent: the right measures, units and times; demo mode, sentinels and waveforms never
become values."""

from datetime import datetime, timezone

from monitor.devices.ack import Outcome
from monitor.devices.latest import latest_set
from monitor.devices.points_of_care import chair_at, parse_points_of_care
from monitor.devices.records import DeviceObservation
from monitor.devices.understand import understand
from tests.monitor.devices.published_messages import (
    CDOG_TRAINING,
    COMEN,
    IPF_PCD01,
    MINDRAY_EGATEWAY,
    MINDRAY_VS8_DEMO,
    NORTHERN,
    XH80X_SENTINELS,
    XH80X_WAVEFORM,
)

UTC = timezone.utc


def report(text, **kw):
    u = understand(text.encode("utf-8"), **kw)
    assert u.report is not None, u.reason
    return u.report


def test_mindray_in_demo_mode_says_so_in_obx8_and_gives_no_values():
    r = report(MINDRAY_VS8_DEMO)
    assert r.sets == ()
    assert any("demo" in why for why in r.skipped)


def test_mindray_gateway_reads_the_bedside_monitor_and_its_thoracic_respiration_rate():
    r = report(MINDRAY_EGATEWAY)
    assert r.device_id == "000F14049B507238"  # OBX-18: the monitor, not the gateway
    assert r.location == "ICU^^5"
    (one,) = r.sets
    assert one.observed_at == datetime(2026, 9, 12, 6, 30, tzinfo=UTC)  # +0530
    assert one.values == {"spo2": 98, "pulse": 65, "rr": 17, "hr": 66}


def test_sentinel_demo_data_and_an_empty_result_status_give_no_values():
    r = report(XH80X_SENTINELS)
    assert r.sets == ()


def test_a_waveform_gives_no_values():
    r = report(XH80X_WAVEFORM)
    assert r.waveform and r.sets == ()


def test_nibp_sent_as_cuff_pressure_is_blood_pressure_and_minus_100_is_no_value():
    r = report(NORTHERN, tz=UTC)
    periodic, nibp = r.sets
    assert periodic.observed_at == datetime(2025, 6, 12, 9, 8, 38, tzinfo=UTC)
    assert periodic.values == {"temp_c": 38.5}  # -100s and the 384.5 probe left out
    assert nibp.observed_at == datetime(2025, 6, 12, 9, 33, 19, tzinfo=UTC)
    assert nibp.values == {"sbp": 142, "map": 114, "dbp": 100}


def test_comen_at_plus_eight_hours_one_spo2_of_two_channels():
    r = report(COMEN)
    assert r.device_id == "NC_Monitor"
    (one,) = r.sets
    assert one.observed_at == datetime(2025, 6, 9, 17, 51, 27, tzinfo=UTC)
    assert one.values == {"spo2": 97, "pulse": 59, "rr": 20, "temp_c": 37.0, "sbp": 120,
                          "dbp": 80, "map": 90}


def test_comens_pulse_is_the_heart_rate_a_nurse_validates_and_its_bed_names_the_chair():
    """No ECG: MDC_PULS_RATE is the set's HR. PV1-3 "^^&10" puts the bed in a
    subcomponent; the clinic's table line "^^10 = 10" binds it all the same."""
    r = report(COMEN)
    (one,) = r.sets
    observed = DeviceObservation(1, 1, "NC_Monitor", "10", one.observed_at,
                                 one.observed_at, dict(one.values))
    monitor_set = latest_set([observed])
    assert monitor_set is not None and monitor_set.vitals().hr == 59
    assert chair_at(r.location, parse_points_of_care("^^10 = 10")) == "10"


def test_ipf_pcd01_takes_its_time_from_obr7_at_plus_five_hours():
    r = report(IPF_PCD01)
    assert r.device_id == "0123456789ABCDEF"
    (one,) = r.sets
    assert one.observed_at == datetime(2009, 8, 13, 4, 57, 15, tzinfo=UTC)
    assert one.values == {"sbp": 120, "dbp": 80}


def test_a_training_message_is_stored_raw_without_values():
    r = report(CDOG_TRAINING)
    assert r.demo and r.sets == ()


def test_a_gateway_message_with_two_patients_is_not_stored_under_one():
    """ORU^R01 may carry several PATIENT_RESULT groups; a gateway sending two beds in one
    message must not give the first bed's chair the second patient's values."""
    first, second = MINDRAY_EGATEWAY.split("PID|", 1)
    two = first + "PID|" + second + "PID|||2^^^Hospital^PI\nPV1||I|ICU^^6\n" + \
        "OBR|1|2^X^1^EUI-64||182777000^monitoring of patient^SCT|||20260912120000+0530\n" + \
        "OBX|1|NM|150456^MDC_PULS_OXIM_SAT_O2^MDC|1.3.1.150456|81|262688^MDC_DIM_PERCENT^MDC" \
        "|||||R|||20260912120000+0530||||000F14049B507299^BIG_DIPPER^000F14049B507299^EUI-64\n"
    u = understand(two.encode())
    assert u.report is None and u.outcome is Outcome.NOT_STORABLE
    assert "patient" in u.reason
