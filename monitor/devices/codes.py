"""What an OBX-3 observation identifier measures: IEEE 11073 MDC codes (IHE PCD-01),
LOINC, or a vendor's local code from the clinic's table.

The keys are Chairside's measures (``monitor.vitals.MEASURES``) plus ``map`` (NIBP mean)
and ``pulse`` (a pulse rate: the oximeter's, the cuff's or one of no named source),
which are charted but not typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# IEEE 11073-10101 (MDC), as IHE PCD-01 senders put them in OBX-3: code^name^MDC
MDC = {
    "150021": "sbp", "150022": "dbp", "150023": "map",  # MDC_PRESS_BLD_NONINV_SYS/DIA/MEAN
    # MDC_PRESS_CUFF_SYS/DIA/MEAN: the NIBP cuff, as Mindray-family monitors send it
    "150301": "sbp", "150302": "dbp", "150303": "map",
    "147842": "hr",  # MDC_ECG_HEART_RATE
    # pulse rates, charted as the heart rate when no ECG is sent (the newest of them):
    "149530": "pulse",  # MDC_PULS_OXIM_PULS_RATE: the oximeter's
    "149546": "pulse",  # MDC_PULS_RATE_NON_INV: the NIBP cuff's
    "149522": "pulse",  # MDC_PULS_RATE: a pulse rate of no named source (Comen sends it)
    "150456": "spo2",  # MDC_PULS_OXIM_SAT_O2
    "151562": "rr",  # MDC_RESP_RATE
    "151578": "rr",  # MDC_TTHOR_RESP_RATE: impedance respiration (Mindray's RR)
    "150344": "temp_c",  # MDC_TEMP
}
MDC_NAMES = {
    "MDC_PRESS_BLD_NONINV_SYS": "sbp", "MDC_PRESS_BLD_NONINV_DIA": "dbp",
    "MDC_PRESS_BLD_NONINV_MEAN": "map", "MDC_ECG_HEART_RATE": "hr",
    "MDC_PRESS_CUFF_SYS": "sbp", "MDC_PRESS_CUFF_DIA": "dbp", "MDC_PRESS_CUFF_MEAN": "map",
    "MDC_TTHOR_RESP_RATE": "rr",
    "MDC_PULS_OXIM_PULS_RATE": "pulse", "MDC_PULS_RATE_NON_INV": "pulse",
    "MDC_PULS_RATE": "pulse", "MDC_PULS_OXIM_SAT_O2": "spo2",
    "MDC_RESP_RATE": "rr", "MDC_TEMP": "temp_c",
}
LOINC = {
    "8480-6": "sbp", "8462-4": "dbp", "8867-4": "hr",
    "8889-8": "pulse",  # heart rate by pulse oximetry
    "2708-6": "spo2", "59408-5": "spo2", "9279-1": "rr", "8310-5": "temp_c",
}
MDC_SYSTEMS = {"MDC", "99MDC"}
LOINC_SYSTEMS = {"LN", "LOINC"}
KEYS = ("sbp", "dbp", "map", "hr", "pulse", "spo2", "rr", "temp_c")


@dataclass(frozen=True)
class LocalCode:
    system: str  # OBX-3.3 as the vendor sends it ('' matches any)
    code: str  # OBX-3.1
    key: str


class LocalCodeProblem(ValueError):
    pass


def parse_local_codes(text: str) -> dict[tuple[str, str], str]:
    """The clinic's table, one mapping a line: ``SYSTEM CODE = key`` (or ``CODE = key``),
    e.g. ``MDIL 0002-4a05 = sbp``; '#' starts a comment."""
    table: dict[tuple[str, str], str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        left, sep, key = line.partition("=")
        words = left.split()
        key = key.strip()
        if not sep or key not in KEYS or not 1 <= len(words) <= 2:
            raise LocalCodeProblem(
                f"Line {number}: write 'SYSTEM CODE = key' with key one of {', '.join(KEYS)}.")
        system, code = (words if len(words) == 2 else ["", words[0]])
        table[(system.upper(), code.upper())] = key
    return table


_LOINC_FORM = re.compile(r"\d{1,7}-\d")


def measure_of(code: str, name: str, system: str,
               local: dict[tuple[str, str], str] | None = None) -> str | None:
    """The measure an OBX-3 names, or None when it is not one Chairside charts."""
    system_u, code_u = system.strip().upper(), code.strip().upper()
    if local:
        key = local.get((system_u, code_u)) or local.get(("", code_u))
        if key:
            return key
    if system_u in MDC_SYSTEMS or (not system_u and code_u.isdigit()):
        return MDC.get(code_u) or MDC_NAMES.get(name.strip().upper())
    if system_u in LOINC_SYSTEMS or (not system_u and _LOINC_FORM.fullmatch(code_u)):
        return LOINC.get(code_u)
    return MDC_NAMES.get(name.strip().upper()) or MDC_NAMES.get(code_u)
