"""Every gRPC method of every govdata service, read from the generated modules' descriptors.

The hostile-input suite is parametrized by this list, so a method added to a contract is
fuzzed from the day its stubs are generated, with nobody having to remember it. Calls are
made generically (``channel.unary_unary("/pkg.Service/Method", ...)``), which also lets a
test send raw bytes no protobuf library would produce.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import ModuleType

import grpc
from google.protobuf.message import Message
from google.protobuf.message_factory import GetMessageClass
from google.rpc import status_pb2
from grpc_status import rpc_status

from gov.audit.v1 import audit_pb2
from gov.catalog.v1 import catalog_pb2
from gov.exchange.v1 import exchange_pb2
from gov.search.v1 import search_pb2
from gov.verify.v1 import verify_pb2

# (govdata service, generated module, gRPC service name): the service name is also the
# suffix of the service's own database, govdata_<service>.
SERVICES: tuple[tuple[str, ModuleType, str], ...] = (
    ("catalog", catalog_pb2, "CatalogService"),
    ("search", search_pb2, "SearchService"),
    ("exchange", exchange_pb2, "ExchangeService"),
    ("verify", verify_pb2, "VerificationService"),
    ("audit", audit_pb2, "AuditService"),
)


@dataclass(frozen=True)
class Method:
    """One gRPC method and what it takes to call it."""

    service_key: str  # "catalog": port, database and policy are found by it
    service: str  # "gov.catalog.v1.CatalogService"
    name: str  # "GetOrganization"
    request_class: type[Message]
    response_class: type[Message]
    server_streaming: bool
    client_streaming: bool

    @property
    def path(self) -> str:
        """The HTTP/2 path, ``/gov.catalog.v1.CatalogService/GetOrganization``."""
        return f"/{self.service}/{self.name}"

    @property
    def id(self) -> str:
        """A short test id, ``catalog.GetOrganization``."""
        return f"{self.service_key}.{self.name}"


def all_methods() -> list[Method]:
    methods = []
    for key, module, service_name in SERVICES:
        service = module.DESCRIPTOR.services_by_name[service_name]
        for method in service.methods:
            methods.append(
                Method(
                    service_key=key,
                    service=service.full_name,
                    name=method.name,
                    request_class=GetMessageClass(method.input_type),
                    response_class=GetMessageClass(method.output_type),
                    server_streaming=method.server_streaming,
                    client_streaming=method.client_streaming,
                )
            )
    return methods


METHODS: list[Method] = all_methods()

# The contract files, for resource names one service's requests give of another's.
CONTRACT_FILES = tuple(module.DESCRIPTOR for _, module, _ in SERVICES)


@dataclass(frozen=True)
class Answer:
    """What a call came back with: the status, its message and trailing metadata."""

    code: grpc.StatusCode
    details: str
    trailing_metadata: Sequence[tuple[str, str | bytes]]
    responses: int  # messages received (0 or 1 for unary calls)
    status: status_pb2.Status | None = None  # the rich google.rpc.Status, if one came
    status_problem: str = ""  # why the rich status could not be read, if it could not
    cancelled_by_us: bool = False  # a stream still open when we stopped reading


def _identity(data: bytes) -> bytes:
    return data


def call(
    channel: grpc.Channel,
    method: Method,
    request: Message | bytes,
    metadata: Sequence[tuple[str, str]],
    timeout: float = 30.0,
    stream_seconds: float = 2.0,
    stream_messages: int = 2,
) -> Answer:
    """Call ``method`` with ``request`` (a message, or raw bytes sent as they are).

    A server-streaming call is read for at most ``stream_messages`` messages or
    ``stream_seconds``, then cancelled: a subscription that stays open is not a failure.
    """
    serializer: Callable[[object], bytes] = (
        _identity if isinstance(request, bytes) else type(request).SerializeToString  # type: ignore[assignment]
    )
    if method.client_streaming:
        raise NotImplementedError(f"{method.id}: client streaming is not in any contract yet")
    if not method.server_streaming:
        unary = channel.unary_unary(
            method.path,
            request_serializer=serializer,
            response_deserializer=method.response_class.FromString,
        )
        try:
            _, call_ = unary.with_call(request, metadata=metadata, timeout=timeout)
        except grpc.RpcError as error:
            return _answer(error, 0)
        return _answer(call_, 1)

    stream = channel.unary_stream(
        method.path,
        request_serializer=serializer,
        response_deserializer=method.response_class.FromString,
    )
    responses = stream(request, metadata=metadata, timeout=timeout)
    stopped = threading.Event()

    def stop() -> None:
        stopped.set()
        responses.cancel()

    timer = threading.Timer(stream_seconds, stop)
    timer.start()
    received = 0
    try:
        for _ in responses:
            received += 1
            if received >= stream_messages:
                stop()
                break
    except grpc.RpcError:
        pass
    finally:
        timer.cancel()
    answer = _answer(responses, received)
    if stopped.is_set() and answer.code == grpc.StatusCode.CANCELLED:
        return Answer(grpc.StatusCode.OK, "", (), received, cancelled_by_us=True)
    return answer


def _answer(call_: grpc.Call, received: int) -> Answer:
    status, problem = None, ""
    try:
        status = rpc_status.from_call(call_)
    except ValueError as exc:  # details disagree with the call's own code or message
        problem = str(exc)
    return Answer(
        code=call_.code(),
        details=call_.details() or "",
        trailing_metadata=tuple(call_.trailing_metadata() or ()),
        responses=received,
        status=status,
        status_problem=problem,
    )
