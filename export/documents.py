"""Exports the UI and the command line call: a session's PDF summary, a course's PDF
(trends first, then every session of the course), a session's CSV and a course's CSV.

Each works without a window: an offscreen QGuiApplication is enough (one is made when none
exists). Times print in the workstation's local zone, named once at the top.

A PDF is made in two steps: ``session_pdf``/``course_pdf`` read the record (the database,
on the caller's thread) into a ``PdfJob``; ``PdfJob.write`` lays it out and writes it, which
for a long record takes a while and may run in a worker thread (see ui/app/pdf_export.py).
"""

from __future__ import annotations

import csv
import os
import sys
from dataclasses import dataclass
from datetime import datetime, tzinfo
from html import escape
from pathlib import Path

from PySide6.QtGui import QGuiApplication

from export.colours import LIGHT
from export.course_chart import SIZE as COURSE_SIZE
from export.course_chart import draw_course_charts
from export.csv_cells import inert_rows
from export.pdf_writer import PageFrame, Part, Progress, write_pdf
from export.report_html import course_html, placeholder, session_html
from export.vitals_chart import SIZE as VITALS_SIZE
from export.vitals_chart import draw_vitals_chart
from monitor.accounts.signature import ALTERED_WARNING, SignatureStatus
from monitor.accounts.signing import signature_status
from monitor.course import summarize_all
from monitor.report.course import ChosenCourse, choose_course, course_report
from monitor.report.course_columns import course_csv
from monitor.report.csv_rows import COLUMNS, csv_rows
from monitor.report.format import Times
from monitor.report.session import session_report
from monitor.session_record import SessionRecord
from monitor.treatment_course import CourseChoice


def ensure_app() -> QGuiApplication:
    """The running Qt application (the UI's QApplication is one too), or a new
    offscreen-capable QGuiApplication: fonts and painting are all a PDF needs, and export/
    never imports QtWidgets. Without a display, the offscreen platform is chosen.
    """
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        return app
    no_display = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if sys.platform.startswith("linux") and no_display:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QGuiApplication(sys.argv[:1] or ["chairside"])


@dataclass
class PdfJob:
    """A document read from the database and ready to be laid out: no database access
    is left in it."""

    title: str
    frame: PageFrame
    parts: list[Part]

    def write(self, path: Path | str, progress: Progress | None = None) -> int:
        """Writes the PDF; returns the number of pages."""
        return write_pdf(path, self.title, self.frame, self.parts, progress)


def export_session_pdf(service, session_id: int, path: Path | str, *, clinic_name: str = "",
                       now: datetime | None = None, tz: tzinfo | None = None,
                       signatures=None) -> int:
    """Writes one session's summary as an A4 PDF; returns the number of pages."""
    return session_pdf(service, session_id, clinic_name=clinic_name, now=now,
                       tz=tz, signatures=signatures).write(path)


def export_course_pdf(service, patient_id: int, path: Path | str, *, clinic_name: str = "",
                      now: datetime | None = None, tz: tzinfo | None = None,
                      signatures=None, course: CourseChoice | None = None) -> int:
    """Writes a patient's course (see ``course_pdf``); returns the number of pages."""
    return course_pdf(service, patient_id, clinic_name=clinic_name, now=now,
                      tz=tz, signatures=signatures, course=course).write(path)


def session_pdf(service, session_id: int, *, clinic_name: str = "",
                now: datetime | None = None, tz: tzinfo | None = None,
                signatures=None) -> PdfJob:
    """One session's summary, read and ready to write.

    Args:
        service: a ``SessionService`` (its reads and clock are used).
        clinic_name: printed on every page; the clinic's setting when empty.
        now: the time printed as "Generated" (and the end of a session still open);
            the service's clock when None.
        tz: the zone times are printed in; the workstation's when None.
        signatures: a ``SigningService``, to print each signature's manifestation and
            whether the content still matches it; without one, the session row's own
            signed/unsigned state is all that is printed.
    """
    ensure_app()
    record = service.load(session_id)
    now = now or service.clock.now()
    times = Times(tz)
    frame = _page_frame(service, record.patient, clinic_name, now, times)
    title = f"Session summary — {record.patient.name} ({record.patient.mrn})"
    part = _session_part(record, now, times, "Infusion session summary",
                         _zone_note(times, [record.session.created_at]), signatures,
                         _monitor_feed(service, record, now, times))
    return PdfJob(title, frame, [part])


def _monitor_feed(service, record, now: datetime, times: Times) -> str:
    """The monitor feed's summary and gaps (issue 12), '' without a monitor."""
    from datetime import timedelta

    from monitor.devices.feed_settings import FeedSettings
    from monitor.devices.report_text import feed_summary

    values = service.monitor_values(record.session.id)
    silence = FeedSettings.read(service.settings.setting).silence_seconds
    t = times.for_day(record.session.created_at)
    return feed_summary(values, timedelta(seconds=silence),
                        record.session.discharged_at or now, t.hm)


def course_pdf(service, patient_id: int, *, clinic_name: str = "",
               now: datetime | None = None, tz: tzinfo | None = None,
               signatures=None, course: CourseChoice | None = None) -> PdfJob:
    """A patient's course (``course``; the current one when None): a first page of trends
    and one row per session, then each session's summary from a new page."""
    ensure_app()
    patient = service.get_patient(patient_id)
    now = now or service.clock.now()
    times = Times(tz)
    chosen = _chosen(service, patient_id, now, course)
    records = chosen.records
    report = course_report(patient, records, now, times, chosen.summaries, chosen.choice)
    frame = _page_frame(service, patient, clinic_name, now, times)

    def charts(painter, rect) -> None:
        draw_course_charts(painter, rect, report)

    # the course overview is landscape: a dozen columns per session need the width
    zone = _zone_note(times, [r.session.created_at for r in records] or [now])
    statuses = [_status(record, signatures) for record in records]
    draft = any(st.is_draft or st.is_altered for st in statuses)
    overview = ("UNSIGNED / DRAFT: not every session in this course is signed and intact"
                if draft else "")
    parts = [Part(course_html(report, placeholder("course"), zone),
                  "Treatment course summary", {"course": (COURSE_SIZE, charts)}, landscape=True,
                  stamp=overview, alarming=draft)]
    n = len(records)
    for number, record in enumerate(records, 1):
        label = f"Session {number} of {n} · {times.date(record.session.created_at)}"
        parts.append(_session_part(record, now, times, label, "", signatures,
                                   _monitor_feed(service, record, now, times)))
    return PdfJob(f"Treatment course — {patient.name} ({patient.mrn})", frame, parts)


def export_course_csv(service, patient_id: int, path: Path | str,
                      tz: tzinfo | None = None, course: CourseChoice | None = None,
                      now: datetime | None = None) -> int:
    """Writes a course's table (the current course when ``course`` is None) as CSV, the
    columns the screen and the PDF show; returns the number of rows below the header."""
    now = now or service.clock.now()
    chosen = _chosen(service, patient_id, now, course)
    report = course_report(service.get_patient(patient_id), chosen.records, now, Times(tz),
                           chosen.summaries, chosen.choice)
    header, rows = course_csv(report.lines)
    with open(path, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(inert_rows(rows))
    return len(rows)


def _chosen(service, patient_id: int, now: datetime, course: CourseChoice | None
            ) -> ChosenCourse:
    records = service.course(patient_id)
    return choose_course(records, summarize_all(records, now),
                         service.course_choices(patient_id), course)


def export_session_csv(service, session_id: int, path: Path | str,
                       tz: tzinfo | None = None) -> int:
    """Writes one session as CSV (UTF-8 with a BOM, so spreadsheets read "SpO₂" and "°C");
    returns the number of rows below the header."""
    record = service.load(session_id)
    rows = csv_rows(record, Times(tz))
    with open(path, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        writer.writerows(inert_rows(rows))
    return len(rows)


def _session_part(record: SessionRecord, now: datetime, times: Times, label: str,
                  zone_note: str = "", signatures=None, monitor_feed: str = "") -> Part:
    report = session_report(record, now, times)
    status = _status(record, signatures)
    stamp, alarming = status.header(times.tz), status.is_draft or status.is_altered
    warning = _altered_html(status)

    def chart(painter, rect) -> None:
        draw_vitals_chart(painter, rect, record, now)

    if not record.vitals:  # nothing to draw: the table's "No vitals were recorded" says it
        return Part(warning + session_html(report, "", zone_note, monitor_feed), label,
                    stamp=stamp, alarming=alarming)
    return Part(warning + session_html(report, placeholder("vitals"), zone_note,
                                       monitor_feed), label,
                {"vitals": (VITALS_SIZE, chart)}, stamp=stamp, alarming=alarming)


def _status(record: SessionRecord, signatures) -> SignatureStatus:
    if signatures is None:
        return signature_status(record, None)
    return signatures.status(record)


def _altered_html(status: SignatureStatus) -> str:
    if not status.is_altered:
        return ""
    return (f"<p style='color:{LIGHT.critical}; font-weight:700'>"
            f"{escape(ALTERED_WARNING)} {escape(status.what_changed())}</p>")


def _page_frame(service, patient, clinic_name: str, now: datetime, times: Times) -> PageFrame:
    clinic = clinic_name.strip()
    if not clinic:
        clinic = service.settings.clinic_name().strip()
    who = f"{patient.name}  ·  MRN {patient.mrn}  ·  DOB {patient.date_of_birth:%Y-%m-%d}"
    return PageFrame(clinic, who, f"Generated {times.full(now)} by Chairside")


def _zone_note(times: Times, moments: list[datetime]) -> str:
    """The zone, said once per document (both names when the report spans a DST change)."""
    zones = list(dict.fromkeys(times.zone(at) for at in moments))
    return f"All times are local time, {' and '.join(zones)}."
