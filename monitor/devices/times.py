"""HL7 v2 times (DTM: YYYYMMDDHHMM[SS[.S…]][+/-ZZZZ]) → UTC instants.

A time without an offset is the clinic's local time (``tz``; None for this computer's
zone), as monitors set to the wall clock send it. Less than minute precision is not a
time a vital sign can be charted at: refused.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone, tzinfo

UTC = timezone.utc
_DTM = re.compile(
    r"(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.(\d{1,4}))?(?:([+-])(\d{2})(\d{2}))?")


def parse_dtm(text: str, tz: tzinfo | None = None) -> datetime | None:
    match = _DTM.fullmatch(text.strip())
    if not match:
        return None
    year, month, day, hour, minute, second, fraction, sign, oh, om = match.groups()
    try:
        wall = datetime(int(year), int(month), int(day), int(hour), int(minute),
                        int(second or 0), int((fraction or "0").ljust(6, "0")[:6]))
        if sign:
            offset = timedelta(hours=int(oh), minutes=int(om))
            if offset >= timedelta(hours=24):
                return None
            zone = timezone(offset if sign == "+" else -offset)
            return wall.replace(tzinfo=zone).astimezone(UTC)
        aware = wall.replace(tzinfo=tz) if tz is not None else wall.astimezone()
        return aware.astimezone(UTC)
    except (ValueError, OverflowError):
        return None
