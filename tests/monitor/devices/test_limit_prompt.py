from datetime import datetime, timezone

from monitor.devices.latest import MonitorSet
from monitor.devices.limit_prompt import documentation_prompt
from monitor.vitals import VitalsValues, default_limits

T = datetime(2025, 1, 1, tzinfo=timezone.utc)


def latest(**values):
    return MonitorSet("DEV", values, {k: T for k in values})


def test_values_within_limits_prompt_nothing():
    assert documentation_prompt(latest(sbp=130, dbp=80, spo2=97), default_limits()) == ""
    assert documentation_prompt(None, default_limits()) == ""


def test_a_value_beyond_a_limit_asks_for_documentation():
    text = documentation_prompt(latest(sbp=172, spo2=88), default_limits())
    assert "Systolic BP 172 mmHg (advisory)" in text and "SpO₂ 88 % (critical)" in text
    assert "Ctrl+Shift+V" in text


def test_a_rise_over_the_patients_baseline_counts_too():
    base = VitalsValues(120, 80, 70, 98, 14)
    text = documentation_prompt(latest(sbp=152), default_limits(), base)
    assert "Systolic BP 152 (+32 over baseline, advisory)" in text
