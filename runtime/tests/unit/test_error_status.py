"""Errors fit in the response headers a client accepts, however much of the input they echo."""

from __future__ import annotations

from google.rpc import error_details_pb2

from govdata.runtime.errors import FieldViolation, InvalidArgument, NotFound
from govdata.runtime.interceptors import error_status

HEADER_SOFT_LIMIT = 8192  # grpc's default for received metadata


def header_bytes(status) -> int:
    """What the status costs in headers: grpc-message percent-encoded, details in base64."""
    message = sum(1 if ch.isascii() else 3 * len(ch.encode()) for ch in status.message)
    return message + (status.ByteSize() * 4) // 3


def test_an_error_echoing_a_huge_value_still_fits_the_headers() -> None:
    huge = "不" * 3000
    error = InvalidArgument(
        [FieldViolation(f"items[{i}].name", f"{huge!r} is too long") for i in range(50)]
    )
    status = error_status(error, "catalog.govdata.internal")
    assert header_bytes(status) < HEADER_SOFT_LIMIT
    assert len(status.message) <= 200
    bad = error_details_pb2.BadRequest()
    assert status.details[1].Unpack(bad)
    listed = bad.field_violations
    assert listed[0].field == "items[0].name" and listed[0].description.startswith("'不")
    assert listed[-1].description == f"and {50 - (len(listed) - 1)} more problems not listed"


def test_a_short_error_is_left_whole() -> None:
    error = InvalidArgument(FieldViolation("page_size", "must not be negative"))
    status = error_status(error, "d")
    bad = error_details_pb2.BadRequest()
    assert status.details[1].Unpack(bad)
    assert status.message == "invalid request: page_size: must not be negative"
    assert [(v.field, v.description) for v in bad.field_violations] == [
        ("page_size", "must not be negative")
    ]
    assert error_status(NotFound("x" * 500), "d").message == "x" * 199 + "…"
