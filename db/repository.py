"""ClinicRepository: the clinic's storage, one small repository per aggregate.

Each repository's methods are their own transactions and return plain ``monitor``
records, never ORM rows, so nothing outside ``db/`` can lazily load from a session that
has gone. Only the services (``monitor.service``) hold it; ``main.py`` builds it.
"""

from __future__ import annotations

from db.care_repo import CareRepository
from db.courses_repo import CourseRepository
from db.devices_repo import DeviceRepository
from db.patients_repo import PatientRepository
from db.review_repo import ReviewRepository
from db.sessions_repo import SessionRepository
from db.settings_repo import SettingsRepository
from db.storage import Storage

__all__ = ["ClinicRepository"]


class ClinicRepository:
    """``.patients``, ``.sessions``, ``.care`` (alarms, assessments, medications),
    ``.settings`` (protocols, drug list, clinic values) and ``.review`` (courses,
    sign-off, addenda) and ``.courses`` (treatment courses), all on one database."""

    def __init__(self, storage: Storage) -> None:
        self.storage = storage
        self.patients = PatientRepository(storage)
        self.sessions = SessionRepository(storage)
        self.care = CareRepository(storage)
        self.settings = SettingsRepository(storage)
        self.review = ReviewRepository(storage)
        self.courses = CourseRepository(storage)
        self.devices = DeviceRepository(storage)  # bedside monitors (issue 12)
