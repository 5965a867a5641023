"""argon2id hashes for passwords and PINs (argon2-cffi; RFC 9106's recommended variant)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# argon2-cffi's defaults: argon2id, RFC 9106 "low memory" profile (64 MiB, 3 passes).
DEFAULT_HASHER = PasswordHasher()


def hash_secret(secret: str, hasher: PasswordHasher = DEFAULT_HASHER) -> str:
    return hasher.hash(secret)


def secret_matches(stored_hash: str, secret: str,
                   hasher: PasswordHasher = DEFAULT_HASHER) -> bool:
    """True when ``secret`` is the one hashed; a damaged hash never matches, nor a
    secret that cannot be encoded."""
    try:
        return hasher.verify(stored_hash, secret)
    except (VerificationError, InvalidHashError):
        return False
    except UnicodeEncodeError:  # a broken character typed: no secret has one
        return False
