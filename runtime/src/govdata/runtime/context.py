"""The identity of the call being served: who calls, for whom, why, under which request id.

Kept in a context variable so logs, audit records and emitted events pick it up without every
function passing it along. Interceptors set it; handlers only read it.
"""

from __future__ import annotations

import contextvars
import uuid
from dataclasses import dataclass, field


@dataclass(frozen=True)
class CallContext:
    """Caller identity and correlation of one gRPC call or one consumed event."""

    request_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    system: str = ""
    person: str = ""
    organization: str = ""
    purpose: str = ""
    traceparent: str = ""
    method: str = ""
    roles: frozenset[str] = frozenset()
    # The organisation a govdata service acts for (x-gov-on-behalf-of), e.g. svc-verify
    # reading under the grant of the bureau whose job it runs; empty for everyone else.
    on_behalf_of: str = ""


_current: contextvars.ContextVar[CallContext | None] = contextvars.ContextVar(
    "govdata_call_context", default=None
)


def current() -> CallContext:
    """The context of the call being served, or a fresh one outside any call."""
    ctx = _current.get()
    return ctx if ctx is not None else CallContext()


def bind(ctx: CallContext) -> contextvars.Token[CallContext | None]:
    """Make ``ctx`` current; pass the token to ``reset`` when the call ends."""
    return _current.set(ctx)


def reset(token: contextvars.Token[CallContext | None]) -> None:
    _current.reset(token)
