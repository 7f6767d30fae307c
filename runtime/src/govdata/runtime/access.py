"""Who is calling, may they, and how often: the decisions the interceptor takes before a handler.

* ``authenticate``: the verified client certificate's subject (mutual TLS) names a registered
  calling system; an unknown subject is UNAUTHENTICATED, a suspended system PERMISSION_DENIED.
  In the explicit development plain-text mode the caller names itself in ``x-gov-system``.
* ``admit``: a token bucket per calling system (its registered rate, or the default);
  RESOURCE_EXHAUSTED with a retry delay when it is empty.
* ``authorize``: the access policy for the method, the caller's roles, and the conditions the
  service checks against the request. Denials say why, in words safe to show the caller.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass

import grpc
from google.protobuf.message import Message

from govdata.runtime import metrics
from govdata.runtime.context import CallContext
from govdata.runtime.errors import PermissionDenied, ResourceExhausted, Unauthenticated
from govdata.runtime.policy import Conditions, Policy
from govdata.runtime.registry import CallingSystem, Registry

log = logging.getLogger(__name__)

MD_SYSTEM = "x-gov-system"


class RateLimiter:
    """Token buckets per calling system, in this process (each api replica counts its own)."""

    def __init__(self, default_rate: float, burst: int) -> None:
        self.default_rate = default_rate
        self.burst = burst
        self._buckets: dict[str, tuple[float, float]] = {}  # name → (tokens, last time)
        self._lock = threading.Lock()

    def take(self, system: CallingSystem) -> float:
        """Take one token; return 0 when admitted, else seconds until one is available."""
        if system.rate_limit_per_second > 0:
            # A registration's own rate allows a burst of one second's worth.
            rate = system.rate_limit_per_second
            capacity = max(1.0, rate)
        else:
            rate, capacity = self.default_rate, max(float(self.burst), self.default_rate)
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(system.name, (capacity, now))
            tokens = min(capacity, tokens + (now - last) * rate)
            if tokens >= 1.0:
                self._buckets[system.name] = (tokens - 1.0, now)
                return 0.0
            self._buckets[system.name] = (tokens, now)
            return (1.0 - tokens) / rate


@dataclass(frozen=True)
class Allowed:
    """The outcome of an allowed call: which personal-data kinds the response may show."""

    reveal: frozenset[int]
    personal_data: bool


class Access:
    """The registry, policy, condition checks and rate limits of one api process."""

    def __init__(
        self,
        registry: Registry,
        policy: Policy,
        conditions: Conditions,
        limiter: RateLimiter,
        plaintext: bool = False,
    ) -> None:
        self.registry = registry
        self.policy = policy
        self.conditions = conditions
        self.limiter = limiter
        self.plaintext = plaintext

    def subject_of(self, ctx: grpc.ServicerContext) -> str:
        """The verified certificate subject (common name) of the caller, or "" if none."""
        if self.plaintext:
            for key, value in ctx.invocation_metadata():
                if key == MD_SYSTEM and isinstance(value, str):
                    return value.strip()[:128]
            return ""
        names: Sequence[bytes] = ctx.auth_context().get("x509_common_name", [])
        return names[0].decode("utf-8", "replace") if names else ""

    def authenticate(self, subject: str) -> CallingSystem:
        if not subject:
            how = (
                f"metadata '{MD_SYSTEM}'"
                if self.plaintext
                else "a client certificate issued by the platform's CA (mutual TLS)"
            )
            raise Unauthenticated(f"no caller identity: call with {how}", reason="NO_IDENTITY")
        system = self.registry.lookup(subject)
        if system is None:
            raise Unauthenticated(
                f"certificate subject {subject!r} is not a registered calling system; "
                "ask the data authority to register it",
                reason="CALLER_NOT_REGISTERED",
            )
        if not system.active:
            raise PermissionDenied(
                f"calling system {system.name} is suspended", reason="CALLER_SUSPENDED"
            )
        return system

    def admit(self, system: CallingSystem) -> None:
        wait = self.limiter.take(system)
        if wait > 0:
            metrics.RATE_LIMITED.labels(system.name).inc()
            raise ResourceExhausted(
                f"calling system {system.name} is over its rate limit; retry in {wait:.2f} s",
                retry_after=wait,
            )

    def authorize(self, full_method: str, caller: CallContext, request: Message) -> Allowed:
        """Allow the call under the policy or raise PermissionDenied / Unauthenticated."""
        entry = self.policy.method(full_method)
        method = full_method.lstrip("/")
        if entry is None:
            raise PermissionDenied(
                f"{method} is not in the access policy, so nobody may call it",
                reason="METHOD_NOT_IN_POLICY",
            )
        if entry.personal_data:
            if not caller.person:
                raise Unauthenticated(
                    f"{method} touches personal data: name the acting person in 'x-gov-person'",
                    reason="PERSON_REQUIRED",
                )
            if not caller.purpose:
                raise PermissionDenied(
                    f"{method} touches personal data: state the purpose in 'x-gov-purpose'",
                    reason="PURPOSE_REQUIRED",
                )
        rules = entry.rules_for(caller.roles)
        if not rules:
            roles = ", ".join(sorted(caller.roles)) or "none"
            raise PermissionDenied(
                f"{caller.system} may not call {method}: none of its roles ({roles}) is allowed",
                reason="ROLE_NOT_ALLOWED",
            )
        unconditional = [rule for rule in rules if not rule.condition]
        if unconditional:
            reveal = frozenset().union(*(rule.reveal for rule in unconditional))
            return Allowed(reveal, entry.personal_data)
        reasons = []
        for rule in rules:
            reason = self.conditions.check(rule.condition, request, caller)
            if reason is None:
                return Allowed(rule.reveal, entry.personal_data)
            reasons.append(reason)
        raise PermissionDenied(
            f"{caller.system} may not call {method} here: " + "; ".join(dict.fromkeys(reasons)),
            reason="CONDITION_NOT_MET",
        )
