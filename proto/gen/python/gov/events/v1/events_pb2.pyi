import datetime

from google.protobuf import any_pb2 as _any_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from gov.audit.v1 import audit_pb2 as _audit_pb2
from gov.catalog.v1 import catalog_pb2 as _catalog_pb2
from gov.common.v1 import common_pb2 as _common_pb2
from gov.exchange.v1 import exchange_pb2 as _exchange_pb2
from gov.verify.v1 import verify_pb2 as _verify_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ChangeKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CHANGE_KIND_UNSPECIFIED: _ClassVar[ChangeKind]
    CHANGE_KIND_CREATED: _ClassVar[ChangeKind]
    CHANGE_KIND_UPDATED: _ClassVar[ChangeKind]
    CHANGE_KIND_DELETED: _ClassVar[ChangeKind]
CHANGE_KIND_UNSPECIFIED: ChangeKind
CHANGE_KIND_CREATED: ChangeKind
CHANGE_KIND_UPDATED: ChangeKind
CHANGE_KIND_DELETED: ChangeKind

class EventEnvelope(_message.Message):
    __slots__ = ("event_id", "event_type", "source", "time", "actor", "trace", "request_id", "subject", "payload")
    EVENT_ID_FIELD_NUMBER: _ClassVar[int]
    EVENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    TIME_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    TRACE_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    PAYLOAD_FIELD_NUMBER: _ClassVar[int]
    event_id: str
    event_type: str
    source: str
    time: _timestamp_pb2.Timestamp
    actor: _common_pb2.Actor
    trace: _common_pb2.TraceContext
    request_id: str
    subject: str
    payload: _any_pb2.Any
    def __init__(self, event_id: _Optional[str] = ..., event_type: _Optional[str] = ..., source: _Optional[str] = ..., time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., trace: _Optional[_Union[_common_pb2.TraceContext, _Mapping]] = ..., request_id: _Optional[str] = ..., subject: _Optional[str] = ..., payload: _Optional[_Union[_any_pb2.Any, _Mapping]] = ...) -> None: ...

class InformationResourceChanged(_message.Message):
    __slots__ = ("kind", "name", "revision", "resource", "changed_fields")
    KIND_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_FIELD_NUMBER: _ClassVar[int]
    CHANGED_FIELDS_FIELD_NUMBER: _ClassVar[int]
    kind: ChangeKind
    name: str
    revision: int
    resource: _catalog_pb2.InformationResource
    changed_fields: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, kind: _Optional[_Union[ChangeKind, str]] = ..., name: _Optional[str] = ..., revision: _Optional[int] = ..., resource: _Optional[_Union[_catalog_pb2.InformationResource, _Mapping]] = ..., changed_fields: _Optional[_Iterable[str]] = ...) -> None: ...

class OrganizationChanged(_message.Message):
    __slots__ = ("kind", "name", "revision", "organization", "changed_fields")
    KIND_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    ORGANIZATION_FIELD_NUMBER: _ClassVar[int]
    CHANGED_FIELDS_FIELD_NUMBER: _ClassVar[int]
    kind: ChangeKind
    name: str
    revision: int
    organization: _catalog_pb2.Organization
    changed_fields: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, kind: _Optional[_Union[ChangeKind, str]] = ..., name: _Optional[str] = ..., revision: _Optional[int] = ..., organization: _Optional[_Union[_catalog_pb2.Organization, _Mapping]] = ..., changed_fields: _Optional[_Iterable[str]] = ...) -> None: ...

class CallingSystemChanged(_message.Message):
    __slots__ = ("kind", "name", "revision", "calling_system", "changed_fields")
    KIND_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    CALLING_SYSTEM_FIELD_NUMBER: _ClassVar[int]
    CHANGED_FIELDS_FIELD_NUMBER: _ClassVar[int]
    kind: ChangeKind
    name: str
    revision: int
    calling_system: _catalog_pb2.CallingSystem
    changed_fields: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, kind: _Optional[_Union[ChangeKind, str]] = ..., name: _Optional[str] = ..., revision: _Optional[int] = ..., calling_system: _Optional[_Union[_catalog_pb2.CallingSystem, _Mapping]] = ..., changed_fields: _Optional[_Iterable[str]] = ...) -> None: ...

class DutyChanged(_message.Message):
    __slots__ = ("kind", "name", "revision", "duty", "changed_fields")
    KIND_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    DUTY_FIELD_NUMBER: _ClassVar[int]
    CHANGED_FIELDS_FIELD_NUMBER: _ClassVar[int]
    kind: ChangeKind
    name: str
    revision: int
    duty: _catalog_pb2.Duty
    changed_fields: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, kind: _Optional[_Union[ChangeKind, str]] = ..., name: _Optional[str] = ..., revision: _Optional[int] = ..., duty: _Optional[_Union[_catalog_pb2.Duty, _Mapping]] = ..., changed_fields: _Optional[_Iterable[str]] = ...) -> None: ...

class InformationSystemChanged(_message.Message):
    __slots__ = ("kind", "name", "revision", "information_system", "changed_fields")
    KIND_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    INFORMATION_SYSTEM_FIELD_NUMBER: _ClassVar[int]
    CHANGED_FIELDS_FIELD_NUMBER: _ClassVar[int]
    kind: ChangeKind
    name: str
    revision: int
    information_system: _catalog_pb2.InformationSystem
    changed_fields: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, kind: _Optional[_Union[ChangeKind, str]] = ..., name: _Optional[str] = ..., revision: _Optional[int] = ..., information_system: _Optional[_Union[_catalog_pb2.InformationSystem, _Mapping]] = ..., changed_fields: _Optional[_Iterable[str]] = ...) -> None: ...

class SharingDemandChanged(_message.Message):
    __slots__ = ("kind", "name", "revision", "sharing_demand", "changed_fields")
    KIND_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    SHARING_DEMAND_FIELD_NUMBER: _ClassVar[int]
    CHANGED_FIELDS_FIELD_NUMBER: _ClassVar[int]
    kind: ChangeKind
    name: str
    revision: int
    sharing_demand: _catalog_pb2.SharingDemand
    changed_fields: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, kind: _Optional[_Union[ChangeKind, str]] = ..., name: _Optional[str] = ..., revision: _Optional[int] = ..., sharing_demand: _Optional[_Union[_catalog_pb2.SharingDemand, _Mapping]] = ..., changed_fields: _Optional[_Iterable[str]] = ...) -> None: ...

class AccessRecorded(_message.Message):
    __slots__ = ("request_id", "time", "actor", "method", "resource", "data_items", "data_subject_keys", "purpose", "outcome", "service", "grant", "hidden_until")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    TIME_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_FIELD_NUMBER: _ClassVar[int]
    DATA_ITEMS_FIELD_NUMBER: _ClassVar[int]
    DATA_SUBJECT_KEYS_FIELD_NUMBER: _ClassVar[int]
    PURPOSE_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    GRANT_FIELD_NUMBER: _ClassVar[int]
    HIDDEN_UNTIL_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    time: _timestamp_pb2.Timestamp
    actor: _common_pb2.Actor
    method: str
    resource: str
    data_items: _containers.RepeatedScalarFieldContainer[str]
    data_subject_keys: _containers.RepeatedScalarFieldContainer[str]
    purpose: str
    outcome: str
    service: str
    grant: str
    hidden_until: _timestamp_pb2.Timestamp
    def __init__(self, request_id: _Optional[str] = ..., time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., method: _Optional[str] = ..., resource: _Optional[str] = ..., data_items: _Optional[_Iterable[str]] = ..., data_subject_keys: _Optional[_Iterable[str]] = ..., purpose: _Optional[str] = ..., outcome: _Optional[str] = ..., service: _Optional[str] = ..., grant: _Optional[str] = ..., hidden_until: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class SharingRequestChanged(_message.Message):
    __slots__ = ("kind", "name", "revision", "sharing_request", "changed_fields")
    KIND_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    SHARING_REQUEST_FIELD_NUMBER: _ClassVar[int]
    CHANGED_FIELDS_FIELD_NUMBER: _ClassVar[int]
    kind: ChangeKind
    name: str
    revision: int
    sharing_request: _exchange_pb2.SharingRequest
    changed_fields: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, kind: _Optional[_Union[ChangeKind, str]] = ..., name: _Optional[str] = ..., revision: _Optional[int] = ..., sharing_request: _Optional[_Union[_exchange_pb2.SharingRequest, _Mapping]] = ..., changed_fields: _Optional[_Iterable[str]] = ...) -> None: ...

class GrantChanged(_message.Message):
    __slots__ = ("kind", "name", "revision", "grant", "changed_fields")
    KIND_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    GRANT_FIELD_NUMBER: _ClassVar[int]
    CHANGED_FIELDS_FIELD_NUMBER: _ClassVar[int]
    kind: ChangeKind
    name: str
    revision: int
    grant: _exchange_pb2.Grant
    changed_fields: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, kind: _Optional[_Union[ChangeKind, str]] = ..., name: _Optional[str] = ..., revision: _Optional[int] = ..., grant: _Optional[_Union[_exchange_pb2.Grant, _Mapping]] = ..., changed_fields: _Optional[_Iterable[str]] = ...) -> None: ...

class RecordsPublished(_message.Message):
    __slots__ = ("resource", "provider", "accepted_count", "rejected_count", "first_sequence", "last_sequence")
    RESOURCE_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    ACCEPTED_COUNT_FIELD_NUMBER: _ClassVar[int]
    REJECTED_COUNT_FIELD_NUMBER: _ClassVar[int]
    FIRST_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    LAST_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    resource: str
    provider: str
    accepted_count: int
    rejected_count: int
    first_sequence: int
    last_sequence: int
    def __init__(self, resource: _Optional[str] = ..., provider: _Optional[str] = ..., accepted_count: _Optional[int] = ..., rejected_count: _Optional[int] = ..., first_sequence: _Optional[int] = ..., last_sequence: _Optional[int] = ...) -> None: ...

class VerificationJobChanged(_message.Message):
    __slots__ = ("kind", "name", "revision", "state", "overall_result")
    KIND_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    OVERALL_RESULT_FIELD_NUMBER: _ClassVar[int]
    kind: ChangeKind
    name: str
    revision: int
    state: _verify_pb2.VerificationJobState
    overall_result: _verify_pb2.OverallResult
    def __init__(self, kind: _Optional[_Union[ChangeKind, str]] = ..., name: _Optional[str] = ..., revision: _Optional[int] = ..., state: _Optional[_Union[_verify_pb2.VerificationJobState, str]] = ..., overall_result: _Optional[_Union[_verify_pb2.OverallResult, str]] = ...) -> None: ...

class AuditAlertRaised(_message.Message):
    __slots__ = ("alert",)
    ALERT_FIELD_NUMBER: _ClassVar[int]
    alert: _audit_pb2.AuditAlert
    def __init__(self, alert: _Optional[_Union[_audit_pb2.AuditAlert, _Mapping]] = ...) -> None: ...
