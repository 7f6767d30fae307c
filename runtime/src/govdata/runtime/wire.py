"""Requests whose bytes are no valid message: refused as INVALID_ARGUMENT naming the field.

grpcio deserialises a request before any interceptor runs, and when protobuf refuses the bytes
(a string field that is not UTF-8, a truncated field, a bad wire type) it answers INTERNAL
"Exception deserializing request!" — a status a client cannot act on, without the caller
authenticated or audited. ``tolerant`` wraps a method's deserializer so the bytes arrive as a
``MalformedRequest`` instead; the interceptor authenticates the caller as for any call and then
refuses it, naming the field that ``find_fault`` locates by walking the wire format along the
request's descriptor (protobuf's own error names no field).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from google.protobuf.descriptor import Descriptor, FieldDescriptor
from google.protobuf.message import DecodeError

MAX_DEPTH = 100  # protobuf's own recursion limit


@dataclass(frozen=True)
class MalformedRequest:
    """What a method receives instead of a message when its bytes could not be parsed."""

    field: str
    reason: str


def tolerant(deserializer: Callable[[bytes], Any] | None) -> Callable[[bytes], Any] | None:
    """``deserializer`` returning a ``MalformedRequest`` where it would raise DecodeError."""
    if deserializer is None:
        return None
    descriptor: Descriptor | None = getattr(
        getattr(deserializer, "__self__", None), "DESCRIPTOR", None
    )

    def deserialize(raw: bytes) -> Any:
        try:
            return deserializer(raw)
        except DecodeError as error:
            found = find_fault(descriptor, raw) if descriptor is not None else None
            field, reason = found or ("request", "the request bytes are no valid message")
            return MalformedRequest(field, f"{reason} ({error})")

    return deserialize


class _Truncated(Exception):
    pass


def find_fault(
    descriptor: Descriptor, data: bytes, prefix: str = "", depth: int = 0
) -> tuple[str, str] | None:
    """The path of the first field whose bytes protobuf refuses, and why; None if none."""
    if depth > MAX_DEPTH:
        return prefix.rstrip(".") or "request", f"nested deeper than {MAX_DEPTH} messages"
    seen: dict[int, int] = {}
    pos = 0
    while pos < len(data):
        try:
            key, pos = _varint(data, pos)
        except _Truncated:
            return prefix.rstrip(".") or "request", "truncated field tag"
        number, wire_type = key >> 3, key & 7
        field = descriptor.fields_by_number.get(number)
        name = prefix + (field.name if field is not None else f"field {number}")
        if field is not None and field.is_repeated:
            name = f"{name}[{seen.get(number, 0)}]"
            seen[number] = seen.get(number, 0) + 1
        if number == 0:
            return name, "field number 0 is invalid"
        try:
            if wire_type == 0:
                _, pos = _varint(data, pos)
            elif wire_type in (1, 5):
                pos += 8 if wire_type == 1 else 4
                if pos > len(data):
                    raise _Truncated
            elif wire_type == 2:
                length, pos = _varint(data, pos)
                end = pos + length
                if end > len(data):
                    raise _Truncated
                fault = _check_value(field, data[pos:end], name, depth)
                if fault is not None:
                    return fault
                pos = end
            else:
                return name, f"wire type {wire_type} is not accepted"
        except _Truncated:
            return name, "truncated value"
    return None


def _check_value(
    field: FieldDescriptor | None, chunk: bytes, name: str, depth: int
) -> tuple[str, str] | None:
    if field is None:
        return None
    if field.type == FieldDescriptor.TYPE_STRING:
        try:
            chunk.decode("utf-8")
        except UnicodeDecodeError:
            return name, "not valid UTF-8 text"
    elif field.type == FieldDescriptor.TYPE_MESSAGE:
        return find_fault(field.message_type, chunk, name + ".", depth + 1)
    return None


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        if pos >= len(data) or shift > 63:
            raise _Truncated
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, pos
        shift += 7
