"""Resource names (AIP-122) shared by every service: the id segment, the organisation a name
belongs to, and checking a name against its pattern with an error naming the field."""

from __future__ import annotations

import re
import uuid

from govdata.runtime.errors import FieldViolation, InvalidArgument

ID = r"[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?"  # as the catalogue's ids
ORGANIZATION = re.compile(rf"^organizations/{ID}$")
RESOURCE = re.compile(rf"^organizations/{ID}/resources/{ID}$")
# Grants (svc-exchange) are named by the services that read under them too.
GRANT = re.compile(rf"^organizations/{ID}/grants/{ID}$")
GRANT_FORM = "organizations/{organization}/grants/{grant}"


def organization_of(name: str) -> str:
    """``organizations/x`` of any name under it; "" when ``name`` is not under one."""
    parts = name.split("/")
    if len(parts) >= 2 and parts[0] == "organizations" and re.fullmatch(ID, parts[1]):
        return f"organizations/{parts[1]}"
    return ""


def reason_against(pattern: re.Pattern[str], form: str, value: str) -> str | None:
    """None when ``value`` matches ``pattern``, else why not (showing ``form``)."""
    if pattern.match(value):
        return None
    shown = value if len(value) <= 80 else value[:79] + "…"
    return "is required" if not value else f"{shown!r} is not of the form {form}"


def check(pattern: re.Pattern[str], form: str, value: str, field: str) -> str:
    """``value`` if it matches; INVALID_ARGUMENT naming ``field`` otherwise."""
    if (reason := reason_against(pattern, form, value)) is not None:
        raise InvalidArgument(FieldViolation(field, reason))
    return value


def new_id() -> str:
    """A fresh id segment: a letter and 15 hex digits, unguessable enough not to enumerate."""
    return "r" + uuid.uuid4().hex[:15]


def id_of(name: str) -> str:
    return name.rsplit("/", 1)[-1]
