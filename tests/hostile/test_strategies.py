"""The hostile-input strategies, offline: every request of every method gets serializable
messages, and each adversarial class the e2e suite relies on is actually generated.

Coverage is shown with ``hypothesis.find`` (derandomized, no shrinking, a bounded number
of draws): each class must turn up within that bound, so a strategy change that stops
generating one fails here, the same way on every run, before any server is involved.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from typing import Any

import pytest
from google.protobuf import (
    any_pb2,
    descriptor_pb2,
    descriptor_pool,
    duration_pb2,
    empty_pb2,
    field_mask_pb2,
    struct_pb2,
    timestamp_pb2,
    wrappers_pb2,
)
from google.protobuf.descriptor import Descriptor, FieldDescriptor
from google.protobuf.message import DecodeError, Message
from google.type import date_pb2
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import NoSuchExample

from gov.catalog.v1 import catalog_pb2

from . import strategies as hs
from .methods import CONTRACT_FILES, METHODS, Method

# Drawn messages reach megabytes by design; hypothesis warns when it prints one.
pytestmark = pytest.mark.filterwarnings("ignore:Generating overly large repr")

DRAWS = 100
QUIET = settings(
    max_examples=DRAWS,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)


def missing_classes(
    strategy: st.SearchStrategy[Message], wanted: Iterable[str], budget: int = 600
) -> set[str]:
    """The classes in ``wanted`` that no message among ``budget`` draws shows."""
    missing = set()
    for wanted_class in sorted(wanted):
        try:
            find(
                strategy,
                lambda m, c=wanted_class: c in classes_of(m),
                settings=settings(QUIET, max_examples=budget, phases=[Phase.generate]),
            )
        except NoSuchExample:
            missing.add(wanted_class)
    return missing


def draw_many(strategy: st.SearchStrategy[Any], n: int = DRAWS) -> list[Any]:
    """``n`` derandomized draws of ``strategy`` (hypothesis's own generation, no shrinking)."""
    out: list[Any] = []

    @settings(QUIET, max_examples=n)
    @given(strategy)
    def collect(value: Any) -> None:
        out.append(value)

    collect()
    return out


# -- classifying drawn messages ----------------------------------------------------------


def _is_control(text: str) -> bool:
    return any(ord(c) < 0x20 or ord(c) == 0x7F or c in "\u2028\ufeff\u202e\u200b" for c in text)


def _pattern_regex(pattern: str) -> re.Pattern[str]:
    return re.compile(re.sub(r"\\\{[^}]*\\\}", "[a-z][a-z0-9-]*[a-z0-9]", re.escape(pattern)))


def classes_of(message: Message) -> set[str]:
    """The adversarial classes present anywhere in ``message``."""
    found: set[str] = set()
    if message.ByteSize() > hs.TRANSPORT_LIMIT:
        found.add("beyond_transport")
    patterns = hs.resource_patterns(message.DESCRIPTOR, CONTRACT_FILES)
    for fd, value in _sample(message):
        if fd.type == FieldDescriptor.TYPE_STRING:
            if len(value) >= min(hs.HUGE_LENGTHS):
                found.add("huge")
                continue  # scanning megabytes per draw would make this test take minutes
            if any(marker in value for marker in ("$ne", "$where", "$gt", "$regex", "*:*", "OR")):
                found.add("injection")
            if value in hs.RESOURCE_NAMES:
                found.add("resource_name")
            if _is_control(value):
                found.add("control")
            if any(0x4E00 <= ord(c) <= 0x9FFF for c in value):
                found.add("cjk")
            if len(value) > 128:
                found.add("oversized")
            if any(
                _pattern_regex(p).fullmatch(value) for ps in patterns.values() for p in ps
            ) and hs.field_resource(fd.containing_type, fd):
                found.add("plausible_name")
        elif fd.type == FieldDescriptor.TYPE_BYTES:
            try:
                value.decode("utf-8")
            except UnicodeDecodeError:
                found.add("invalid_utf8")
        elif fd.type == FieldDescriptor.TYPE_ENUM:
            known = {v.number for v in fd.enum_type.values}
            found.add("enum_valid" if value in known else "enum_unknown")
        elif fd.type in (FieldDescriptor.TYPE_DOUBLE, FieldDescriptor.TYPE_FLOAT):
            if math.isnan(value) or math.isinf(value):
                found.add("float_special")
        elif fd.type == FieldDescriptor.TYPE_BOOL:
            found.add("bool")
        elif fd.cpp_type in _INTEGER_CPP_TYPES:
            if value < 0:
                found.add("int_negative")
            if abs(value) >= 2**31 - 1:
                found.add("int_boundary")
            if fd.name == "page_size" and value < 0:
                found.add("page_size_negative")
        if fd.message_type is not None and not fd.message_type.GetOptions().map_entry:
            found.add("nested")
            name = fd.message_type.full_name
            if name == "google.protobuf.Timestamp" and (
                not hs.TIMESTAMP_MIN <= value.seconds <= hs.TIMESTAMP_MAX
                or not 0 <= value.nanos <= 999_999_999
            ):
                found.add("timestamp_invalid")
            if name == "google.protobuf.FieldMask" and any(
                p in hs.FIELD_MASK_PATHS for p in value.paths
            ):
                found.add("field_mask_bogus")
            if name == "google.type.Date" and not _valid_date(value):
                found.add("date_invalid")
            if name == "google.protobuf.Any" and value.type_url in hs.ANY_TYPE_URLS:
                found.add("any_garbage")
        if fd.name == "page_token" and value[:2] == "ey":
            found.add("page_token_json")
    found |= _repeated_classes(message)
    if found & {"resource_name", "control", "cjk", "oversized", "huge"}:
        found.add("hostile_text")
    return found


def _sample(message: Message) -> Iterable[tuple[FieldDescriptor, Any]]:
    """``walk_values``, but only the first few elements of each repeated field (the long
    ones repeat one value thousands of times)."""
    counts: dict[int, int] = {}
    for fd, value in hs.walk_values(message):
        if fd.is_repeated:
            key = id(fd)
            counts[key] = counts.get(key, 0) + 1
            if counts[key] > 20:
                continue
        yield fd, value


_INTEGER_CPP_TYPES = {
    FieldDescriptor.CPPTYPE_INT32,
    FieldDescriptor.CPPTYPE_INT64,
    FieldDescriptor.CPPTYPE_UINT32,
    FieldDescriptor.CPPTYPE_UINT64,
}


def _repeated_classes(message: Message) -> set[str]:
    found: set[str] = set()
    for fd, value in message.ListFields():
        if fd.message_type is not None and fd.message_type.GetOptions().map_entry:
            if len(value):
                found.add("map")
        elif fd.is_repeated:
            found.add("repeated_many" if len(value) >= 2 else "repeated_one")
        if fd.message_type is not None and not fd.is_repeated:
            found |= _repeated_classes(value)
        elif fd.message_type is not None and not fd.message_type.GetOptions().map_entry:
            for item in value:
                found |= _repeated_classes(item)
    return found


def _valid_date(date: Any) -> bool:
    try:
        dt.date(date.year, date.month, date.day)
    except (ValueError, OverflowError):
        return False
    return True


def expected_classes(descriptor: Descriptor) -> set[str]:
    """What a request type's top-level fields make possible (nested ones are not required:
    a fixed number of draws reaches them only sometimes)."""
    expected = {"nested"} if any(_plain_message(f) for f in descriptor.fields) else set()
    for fd in descriptor.fields:
        if fd.type == FieldDescriptor.TYPE_STRING:
            # The rarer string classes are checked per field below, with more draws.
            expected |= {"injection", "hostile_text"}
            if hs.field_resource(descriptor, fd):
                expected.add("plausible_name")
        if fd.type == FieldDescriptor.TYPE_ENUM:
            expected |= {"enum_valid", "enum_unknown"}
        if fd.cpp_type in _INTEGER_CPP_TYPES and fd.type != FieldDescriptor.TYPE_ENUM:
            expected |= {"int_boundary"}
            if fd.cpp_type in (FieldDescriptor.CPPTYPE_INT32, FieldDescriptor.CPPTYPE_INT64):
                expected.add("int_negative")
        if fd.name == "page_size":
            expected.add("page_size_negative")
        if fd.name == "page_token":
            expected.add("page_token_json")
        if fd.is_repeated and not _is_map(fd):
            expected.add("repeated_many")
        message = fd.message_type.full_name if fd.message_type else ""
        if message == "google.protobuf.FieldMask":
            expected.add("field_mask_bogus")
        if message == "google.protobuf.Timestamp":
            expected.add("timestamp_invalid")
    return expected


def _is_map(fd: FieldDescriptor) -> bool:
    return fd.message_type is not None and fd.message_type.GetOptions().map_entry


def _plain_message(fd: FieldDescriptor) -> bool:
    return fd.message_type is not None and not _is_map(fd)


# -- every request type ------------------------------------------------------------------


def test_every_service_and_method_is_enumerated() -> None:
    services = {m.service for m in METHODS}
    assert services == {
        "gov.catalog.v1.CatalogService",
        "gov.search.v1.SearchService",
        "gov.exchange.v1.ExchangeService",
        "gov.verify.v1.VerificationService",
        "gov.audit.v1.AuditService",
    }
    assert "Subscribe" in [m.name for m in METHODS if m.server_streaming]
    assert not [m.id for m in METHODS if m.client_streaming]
    assert len(METHODS) == len({m.path for m in METHODS}) >= 58


@pytest.mark.parametrize("method", METHODS, ids=lambda m: m.id)
def test_requests_serialize(method: Method) -> None:
    strategy = hs.messages(method.request_class.DESCRIPTOR, files=CONTRACT_FILES)
    for message in draw_many(strategy, 50):
        assert isinstance(message, method.request_class)
        wire = message.SerializeToString()
        assert method.request_class.FromString(wire) == message or _has_nan(message)


@pytest.mark.parametrize("method", METHODS, ids=lambda m: m.id)
def test_requests_cover_the_adversarial_classes(method: Method) -> None:
    descriptor = method.request_class.DESCRIPTOR
    strategy = hs.messages(descriptor, files=CONTRACT_FILES)
    missing = missing_classes(strategy, expected_classes(descriptor))
    assert not missing, f"{method.id}: never generated {sorted(missing)}"


def _has_nan(message: Message) -> bool:
    """NaN != NaN, so a message holding one never equals its own round trip."""
    return any(isinstance(v, float) and math.isnan(v) for _, v in hs.walk_values(message))


STRING_CLASSES = {"injection", "resource_name", "control", "cjk", "oversized", "huge"}


@pytest.mark.parametrize(
    ("request_type", "field"),
    [
        (catalog_pb2.GetOrganizationRequest, "name"),  # a resource name (hot)
        (catalog_pb2.ListOrganizationsRequest, "page_token"),  # hot, no pattern
        (catalog_pb2.Organization, "display_name"),  # an ordinary text field
    ],
)
def test_every_string_class_is_generated(request_type: type[Message], field: str) -> None:
    fd = request_type.DESCRIPTOR.fields_by_name[field]
    only_field = hs.messages(request_type.DESCRIPTOR, depth=0).filter(
        lambda m: bool(getattr(m, fd.name))
    )
    assert missing_classes(only_field, STRING_CLASSES) == set()


@pytest.mark.parametrize("method", METHODS, ids=lambda m: m.id)
def test_wire_payloads_include_undecodable_bytes(method: Method) -> None:
    undecodable = 0
    for payload in draw_many(hs.wire_payloads(method.request_class.DESCRIPTOR, CONTRACT_FILES), 30):
        assert isinstance(payload, bytes)
        try:
            method.request_class.FromString(payload)
        except DecodeError:
            undecodable += 1
    assert undecodable >= 8


# -- every field type, on a message made for it -------------------------------------------


def everything() -> Descriptor:
    """A message with every field type, a oneof, maps, recursion and well-known types."""
    pool = descriptor_pool.Default()
    try:
        return pool.FindMessageTypeByName("hostile.test.v1.Everything")
    except KeyError:
        pass
    imports = (timestamp_pb2, duration_pb2, field_mask_pb2, empty_pb2, any_pb2, struct_pb2)
    file = descriptor_pb2.FileDescriptorProto(
        name="hostile/test/v1/everything.proto",
        package="hostile.test.v1",
        syntax="proto3",
        dependency=[m.DESCRIPTOR.name for m in (*imports, wrappers_pb2, date_pb2)],
    )
    message = file.message_type.add(name="Everything")
    color = message.enum_type.add(name="Color")
    color.value.add(name="COLOR_UNSPECIFIED", number=0)
    color.value.add(name="COLOR_RED", number=1)
    t = descriptor_pb2.FieldDescriptorProto
    scalars = [
        ("d", t.TYPE_DOUBLE),
        ("f", t.TYPE_FLOAT),
        ("i32", t.TYPE_INT32),
        ("i64", t.TYPE_INT64),
        ("u32", t.TYPE_UINT32),
        ("u64", t.TYPE_UINT64),
        ("s32", t.TYPE_SINT32),
        ("s64", t.TYPE_SINT64),
        ("fx32", t.TYPE_FIXED32),
        ("fx64", t.TYPE_FIXED64),
        ("sfx32", t.TYPE_SFIXED32),
        ("sfx64", t.TYPE_SFIXED64),
        ("b", t.TYPE_BOOL),
        ("s", t.TYPE_STRING),
        ("by", t.TYPE_BYTES),
    ]
    number = 0
    for name, kind in scalars:
        number += 1
        message.field.add(name=name, number=number, type=kind, label=t.LABEL_OPTIONAL)
    me = ".hostile.test.v1.Everything"
    more = [
        ("color", t.TYPE_ENUM, ".hostile.test.v1.Everything.Color", t.LABEL_OPTIONAL),
        ("tags", t.TYPE_STRING, "", t.LABEL_REPEATED),
        ("children", t.TYPE_MESSAGE, me, t.LABEL_REPEATED),
        ("ts", t.TYPE_MESSAGE, ".google.protobuf.Timestamp", t.LABEL_OPTIONAL),
        ("dur", t.TYPE_MESSAGE, ".google.protobuf.Duration", t.LABEL_OPTIONAL),
        ("mask", t.TYPE_MESSAGE, ".google.protobuf.FieldMask", t.LABEL_OPTIONAL),
        ("empty", t.TYPE_MESSAGE, ".google.protobuf.Empty", t.LABEL_OPTIONAL),
        ("any", t.TYPE_MESSAGE, ".google.protobuf.Any", t.LABEL_OPTIONAL),
        ("date", t.TYPE_MESSAGE, ".google.type.Date", t.LABEL_OPTIONAL),
        ("struct", t.TYPE_MESSAGE, ".google.protobuf.Struct", t.LABEL_OPTIONAL),
        ("wrapped", t.TYPE_MESSAGE, ".google.protobuf.Int64Value", t.LABEL_OPTIONAL),
        ("child", t.TYPE_MESSAGE, me, t.LABEL_OPTIONAL),
    ]
    for name, kind, type_name, label in more:
        number += 1
        added = message.field.add(name=name, number=number, type=kind, label=label)
        if type_name:
            added.type_name = type_name
    entry = message.nested_type.add(name="CountsEntry")
    entry.options.map_entry = True
    entry.field.add(name="key", number=1, type=t.TYPE_STRING, label=t.LABEL_OPTIONAL)
    entry.field.add(name="value", number=2, type=t.TYPE_INT64, label=t.LABEL_OPTIONAL)
    number += 1
    message.field.add(
        name="counts",
        number=number,
        type=t.TYPE_MESSAGE,
        type_name=".hostile.test.v1.Everything.CountsEntry",
        label=t.LABEL_REPEATED,
    )
    message.oneof_decl.add(name="choice")
    for name, kind, type_name in [
        ("text", t.TYPE_STRING, ""),
        ("number", t.TYPE_INT64, ""),
        ("inner", t.TYPE_MESSAGE, me),
    ]:
        number += 1
        added = message.field.add(
            name=name, number=number, type=kind, label=t.LABEL_OPTIONAL, oneof_index=0
        )
        if type_name:
            added.type_name = type_name
    pool.Add(file)
    return pool.FindMessageTypeByName("hostile.test.v1.Everything")


EVERY_CLASS = {
    "invalid_utf8",
    "float_special",
    "enum_unknown",
    "enum_valid",
    "int_negative",
    "int_boundary",
    "bool",
    "timestamp_invalid",
    "field_mask_bogus",
    "date_invalid",
    "any_garbage",
    "map",
    "repeated_many",
    "nested",
    "huge",
    "beyond_transport",
    "injection",
    "cjk",
    "control",
}


def test_every_field_type_is_generated_and_serializes() -> None:
    descriptor = everything()
    set_fields: set[str] = set()
    max_depth = 0
    for message in draw_many(hs.messages(descriptor, depth=3)):
        message.SerializeToString()
        set_fields |= {fd.name for fd, _ in message.ListFields()}
        max_depth = max(max_depth, _depth(message))
        assert len([f for f in ("text", "number", "inner") if message.HasField(f)]) <= 1
    # A oneof member left out of these draws is looked for further, as missing_classes does:
    # which member 100 draws happen to set varies with hypothesis' generation.
    unseen = {f.name for f in descriptor.fields} - set_fields
    assert missing_fields(hs.messages(descriptor, depth=3), unseen) == set()
    assert max_depth >= 3, "recursion never went deep"
    assert missing_classes(hs.messages(descriptor, depth=1), EVERY_CLASS) == set()


def missing_fields(
    strategy: st.SearchStrategy[Message], wanted: Iterable[str], budget: int = 600
) -> set[str]:
    """The fields in ``wanted`` that no message among ``budget`` draws sets."""
    missing = set()
    for name in sorted(wanted):
        try:
            find(
                strategy,
                lambda m, n=name: n in {fd.name for fd, _ in m.ListFields()},
                settings=settings(QUIET, max_examples=budget, phases=[Phase.generate]),
            )
        except NoSuchExample:
            missing.add(name)
    return missing


def _depth(message: Message) -> int:
    depths = [
        1 + _depth(item)
        for fd, value in message.ListFields()
        if _plain_message(fd)
        for item in (value if fd.is_repeated else [value])
    ]
    return max(depths, default=0)


def test_depth_bounds_recursion() -> None:
    for message in draw_many(hs.messages(everything(), depth=2), 60):
        assert _depth(message) <= 3  # depth 2, plus a present-but-empty message at the end


# -- bias: known values and templates ----------------------------------------------------


def test_known_names_and_values_are_used_sometimes() -> None:
    org = "organizations/hx-fuzz-known"
    known = hs.Known(
        names={"catalog.govdata.internal/Organization": [org]},
        values={"etag": ["0123456789abcdef0123"]},
    )
    drawn = draw_many(hs.messages(catalog_pb2.DeleteOrganizationRequest.DESCRIPTOR, known=known))
    names = [m.name for m in drawn]
    assert org in names
    assert "0123456789abcdef0123" in [m.etag for m in drawn]
    assert len(set(names)) > 10, "known values must not crowd out hostile ones"


def test_templates_are_mutated_in_a_few_fields() -> None:
    template = catalog_pb2.UpdateOrganizationRequest(
        organization=catalog_pb2.Organization(
            name="organizations/hx-fuzz-known",
            display_name="海新区测试局",
            kind=catalog_pb2.ORGANIZATION_KIND_DEPARTMENT,
            etag="0123456789abcdef0123",
        ),
        update_mask=field_mask_pb2.FieldMask(paths=["display_name"]),
    )
    drawn = draw_many(  # a fifth are drawn near the template: 300 draws give about 60
        hs.messages(catalog_pb2.UpdateOrganizationRequest.DESCRIPTOR, templates=[template]),
        n=300,
    )
    near = [m for m in drawn if m.organization.name == template.organization.name]
    assert any(m != template for m in near), "templates must be mutated, not sent as they are"
    assert len(near) >= 10


def test_resource_names_follow_the_contract_patterns() -> None:
    patterns = hs.resource_patterns(catalog_pb2.GetInformationResourceRequest.DESCRIPTOR)
    assert patterns["catalog.govdata.internal/InformationResource"] == (
        "organizations/{organization}/resources/{resource}",
    )
    regex = _pattern_regex("organizations/{organization}/resources/{resource}")
    names = [
        m.name for m in draw_many(hs.messages(catalog_pb2.GetInformationResourceRequest.DESCRIPTOR))
    ]
    assert sum(bool(regex.fullmatch(n)) for n in names) >= 10
