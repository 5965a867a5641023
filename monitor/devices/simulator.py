"""A simulated bedside monitor: a session's worth of IHE PCD-01 ORU^R01 messages, played
over MLLP as a real client (``chairside simulate``).

The course is the clinical reference's: a baseline, the blood pressure rising to a peak
at 30–40 minutes of the infusion (by the "rise over baseline" the alarm rules use), and
recovery by the end of observation; now and then an artifact (a movement during a cuff
cycle: a value no one would chart) and a gap (the cable off for a while). The pace is the
simulator's own (a monitor's NIBP cycle and numeric report period are device settings,
not clinical numbers); ``time_scale`` plays it faster for demos and tests.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from monitor.devices.mllp_client import MonitorConnection, ack_code

NIBP_EVERY_S = 180  # the simulated cuff's cycle
NUMERICS_EVERY_S = 15  # the simulated monitor's report period
SESSION_MINUTES = 90  # 40 min infusion + observation
BASELINE = {"sbp": 124.0, "dbp": 78.0, "hr": 72.0, "spo2": 98.0, "rr": 14.0, "temp_c": 36.7}
PEAK_RISE = {"sbp": 28.0, "dbp": 14.0, "hr": 12.0}  # below the advisory rise (+30/+20)


@dataclass(frozen=True)
class Reading:
    second: int  # since the session started
    values: dict[str, float]
    nibp: bool  # a cuff measurement (SBP/DBP/MAP) rather than the periodic numerics


def rise_fraction(minute: float) -> float:
    """0 at baseline, 1 at the 30–40 min peak, back towards 0 by 80 min."""
    if minute < 5:
        return 0.0
    if minute < 30:
        return (minute - 5) / 25
    if minute <= 40:
        return 1.0
    return max(0.0, 1 - (minute - 40) / 40)


def readings(seed: int = 1, minutes: int = SESSION_MINUTES) -> Iterator[Reading]:
    rng = random.Random(seed)
    gap_until = -1
    for second in range(0, minutes * 60 + 1, NUMERICS_EVERY_S):
        if second < gap_until:
            continue
        if second > 300 and rng.random() < 0.004:  # the cable off for 1–3 minutes
            gap_until = second + rng.randint(60, 180)
            continue
        f = rise_fraction(second / 60)
        v = {k: base + PEAK_RISE.get(k, 0.0) * f for k, base in BASELINE.items()}
        noisy = {"hr": v["hr"] + rng.gauss(0, 2), "spo2": min(100, v["spo2"] + rng.gauss(0, .6)),
                 "rr": v["rr"] + rng.gauss(0, 1), "temp_c": v["temp_c"] + rng.gauss(0, .05)}
        if rng.random() < 0.01:
            noisy["spo2"] = -100  # probe off: the monitor's no-value marker
        # as monitors display them: whole numbers, the temperature to 0.1 °C
        yield Reading(second, {k: round(x, 1) if k == "temp_c" else round(x)
                               for k, x in noisy.items()}, nibp=False)
        if second % NIBP_EVERY_S == 0:
            sbp, dbp = v["sbp"] + rng.gauss(0, 4), v["dbp"] + rng.gauss(0, 3)
            if rng.random() < 0.03:
                sbp, dbp = 320, 20  # an artifact: the arm moved during the cycle
            yield Reading(second, {"sbp": round(sbp), "dbp": round(dbp),
                                   "map": round((sbp + 2 * dbp) / 3)}, nibp=True)


OBX = {
    "sbp": ("150021^MDC_PRESS_BLD_NONINV_SYS^MDC", "266016^MDC_DIM_MMHG^MDC", "1.1.1.1"),
    "dbp": ("150022^MDC_PRESS_BLD_NONINV_DIA^MDC", "266016^MDC_DIM_MMHG^MDC", "1.1.1.2"),
    "map": ("150023^MDC_PRESS_BLD_NONINV_MEAN^MDC", "266016^MDC_DIM_MMHG^MDC", "1.1.1.3"),
    "hr": ("147842^MDC_ECG_HEART_RATE^MDC", "264864^MDC_DIM_BEAT_PER_MIN^MDC", "1.2.1.1"),
    "spo2": ("150456^MDC_PULS_OXIM_SAT_O2^MDC", "262688^MDC_DIM_PERCENT^MDC", "1.3.1.1"),
    "rr": ("151562^MDC_RESP_RATE^MDC", "264928^MDC_DIM_RESP_PER_MIN^MDC", "1.4.1.1"),
    "temp_c": ("150344^MDC_TEMP^MDC", "268192^MDC_DIM_DEGC^MDC", "1.5.1.1"),
}


def hl7_time(at: datetime) -> str:
    return at.astimezone(timezone.utc).strftime("%Y%m%d%H%M%S+0000")


def pcd01_message(device: str, control: str, at: datetime, values: dict[str, float],
                  chair: str = "") -> str:
    """An ORU^R01 as an IHE PCD-01 Device Observation Reporter sends it."""
    t = hl7_time(at)
    lines = [
        f"MSH|^~\\&|SIM^{device}^EUI-64|CHAIRSIDE-SIM|||{t}||ORU^R01^ORU_R01|{control}|P|2.6"
        "|||NE|AL||UNICODE UTF-8|||IHE_PCD_001^IHE PCD^1.3.6.1.4.1.19376.1.6.1.1.1^ISO",
        f"PV1||O|{chair}",
        f"OBR|1|{control}^SIM|{control}^SIM|182777000^monitoring of patient^SCT|||{t}",
    ]
    for n, (key, value) in enumerate(values.items(), 1):
        code, unit, sub = OBX[key]
        lines.append(f"OBX|{n}|NM|{code}|{sub}|{value:g}|{unit}|||||R|||{t}||||"
                     f"{device}^EUI-64")
    return "\r".join(lines) + "\r"


async def play(host: str, port: int, chair: str = "", device: str = "",
               time_scale: float = 1.0, minutes: int = SESSION_MINUTES, seed: int = 1,
               start: datetime | None = None, echo: bool = False) -> dict[str, int]:
    """Plays a session; returns the count of each ACK code received."""
    device = device or f"0000SIM{seed:09d}"
    start = start or datetime.now(timezone.utc)
    loop = asyncio.get_running_loop()
    began = loop.time()
    codes: dict[str, int] = {}
    conn = await MonitorConnection.open(host, port)
    try:
        for n, r in enumerate(readings(seed, minutes)):
            wait = began + r.second / time_scale - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            at = start + timedelta(seconds=r.second)
            ack = await conn.send(pcd01_message(device, f"{device}-{n}", at, r.values, chair))
            code = ack_code(ack)
            codes[code] = codes.get(code, 0) + 1
            if echo:
                print(f"{at:%H:%M:%S} {r.values} → {code}", flush=True)
    finally:
        await conn.close()
    return codes
