"""Malformed request bytes are located to the field, so the refusal can name it."""

from __future__ import annotations

import pytest
from google.protobuf import field_mask_pb2

from gov.catalog.v1 import catalog_pb2 as c
from govdata.runtime import wire


def request() -> c.UpdateInformationResourceRequest:
    res = c.InformationResource(name="organizations/a/resources/b", abstract="摘要")
    res.data_items.add(name="姓名")
    res.data_items.add(name="证件号码")
    return c.UpdateInformationResourceRequest(
        information_resource=res, update_mask=field_mask_pb2.FieldMask(paths=["abstract"])
    )


def parse(raw: bytes) -> object:
    deserialize = wire.tolerant(c.UpdateInformationResourceRequest.FromString)
    assert deserialize is not None
    return deserialize(raw)


def test_a_valid_request_is_parsed_as_usual() -> None:
    assert parse(request().SerializeToString()) == request()


def test_invalid_utf8_is_named_down_to_the_repeated_element() -> None:
    raw = request().SerializeToString().replace("证件号码".encode(), b"\xff\xfe\xfd\xfc" * 3)
    malformed = parse(raw)
    assert isinstance(malformed, wire.MalformedRequest)
    assert malformed.field == "information_resource.data_items[1].name"
    assert malformed.reason.startswith("not valid UTF-8 text")


@pytest.mark.parametrize(
    ("raw", "field", "reason"),
    [
        (bytes([0x0A, 0x05, 0x0A]), "information_resource", "truncated value"),  # length > rest
        (bytes([0x80]), "request", "truncated field tag"),
        (bytes([0x0F]), "information_resource", "wire type 7 is not accepted"),
        (bytes([0x00, 0x00]), "field 0", "field number 0 is invalid"),
    ],
)
def test_broken_wire_format_is_located(raw: bytes, field: str, reason: str) -> None:
    malformed = parse(raw)
    assert isinstance(malformed, wire.MalformedRequest)
    assert (malformed.field, malformed.reason.split(" (")[0]) == (field, reason)
