"""Personal data: masks, the fields that hold it, and keyed hashes of data subjects.

Three rules, applied in one place:

* Text that leaves a process (log lines, error messages) is masked: citizen ID numbers and
  mobile numbers by pattern, and every personal value the call's request carried (names cannot
  be found by pattern, so the interceptor collects them from the request's annotated fields).
* Response fields annotated ``(gov.common.v1.personal_data)`` are masked unless the access
  policy reveals that kind to the caller for the method.
* Audit names data subjects by ``SubjectKeys.key_of``: HMAC-SHA-256 under a secret, so the
  audit log cannot be used to enumerate citizens, yet an auditor holding an ID can search it.
"""

from __future__ import annotations

import contextvars
import functools
import hashlib
import hmac
import re
from collections.abc import Iterator
from pathlib import Path

from google.protobuf.descriptor import Descriptor, FieldDescriptor
from google.protobuf.message import Message

from gov.common.v1 import common_pb2

Kind = common_pb2.PersonalDataKind
ID_NUMBER = Kind.PERSONAL_DATA_KIND_ID_NUMBER
NAME = Kind.PERSONAL_DATA_KIND_NAME
PHONE = Kind.PERSONAL_DATA_KIND_PHONE
# Policy files name kinds in lower case.
KIND_NAMES = {"id_number": ID_NUMBER, "name": NAME, "phone": PHONE}

# 18-character citizen ID (GB 11643) and mainland mobile numbers, not inside longer runs.
_CITIZEN_ID = re.compile(r"(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[0-9Xx])(?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)")


def mask_id_number(value: str) -> str:
    """``11010519491231002X`` → ``110105********002X``; short values are fully masked."""
    if len(value) < 12:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def mask_name(value: str) -> str:
    """``张三丰`` → ``张**``: the first character stays, enough for a clerk to recognise."""
    return value[:1] + "*" * (len(value) - 1) if value else value


def mask_phone(value: str) -> str:
    """``13812345678`` → ``138****5678``."""
    if len(value) < 8:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


MASKS = {ID_NUMBER: mask_id_number, NAME: mask_name, PHONE: mask_phone}

# Personal values carried by the request being served, masked wherever they appear in text.
_call_values: contextvars.ContextVar[tuple[tuple[str, str], ...]] = contextvars.ContextVar(
    "govdata_personal_values", default=()
)


def mask_text(text: str) -> str:
    """Mask ID numbers, mobile numbers and the current call's personal values in ``text``."""
    for value, masked in _call_values.get():
        text = text.replace(value, masked)
    text = _CITIZEN_ID.sub(lambda m: f"{m.group(1)}********{m.group(2)}", text)
    return _MOBILE.sub(lambda m: f"{m.group(1)}****{m.group(2)}", text)


def kind_of(field: FieldDescriptor) -> int:
    """The personal-data kind a field is annotated with (0 when none)."""
    return field.GetOptions().Extensions[common_pb2.personal_data]


@functools.cache
def may_hold_personal(descriptor: Descriptor) -> bool:
    """Whether messages of this type can carry an annotated personal field anywhere below
    them; masking a type that cannot is a copy for nothing (a streamed record costs one)."""
    return _reaches_personal(descriptor, set())


def _reaches_personal(descriptor: Descriptor, seen: set[str]) -> bool:
    if descriptor.full_name in seen:
        return False  # a recursive type: its other paths are looked at by the first visit
    seen.add(descriptor.full_name)
    for field in descriptor.fields:
        if kind_of(field) and field.type == FieldDescriptor.TYPE_STRING:
            return True
        nested = field.type == FieldDescriptor.TYPE_MESSAGE
        if (
            nested
            and not field.message_type.GetOptions().map_entry
            and _reaches_personal(field.message_type, seen)
        ):
            return True
    return False


def _personal_fields(message: Message) -> Iterator[tuple[Message, FieldDescriptor, int]]:
    """Every (message, field, kind) below ``message`` whose field is personal or nested."""
    for field, value in message.ListFields():
        kind = kind_of(field)
        if kind and field.type == FieldDescriptor.TYPE_STRING:
            yield message, field, kind
        elif field.type == FieldDescriptor.TYPE_MESSAGE:
            if field.message_type.GetOptions().map_entry:
                continue  # maps of text carry no annotation of their own
            items = value if field.is_repeated else [value]
            for item in items:
                yield from _personal_fields(item)


def remember_request(request: Message) -> contextvars.Token[tuple[tuple[str, str], ...]]:
    """Note the request's personal values so logs and errors of this call mask them."""
    found: dict[str, str] = {}
    for owner, field, kind in _personal_fields(request):
        raw = getattr(owner, field.name)
        for value in raw if field.is_repeated else [raw]:
            if value:
                found[value] = MASKS[kind](value)
    # Longest first, so a name inside a longer value is not masked half-way.
    ordered = tuple(sorted(found.items(), key=lambda item: -len(item[0])))
    return _call_values.set(ordered)


def forget_request(token: contextvars.Token[tuple[tuple[str, str], ...]]) -> None:
    _call_values.reset(token)


_revealed: contextvars.ContextVar[frozenset[int] | None] = contextvars.ContextVar(
    "govdata_revealed", default=None
)


def reveal_for_call(kinds: frozenset[int]) -> contextvars.Token[frozenset[int] | None]:
    """The personal-data kinds the call being served may see unmasked (the interceptor sets
    it once the call is allowed; ``forget_reveal`` when the call ends)."""
    return _revealed.set(kinds)


def forget_reveal(token: contextvars.Token[frozenset[int] | None]) -> None:
    _revealed.reset(token)


def revealed() -> frozenset[int]:
    """What the current call may see unmasked: for a handler that renders personal data
    into bytes (a PDF) the interceptor cannot mask. Nothing outside an allowed call."""
    return _revealed.get() or frozenset()


def mask_response(message: Message, revealed: frozenset[int]) -> None:
    """Mask, in place, every personal field of ``message`` whose kind is not ``revealed``."""
    for owner, field, kind in list(_personal_fields(message)):
        if kind in revealed:
            continue
        mask = MASKS[kind]
        if field.is_repeated:
            values = getattr(owner, field.name)
            values[:] = [mask(v) for v in values]
        else:
            setattr(owner, field.name, mask(getattr(owner, field.name)))


def normalize_id_number(value: str) -> str:
    """The form an ID is hashed in: trimmed, check character upper-cased."""
    return value.strip().upper()


class SubjectKeys:
    """Keyed hashes of citizen ID numbers: the same in every service, useless without the key."""

    MIN_SECRET_BYTES = 32

    def __init__(self, secret: bytes) -> None:
        if len(secret) < self.MIN_SECRET_BYTES:
            raise ValueError(
                f"the subject-key secret must be at least {self.MIN_SECRET_BYTES} bytes"
            )
        self._secret = secret

    @classmethod
    def from_file(cls, path: str) -> SubjectKeys:
        try:
            secret = Path(path).read_bytes().strip()
        except OSError as exc:
            raise ValueError(f"cannot read the subject-key secret {path}: {exc.strerror}") from None
        return cls(secret)

    def key_of(self, id_number: str) -> str:
        """Lower-case hex HMAC-SHA-256 of the normalised ID number."""
        normalized = normalize_id_number(id_number).encode()
        return hmac.new(self._secret, normalized, hashlib.sha256).hexdigest()
