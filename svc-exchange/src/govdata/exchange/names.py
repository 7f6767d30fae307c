"""Resource names of the exchange (AIP-122) and the organisations they belong to.

Sharing requests and grants live under their consumer, resources under their provider, so
the organisation that owns any name is its first two segments.
"""

from __future__ import annotations

import re
import uuid

from govdata.runtime.errors import FieldViolation, InvalidArgument

_ID = r"[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?"  # as the catalogue's ids
ORGANIZATION = re.compile(rf"^organizations/{_ID}$")
RESOURCE = re.compile(rf"^organizations/{_ID}/resources/{_ID}$")
SHARING_REQUEST = re.compile(rf"^organizations/{_ID}/sharingRequests/{_ID}$")
GRANT = re.compile(rf"^organizations/{_ID}/grants/{_ID}$")

_PATTERNS = {
    "organization": (ORGANIZATION, "organizations/{organization}"),
    "resource": (RESOURCE, "organizations/{organization}/resources/{resource}"),
    "sharing_request": (
        SHARING_REQUEST,
        "organizations/{organization}/sharingRequests/{sharing_request}",
    ),
    "grant": (GRANT, "organizations/{organization}/grants/{grant}"),
}


def organization_of(name: str) -> str:
    """``organizations/x`` of any name under it; "" when ``name`` is not under one."""
    parts = name.split("/")
    if len(parts) >= 2 and parts[0] == "organizations" and re.fullmatch(_ID, parts[1]):
        return f"organizations/{parts[1]}"
    return ""


def check(kind: str, value: str, field: str) -> str:
    """``value`` if it is a well-formed name of ``kind``; INVALID_ARGUMENT naming ``field``."""
    pattern, form = _PATTERNS[kind]
    if not pattern.match(value):
        shown = value if len(value) <= 80 else value[:79] + "…"
        reason = "is required" if not value else f"{shown!r} is not of the form {form}"
        raise InvalidArgument(FieldViolation(field, reason))
    return value


def new_id() -> str:
    """A fresh id segment: a letter and 15 hex digits, unguessable enough not to enumerate."""
    return "r" + uuid.uuid4().hex[:15]


def id_of(name: str) -> str:
    return name.rsplit("/", 1)[-1]
