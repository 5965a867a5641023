"""What a password and a PIN must be. The numbers are Chairside defaults (not clinical
figures), following NIST SP 800-63B's lead: length over composition rules, no
trivially guessable values."""

from __future__ import annotations

from dataclasses import dataclass

from monitor.errors import InvalidEntry


@dataclass(frozen=True)
class SecretsPolicy:
    """Chairside defaults; a clinic may raise them (``clinic_setting``)."""

    password_min_length: int = 12  # Chairside default
    password_max_length: int = 128  # Chairside default: long pass-phrases welcome
    pin_min_digits: int = 4  # Chairside default: quick at the chair, backed by lockout
    pin_max_digits: int = 8  # Chairside default


DEFAULT_SECRETS_POLICY = SecretsPolicy()


def check_password(password: str, username: str,
                   policy: SecretsPolicy = DEFAULT_SECRETS_POLICY) -> None:
    if len(password) < policy.password_min_length:
        raise InvalidEntry(f"The password must have at least {policy.password_min_length} "
                           "characters; a short sentence is easy to remember.", "password")
    if len(password) > policy.password_max_length:
        raise InvalidEntry(f"The password can have at most {policy.password_max_length} "
                           "characters.", "password")
    if len(set(password)) == 1:
        raise InvalidEntry("The password cannot be one character repeated.", "password")
    if username and username.casefold() in password.casefold():
        raise InvalidEntry("The password cannot contain the user name.", "password")


def check_pin(pin: str, policy: SecretsPolicy = DEFAULT_SECRETS_POLICY) -> None:
    low, high = policy.pin_min_digits, policy.pin_max_digits
    if not (pin.isascii() and pin.isdigit() and low <= len(pin) <= high):
        raise InvalidEntry(f"The PIN must be {low} to {high} digits.", "pin")
    if len(set(pin)) == 1 or pin in "0123456789012" or pin in "9876543210987":
        raise InvalidEntry("The PIN cannot be one digit repeated or a run like 1234.", "pin")
