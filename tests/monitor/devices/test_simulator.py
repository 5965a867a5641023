from statistics import mean

from monitor.devices.simulator import BASELINE, pcd01_message, readings
from monitor.devices.understand import understand


def nibp_by_minute(seed=1):
    return {r.second // 60: r.values for r in readings(seed) if r.nibp}


def test_the_blood_pressure_peaks_at_30_to_40_minutes_and_recovers():
    bp = nibp_by_minute(seed=3)
    sbp = {m: v["sbp"] for m, v in bp.items() if v["sbp"] < 300}  # artifacts aside
    baseline = mean(v for m, v in sbp.items() if m < 5)
    peak = mean(v for m, v in sbp.items() if 30 <= m <= 40)
    late = mean(v for m, v in sbp.items() if m >= 80)
    assert abs(baseline - BASELINE["sbp"]) < 8
    assert peak - baseline > 15 and late < peak - 10


def test_artifacts_and_gaps_occur_and_never_become_values():
    played = list(readings(seed=7))
    seconds = [r.second for r in played if not r.nibp]
    gaps = [b - a for a, b in zip(seconds, seconds[1:], strict=False) if b - a > 15]
    artifacts = [r for r in played if r.values.get("sbp") == 320 or r.values.get("spo2") == -100]
    assert gaps and artifacts
    for r in artifacts:
        from datetime import datetime, timezone
        msg = pcd01_message("DEV1", "c", datetime(2025, 1, 1, tzinfo=timezone.utc), r.values)
        report = understand(msg.encode()).report
        assert report is not None
        assert all(v.values.get("sbp") != 320 and v.values.get("spo2") != -100
                   for v in report.sets)


def test_its_messages_read_back_as_sent():
    from datetime import datetime, timezone
    at = datetime(2025, 1, 1, 10, 0, tzinfo=timezone.utc)
    values = {"sbp": 131, "dbp": 82, "map": 98, "hr": 70.5}
    report = understand(pcd01_message("DEV1", "c1", at, values, chair="3").encode()).report
    assert report.device_id == "DEV1" and report.location == "3"
    assert report.sets[0].values == values and report.sets[0].observed_at == at
