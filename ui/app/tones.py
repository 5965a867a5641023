"""The alarm tones, made as small WAV files when the app starts.

Generated rather than bundled: four short tones are a few lines of arithmetic, carry no
licence question, and cannot go missing from an install. Each is 16-bit mono PCM at
22 050 Hz, the format QSoundEffect plays without decoding. The shapes follow the idea of
IEC 60601-1-8 (urgent = fast high pulses; lower urgency = fewer, lower, softer notes);
they are Chairside's own tones, not that standard's melodies.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

from monitor.sound_settings import TONES

RATE = 22_050

# tone → notes (frequency Hz, seconds, loudness 0–1), silence between notes (s)
SHAPES: dict[str, tuple[list[tuple[float, float, float]], float]] = {
    "pulses": ([(988, 0.11, 1.0)] * 5, 0.06),
    "two_tones": ([(660, 0.22, 0.8), (523, 0.22, 0.8)], 0.08),
    "chime": ([(440, 0.6, 0.5)], 0.0),
    "rising": ([(523, 0.15, 0.8), (659, 0.15, 0.8), (784, 0.2, 0.8)], 0.05),
}
assert set(SHAPES) == set(TONES), "each tone in the settings has a shape"


def samples(tone: str) -> list[int]:
    notes, gap = SHAPES[tone]
    out: list[int] = []
    for freq, seconds, loud in notes:
        n = int(seconds * RATE)
        for i in range(n):
            # a quick rise and a fade, so that no note clicks; the chime rings down
            envelope = min(1.0, i / 220, (n - i) / 220)
            if tone == "chime":
                envelope *= math.exp(-3.0 * i / n)
            out.append(int(32767 * 0.9 * loud * envelope * math.sin(2 * math.pi * freq * i
                                                                     / RATE)))
        out.extend([0] * int(gap * RATE))
    return out


def write_tones(folder: Path) -> dict[str, Path]:
    """Writes every tone into ``folder`` (made if needed); returns tone → file."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {}
    for tone in SHAPES:
        path = folder / f"chairside-{tone}.wav"
        with wave.open(str(path), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(RATE)
            data = samples(tone)
            out.writeframes(struct.pack(f"<{len(data)}h", *data))
        files[tone] = path
    return files
