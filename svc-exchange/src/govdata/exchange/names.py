"""Resource names of the exchange (AIP-122) and the organisations they belong to.

Sharing requests and grants live under their consumer, resources under their provider, so
the organisation that owns any name is its first two segments.
"""

from __future__ import annotations

import re

from govdata.runtime import names
from govdata.runtime.names import (
    GRANT,
    GRANT_FORM,
    ORGANIZATION,
    RESOURCE,
    id_of,
    new_id,
    organization_of,
)

_ID = names.ID
SHARING_REQUEST = re.compile(rf"^organizations/{_ID}/sharingRequests/{_ID}$")

_PATTERNS = {
    "organization": (ORGANIZATION, "organizations/{organization}"),
    "resource": (RESOURCE, "organizations/{organization}/resources/{resource}"),
    "sharing_request": (
        SHARING_REQUEST,
        "organizations/{organization}/sharingRequests/{sharing_request}",
    ),
    "grant": (GRANT, GRANT_FORM),
}


def check(kind: str, value: str, field: str) -> str:
    """``value`` if it is a well-formed name of ``kind``; INVALID_ARGUMENT naming ``field``."""
    pattern, form = _PATTERNS[kind]
    return names.check(pattern, form, value, field)


__all__ = ["GRANT", "ORGANIZATION", "RESOURCE", "check", "id_of", "new_id", "organization_of"]
