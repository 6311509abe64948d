"""The one place object keys are checked, for every backend: relative '/'-separated parts, inside one organisation."""

from __future__ import annotations

from services.errors import InvalidArgument, NotFound

MAX_KEY_LENGTH = 1024
_FORBIDDEN_CHARACTERS = ("\\", "\x00")


class InvalidObjectKey(InvalidArgument):
    """A key that could name something outside the store or outside its organisation's folder."""


class ObjectOutsideOrganisation(NotFound):
    """A well-formed key of another organisation: reported exactly like a missing object, so nothing is revealed."""


def _shown(key: str) -> str:
    # A key can be caller input of any size: never echo more than a short prefix of it.
    return repr(key if len(key) <= 60 else key[:57] + "...")


def check_key(key: str, org: str | None = None, *, prefix: bool = False) -> str:
    """Return ``key`` if it is a safe object key, else raise InvalidObjectKey (or ObjectOutsideOrganisation).

    Safe means: not empty, at most MAX_KEY_LENGTH characters, relative (no leading '/'), no backslash or NUL, and
    no empty, '.' or '..' part (so no backend can resolve it anywhere but where it reads). With ``org`` the first
    part must be that organisation. With ``prefix`` the key is a listing prefix: empty, or ending in '/', is fine.
    """
    if not isinstance(key, str):
        raise InvalidObjectKey("an object key must be a string")
    if len(key) > MAX_KEY_LENGTH:
        raise InvalidObjectKey(f"an object key is at most {MAX_KEY_LENGTH} characters, got {len(key)}")
    if not key and not prefix:
        raise InvalidObjectKey("an object key must not be empty")
    if any(character in key for character in _FORBIDDEN_CHARACTERS):
        raise InvalidObjectKey(f"object key {_shown(key)} holds a backslash or NUL character")
    if key.startswith("/"):
        raise InvalidObjectKey(f"object key {_shown(key)} is absolute; keys are relative to the store")
    parts = key.split("/")
    if prefix and parts[-1] == "":
        parts = parts[:-1]
    if any(part in ("", ".", "..") for part in parts):
        raise InvalidObjectKey(f"object key {_shown(key)} has an empty, '.' or '..' part")
    if org is not None and (not parts or parts[0] != org):
        raise ObjectOutsideOrganisation(f"object {_shown(key)} not found")
    return key


def org_key(org: str, key: str) -> str:
    """``key`` checked as a key of ``org``'s own objects: well-formed, and under ``<org>/``."""
    return check_key(key, org)
