"""The errors domain code raises, each tied to one gRPC status code.

Plain Python (no grpc import) so domain rules can raise them and be unit-tested alone; the
gRPC interceptor turns them into ``google.rpc.Status`` with details. Messages are shown to
callers, so they never carry personal data or internals.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldViolation:
    """One bad field: its path in the request (``resource.data_items[2].name``) and why."""

    field: str
    description: str


class GovdataError(Exception):
    """Base of the errors a caller may see. ``code`` is a ``grpc.StatusCode`` name."""

    code = "INTERNAL"
    reason = "INTERNAL"

    def __init__(self, message: str, *, reason: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if reason is not None:
            self.reason = reason


class InvalidArgument(GovdataError):
    """Bad input; carries every field violation found, not only the first."""

    code = "INVALID_ARGUMENT"
    reason = "INVALID_ARGUMENT"

    def __init__(self, violations: list[FieldViolation] | FieldViolation) -> None:
        self.violations = violations if isinstance(violations, list) else [violations]
        text = "; ".join(f"{v.field}: {v.description}" for v in self.violations)
        super().__init__(f"invalid request: {text}")


class NotFound(GovdataError):
    code = "NOT_FOUND"
    reason = "NOT_FOUND"


class AlreadyExists(GovdataError):
    code = "ALREADY_EXISTS"
    reason = "ALREADY_EXISTS"


class Aborted(GovdataError):
    """Optimistic-lock conflict: the etag the caller sent is stale."""

    code = "ABORTED"
    reason = "ETAG_MISMATCH"


class FailedPrecondition(GovdataError):
    code = "FAILED_PRECONDITION"
    reason = "FAILED_PRECONDITION"


class PermissionDenied(GovdataError):
    code = "PERMISSION_DENIED"
    reason = "PERMISSION_DENIED"


class Unauthenticated(GovdataError):
    code = "UNAUTHENTICATED"
    reason = "UNAUTHENTICATED"


class ResourceExhausted(GovdataError):
    """A quota or rate limit is used up; ``retry_after`` says when to try again."""

    code = "RESOURCE_EXHAUSTED"
    reason = "RATE_LIMITED"

    def __init__(self, message: str, *, retry_after: float = 1.0, reason: str | None = None):
        super().__init__(message, reason=reason)
        self.retry_after = retry_after


class Unavailable(GovdataError):
    """A dependency (store, broker, search engine) is down; the caller may retry."""

    code = "UNAVAILABLE"
    reason = "DEPENDENCY_UNAVAILABLE"


class DeadlineExceeded(GovdataError):
    """A dependency did not answer in the time allowed; the caller may retry."""

    code = "DEADLINE_EXCEEDED"
    reason = "DEPENDENCY_TIMEOUT"


class Unimplemented(GovdataError):
    code = "UNIMPLEMENTED"
    reason = "UNIMPLEMENTED"


class Validator:
    """Collects field violations so a request is rejected once, with every problem named."""

    def __init__(self) -> None:
        self.violations: list[FieldViolation] = []

    def fail(self, field: str, description: str) -> None:
        self.violations.append(FieldViolation(field, description))

    def require(self, condition: bool, field: str, description: str) -> bool:
        if not condition:
            self.fail(field, description)
        return condition

    def raise_if_any(self) -> None:
        if self.violations:
            raise InvalidArgument(list(self.violations))
