"""Report sections as the rich text QTextDocument lays out; everything typed is escaped.

The PDF and the review screen both render ``monitor.report`` data with these: the page in
the light palette, the screen in its theme's (``c``). Charts are markers
(``chart_marker``) in a paragraph of their own, which the PDF writer turns into chart
objects of the right size.
"""

from __future__ import annotations

from html import escape

from export.colours import LIGHT, Colors
from monitor.report.course import RESPONSE_NOTE, CourseReport
from monitor.report.course_columns import COLUMNS as COURSE_COLUMNS
from monitor.report.format import ADVISORY, CRITICAL, OK, STRUCK, Table
from monitor.report.session import SessionReport

c = LIGHT


def style(colors: Colors = LIGHT, header_fill: str = "#dde3ea", points: float = 7.5) -> str:
    """The document style sheet: the page's by default, a screen's with its theme."""
    return f"""
h1 {{ font-size: 14pt; font-weight: 600; margin: 0 0 2px 0; }}
h2 {{ font-size: 10.5pt; font-weight: 600; color: {colors.accent}; margin: 16px 0 3px 0; }}
p {{ margin: 0 0 3px 0; }}
th {{ background-color: {header_fill}; text-align: left; font-weight: 600;
      font-size: {points}pt; padding: 2px 5px; }}
td {{ padding: 2px 5px; vertical-align: top; }}
td.key {{ color: {colors.muted}; padding: 1px 8px 1px 0; white-space: nowrap; }}
td.value {{ padding: 1px 0; }}
td.box {{ padding: 0; }}
.muted {{ color: {colors.muted}; }}
.small {{ font-size: {points}pt; }}
"""


STYLE = style()
WIDTH_OF = {c.key: c.width for c in COURSE_COLUMNS}
ZEBRA = "#f3f5f8"  # alternate rows on paper, so a row reads across


def ink(level: str, colors: Colors = LIGHT) -> str | None:
    """The colour of a report level (advisory, critical, ok); None for plain."""
    return {ADVISORY: colors.advisory, CRITICAL: colors.critical, OK: colors.ok}.get(level)


def _text(value: str) -> str:
    return escape(value).replace("\n", "<br>")


def chart_marker(name: str) -> str:
    return f"[[chart:{name}]]"


def placeholder(name: str) -> str:
    """Where a chart goes: a paragraph of its own (its size is the writer's business)."""
    return f"<p>{chart_marker(name)}</p>"


def facts(rows: list[tuple[str, str]]) -> str:
    body = "".join(f"<tr><td class='key'>{escape(k)}</td><td class='value'>{_text(v)}</td></tr>"
                   for k, v in rows)
    return f"<table cellspacing='0' cellpadding='0'>{body}</table>"


def _with_by(widths: tuple[int, ...], by: int = 14) -> tuple[int, ...]:
    """Room for who made each entry (monitor.report.who), taken from the widest column
    (the free text), so that times and numbers keep theirs: "02:25" never wraps."""
    widest = max(range(len(widths)), key=widths.__getitem__)
    if widths[widest] - by < 12:  # no text column wide enough: everyone gives a little
        return (*(w * (100 - by) // 100 for w in widths), by)
    return (*(w - by if i == widest else w for i, w in enumerate(widths)), by)


def table(t: Table, widths: tuple[int, ...] = (), small: bool = False,
          colors: Colors = LIGHT, zebra: str | None = ZEBRA, points: float = 7.5) -> str:
    """A ruled table; ``widths`` in percent per column (0: let it size); ``small``
    prints it in ``points``."""
    if not t.rows:
        return f"<p class='muted'>{escape(t.empty)}</p>" if t.empty else ""
    if widths and len(t.headers) == len(widths) + 1 and t.headers[-1] == "By":
        widths = _with_by(widths)
    pad = f"padding:2px 3px; font-size:{points:g}pt; " if small else ""
    head = "".join(f"<th{_width(widths, i)} style='{pad}'>{_text(h)}</th>"
                   for i, h in enumerate(t.headers))
    body: list[str] = []
    for row in t.rows:
        cells = []
        for i, cell in enumerate(row.cells):
            level = row.cell_level(i)
            style = pad
            if ink(level, colors):
                style += f"color:{ink(level, colors)}"
                style += "; font-weight:600" if level == CRITICAL else ""
            elif level == STRUCK:  # marked entered in error or artifact: kept, struck
                style += f"color:{colors.muted}; text-decoration:line-through"
            cells.append(f"<td style='{style}'>{_text(cell)}</td>")
        shade = f" bgcolor='{zebra}'" if zebra and len(body) % 2 else ""
        body.append(f"<tr{shade}>" + "".join(cells) + "</tr>")
    size = f" font-size:{points:g}pt;" if small else ""
    return (f"<table width='100%' cellspacing='0' cellpadding='0' "
            f"style='border-collapse:collapse; margin-bottom:6px;{size}'>"
            f"<thead><tr>{head}</tr></thead>{''.join(body)}</table>")


def _width(widths: tuple[int, ...], i: int) -> str:
    return f" width='{widths[i]}%'" if i < len(widths) and widths[i] else ""


def warnings(items: list[str]) -> str:
    """A red-ruled box at the top of a report (PHQ-9 item 9, open alarms)."""
    if not items:
        return ""
    lines = "<br>".join(f"⚠ {escape(w)}" for w in items)
    return (f"<table width='100%' cellspacing='0' cellpadding='6' border='1' "
            f"style='border-color:{c.critical}; border-style:solid; margin-top:6px'>"
            f"<tr><td style='background-color:#fdecea; color:{c.critical}; font-weight:600'>"
            f"{lines}</td></tr></table>")


def _columns(*cells: str) -> str:
    width = 100 // len(cells)
    tds = "".join(f"<td class='box' width='{width}%' style='padding-right:10px'>{cell}</td>"
                  for cell in cells)
    return f"<table width='100%' cellspacing='0' cellpadding='0'><tr>{tds}</tr></table>"


def session_html(r: SessionReport, chart: str, zone_note: str = "",
                 monitor_feed: str = "") -> str:
    """The session summary; ``chart`` is the vitals chart placeholder ("" for none). The
    chart comes straight after the dose, so that the first page shows who, what and how
    it went."""
    parts = [f"<h1>{escape(r.title)}</h1>"]
    if zone_note:
        parts.append(f"<p class='muted small'>{escape(zone_note)}</p>")
    parts.append(warnings(r.warnings))
    parts.append(_columns(f"<h2>Patient</h2>{facts(r.patient)}",
                          f"<h2>Session</h2>{facts(r.session)}",
                          f"<h2>Protocol</h2>{facts(r.protocol)}"))
    parts.append(f"<h2>Dose and pump</h2>{facts(r.dose)}")
    if chart:
        parts.append(f"<h2>Vitals chart</h2>{chart}")
    parts.append(f"<h2>Timings</h2><p>{escape(r.timing_summary)}</p>"
                 f"{table(r.timings, (9, 24, 67))}")
    gaps_style = f" style='color:{ink(r.gaps_level)}'" if ink(r.gaps_level) else ""
    parts.append(f"<h2>Vitals</h2><p{gaps_style}>{escape(r.gaps)}</p>"
                 f"{table(r.vitals, (7, 9, 10, 7, 7, 7, 7, 46))}")
    if monitor_feed:  # issue 12: monitor/devices/report_text.py
        parts.append(f"<h2>Bedside monitor feed</h2><p>{escape(monitor_feed)}</p>")
    parts.append(f"<h2>Side effects</h2>{table(r.side_effects, (9, 22, 18, 51))}")
    parts.append(f"<h2>Scales and assessments</h2>{table(r.assessments, (9, 20, 9, 62))}")
    parts.append(f"<h2>Alarms</h2>{table(r.alarms, (9, 10, 48, 33))}")
    parts.append(f"<h2>Medications</h2>{table(r.medications, (9, 24, 12, 12, 43))}")
    aldrete = table(r.aldrete, (22, 8, 70)) if r.aldrete.rows else ""
    parts.append(f"<h2>Discharge</h2>{facts(r.discharge)}{aldrete}")
    parts.append(f"<h2>Notes</h2>{table(r.notes, (9, 91))}")
    signed_ink = c.ok if r.signed else c.advisory
    parts.append(f"<h2>Sign-off</h2><p style='color:{signed_ink}; font-weight:600'>"
                 f"{escape(r.signoff)}</p>")
    parts.append(f"<h2>Addenda</h2>{table(r.addenda, (16, 16, 22, 46))}")
    return "".join(parts)


def course_widths(keys: tuple[str, ...]) -> tuple[int, ...]:
    """The course table's columns in percent, from each column's share
    (``monitor.report.course_columns``)."""
    shares = [WIDTH_OF[k] for k in keys]
    total = sum(shares) or 1
    return tuple(max(1, round(100 * w / total)) for w in shares)


def course_html(r: CourseReport, chart: str, zone_note: str) -> str:
    levels = r.overview_levels or ("",) * len(r.overview)
    overview = "".join(
        f"<p style='color:{ink(level)}; font-weight:600'>{escape(line)}</p>" if level
        else f"<p>{escape(line)}</p>" for line, level in zip(r.overview, levels, strict=True))
    return "".join([
        f"<h1>Treatment course — {escape(r.patient_name)}</h1>",
        f"<p class='muted small'>{escape(zone_note)}</p>" if zone_note else "",
        warnings(r.warnings),
        _columns(f"<h2>Patient</h2>{facts(r.patient)}", f"<h2>Course</h2>{overview}"),
        f"<h2>Trends</h2>{chart}",
        # twenty-odd columns across a landscape page: a point smaller than other tables
        f"<h2>Sessions</h2>{table(r.table, course_widths(r.keys), small=True, points=6.5)}",
        f"<p class='muted small'>{escape(RESPONSE_NOTE)} Each session's summary follows on "
        "its own pages.</p>",
    ])
