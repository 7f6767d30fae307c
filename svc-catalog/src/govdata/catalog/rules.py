"""The catalogue's rules for organisations, information resources and calling systems, as pure
functions.

They take the contract messages (the catalogue record *is* the national metadata set the
contract spells out; a parallel set of dataclasses would copy thirty fields and add no rule)
and raise ``InvalidArgument`` with every violated field, or ``FailedPrecondition`` for a
lifecycle step that is not allowed. No store, no gRPC: unit-tested in milliseconds.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection

from google.protobuf.descriptor import EnumDescriptor

from gov.catalog.v1 import catalog_pb2
from gov.common.v1 import common_pb2
from govdata.catalog import credit_code, names
from govdata.runtime import classification
from govdata.runtime.errors import FailedPrecondition, FieldViolation, InvalidArgument, Validator

# Field limits: large enough for real catalogue entries, small enough that one request
# cannot bloat a document or an index (MongoDB documents stop at 16 MiB).
MAX_TITLE = 200
MAX_TEXT = 4000
MAX_REFERENCE = 256
MAX_DATA_ITEMS = 500
MAX_LIST = 100
MAX_ITEM_LENGTH = 1_000_000

# 类 (1 digit) + 项 (2) + 目 (3) + optional 细目 (up to 6 more digits).
CLASSIFICATION_CODE = re.compile(r"\d{6,12}")
RESOURCE_CODE = re.compile(r"(\d{6,12})/(\d{1,10})")
SEQUENCE_DIGITS = 6

# The common name of a client certificate a calling system presents (catalog.proto).
CERTIFICATE_SUBJECT = re.compile(r"[A-Za-z0-9._-]{1,64}")
MAX_RATE_LIMIT = 100_000.0

ResourceState = catalog_pb2.ResourceState


def _enum(
    v: Validator, descriptor: EnumDescriptor, value: int, field: str, required: bool = True
) -> None:
    known = descriptor.values_by_number
    if value not in known:
        v.fail(field, f"unknown {descriptor.name} value {value}")
    elif required and value == 0:
        allowed = ", ".join(n.name for n in descriptor.values if n.number != 0)
        v.fail(field, f"is required; one of {allowed}")


def _text(v: Validator, value: str, field: str, limit: int, required: bool = False) -> None:
    if required and not value.strip():
        v.fail(field, "is required")
    elif len(value) > limit:
        v.fail(field, f"is {len(value)} characters; at most {limit} allowed")


def check_organization(org: catalog_pb2.Organization, prefix: str = "organization") -> None:
    """Validate an organisation's own fields (references are checked by the service)."""
    v = Validator()
    _text(v, org.display_name, f"{prefix}.display_name", MAX_TITLE, required=True)
    _enum(v, catalog_pb2.OrganizationKind.DESCRIPTOR, org.kind, f"{prefix}.kind")
    code = org.unified_social_credit_code
    field = f"{prefix}.unified_social_credit_code"
    if not code:
        v.fail(field, "is required")
    elif (found := credit_code.problem(code)) is not None:
        overridden = org.HasField("credit_code_override")
        if not found.checksum_only:
            v.fail(field, found.description)
        elif not overridden:
            v.fail(
                field,
                f"{found.description}; a legally valid pilot code needs "
                "credit_code_override with reason and approved_by",
            )
        else:
            _text(
                v,
                org.credit_code_override.reason,
                f"{prefix}.credit_code_override.reason",
                MAX_TEXT,
                required=True,
            )
            _text(
                v,
                org.credit_code_override.approved_by,
                f"{prefix}.credit_code_override.approved_by",
                MAX_REFERENCE,
                required=True,
            )
    v.raise_if_any()


def check_resource(
    res: catalog_pb2.InformationResource, prefix: str = "information_resource"
) -> None:
    """Validate an information resource's metadata against the catalogue guideline."""
    v = Validator()
    p = prefix
    _text(v, res.display_name, f"{p}.display_name", MAX_TITLE, required=True)
    _text(v, res.abstract, f"{p}.abstract", MAX_TEXT, required=True)
    for value, name in (
        (res.provider_code, "provider_code"),
        (res.format_detail, "format_detail"),
        (res.online_link, "online_link"),
        (res.ownership, "ownership"),
        (res.production_method, "production_method"),
    ):
        _text(v, value, f"{p}.{name}", MAX_REFERENCE if name != "production_method" else MAX_TEXT)

    if not res.HasField("classification"):
        v.fail(f"{p}.classification", "is required")
    else:
        cls = res.classification
        _enum(
            v,
            common_pb2.ClassificationCategory.DESCRIPTOR,
            cls.category,
            f"{p}.classification.category",
        )
        if not CLASSIFICATION_CODE.fullmatch(cls.classification_code):
            v.fail(
                f"{p}.classification.classification_code",
                f"{cls.classification_code!r} must be 6-12 digits "
                "(类 1 + 项 2 + 目 3 + optional 细目)",
            )
        elif wrong := classification.default_tree().problem(cls.category, cls.classification_code):
            v.fail(f"{p}.classification.classification_code", wrong)
        if len(cls.path) > 8:
            v.fail(f"{p}.classification.path", "has more than 8 levels")

    if res.resource_code:
        match = RESOURCE_CODE.fullmatch(res.resource_code)
        if not match:
            v.fail(
                f"{p}.resource_code",
                f"{res.resource_code!r} must be <classification code>/<sequence number>",
            )
        elif match.group(1) != res.classification.classification_code:
            v.fail(f"{p}.resource_code", "its prefix must be the classification code")

    _enum(v, common_pb2.ResourceFormat.DESCRIPTOR, res.format, f"{p}.format")
    _enum(v, common_pb2.UpdateCycle.DESCRIPTOR, res.update_cycle, f"{p}.update_cycle")

    if len(res.data_items) > MAX_DATA_ITEMS:
        v.fail(f"{p}.data_items", f"has {len(res.data_items)} items; at most {MAX_DATA_ITEMS}")
    seen: set[str] = set()
    for i, item in enumerate(res.data_items[:MAX_DATA_ITEMS]):
        f = f"{p}.data_items[{i}]"
        _text(v, item.name, f"{f}.name", MAX_TITLE, required=True)
        if item.name in seen:
            v.fail(f"{f}.name", f"{item.name!r} appears twice; data item names are unique")
        seen.add(item.name)
        _enum(v, common_pb2.DataItemType.DESCRIPTOR, item.type, f"{f}.type")
        if not 0 <= item.length <= MAX_ITEM_LENGTH:
            v.fail(f"{f}.length", f"must be between 0 and {MAX_ITEM_LENGTH}")
        _text(v, item.description, f"{f}.description", MAX_TEXT)

    if not res.HasField("sharing"):
        v.fail(f"{p}.sharing", "is required")
    else:
        s = res.sharing
        _enum(v, common_pb2.ShareType.DESCRIPTOR, s.share_type, f"{p}.sharing.share_type")
        _enum(
            v,
            common_pb2.ShareMethod.DESCRIPTOR,
            s.share_method,
            f"{p}.sharing.share_method",
            required=False,
        )
        _text(v, s.conditions, f"{p}.sharing.conditions", MAX_TEXT)
        _text(v, s.legal_basis, f"{p}.sharing.legal_basis", MAX_TEXT)
        # 暂行办法: conditional sharing states its conditions, and every refusal its legal basis.
        if s.share_type == common_pb2.SHARE_TYPE_CONDITIONAL:
            _text(v, s.conditions, f"{p}.sharing.conditions", MAX_TEXT, required=True)
            _text(v, s.legal_basis, f"{p}.sharing.legal_basis", MAX_TEXT, required=True)
        if s.share_type == common_pb2.SHARE_TYPE_NOT_SHARED:
            _text(v, s.legal_basis, f"{p}.sharing.legal_basis", MAX_TEXT, required=True)
        elif s.share_type and s.share_method == common_pb2.SHARE_METHOD_UNSPECIFIED:
            v.fail(f"{p}.sharing.share_method", "is required unless the resource is not shared")

    if res.HasField("open_attributes"):
        _enum(
            v,
            catalog_pb2.OpenType.DESCRIPTOR,
            res.open_attributes.open_type,
            f"{p}.open_attributes.open_type",
            required=False,
        )
        _text(
            v,
            res.open_attributes.conditions,
            f"{p}.open_attributes.conditions",
            MAX_TEXT,
            required=res.open_attributes.open_type == catalog_pb2.OPEN_TYPE_CONDITIONAL,
        )

    if res.HasField("publish_date"):
        d = res.publish_date
        if not (1949 <= d.year <= 2200 and 1 <= d.month <= 12 and 1 <= d.day <= 31):
            v.fail(f"{p}.publish_date", "is not a calendar date")

    for name in ("related_resource_codes", "source_systems", "duties"):
        values = getattr(res, name)
        if len(values) > MAX_LIST:
            v.fail(f"{p}.{name}", f"has {len(values)} entries; at most {MAX_LIST}")
        for i, value in enumerate(values[:MAX_LIST]):
            _text(v, value, f"{p}.{name}[{i}]", MAX_REFERENCE, required=True)
    for i, code in enumerate(res.related_resource_codes[:MAX_LIST]):
        if code and not RESOURCE_CODE.fullmatch(code):
            v.fail(f"{p}.related_resource_codes[{i}]", f"{code!r} is not a resource code")
    v.raise_if_any()


def check_request_id(request_id: str) -> None:
    """AIP-155 request ids are UUIDs; anything else is refused rather than half-trusted."""
    if request_id and not _UUID.fullmatch(request_id.lower()):
        raise InvalidArgument(FieldViolation("request_id", "must be a UUID"))


_UUID = re.compile(r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}")

# Which kind of organisation may sit under which: government → department → internal office.
ALLOWED_PARENTS: dict[int, set[int | None]] = {
    catalog_pb2.ORGANIZATION_KIND_GOVERNMENT: {None, catalog_pb2.ORGANIZATION_KIND_GOVERNMENT},
    catalog_pb2.ORGANIZATION_KIND_DEPARTMENT: {None, catalog_pb2.ORGANIZATION_KIND_GOVERNMENT},
    catalog_pb2.ORGANIZATION_KIND_INTERNAL_OFFICE: {catalog_pb2.ORGANIZATION_KIND_DEPARTMENT},
}


def check_tree_position(kind: int, parent_kind: int | None, prefix: str = "organization") -> None:
    """A department hangs under a government (or is a root while the tree is being filled);
    an internal office always under a department."""
    allowed = ALLOWED_PARENTS.get(kind, set())
    if parent_kind not in allowed:
        kind_name = catalog_pb2.OrganizationKind.Name(kind)
        where = (
            "without a parent"
            if parent_kind is None
            else f"under a {catalog_pb2.OrganizationKind.Name(parent_kind)}"
        )
        raise InvalidArgument(
            FieldViolation(f"{prefix}.parent", f"a {kind_name} cannot sit {where}")
        )


def check_retire_reason(reason: str) -> None:
    v = Validator()
    _text(v, reason, "reason", MAX_TEXT, required=True)
    v.raise_if_any()


def check_deletable(state: int) -> None:
    """Only drafts and retired entries may be deleted: a published resource is retired first,
    so consumers never see it vanish without notice."""
    if state not in (ResourceState.RESOURCE_STATE_DRAFT, ResourceState.RESOURCE_STATE_RETIRED):
        raise FailedPrecondition(
            f"a {ResourceState.Name(state)} resource cannot be deleted; retire it first",
            reason="RESOURCE_NOT_DELETABLE",
        )


def resource_code(classification_code: str, sequence: int) -> str:
    """信息资源代码: classification code, "/", zero-padded sequence number."""
    return f"{classification_code}/{sequence:0{SEQUENCE_DIGITS}d}"


# Lifecycle: draft → submitted → published → retired (a submitted entry may go back to draft
# for corrections; a published one is only retired, so consumers never see it vanish silently).
TRANSITIONS: dict[int, set[int]] = {
    ResourceState.RESOURCE_STATE_DRAFT: {ResourceState.RESOURCE_STATE_SUBMITTED},
    ResourceState.RESOURCE_STATE_SUBMITTED: {
        ResourceState.RESOURCE_STATE_PUBLISHED,
        ResourceState.RESOURCE_STATE_DRAFT,
    },
    ResourceState.RESOURCE_STATE_PUBLISHED: {ResourceState.RESOURCE_STATE_RETIRED},
    ResourceState.RESOURCE_STATE_RETIRED: set(),
}


def check_transition(current: int, target: int) -> None:
    if target not in TRANSITIONS.get(current, set()):
        raise FailedPrecondition(
            f"a resource in state {ResourceState.Name(current)} cannot become "
            f"{ResourceState.Name(target)}",
            reason="INVALID_STATE_TRANSITION",
        )


# Fields a caller may change with Update; the rest are identity, lifecycle or output-only.
MUTABLE_RESOURCE_FIELDS = frozenset(
    {
        "classification",
        "display_name",
        "provider_office",
        "provider_code",
        "abstract",
        "format",
        "format_detail",
        "data_items",
        "sharing",
        "open_attributes",
        "update_cycle",
        "publish_date",
        "related_resource_codes",
        "source_systems",
        "duties",
        "online_link",
        "classified",
        "ownership",
        "production_method",
    }
)
MUTABLE_ORGANIZATION_FIELDS = frozenset(
    {
        "display_name",
        "unified_social_credit_code",
        "parent",
        "kind",
        "credit_code_override",
    }
)


# -- calling systems (调用系统) ----------------------------------------------------------------


def check_calling_system(
    system: catalog_pb2.CallingSystem,
    known_roles: Collection[str],
    prefix: str = "calling_system",
) -> None:
    """Validate a calling system's own fields; ``known_roles`` are the access policy's roles.

    Whether its organisation exists is the service's check (the registry seed may name one
    that is not loaded yet). ``state`` may be UNSPECIFIED here: create makes it ACTIVE.
    """
    v = Validator()
    p = prefix
    _text(v, system.display_name, f"{p}.display_name", MAX_TITLE, required=True)
    subject = system.certificate_subject
    if not subject:
        v.fail(f"{p}.certificate_subject", "is required")
    elif not CERTIFICATE_SUBJECT.fullmatch(subject):
        v.fail(
            f"{p}.certificate_subject",
            "must be 1-64 characters of letters, digits, '.', '_' and '-'",
        )
    if not system.organization:
        v.fail(f"{p}.organization", "is required")
    elif not names.is_organization_name(system.organization):
        v.fail(
            f"{p}.organization",
            f"{system.organization!r} is not an organisation name (organizations/{{id}})",
        )
    if not system.roles:
        v.fail(f"{p}.roles", "needs at least one role of the access policy")
    elif len(system.roles) > MAX_LIST:
        v.fail(f"{p}.roles", f"has {len(system.roles)} entries; at most {MAX_LIST}")
    seen: set[str] = set()
    for i, role in enumerate(system.roles[:MAX_LIST]):
        if role not in known_roles:
            v.fail(
                f"{p}.roles[{i}]",
                f"{role[:MAX_TITLE]!r} is not a role of the access policy; one of "
                + ", ".join(sorted(known_roles)),
            )
        elif role in seen:
            v.fail(f"{p}.roles[{i}]", f"{role!r} appears twice")
        seen.add(role)
    _enum(v, catalog_pb2.CallingSystemState.DESCRIPTOR, system.state, f"{p}.state", required=False)
    rate = system.rate_limit_per_second
    if not (math.isfinite(rate) and 0 <= rate <= MAX_RATE_LIMIT):
        v.fail(
            f"{p}.rate_limit_per_second",
            f"must be between 0 (the platform default) and {MAX_RATE_LIMIT:g} calls per second",
        )
    if system.information_system and not names.is_information_system_name(
        system.information_system
    ):
        v.fail(
            f"{p}.information_system",
            f"{system.information_system[:MAX_REFERENCE]!r} is not an information system name "
            "(organizations/{id}/systems/{id})",
        )
    v.raise_if_any()


# Fields an Update may set. certificate_subject and organization are IMMUTABLE in the contract:
# a system that changes either is a different system, registered anew.
MUTABLE_CALLING_SYSTEM_FIELDS = frozenset(
    {"display_name", "roles", "state", "information_system", "rate_limit_per_second"}
)
IMMUTABLE_CALLING_SYSTEM_FIELDS = frozenset({"certificate_subject", "organization"})
