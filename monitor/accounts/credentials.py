"""Credentials an admin issues for the command line (issue 10 §1: the CLI runs as a
Chairside user, asked at the terminal or from a credential): a random token, of which
storage keeps only the SHA-256. The token is long and random, so a plain hash is enough
(no password to guess); it is compared in constant time."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from monitor.errors import InvalidEntry

PREFIX = "chairside-credential-1"


def new_secret() -> str:
    return secrets.token_urlsafe(32)  # 256 random bits


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def same_hash(stored: str, secret: str) -> bool:
    return hmac.compare_digest(stored, secret_hash(secret))


def token_text(credential_id: int, secret: str) -> str:
    """What the credential file holds: "chairside-credential-1:<id>:<secret>"."""
    return f"{PREFIX}:{credential_id}:{secret}"


def parse_token(text: str) -> tuple[int, str]:
    """(credential id, secret) from a credential file's text."""
    prefix, _, rest = text.strip().partition(":")
    number, _, secret = rest.partition(":")
    # an id beyond any stored one (and any database's integer) is no credential either
    if prefix != PREFIX or not number.isdigit() or len(number) > 12 or len(secret) < 20:
        raise InvalidEntry("That file is not a Chairside credential (an admin issues one "
                           "with `chairside credential issue --user NAME --output FILE`).",
                           "credential")
    return int(number), secret
