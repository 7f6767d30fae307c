"""The per-method access policy: loaded from ``access-policy.yaml``, decided per call.

The policy is data (see the file's header for its form); this module parses and checks it
and answers one question: may a caller holding these roles call this method, and if only on
a condition, which conditions would let it. Conditions themselves are checked by the service
that owns the data they need (``Conditions``), still before the handler runs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml
from google.protobuf.message import Message

from govdata.runtime import names, privacy
from govdata.runtime.context import CallContext

log = logging.getLogger(__name__)


class PolicyError(ValueError):
    """The policy file is malformed or inconsistent; the message says where."""


@dataclass(frozen=True)
class Rule:
    """One ``allow`` entry: a role, an optional condition, the personal kinds it reveals."""

    role: str
    condition: str = ""
    reveal: frozenset[int] = frozenset()


@dataclass(frozen=True)
class MethodPolicy:
    full_method: str  # "gov.catalog.v1.CatalogService/GetOrganization"
    personal_data: bool
    rules: tuple[Rule, ...]

    def rules_for(self, roles: Iterable[str]) -> list[Rule]:
        held = set(roles)
        return [rule for rule in self.rules if rule.role in held]


@dataclass(frozen=True)
class Policy:
    version: str
    roles: Mapping[str, str]
    conditions: Mapping[str, str]
    methods: Mapping[str, MethodPolicy] = field(default_factory=dict)

    def method(self, full_method: str) -> MethodPolicy | None:
        """The entry of ``/pkg.Service/Method`` or ``pkg.Service/Method``; None if absent."""
        return self.methods.get(full_method.lstrip("/"))

    def check_covers(self, service_methods: Iterable[str]) -> None:
        """Fail unless every served method (``pkg.Service/Method``) has an entry."""
        missing = sorted(m for m in service_methods if m not in self.methods)
        if missing:
            raise PolicyError("the access policy has no entry for " + ", ".join(missing))


def _rule(entry: Any, where: str, roles: Mapping[str, str], conditions: Mapping[str, str]) -> Rule:
    if isinstance(entry, str):
        entry = {"role": entry}
    if not isinstance(entry, dict) or set(entry) - {"role", "if", "reveal"}:
        raise PolicyError(f"{where}: an entry is a role or a mapping of role, if, reveal")
    role = entry.get("role")
    if role not in roles:
        raise PolicyError(f"{where}: unknown role {role!r}")
    condition = entry.get("if", "") or ""
    if condition and condition not in conditions:
        raise PolicyError(f"{where}: unknown condition {condition!r}")
    kinds = entry.get("reveal", []) or []
    if not isinstance(kinds, list) or any(k not in privacy.KIND_NAMES for k in kinds):
        raise PolicyError(f"{where}: reveal lists kinds among {sorted(privacy.KIND_NAMES)}")
    return Rule(role, condition, frozenset(privacy.KIND_NAMES[k] for k in kinds))


def parse(text: str) -> Policy:
    """Parse and check the policy text; raise PolicyError naming the faulty place."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise PolicyError(f"the access policy is not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise PolicyError("the access policy must be a mapping")
    unknown = set(data) - {"version", "roles", "conditions", "sets", "services"}
    if unknown:
        raise PolicyError(f"unknown top-level keys: {sorted(unknown)}")
    version = str(data.get("version") or "")
    roles = data.get("roles") or {}
    conditions = data.get("conditions") or {}
    services = data.get("services") or {}
    if not version or not isinstance(roles, dict) or not isinstance(conditions, dict):
        raise PolicyError("the access policy needs a version, roles and conditions")
    if not isinstance(services, dict):
        raise PolicyError("services must map service names to methods")
    methods: dict[str, MethodPolicy] = {}
    for service, entries in services.items():
        if not isinstance(entries, dict):
            raise PolicyError(f"{service}: must map method names to entries")
        for method, spec in entries.items():
            where = f"{service}/{method}"
            if not isinstance(spec, dict) or set(spec) - {"allow", "personal_data"}:
                raise PolicyError(f"{where}: expected allow and optionally personal_data")
            allow = spec.get("allow")
            if not isinstance(allow, list) or not allow:
                raise PolicyError(f"{where}: allow must list at least one entry")
            rules = tuple(_rule(e, where, roles, conditions) for e in allow)
            methods[where] = MethodPolicy(where, bool(spec.get("personal_data")), rules)
    return Policy(version, dict(roles), dict(conditions), methods)


def load(path: str | None = None) -> Policy:
    """The policy at ``path``, or the one shipped with this version of the runtime."""
    if path:
        try:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
        except OSError as exc:
            raise PolicyError(f"cannot read the access policy {path}: {exc.strerror}") from None
    else:
        text = resources.files("govdata.runtime").joinpath("access-policy.yaml").read_text("utf-8")
    return parse(text)


# A condition check: None when the condition holds, else a reason safe to show the caller.
ConditionCheck = Callable[[Message, CallContext], "str | None"]


class Conditions:
    """The condition checks a service provides, by the names the policy uses."""

    def __init__(self) -> None:
        self._checks: dict[str, ConditionCheck] = {}

    def provide(self, name: str, check: ConditionCheck) -> None:
        self._checks[name] = check

    def names(self) -> set[str]:
        return set(self._checks)

    def check(self, name: str, request: Message, caller: CallContext) -> str | None:
        check = self._checks.get(name)
        if check is None:
            # Fail closed: a condition nobody can check never holds.
            return f"the condition '{name}' cannot be checked by this service yet"
        return check(request, caller)


NO_ORGANIZATION = "your calling system is registered without an organisation"


def own_organization(targets: Mapping[str, Callable[[Message], str]]) -> ConditionCheck:
    """The ``own_organization`` check of a service whose requests name what they act on by
    a name under an organisation: ``targets`` gives, per request type (full name), the name
    to look at. The organisation must be the caller's exactly (a service that keeps no copy
    of the organisation tree cannot admit internal offices)."""

    def check(request: Message, caller: CallContext) -> str | None:
        if not caller.organization:
            return NO_ORGANIZATION
        target = targets.get(request.DESCRIPTOR.full_name)
        organization = names.organization_of(target(request)) if target else ""
        if not organization:
            return "the request names no organisation of yours (use organizations/{yours})"
        if organization != caller.organization:
            return f"{organization} is not your organisation ({caller.organization})"
        return None

    return check
