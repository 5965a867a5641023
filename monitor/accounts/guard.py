"""The permission check in front of every action of ``SessionService``: one table of
method → action, checked before the service runs, so that a refused action stores
nothing whatever screen (or script) asked for it. A method missing from the table is
refused as a bug, never let through.

The "who" a user typed before accounts (who acknowledged an alarm, an addendum's author,
the signer) is the signed-in user's name from now on, whatever was passed.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

from monitor.accounts.current_user import CurrentUser
from monitor.accounts.permissions import Action
from monitor.errors import ChairsideError

A = Action
METHOD_ACTIONS: dict[str, Action] = {
    "register_patient": A.REGISTER_PATIENT,
    "open_session": A.RUN_SESSION,
    "load": A.VIEW_RECORD,
    "course": A.VIEW_RECORD,
    "get_patient": A.VIEW_RECORD,
    "get_session": A.VIEW_RECORD,
    "find_patients": A.VIEW_RECORD,
    "possible_duplicates": A.VIEW_RECORD,  # the Register dialog's warning, before saving
    "patients_with_mrn": A.VIEW_RECORD,
    "sessions_of": A.VIEW_RECORD,
    "open_sessions": A.VIEW_RECORD,
    "active_session_for": A.VIEW_RECORD,
    "entry_counts": A.VIEW_RECORD,
    "early_end": A.VIEW_RECORD,
    "discharge_concerns": A.VIEW_RECORD,
    # re-reads the stored safety settings (changing them is guarded in SETTINGS_ACTIONS)
    "use_stored_safety": A.VIEW_RECORD,
    "with_clock": A.VIEW_RECORD,  # the same service on another clock: guarded the same
    "record_vitals": A.RUN_SESSION,
    "record_side_effect": A.RUN_SESSION,
    "record_assessment": A.RUN_SESSION,
    "record_aldrete": A.RUN_SESSION,
    "record_medication": A.RUN_SESSION,
    "acknowledge_alarm": A.RUN_SESSION,
    "start_infusion": A.RUN_SESSION,
    "pause": A.RUN_SESSION,
    "resume": A.RUN_SESSION,
    "stop_early": A.RUN_SESSION,
    "end_infusion": A.RUN_SESSION,
    "change_rate": A.RUN_SESSION,
    "discharge": A.RUN_SESSION,
    "add_note": A.RUN_SESSION,
    "mark_entry": A.RUN_SESSION,  # entered in error / artifact (issue 9 §4)
    "withdraw_mark": A.RUN_SESSION,  # a mark made by mistake
    "record_sound_silenced": A.RUN_SESSION,  # a silence noted in each chair's record
    # treatment courses (issue 9 §5): read by anyone, started, ended and filled by a
    # psychiatrist
    "courses_of": A.VIEW_RECORD,
    "course_choices": A.VIEW_RECORD,
    "start_course": A.START_COURSE,
    "end_course": A.START_COURSE,
    "assign_to_course": A.START_COURSE,
    # the bedside monitor feed (issue 12, monitor/device_actions.py)
    "monitors": A.VIEW_RECORD,
    "monitor_values": A.VIEW_RECORD,
    "chair_monitor_values": A.VIEW_RECORD,
    "monitor_feed_position": A.VIEW_RECORD,
    "monitor_feeds": A.VIEW_RECORD,  # the board: each chair's monitor, last sent when
    "new_monitor_values": A.VIEW_RECORD,
    "latest_monitor_set": A.VIEW_RECORD,
    "bind_monitor": A.RUN_SESSION,
    "unbind_monitor": A.RUN_SESSION,
    "validate_monitor_set": A.RUN_SESSION,
    "mark_monitor_artifact": A.RUN_SESSION,
}

# Signing and addenda need the password again and a stated meaning: only through
# ``monitor.accounts.signing.SigningService``, never the plain service's methods (which
# would sign as whatever name they are given).
SIGNED_ONLY: dict[str, Action] = {"sign": A.SIGN, "add_addendum": A.ADD_ADDENDUM}

# the clinic's settings (``service.settings``): reading them is anyone's who is signed in
# (None), changing them the admin's
SETTINGS_ACTIONS: dict[str, Action | None] = {
    "ensure_defaults": None, "protocols": None, "formulary": None, "chair_count": None,
    "clinic_name": None, "setting": None, "safety": None,
    "sound": None, "set_sound": A.MANAGE_SETTINGS,
    "set_safety": A.MANAGE_SETTINGS,
    "save_protocol": A.MANAGE_PROTOCOLS,
    "set_formulary": A.MANAGE_SETTINGS,
    "set_setting": A.MANAGE_SETTINGS,
}

# the argument that names who did it: filled from the signed-in user
WHO_ARGUMENT = {"acknowledge_alarm": "by", "mark_entry": "by", "withdraw_mark": "by",
                "record_vitals": "by"}


# Plain values of the service a screen may read as they are: its clock, the safety settings,
# the alarm limits for charts, and the change feed it listens to (reports, never writes).
PLAIN_ATTRIBUTES = frozenset({"clock", "safety", "alarms", "changes"})

# The service's collaborators (``service.review``, ``.care``, ``.courses``) hold the same
# writes as the service's own methods: through the guard only the reads listed here, each
# checked like a method; anything else is refused as a bug (a nurse must not sign through
# ``service.review.sign``).
COLLABORATOR_ACTIONS: dict[str, dict[str, Action]] = {
    "review": {"patients_overview": A.VIEW_RECORD},
    "care": {},
    "courses": {},
}


class UnguardedAction(AssertionError):
    """A service method no one put in ``METHOD_ACTIONS``: a bug, refused."""


class SignatureRequired(ChairsideError):
    """Signing (or an addendum) asked of the plain service: refused, nothing stored."""


class GuardedService:
    """Wraps a service: each public method checks the current user's permission first.

    Plain attributes (the clock) pass through.
    """

    def __init__(self, service: Any, user: CurrentUser) -> None:
        self._service = service
        self._user = user

    @property
    def user(self) -> CurrentUser:
        return self._user

    @property
    def settings(self) -> GuardedSettings:
        return GuardedSettings(self._service.settings, self._user)

    def with_clock(self, clock: Any) -> GuardedService:
        self._user.require(METHOD_ACTIONS["with_clock"])
        return GuardedService(self._service.with_clock(clock), self._user)

    def use_stored_safety(self) -> GuardedService:
        # the service returns itself: return the guard, never the service behind it
        self._user.require(METHOD_ACTIONS["use_stored_safety"])
        self._service.use_stored_safety()
        return self

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):  # the service's insides (its repository) stay inside
            raise AttributeError(f"{name} is not handed out through the guard")
        value = getattr(self._service, name)
        if name in COLLABORATOR_ACTIONS:
            return GuardedCollaborator(name, value, self._user)
        if name in PLAIN_ATTRIBUTES:
            return value
        if not callable(value):
            raise UnguardedAction(f"{name} is not among the guard's plain attributes")
        if name in SIGNED_ONLY:
            return self._signed_only(name)
        if name not in METHOD_ACTIONS:
            raise UnguardedAction(f"{name} has no entry in METHOD_ACTIONS")
        return self._guarded(name, value)

    def _signed_only(self, name: str) -> Callable[..., Any]:
        def refused(*_args: Any, **_kwargs: Any) -> Any:
            self._user.require(SIGNED_ONLY[name])  # the role first, in its words
            raise SignatureRequired(
                "A signature needs your password again and its meaning: use Sign… or Add "
                "addendum… in the review. Nothing was stored.")
        return refused

    def _guarded(self, name: str, method: Callable[..., Any]) -> Callable[..., Any]:
        action = METHOD_ACTIONS[name]
        who = WHO_ARGUMENT.get(name)
        signature = inspect.signature(method)

        @functools.wraps(method)
        def checked(*args: Any, **kwargs: Any) -> Any:
            actor = self._user.require(action)
            if who is not None:
                bound = signature.bind_partial(*args, **kwargs)
                bound.arguments[who] = actor.signature_name
                args, kwargs = bound.args, bound.kwargs
            return method(*args, **kwargs)

        return checked


class GuardedCollaborator:
    """``service.review`` (or ``.care``, ``.courses``) behind ``COLLABORATOR_ACTIONS``."""

    def __init__(self, name: str, collaborator: Any, user: CurrentUser) -> None:
        self._name = name
        self._collaborator = collaborator
        self._user = user

    def __getattr__(self, name: str) -> Any:
        actions = COLLABORATOR_ACTIONS[self._name]
        if name not in actions:
            raise UnguardedAction(f"{self._name}.{name} is not open through the guard")
        value = getattr(self._collaborator, name)
        action = actions[name]

        @functools.wraps(value)
        def checked(*args: Any, **kwargs: Any) -> Any:
            self._user.require(action)
            return value(*args, **kwargs)

        return checked


class GuardedSettings:
    """``service.settings`` behind ``SETTINGS_ACTIONS``, as ``GuardedService`` is."""

    def __init__(self, settings: Any, user: CurrentUser) -> None:
        self._settings = settings
        self._user = user

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):  # its store would change settings unchecked
            raise AttributeError(f"settings.{name} is not handed out through the guard")
        value = getattr(self._settings, name)
        if name in PLAIN_ATTRIBUTES:
            return value
        if not callable(value):
            raise UnguardedAction(f"settings.{name} is not among the guard's plain "
                                  "attributes")
        if name not in SETTINGS_ACTIONS:
            raise UnguardedAction(f"settings.{name} has no entry in SETTINGS_ACTIONS")
        action = SETTINGS_ACTIONS[name]

        @functools.wraps(value)
        def checked(*args: Any, **kwargs: Any) -> Any:
            if action is None:
                if self._user.actor is None:
                    self._user.require(Action.VIEW_RECORD)  # refuses nobody, in words
            else:
                self._user.require(action)
            return value(*args, **kwargs)

        return checked
