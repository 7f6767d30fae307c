"""Hypothesis strategies for hostile protobuf requests, built from message descriptors alone.

``messages(descriptor)`` draws a message of any type, so one strategy covers every request
of every service, today's and those added later, without a hand-written generator per
method. Values are chosen to break servers rather than to be typical: empty and enormous
strings, control characters, CJK and astral-plane text, MongoDB operators and OpenSearch
query syntax, path traversal in resource names, boundary and out-of-range numbers, unknown
enum numbers (proto3 enums are open), invalid timestamps and dates, bogus field-mask paths.

Most requests fail validation at their first field, so a fuzzer that only sends noise
never reaches a handler's deeper logic. Generation is therefore biased towards the fields
a method reads (``name``, ``parent``, ``page_size``, ``page_token``, ``query``,
``etag``, ``update_mask``, ``*_id``, resource references) with *plausible but wrong*
values: resource names that follow the contract's own patterns (read from the
``google.api.resource`` annotations) but name nothing, ids in the wrong case, page tokens
that decode to JSON with hostile values. Callers can pass ``known`` values (names and
etags that do exist) and valid ``templates`` that are then mutated in a few fields.

``wire_payloads(descriptor)`` draws raw request bytes that are *not* a valid message
(invalid UTF-8 in a string field, truncated varints, wrong wire types, deep group nesting):
what a hostile client sends without a protobuf library.
"""

from __future__ import annotations

import base64
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from google.api import field_behavior_pb2, resource_pb2
from google.protobuf.descriptor import Descriptor, EnumDescriptor, FieldDescriptor
from google.protobuf.message import Message
from google.protobuf.message_factory import GetMessageClass
from hypothesis import strategies as st

Draw = st.DrawFn

# The apis' default GOVDATA_GRPC_MAX_MESSAGE_BYTES: requests above it are refused by gRPC.
TRANSPORT_LIMIT = 4 * 1024 * 1024

# -- adversarial values, by class (the unit tests check each class is generated) ----------

INJECTION = (
    '{"$where": "sleep(1000)"}',
    '{"$where": "function() { while (true) {} }"}',
    '{"$ne": null}',
    '{"$ne": ""}',
    '{"$gt": ""}',
    '{"$regex": ".*"}',
    '{"$exists": true}',
    "$ne",
    "$gt",
    "$regex",
    "$where",
    "$or",
    ".*",
    "^.*$",
    "*",
    "*:*",
    "title:(a OR b)",
    "display_name:* OR state:RESOURCE_STATE_DRAFT",
    "state:RESOURCE_STATE_DRAFT",
    '{"query": {"match_all": {}}}',
    '{"bool": {"must_not": []}}',
    "不动产 OR *",
    "a AND NOT b",
    "(((((((((((((((((((((a)))))))))))))))))))))",
    "a~10000",
    "/.*/",
    '" OR 1=1 --',
    "' OR '1'='1",
    "1; DROP TABLE resources",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "..\\..\\windows\\win.ini",
    "%00",
    "%2e%2e%2f",
    "${jndi:ldap://127.0.0.1/a}",
    "{{7*7}}",
    "\\",
    '"',
    "null",
    "NaN",
    "[]",
    "{}",
)

RESOURCE_NAMES = (
    "organizations/../x",
    "organizations/$ne",
    'organizations/{"$ne": ""}',
    "organizations/.*",
    "organizations/*",
    "organizations/-",
    "organizations/",
    "organizations",
    "organizations//resources/x",
    "organizations/x/resources/../../../y",
    "organizations/x/resources/-",
    "organizations/x/resources/x/extra",
    "organizations/x%2Fresources%2Fy",
    "organizations/x\x00/resources/y",
    "/organizations/x",
    "organizations/x/",
    "ORGANIZATIONS/X",
    "callingSystems/..",
    "callingSystems/$ne",
    "callingSystems/-",
    "organizations/x/../../callingSystems/y",
    "-",
    "/",
)

CONTROL = (
    "\x00",
    "a\x00b",
    "\x01\x02\x03",
    "\x1b[31mred\x1b[0m",
    "\x7f",
    "\r\n",
    "line\nbreak",
    "\t",
    "\x08",
    "\u2028",
    "\ufeff",
    "\u202e",
    "\u200b",
)

UNICODE = (
    "不动产登记信息",
    "政务信息资源目录",
    "𠮷",
    "😀",
    "ｏｒｇａｎｉｚａｔｉｏｎｓ／ｘ",
    "e\u0301\u0301\u0301",
    "İı",
    "ß",
    "\uffff",
    "\U0010ffff",
    "م",
)

# Lengths around the limits fields typically have (ids 63, names 128/256, query 200, ...).
LIMIT_LENGTHS = (63, 64, 65, 128, 129, 200, 201, 256, 257, 512, 513, 1024, 1025, 4097)
HUGE_LENGTHS = (65_536, 1_000_000, TRANSPORT_LIMIT + 1)

INVALID_UTF8 = (
    b"\xff",
    b"\xfe\xff",
    b"\xc3\x28",
    b"\xa0\xa1",
    b"\xe2\x28\xa1",
    b"\xf0\x28\x8c\xbc",
    b"\xc0\xaf",  # overlong "/"
    b"\xed\xa0\x80",  # an encoded surrogate
    b"\xf8\x88\x80\x80\x80",
    b"abc\x80",
)

FIELD_MASK_PATHS = (
    "$where",
    "name",
    "a.b.c",
    "etag",
    "*",
    "",
    ".",
    "revision",
    "create_time",
    "state",
    "_id",
    "_outbox",
    "_deleted",
    "__proto__",
    "DisplayName",
    "display_name.",
    ".display_name",
    "display_name,abstract",
    "display_name..x",
    "sharing.share_type",
    "data_items.name",
)

ANY_TYPE_URLS = (
    "",
    "type.googleapis.com/",
    "type.googleapis.com/$where",
    "type.googleapis.com/google.protobuf.Empty",
    "type.googleapis.com/gov.catalog.v1.Organization",
    "https://127.0.0.1/../../etc/passwd",
    "type.googleapis.com/a.b.C\x00",
)

INT_BOUNDARIES = (0, 1, -1, 2**31 - 1, -(2**31), 2**31, 2**32, 2**53 + 1, 2**63 - 1, -(2**63))
FLOAT_SPECIALS = (math.nan, math.inf, -math.inf, -0.0, 0.0, 1e308, -1e308, 5e-324, 2.0**53 + 1)
PAGE_SIZES = (-1, 0, 1, 49, 50, 51, 100, 101, 1000, 1001, 10_000, 2**31 - 1, -(2**31))

# Timestamp seconds must lie in 0001-01-01 .. 9999-12-31 and nanos in 0 .. 999,999,999.
TIMESTAMP_MIN, TIMESTAMP_MAX = -62_135_596_800, 253_402_300_799
BAD_SECONDS = (TIMESTAMP_MIN - 1, TIMESTAMP_MAX + 1, 2**63 - 1, -(2**63))
BAD_NANOS = (-1, 1_000_000_000, 2**31 - 1, -(2**31))

# Fields a method reads first: set far more often than the rest.
HOT_FIELDS = frozenset(
    {
        "name",
        "parent",
        "page_size",
        "page_token",
        "filter",
        "query",
        "prefix",
        "etag",
        "update_mask",
        "request_id",
        "order_by",
    }
)

_INT_RANGES = {
    FieldDescriptor.TYPE_INT32: (-(2**31), 2**31 - 1),
    FieldDescriptor.TYPE_SINT32: (-(2**31), 2**31 - 1),
    FieldDescriptor.TYPE_SFIXED32: (-(2**31), 2**31 - 1),
    FieldDescriptor.TYPE_INT64: (-(2**63), 2**63 - 1),
    FieldDescriptor.TYPE_SINT64: (-(2**63), 2**63 - 1),
    FieldDescriptor.TYPE_SFIXED64: (-(2**63), 2**63 - 1),
    FieldDescriptor.TYPE_UINT32: (0, 2**32 - 1),
    FieldDescriptor.TYPE_FIXED32: (0, 2**32 - 1),
    FieldDescriptor.TYPE_UINT64: (0, 2**64 - 1),
    FieldDescriptor.TYPE_FIXED64: (0, 2**64 - 1),
}

_ID = st.from_regex(r"[a-z][a-z0-9-]{0,18}[a-z0-9]", fullmatch=True)


def _index(draw: Draw, weights: Sequence[int]) -> int:
    """An index into ``weights`` picked by weight; shrinks towards the first."""
    pick = draw(st.integers(0, sum(weights) - 1))
    for i, weight in enumerate(weights):
        if pick < weight:
            return i
        pick -= weight
    raise AssertionError("unreachable")


def _weighted(draw: Draw, options: Sequence[tuple[int, st.SearchStrategy[Any]]]) -> Any:
    """Draw from one of ``options`` picked by weight (list the simplest first)."""
    return draw(options[_index(draw, [weight for weight, _ in options])][1])


def _chance(draw: Draw, percent: int) -> bool:
    """True with about ``percent``% probability; shrinks to False."""
    return draw(st.integers(0, 99)) >= 100 - percent


# -- resource names from the contracts' own annotations ----------------------------------


def _files(descriptor: Descriptor) -> Iterable[Any]:
    seen: set[str] = set()
    todo = [descriptor.file]
    while todo:
        file = todo.pop()
        if file.name in seen:
            continue
        seen.add(file.name)
        yield file
        todo.extend(file.dependencies)


def _all_messages(file: Any) -> Iterable[Descriptor]:
    todo = list(file.message_types_by_name.values())
    while todo:
        message = todo.pop()
        yield message
        todo.extend(message.nested_types)


@cache
def resource_patterns(root: Descriptor, files: tuple[Any, ...] = ()) -> dict[str, tuple[str, ...]]:
    """Resource type → name patterns, from the ``google.api.resource`` options of the files
    ``root`` imports and of ``files`` (references may cross services: search names
    catalogue organisations without importing the catalogue's contract)."""
    patterns: dict[str, tuple[str, ...]] = {}
    every = {file.name: file for file in _files(root)}
    for extra in files:
        every.setdefault(extra.name, extra)
    for file in every.values():
        for message in _all_messages(file):
            options = message.GetOptions()
            if options.HasExtension(resource_pb2.resource):
                resource = options.Extensions[resource_pb2.resource]
                patterns[resource.type] = tuple(resource.pattern)
    return patterns


def _parent_pattern(pattern: str) -> str:
    """``organizations/{o}/resources/{r}`` → ``organizations/{o}``."""
    return "/".join(pattern.split("/")[:-2])


def field_resource(message: Descriptor, fd: FieldDescriptor) -> tuple[str, bool] | None:
    """(resource type, is-parent) a string field names, from its annotations; None if none."""
    options = fd.GetOptions()
    if options.HasExtension(resource_pb2.resource_reference):
        ref = options.Extensions[resource_pb2.resource_reference]
        if ref.type:
            return ref.type, False
        if ref.child_type:
            return ref.child_type, True
    if fd.name == "name":
        own = message.GetOptions()
        if own.HasExtension(resource_pb2.resource):
            return own.Extensions[resource_pb2.resource].type, False
    return None


def is_required(fd: FieldDescriptor) -> bool:
    behaviors = fd.GetOptions().Extensions[field_behavior_pb2.field_behavior]
    return field_behavior_pb2.REQUIRED in behaviors


# -- the builder -------------------------------------------------------------------------


@dataclass(frozen=True)
class Known:
    """Real values of the platform under test, to reach past "not found".

    ``names`` maps a resource type (``catalog.govdata.internal/Organization``) to resource
    names that exist; ``values`` maps a field name (``etag``, ``roles``) to values that are
    valid somewhere. Both are used now and then, never always.
    """

    names: Mapping[str, Sequence[str]] = field(default_factory=dict)
    values: Mapping[str, Sequence[str]] = field(default_factory=dict)


class _Builder:
    """Draws values for the fields of messages reachable from one request type."""

    def __init__(self, root: Descriptor, known: Known, files: tuple[Any, ...] = ()) -> None:
        self.root = root
        self.known = known
        self.patterns = resource_patterns(root, files)
        # At most one value past the transport limit per message (and in few messages):
        # more would make most calls RESOURCE_EXHAUSTED and hide what the other fields do.
        self.huge_budget = 1

    # strings ------------------------------------------------------------------------------

    def resource_name(self, draw: Draw, resource_type: str, parent: bool) -> str:
        """A name following the type's pattern, with ids from real to hostile."""
        known = [] if parent else list(self.known.names.get(resource_type, ()))
        if parent:
            for child, values in self.known.names.items():
                if child == resource_type:
                    known.extend(n.rsplit("/", 2)[0] for n in values if n.count("/") >= 3)
        if known and _chance(draw, 35):
            name = draw(st.sampled_from(known))
            return _weighted(
                draw,
                [
                    (6, st.just(name)),
                    (1, st.just(name.upper())),
                    (1, st.just(name + "/")),
                    (1, st.just(name + " ")),
                    (1, st.just(name.replace("/", "//", 1))),
                    (1, st.just(name + "/../" + name.rsplit("/", 1)[-1])),
                ],
            )
        patterns = self.patterns.get(resource_type, ())
        if not patterns:
            return draw(_ID)
        pattern = draw(st.sampled_from(patterns))
        if parent:
            pattern = _parent_pattern(pattern) or pattern
        segment = [
            (8, _ID),
            (1, _ID.map(str.upper)),
            (1, st.sampled_from(["-", "*", "..", ".", "$ne", "a" * 64, "0abc", "a_b", "a--"])),
            (1, st.sampled_from(INJECTION)),
            (1, st.text(max_size=8)),
        ]
        return re.sub(r"\{[^}]*\}", lambda _m: _weighted(draw, segment), pattern)

    def plausible(self, draw: Draw, message: Descriptor, fd: FieldDescriptor) -> str | None:
        """A value shaped like what the field expects, or None when nothing fits."""
        name = fd.name
        known = self.known.values.get(name, ())
        if known and _chance(draw, 40):
            return draw(st.sampled_from(list(known)))
        reference = field_resource(message, fd)
        if reference is not None:
            return self.resource_name(draw, *reference)
        if name == "page_token" or name.endswith("_page_token"):
            return draw(page_tokens())
        if name == "etag":
            return _weighted(
                draw,
                [
                    (3, st.from_regex(r"[0-9a-f]{20}", fullmatch=True)),
                    (1, st.sampled_from(["*", 'W/"x"', '"etag"', "0" * 20, "f" * 64])),
                ],
            )
        if name == "request_id":
            return _weighted(
                draw,
                [
                    (3, st.uuids().map(str)),
                    (1, st.just("00000000-0000-0000-0000-000000000000")),
                    (1, st.uuids().map(lambda u: str(u).upper())),
                    (1, st.uuids().map(lambda u: u.hex)),
                    (1, st.sampled_from(["not-a-uuid", "{}", "x" * 37])),
                ],
            )
        if name.endswith("_id") and name != "request_id" and "citizen" not in name:
            return _weighted(
                draw,
                [
                    (3, _ID),
                    (1, _ID.map(str.upper)),
                    (1, st.sampled_from(["a" * 63, "a" * 64, "0abc", "-a", "a-", "a_b", "a.b"])),
                    (1, st.uuids().map(str)),
                ],
            )
        if "citizen_id" in name or name == "data_subject_id":
            return draw(citizen_ids())
        if name == "unified_social_credit_code":
            return draw(st.from_regex(r"[0-9A-Z]{18}", fullmatch=True))
        if name in ("query", "filter", "prefix") or name.endswith(("_prefix", "code")):
            return draw(
                st.one_of(
                    st.from_regex(r"[0-9]{1,8}", fullmatch=True),
                    st.sampled_from(INJECTION),
                    st.text(max_size=20),
                )
            )
        return None

    def string(self, draw: Draw, message: Descriptor, fd: FieldDescriptor) -> str:
        hot = fd.name in HOT_FIELDS or field_resource(message, fd) is not None
        # (weight, class): plausible first, so failures shrink towards realistic requests.
        classes = [
            (8, "plausible"),
            (2, "empty"),
            (4 if hot else 2, "injection"),
            (3 if hot else 1, "resource_name"),
            (2, "control"),
            (2, "unicode"),
            (1, "cjk"),
            (2, "text"),
            (2, "oversized"),
            (20 if self.huge_budget else 0, "huge"),
        ]
        kind = classes[_index(draw, [weight for weight, _ in classes])][1]
        if kind == "plausible":
            plausible = self.plausible(draw, message, fd)
            return plausible if plausible is not None else draw(st.text(max_size=12))
        if kind == "huge":
            self.huge_budget -= 1
            return draw(huge())
        return draw(_STRING_CLASSES[kind])

    # scalars ------------------------------------------------------------------------------

    def integer(self, draw: Draw, fd: FieldDescriptor) -> int:
        low, high = _INT_RANGES[fd.type]
        boundaries = [v for v in INT_BOUNDARIES if low <= v <= high] + [low, high]
        options: list[tuple[int, st.SearchStrategy[Any]]] = [
            (3, st.sampled_from(sorted(set(boundaries)))),
            (2, st.integers(low, high)),
            (1, st.integers(max(low, -1000), min(high, 1000))),
        ]
        if fd.name in ("page_size", "max_suggestions", "depth") or fd.name.endswith("_size"):
            options.insert(0, (6, st.sampled_from([v for v in PAGE_SIZES if low <= v <= high])))
        return _weighted(draw, options)

    def floating(self, draw: Draw, fd: FieldDescriptor) -> float:
        width = 32 if fd.type == FieldDescriptor.TYPE_FLOAT else 64
        specials = [v for v in FLOAT_SPECIALS if width == 64 or abs(v) < 3e38 or math.isnan(v)]
        return _weighted(
            draw,
            [(2, st.sampled_from(specials)), (1, st.floats(width=width))],
        )

    def enum(self, draw: Draw, enum: EnumDescriptor) -> int:
        valid = [v.number for v in enum.values]
        if getattr(enum, "is_closed", False):
            return draw(st.sampled_from(valid))
        return _weighted(
            draw,
            [
                (4, st.sampled_from(valid)),
                (1, st.sampled_from([max(valid) + 1, -1, 2**31 - 1, -(2**31)])),
                (1, st.integers(-(2**31), 2**31 - 1)),
            ],
        )

    def byte_string(self, draw: Draw) -> bytes:
        if self.huge_budget and _chance(draw, 3):
            self.huge_budget -= 1
            return b"\xff" * (TRANSPORT_LIMIT + 1)
        return draw(byte_strings())

    def scalar(self, draw: Draw, message: Descriptor, fd: FieldDescriptor) -> Any:
        kind = fd.type
        if kind == FieldDescriptor.TYPE_STRING:
            return self.string(draw, message, fd)
        if kind == FieldDescriptor.TYPE_BYTES:
            return self.byte_string(draw)
        if kind == FieldDescriptor.TYPE_BOOL:
            return draw(st.booleans())
        if kind in (FieldDescriptor.TYPE_FLOAT, FieldDescriptor.TYPE_DOUBLE):
            return self.floating(draw, fd)
        if kind == FieldDescriptor.TYPE_ENUM:
            return self.enum(draw, fd.enum_type)
        return self.integer(draw, fd)

    # messages -----------------------------------------------------------------------------

    def message(self, draw: Draw, descriptor: Descriptor, depth: int, top: bool) -> Message:
        special = _WELL_KNOWN.get(descriptor.full_name)
        if special is not None:
            return special(self, draw, descriptor, depth)
        message = GetMessageClass(descriptor)()
        chosen = self._oneof_choices(draw, descriptor)
        for fd in descriptor.fields:
            oneof = fd.containing_oneof
            if oneof is not None and oneof.full_name in chosen:
                if chosen[oneof.full_name] != fd.name:
                    continue
                self.set_field(draw, message, fd, depth)
                continue
            hot = fd.name in HOT_FIELDS or fd.name.endswith("_id") or is_required(fd)
            percent = (95 if hot else 45) if top else (75 if hot else 35)
            if _chance(draw, percent):
                self.set_field(draw, message, fd, depth)
        return message

    def _oneof_choices(self, draw: Draw, descriptor: Descriptor) -> dict[str, str | None]:
        """For each real oneof, the one member to set (or None): never two at once."""
        chosen: dict[str, str | None] = {}
        for oneof in descriptor.oneofs:
            members = [f.name for f in oneof.fields]
            if len(members) == 1 and oneof.name == f"_{members[0]}":
                continue  # proto3 `optional`: a plain field with presence
            chosen[oneof.full_name] = draw(st.sampled_from([None, *members]))
        return chosen

    def set_field(self, draw: Draw, message: Message, fd: FieldDescriptor, depth: int) -> None:
        """Give ``fd`` of ``message`` a drawn value (replacing what it held)."""
        descriptor = message.DESCRIPTOR
        message.ClearField(fd.name)
        target = getattr(message, fd.name)
        entry = fd.message_type
        if entry is not None and entry.GetOptions().map_entry:
            key_fd, value_fd = entry.fields_by_name["key"], entry.fields_by_name["value"]
            for _ in range(self.count(draw, value_fd.message_type is not None)):
                key = self.scalar(draw, entry, key_fd)
                if value_fd.message_type is None:
                    target[key] = self.scalar(draw, entry, value_fd)
                elif depth > 0:
                    target[key].CopyFrom(
                        self.message(draw, value_fd.message_type, depth - 1, False)
                    )
            return
        if fd.is_repeated:
            if entry is None:
                target.extend(self.scalars(draw, descriptor, fd))
            elif depth > 0:
                for _ in range(self.count(draw, True)):
                    target.add().CopyFrom(self.message(draw, entry, depth - 1, False))
            return
        if entry is None:
            setattr(message, fd.name, self.scalar(draw, descriptor, fd))
        elif depth > 0:
            target.SetInParent()
            target.MergeFrom(self.message(draw, entry, depth - 1, False))
        else:
            target.SetInParent()  # present but empty: as deep as the budget allows

    def count(self, draw: Draw, messages: bool) -> int:
        """How many elements a repeated field gets: mostly a few, sometimes a dozen."""
        return _weighted(draw, [(6, st.integers(0, 3)), (1, st.just(12))])

    def scalars(self, draw: Draw, message: Descriptor, fd: FieldDescriptor) -> list[Any]:
        """Elements of a repeated scalar field: a few drawn ones, or thousands of one small one."""
        if _chance(draw, 8):
            one = self.scalar(draw, message, fd)
            if isinstance(one, str | bytes):
                one = one[:16]
            return [one] * draw(st.sampled_from([200, 5000, 100_000]))
        return [self.scalar(draw, message, fd) for _ in range(self.count(draw, False))]

    # templates ----------------------------------------------------------------------------

    def mutate(self, draw: Draw, template: Message, depth: int) -> Message:
        """``template`` with one to three fields replaced (or cleared) by drawn values."""
        message = type(template)()
        message.CopyFrom(template)
        for _ in range(draw(st.integers(1, 3))):
            target, fd, level = message, None, depth
            while True:
                fields = list(target.DESCRIPTOR.fields)
                if not fields:
                    break
                fd = draw(st.sampled_from(fields))
                child = fd.message_type
                plain = child is not None and not child.GetOptions().map_entry
                if plain and child.full_name not in _WELL_KNOWN and level > 0:
                    if fd.is_repeated:
                        items = getattr(target, fd.name)
                        if len(items) and _chance(draw, 60):
                            target = items[draw(st.integers(0, len(items) - 1))]
                            level -= 1
                            continue
                    elif _chance(draw, 50):
                        target = getattr(target, fd.name)
                        level -= 1
                        continue
                break
            if fd is None:
                continue
            if _chance(draw, 25):
                target.ClearField(fd.name)  # a required field left out
            else:
                self.set_field(draw, target, fd, level)
        return message


# -- well-known and common types ---------------------------------------------------------


def _timestamp(b: _Builder, draw: Draw, descriptor: Descriptor, depth: int) -> Message:
    message = GetMessageClass(descriptor)()
    message.seconds = _weighted(
        draw,
        [
            (3, st.integers(TIMESTAMP_MIN, TIMESTAMP_MAX)),
            (1, st.sampled_from(BAD_SECONDS)),
            (1, st.integers(-(2**63), 2**63 - 1)),
        ],
    )
    message.nanos = _weighted(
        draw, [(3, st.integers(0, 999_999_999)), (1, st.sampled_from(BAD_NANOS))]
    )
    return message


def _duration(b: _Builder, draw: Draw, descriptor: Descriptor, depth: int) -> Message:
    message = GetMessageClass(descriptor)()
    message.seconds = _weighted(
        draw,
        [
            (3, st.integers(-315_576_000_000, 315_576_000_000)),
            (1, st.sampled_from([315_576_000_001, -315_576_000_001, 2**63 - 1, -(2**63)])),
        ],
    )
    # Sign differing from the seconds' is invalid too.
    message.nanos = draw(
        st.one_of(st.integers(-999_999_999, 999_999_999), st.sampled_from(BAD_NANOS))
    )
    return message


def _field_mask(b: _Builder, draw: Draw, descriptor: Descriptor, depth: int) -> Message:
    message = GetMessageClass(descriptor)()
    real = sorted(_mask_targets(b.root))
    paths = st.sampled_from(FIELD_MASK_PATHS)
    if real:
        paths = st.one_of(st.sampled_from(real), paths, st.sampled_from(real).map(str.upper))
    message.paths.extend(draw(st.lists(st.one_of(paths, st.text(max_size=10)), max_size=6)))
    return message


@cache
def _mask_targets(root: Descriptor) -> frozenset[str]:
    """Field paths of the resource an Update request carries (the mask's real domain)."""
    out: set[str] = set()
    for fd in root.fields:
        target = fd.message_type
        if target is None or not target.GetOptions().HasExtension(resource_pb2.resource):
            continue
        for inner in target.fields:
            out.add(inner.name)
            if inner.message_type is not None and not inner.is_repeated:
                out.update(f"{inner.name}.{leaf.name}" for leaf in inner.message_type.fields)
    return frozenset(out)


def _empty(b: _Builder, draw: Draw, descriptor: Descriptor, depth: int) -> Message:
    return GetMessageClass(descriptor)()


def _any(b: _Builder, draw: Draw, descriptor: Descriptor, depth: int) -> Message:
    message = GetMessageClass(descriptor)()
    message.type_url = draw(st.one_of(st.sampled_from(ANY_TYPE_URLS), st.text(max_size=40)))
    message.value = draw(byte_strings())
    return message


def _date(b: _Builder, draw: Draw, descriptor: Descriptor, depth: int) -> Message:
    message = GetMessageClass(descriptor)()
    if _chance(draw, 50):
        valid = draw(st.dates())
        message.year, message.month, message.day = valid.year, valid.month, valid.day
    else:
        message.year = draw(st.sampled_from([0, 1, 1900, 2023, 2024, 9999, 10000, -1, 2**31 - 1]))
        message.month = draw(st.sampled_from([0, 1, 2, 12, 13, -1, 2**31 - 1]))
        message.day = draw(st.sampled_from([0, 1, 29, 30, 31, 32, -1, -(2**31)]))
    return message


_STRING_CLASSES: dict[str, st.SearchStrategy[str]] = {
    "empty": st.just(""),
    "injection": st.sampled_from(INJECTION),
    "resource_name": st.sampled_from(RESOURCE_NAMES),
    "control": st.sampled_from(CONTROL),
    "unicode": st.sampled_from(UNICODE),
    "cjk": st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1),
    "text": st.text(max_size=30),
    "oversized": st.tuples(st.sampled_from(LIMIT_LENGTHS), st.sampled_from(["a", "不", "0"])).map(
        lambda pair: pair[1] * pair[0]
    ),
}

_WELL_KNOWN: dict[str, Callable[[_Builder, Draw, Descriptor, int], Message]] = {
    "google.protobuf.Timestamp": _timestamp,
    "google.protobuf.Duration": _duration,
    "google.protobuf.FieldMask": _field_mask,
    "google.protobuf.Empty": _empty,
    "google.protobuf.Any": _any,
    "google.type.Date": _date,
}


# -- public strategies -------------------------------------------------------------------


def huge() -> st.SearchStrategy[str]:
    """Strings from 64 KiB to just past the transport limit (RESOURCE_EXHAUSTED expected)."""
    return st.sampled_from(HUGE_LENGTHS).map(lambda n: "x" * n)


def byte_strings() -> st.SearchStrategy[bytes]:
    return st.one_of(
        st.binary(max_size=64),
        st.sampled_from(INVALID_UTF8),
        st.just(b"\xff" * (TRANSPORT_LIMIT + 1)),
    )


def citizen_ids() -> st.SearchStrategy[str]:
    """Resident ID numbers: right shape with wrong checksums, old 15-digit form, junk."""
    return st.one_of(
        st.from_regex(
            r"[1-6][0-9]{5}(19|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9])[0-9]{3}[0-9xX]",
            fullmatch=True,
        ),
        st.from_regex(r"[0-9]{15}", fullmatch=True),
        st.sampled_from(["110101199003077777", "11010119900307777x", "000000000000000000", "*"]),
    )


def page_tokens() -> st.SearchStrategy[str]:
    """Page tokens: junk, and base64 JSON shaped like the services' own with hostile values."""
    hostile_json = st.sampled_from(
        [
            '{"a": {"$ne": null}, "q": ""}',
            '{"a": "", "q": {"$gt": ""}}',
            '{"o": -5, "k": ""}',
            '{"o": 1e400, "k": ""}',
            '{"o": NaN, "k": ""}',
            '{"o": 99999999999999999999999, "k": ""}',
            '{"o": "10", "k": null}',
            '{"o": 10}',
            "[]",
            '"a"',
            "null",
            "1e400",
            '{"a": "organizations/zzzz", "q": "0000000000000000"}',
        ]
    )
    encoded = hostile_json.map(lambda s: base64.urlsafe_b64encode(s.encode()).decode())
    junk = st.sampled_from(["!!!", "====", "a", "eyJ", "%00", "..", "\x00", "無効"])
    return st.one_of(encoded, encoded, encoded, junk, st.text(max_size=40), st.binary().map(_b64))


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode()


def messages(
    descriptor: Descriptor,
    depth: int = 4,
    known: Known | None = None,
    templates: Sequence[Message] = (),
    files: Sequence[Any] = (),
    huge: bool = True,
) -> st.SearchStrategy[Message]:
    """Hostile messages of ``descriptor``'s type; every one serializes.

    ``depth`` bounds nesting (deeper message fields are left present but empty);
    ``known`` supplies real names and values; ``templates`` are valid messages of this
    type that are sometimes sent with one to three fields replaced; ``files`` are more
    contract files (FileDescriptors) whose resource patterns references may name;
    ``huge`` allows values past the transport limit (in about one message in seven).
    """
    extra = tuple(files)

    @st.composite
    def draw_message(draw: Draw) -> Message:
        builder = _Builder(descriptor, known or Known(), extra)
        builder.huge_budget = 1 if huge and _chance(draw, 15) else 0
        if templates and _chance(draw, 40):
            template = draw(st.sampled_from(list(templates)))
            return builder.mutate(draw, template, depth)
        return builder.message(draw, descriptor, depth, True)

    return draw_message()


# -- raw wire bytes ----------------------------------------------------------------------


def _varint(value: int) -> bytes:
    value &= (1 << 64) - 1
    out = bytearray()
    while True:
        bits = value & 0x7F
        value >>= 7
        if value:
            out.append(bits | 0x80)
        else:
            out.append(bits)
            return bytes(out)


def _tag(number: int, wire_type: int) -> bytes:
    return _varint(number << 3 | wire_type)


def wire_payloads(descriptor: Descriptor, files: Sequence[Any] = ()) -> st.SearchStrategy[bytes]:
    """Request bytes no well-behaved client produces, for the same request type."""
    strings = [f.number for f in descriptor.fields if f.type == FieldDescriptor.TYPE_STRING]
    numbers = [f.number for f in descriptor.fields] or [1]

    @st.composite
    def draw_payload(draw: Draw) -> bytes:
        prefix = draw(messages(descriptor, depth=1, files=files, huge=False)).SerializeToString()
        number = draw(st.sampled_from(strings or numbers))
        kind = draw(
            st.sampled_from(
                [
                    "invalid_utf8",
                    "truncated",
                    "bad_varint",
                    "length_overflow",
                    "wrong_wire_type",
                    "deep_groups",
                    "random",
                ]
            )
        )
        if kind == "invalid_utf8":
            bad = draw(st.sampled_from(INVALID_UTF8))
            return prefix + _tag(number, 2) + _varint(len(bad)) + bad
        if kind == "truncated":
            return prefix + _tag(number, 2) + _varint(10) + b"abc"
        if kind == "bad_varint":
            return prefix + _tag(number, 0) + b"\xff" * 11
        if kind == "length_overflow":
            return prefix + _tag(number, 2) + b"\xff\xff\xff\xff\x0f" + b"x"
        if kind == "wrong_wire_type":
            return prefix + _tag(number, 5) + b"\x00\x00\x00\x00"
        if kind == "deep_groups":
            unknown = 1000 + draw(st.integers(0, 100))
            levels = draw(st.sampled_from([101, 1000, 10_000]))
            return prefix + _tag(unknown, 3) * levels + _tag(unknown, 4) * levels
        return draw(st.binary(min_size=1, max_size=200))

    return draw_payload()


def walk_values(message: Message) -> Iterable[tuple[FieldDescriptor, Any]]:
    """Every (field, value) set anywhere in ``message``, one per element of repeated fields
    and map entries (keys and values), depth first: for coverage checks."""
    for fd, value in message.ListFields():
        entry = fd.message_type
        if entry is not None and entry.GetOptions().map_entry:
            key_fd, value_fd = entry.fields_by_name["key"], entry.fields_by_name["value"]
            for key, item in value.items():
                yield key_fd, key
                yield value_fd, item
                if value_fd.message_type is not None:
                    yield from walk_values(item)
            continue
        for item in value if fd.is_repeated else [value]:
            yield fd, item
            if entry is not None:
                yield from walk_values(item)
