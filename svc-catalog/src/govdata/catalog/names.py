"""Resource names of the catalogue (AIP-122): ``organizations/{organization}/resources/{resource}``,
the other kinds an organisation holds (``duties``, ``systems``, ``demands``) and the registry's
``callingSystems/{calling_system}``.

IDs are lower-case letters, digits and hyphens (1-63, starting with a letter), the form
AIP-122 recommends, so names are safe in URLs, logs and metrics.
"""

from __future__ import annotations

import re
import uuid

from govdata.runtime.errors import FieldViolation, InvalidArgument

ID_PATTERN = re.compile(r"[a-z]([a-z0-9-]{0,61}[a-z0-9])?")
_ORG = re.compile(r"organizations/([^/]+)")
_RESOURCE = re.compile(r"organizations/([^/]+)/resources/([^/]+)")
_INFORMATION_SYSTEM = re.compile(r"organizations/([^/]+)/systems/([^/]+)")
# Every kind of record that belongs to one organisation, by its collection segment.
_ORGANIZATION_CHILD = re.compile(
    r"organizations/([^/]+)/(?:resources|duties|systems|demands)/([^/]+)"
)
_CALLING_SYSTEM = re.compile(r"callingSystems/([^/]+)")

ALL_ORGANIZATIONS = "organizations/-"


def id_problem(value: str) -> str | None:
    if not ID_PATTERN.fullmatch(value):
        return (
            "must be 1-63 lower-case letters, digits or hyphens, starting with a letter "
            "and not ending with a hyphen"
        )
    return None


def check_id(value: str, field: str) -> str:
    problem = id_problem(value)
    if problem:
        raise InvalidArgument(FieldViolation(field, f"{value!r} {problem}"))
    return value


def new_id(prefix: str, seed: str = "") -> str:
    """A server-assigned ID when the caller does not choose one (stable for a given seed)."""
    value = uuid.uuid5(uuid.NAMESPACE_URL, seed) if seed else uuid.uuid4()
    return f"{prefix}-{value.hex[:12]}"


def organization_name(org_id: str) -> str:
    return f"organizations/{org_id}"


def resource_name(org_id: str, resource_id: str) -> str:
    return f"organizations/{org_id}/resources/{resource_id}"


def parse_organization(name: str, field: str = "name") -> str:
    """The organisation ID in ``organizations/{id}``; INVALID_ARGUMENT naming ``field`` else."""
    match = _ORG.fullmatch(name or "")
    if not match or id_problem(match.group(1)):
        raise InvalidArgument(
            FieldViolation(field, f"{name!r} is not an organisation name (organizations/{{id}})")
        )
    return match.group(1)


def parse_resource(name: str, field: str = "name") -> tuple[str, str]:
    """(organisation ID, resource ID) of a resource name."""
    match = _RESOURCE.fullmatch(name or "")
    if not match or id_problem(match.group(1)) or id_problem(match.group(2)):
        raise InvalidArgument(
            FieldViolation(
                field,
                f"{name!r} is not a resource name (organizations/{{id}}/resources/{{id}})",
            )
        )
    return match.group(1), match.group(2)


# The kinds an organisation holds besides resources: collection segment → words for errors.
_CHILD_KINDS = {"duties": "duty", "systems": "information system", "demands": "sharing demand"}
CHILD_SEGMENTS = ("resources", *_CHILD_KINDS)


def child_name(org_id: str, segment: str, child_id: str) -> str:
    """``organizations/{org_id}/{segment}/{child_id}``, e.g. segment ``duties``."""
    return f"organizations/{org_id}/{segment}/{child_id}"


def parse_child(name: str, segment: str, field: str = "name") -> tuple[str, str]:
    """(organisation ID, child ID) of ``organizations/{id}/{segment}/{id}``; INVALID_ARGUMENT
    naming ``field`` else. ``segment`` is ``resources``, ``duties``, ``systems`` or
    ``demands``."""
    parts = (name or "").split("/")
    if (
        len(parts) != 4
        or parts[0] != "organizations"
        or parts[2] != segment
        or id_problem(parts[1])
        or id_problem(parts[3])
    ):
        words = _CHILD_KINDS.get(segment, "resource")
        raise InvalidArgument(
            FieldViolation(
                field,
                f"{name[:256]!r} is not a {words} name (organizations/{{id}}/{segment}/{{id}})",
            )
        )
    return parts[1], parts[3]


def is_child_name(name: str, segment: str) -> bool:
    try:
        parse_child(name, segment)
    except InvalidArgument:
        return False
    return True


def collection_of(name: str) -> str | None:
    """The collection segment of a well-formed catalogue entity name: ``organizations``,
    ``resources``, ``duties``, ``systems``, ``demands`` or ``callingSystems``; else None."""
    if is_organization_name(name):
        return "organizations"
    if _CALLING_SYSTEM.fullmatch(name or "") and not id_problem(name.split("/", 1)[1]):
        return "callingSystems"
    parts = (name or "").split("/")
    if len(parts) == 4 and parts[2] in CHILD_SEGMENTS and is_child_name(name, parts[2]):
        return parts[2]
    return None


def calling_system_name(calling_system_id: str) -> str:
    return f"callingSystems/{calling_system_id}"


def parse_calling_system(name: str, field: str = "name") -> str:
    """The ID in ``callingSystems/{id}``; INVALID_ARGUMENT naming ``field`` else."""
    match = _CALLING_SYSTEM.fullmatch(name or "")
    if not match or id_problem(match.group(1)):
        raise InvalidArgument(
            FieldViolation(field, f"{name!r} is not a calling system name (callingSystems/{{id}})")
        )
    return match.group(1)


def is_organization_name(name: str) -> bool:
    match = _ORG.fullmatch(name or "")
    return bool(match) and not id_problem(match.group(1))


def is_information_system_name(name: str) -> bool:
    match = _INFORMATION_SYSTEM.fullmatch(name or "")
    return bool(match) and not id_problem(match.group(1)) and not id_problem(match.group(2))


def organization_of(name: str) -> str | None:
    """The organisation a well-formed name belongs to: ``organizations/{id}`` for the
    organisation itself and for what it holds (resources, duties, systems, demands); None for
    anything else (malformed, ``organizations/-``, other kinds)."""
    if is_organization_name(name):
        return name
    match = _ORGANIZATION_CHILD.fullmatch(name or "")
    if not match or id_problem(match.group(1)) or id_problem(match.group(2)):
        return None
    return organization_name(match.group(1))


def parse_parent(parent: str, field: str = "parent") -> str | None:
    """The organisation ID of a List parent, or None for ``organizations/-`` (all)."""
    if parent == ALL_ORGANIZATIONS:
        return None
    return parse_organization(parent, field)
