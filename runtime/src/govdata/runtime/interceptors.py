"""The one gRPC server interceptor: identity, access, metrics, errors and audit for every call.

Handlers never re-implement any of this. Order within a call: read the call's metadata (person,
purpose, request id, trace), authenticate the caller from its verified client certificate
against the registry, apply its rate limit, decide the call under the access policy (roles and
the service's condition checks, on the decoded request), run the handler, mask personal fields
the caller is not granted, durably write the audit record (fail-closed: if that fails the
response is withheld and the caller gets UNAVAILABLE), count and time the call, and turn any
error into a ``google.rpc.Status`` with details and masked text — never a stack trace.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any
from urllib.parse import quote, unquote

import grpc
from google.protobuf import any_pb2, duration_pb2
from google.protobuf.message import Message
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_status import rpc_status

from govdata.runtime import audit, context, metrics, privacy, wire
from govdata.runtime.access import Access, Allowed
from govdata.runtime.errors import (
    FieldViolation,
    GovdataError,
    InvalidArgument,
    PermissionDenied,
    ResourceExhausted,
    Unauthenticated,
    Unimplemented,
)

log = logging.getLogger(__name__)

# Infrastructure services that stock tools and Kubernetes call without govdata identity.
PUBLIC_SERVICES = (
    "grpc.health.v1.Health",
    "grpc.reflection.v1alpha.ServerReflection",
    "grpc.reflection.v1.ServerReflection",
)

MD_PERSON = "x-gov-person"
MD_ON_BEHALF_OF = "x-gov-on-behalf-of"
# Only govdata's own services may act for another organisation (see CallContext.on_behalf_of).
DELEGATING_ROLE = "govdata_service"
_ORGANIZATION = re.compile(r"^organizations/[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$")
MD_PURPOSE = "x-gov-purpose"
MD_REQUEST_ID = "x-request-id"
MD_TRACEPARENT = "traceparent"


def metadata_text(value: str) -> str:
    """A metadata value for text that may not be ASCII (gRPC metadata must be): UTF-8,
    percent-encoded (RFC 3986), as ``x-gov-person`` and ``x-gov-purpose`` are read."""
    return quote(value, safe=" ")


def _text(value: str) -> str:
    return unquote(value).strip()


def split_method(full_method: str) -> tuple[str, str]:
    """``/gov.catalog.v1.CatalogService/GetOrganization`` → (service, method)."""
    _, _, rest = full_method.partition("/")
    service, _, method = rest.partition("/")
    return service, method


def _pack(message: Message) -> any_pb2.Any:
    packed = any_pb2.Any()
    packed.Pack(message)
    return packed


def to_status(error: GovdataError, domain: str) -> grpc.Status:
    """A ``google.rpc.Status`` with ErrorInfo (AIP-193), BadRequest and RetryInfo details.

    Messages and field descriptions are masked: an error must not echo personal data back.
    """
    return rpc_status.to_status(error_status(error, domain))


def error_status(error: GovdataError, domain: str) -> status_pb2.Status:
    """The ``google.rpc.Status`` message of ``to_status`` (also what a failed long-running
    operation carries as its ``error``)."""
    details = [_pack(error_details_pb2.ErrorInfo(reason=error.reason, domain=domain))]
    if isinstance(error, InvalidArgument):
        details.append(_pack(_bad_request(error.violations)))
    if isinstance(error, ResourceExhausted):
        delay = duration_pb2.Duration()
        delay.FromNanoseconds(int(error.retry_after * 1e9))
        details.append(_pack(error_details_pb2.RetryInfo(retry_delay=delay)))
    return status_pb2.Status(
        code=getattr(code_pb2, error.code),
        message=_clip(privacy.mask_text(error.message), MAX_MESSAGE_CHARS),
        details=details,
    )


# An error travels in response headers: grpc-message percent-encoded (a Chinese character
# takes 9 bytes) and the details base64-encoded. Clients refuse headers past 8 KiB (gRPC's
# default soft limit) and then see RESOURCE_EXHAUSTED instead of the error, so an error that
# echoes a huge value is cut to fit: the message to 200 characters, the field violations to
# 2,400 bytes, with the count of those left out.
MAX_MESSAGE_CHARS = 200
MAX_VIOLATION_BYTES = 2400
MAX_FIELD_CHARS = 120
MAX_DESCRIPTION_CHARS = 160


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _bad_request(violations: list[FieldViolation]) -> error_details_pb2.BadRequest:
    """BadRequest with every violation that fits the header budget, then a count of the rest."""
    bad = error_details_pb2.BadRequest()
    for index, violation in enumerate(violations):
        item = error_details_pb2.BadRequest.FieldViolation(
            field=_clip(violation.field, MAX_FIELD_CHARS),
            description=_clip(privacy.mask_text(violation.description), MAX_DESCRIPTION_CHARS),
        )
        if bad.ByteSize() + item.ByteSize() > MAX_VIOLATION_BYTES:
            left = len(violations) - index
            bad.field_violations.add(
                field=item.field, description=f"and {left} more problems not listed"
            )
            break
        bad.field_violations.append(item)
    return bad


class GovdataInterceptor(grpc.ServerInterceptor):
    """Wraps every handler of the server; see the module docstring for what it does."""

    def __init__(
        self, service: str, audit_trail: audit.AuditTrail, domain: str, access: Access
    ) -> None:
        self.service = service
        self.audit_trail = audit_trail
        self.domain = domain
        self.access = access

    def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], grpc.RpcMethodHandler | None],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler | None:
        handler = continuation(handler_call_details)
        if handler is None:
            return None
        full_method = handler_call_details.method
        if full_method.lstrip("/").startswith(PUBLIC_SERVICES):
            return handler
        if handler.request_streaming:
            # No govdata method streams requests; refuse rather than authorise half a stream.
            def refuse(requests: Any, context_: grpc.ServicerContext) -> None:
                context_.abort(grpc.StatusCode.UNIMPLEMENTED, "client streaming is not supported")

            return grpc.stream_unary_rpc_method_handler(refuse)
        if handler.unary_unary:
            return grpc.unary_unary_rpc_method_handler(
                self._wrap_unary(handler.unary_unary, full_method),
                request_deserializer=wire.tolerant(handler.request_deserializer),
                response_serializer=handler.response_serializer,
            )
        return grpc.unary_stream_rpc_method_handler(
            self._wrap_stream(handler.unary_stream, full_method),
            request_deserializer=wire.tolerant(handler.request_deserializer),
            response_serializer=handler.response_serializer,
        )

    # -- the call ----------------------------------------------------------------------------

    def identify(self, context_: grpc.ServicerContext, full_method: str) -> context.CallContext:
        """The call's metadata; who the caller is comes from ``authenticate`` after this."""
        md = {k: v for k, v in context_.invocation_metadata() if isinstance(v, str)}
        request_id = md.get(MD_REQUEST_ID, "").strip()[:64] or uuid.uuid4().hex
        return context.CallContext(
            request_id=request_id,
            person=_text(md.get(MD_PERSON, ""))[:128],
            purpose=_text(md.get(MD_PURPOSE, ""))[:512],
            traceparent=md.get(MD_TRACEPARENT, "").strip()[:55],
            method=full_method,
            on_behalf_of=md.get(MD_ON_BEHALF_OF, "").strip()[:128],
        )

    def _wrap_unary(self, behavior: Callable[..., Any], full_method: str) -> Callable[..., Any]:
        def wrapped(request: Any, context_: grpc.ServicerContext) -> Any:
            with _Call(self, context_, full_method) as call:
                allowed = call.admit(request)
                response = behavior(request, context_)
                response = _masked(response, allowed)
                call.succeeded()
                return response
            return None  # unreachable: _Call aborts on error

        return wrapped

    def _wrap_stream(self, behavior: Callable[..., Any], full_method: str) -> Callable[..., Any]:
        def wrapped(request: Any, context_: grpc.ServicerContext) -> Iterator[Any]:
            with _Call(self, context_, full_method) as call:
                allowed = call.admit(request)
                # Streams are audited once, before the first message leaves.
                call.succeeded()
                for response in behavior(request, context_):
                    yield _masked(response, allowed)

        return wrapped


def _masked(response: Any, allowed: Allowed) -> Any:
    """The response with personal fields the caller is not granted masked (a copy if any)."""
    if not isinstance(response, Message) or len(allowed.reveal) == len(privacy.MASKS):
        return response
    if not privacy.may_hold_personal(response.DESCRIPTOR):
        return response
    copy = type(response)()
    copy.CopyFrom(response)
    privacy.mask_response(copy, allowed.reveal)
    return copy


class _Call:
    """Context manager holding one call's identity, timing, audit and error mapping."""

    def __init__(self, owner: GovdataInterceptor, ctx: grpc.ServicerContext, method: str) -> None:
        self.owner = owner
        self.ctx = ctx
        self.full_method = method
        self.service, self.method = split_method(method)
        self.code = "OK"
        self.audited = False
        self.privacy_token: Any = None
        self.reveal_token: Any = None

    def __enter__(self) -> _Call:
        self.start = time.perf_counter()
        self.call = self.owner.identify(self.ctx, self.full_method)
        self.token = context.bind(self.call)
        self.note_token = audit.begin_call()
        self.ctx.send_initial_metadata(((MD_REQUEST_ID, self.call.request_id),))
        return self

    def admit(self, request: Message) -> Allowed:
        """Authenticate, rate-limit and authorise (inside the ``with``, so errors are mapped)."""
        access = self.owner.access
        malformed = request if isinstance(request, wire.MalformedRequest) else None
        if malformed is None:
            self.privacy_token = privacy.remember_request(request)
        subject = access.subject_of(self.ctx)
        try:
            system = access.authenticate(subject)
        except Unauthenticated:
            if subject:  # a certificate we trust but do not know: worth a record
                self._rebind(replace(self.call, system=f"unregistered:{subject}"))
            raise
        self._rebind(
            replace(
                self.call,
                system=system.name,
                organization=system.organization,
                roles=system.roles,
            )
        )
        if self.call.on_behalf_of:
            self._act_for(self.call.on_behalf_of)
        access.admit(system)
        if malformed is not None:  # bytes no message: refused once the caller is known
            raise InvalidArgument(FieldViolation(malformed.field, malformed.reason))
        allowed = access.authorize(self.full_method, self.call, request)
        self.reveal_token = privacy.reveal_for_call(allowed.reveal)
        return allowed

    def _act_for(self, organization: str) -> None:
        """A govdata service acting for an organisation (svc-verify running a bureau's job)
        is decided and audited as that organisation; its own roles stay its own."""
        if DELEGATING_ROLE not in self.call.roles:
            raise PermissionDenied(
                f"only govdata's own services may send '{MD_ON_BEHALF_OF}'",
                reason="ON_BEHALF_NOT_ALLOWED",
            )
        if not _ORGANIZATION.match(organization):
            raise InvalidArgument(
                FieldViolation(MD_ON_BEHALF_OF, "must be organizations/{organization}")
            )
        self._rebind(replace(self.call, organization=organization))

    def _rebind(self, call: context.CallContext) -> None:
        context.reset(self.token)
        self.call = call
        self.token = context.bind(call)

    def succeeded(self) -> None:
        """Write the audit record for a served call; raises Unavailable if it cannot."""
        self.owner.audit_trail.record(self.full_method, "OK", audit.current_note())
        self.audited = True

    def _audit_failure(self, code: str) -> None:
        """Refused and failed calls are audited too; the caller gets an error either way."""
        if self.audited or not self.call.system:
            return  # without any identity there is nobody to record
        try:
            self.owner.audit_trail.record(self.full_method, code, audit.current_note())
        except GovdataError:
            log.error("audit record of a failed call could not be written")

    def __exit__(self, exc_type: Any, exc: BaseException | None, tb: Any) -> bool:
        status: grpc.Status | None = None
        try:
            if exc is None:
                return False
            if isinstance(exc, GovdataError):
                error = exc
            elif isinstance(exc, NotImplementedError):
                # A generated servicer method nobody has built yet: a plain answer, no trace.
                error = Unimplemented(f"{self.method} is not available yet in this version")
            elif isinstance(exc, Exception) and not _is_grpc_abort(exc, self.ctx):
                log.exception("unhandled error in %s", self.full_method)
                error = GovdataError(f"internal error; quote request id {self.call.request_id}")
            else:
                # The handler aborted by itself with a status of its own.
                self.code = _code_name(self.ctx)
                self._audit_failure(self.code)
                return False
            self.code = error.code
            if error.code == "UNAVAILABLE":
                # The caller hears "retry later"; the operator needs the cause.
                log.warning(
                    "%s unavailable: %s (cause: %r)", self.full_method, error.message, exc.__cause__
                )
            if error.code in ("PERMISSION_DENIED", "UNAUTHENTICATED", "RESOURCE_EXHAUSTED"):
                metrics.ACCESS_DENIED.labels(self.service, self.method, error.reason).inc()
            self._audit_failure(error.code)
            status = to_status(error, self.owner.domain)
        finally:
            elapsed = time.perf_counter() - self.start
            metrics.GRPC_HANDLED.labels(self.service, self.method, self.code).inc()
            metrics.GRPC_LATENCY.labels(self.service, self.method).observe(elapsed)
            audit.end_call(self.note_token)
            if self.privacy_token is not None:
                privacy.forget_request(self.privacy_token)
            if self.reveal_token is not None:
                privacy.forget_reveal(self.reveal_token)
            context.reset(self.token)
        self.ctx.abort_with_status(status)
        return False  # abort_with_status raises; never reached


def _is_grpc_abort(exc: BaseException, ctx: grpc.ServicerContext) -> bool:
    """``context.abort`` raises a bare Exception after setting the code on the context."""
    code = ctx.code() if hasattr(ctx, "code") else None
    return code is not None and code != grpc.StatusCode.OK


def _code_name(ctx: grpc.ServicerContext) -> str:
    code = ctx.code() if hasattr(ctx, "code") else None
    return code.name if isinstance(code, grpc.StatusCode) else "UNKNOWN"
