import datetime

from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.type import interval_pb2 as _interval_pb2
from gov.common.v1 import common_pb2 as _common_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AuditRecord(_message.Message):
    __slots__ = ("id", "time", "actor", "request_id", "method", "resource", "data_items", "data_subject_keys", "purpose", "grant", "outcome", "service", "leaf_index", "leaf_hash", "hidden_until", "trace_id")
    ID_FIELD_NUMBER: _ClassVar[int]
    TIME_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_FIELD_NUMBER: _ClassVar[int]
    DATA_ITEMS_FIELD_NUMBER: _ClassVar[int]
    DATA_SUBJECT_KEYS_FIELD_NUMBER: _ClassVar[int]
    PURPOSE_FIELD_NUMBER: _ClassVar[int]
    GRANT_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    LEAF_INDEX_FIELD_NUMBER: _ClassVar[int]
    LEAF_HASH_FIELD_NUMBER: _ClassVar[int]
    HIDDEN_UNTIL_FIELD_NUMBER: _ClassVar[int]
    TRACE_ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    time: _timestamp_pb2.Timestamp
    actor: _common_pb2.Actor
    request_id: str
    method: str
    resource: str
    data_items: _containers.RepeatedScalarFieldContainer[str]
    data_subject_keys: _containers.RepeatedScalarFieldContainer[str]
    purpose: str
    grant: str
    outcome: str
    service: str
    leaf_index: int
    leaf_hash: bytes
    hidden_until: _timestamp_pb2.Timestamp
    trace_id: str
    def __init__(self, id: _Optional[str] = ..., time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., request_id: _Optional[str] = ..., method: _Optional[str] = ..., resource: _Optional[str] = ..., data_items: _Optional[_Iterable[str]] = ..., data_subject_keys: _Optional[_Iterable[str]] = ..., purpose: _Optional[str] = ..., grant: _Optional[str] = ..., outcome: _Optional[str] = ..., service: _Optional[str] = ..., leaf_index: _Optional[int] = ..., leaf_hash: _Optional[bytes] = ..., hidden_until: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., trace_id: _Optional[str] = ...) -> None: ...

class QueryAuditRecordsRequest(_message.Message):
    __slots__ = ("time_range", "actor_system", "actor_person", "actor_organization", "resource", "grant", "request_id", "method", "outcome", "data_subject_id", "page_size", "page_token", "purpose", "service")
    TIME_RANGE_FIELD_NUMBER: _ClassVar[int]
    ACTOR_SYSTEM_FIELD_NUMBER: _ClassVar[int]
    ACTOR_PERSON_FIELD_NUMBER: _ClassVar[int]
    ACTOR_ORGANIZATION_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_FIELD_NUMBER: _ClassVar[int]
    GRANT_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    DATA_SUBJECT_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    PURPOSE_FIELD_NUMBER: _ClassVar[int]
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    time_range: _interval_pb2.Interval
    actor_system: str
    actor_person: str
    actor_organization: str
    resource: str
    grant: str
    request_id: str
    method: str
    outcome: str
    data_subject_id: str
    page_size: int
    page_token: str
    purpose: str
    service: str
    def __init__(self, time_range: _Optional[_Union[_interval_pb2.Interval, _Mapping]] = ..., actor_system: _Optional[str] = ..., actor_person: _Optional[str] = ..., actor_organization: _Optional[str] = ..., resource: _Optional[str] = ..., grant: _Optional[str] = ..., request_id: _Optional[str] = ..., method: _Optional[str] = ..., outcome: _Optional[str] = ..., data_subject_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., purpose: _Optional[str] = ..., service: _Optional[str] = ...) -> None: ...

class QueryAuditRecordsResponse(_message.Message):
    __slots__ = ("audit_records", "next_page_token")
    AUDIT_RECORDS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    audit_records: _containers.RepeatedCompositeFieldContainer[AuditRecord]
    next_page_token: str
    def __init__(self, audit_records: _Optional[_Iterable[_Union[AuditRecord, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetTreeHeadRequest(_message.Message):
    __slots__ = ("tree_size",)
    TREE_SIZE_FIELD_NUMBER: _ClassVar[int]
    tree_size: int
    def __init__(self, tree_size: _Optional[int] = ...) -> None: ...

class SignTreeHeadRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class TreeHead(_message.Message):
    __slots__ = ("tree_size", "root_hash", "time", "key_id", "signature", "origin")
    TREE_SIZE_FIELD_NUMBER: _ClassVar[int]
    ROOT_HASH_FIELD_NUMBER: _ClassVar[int]
    TIME_FIELD_NUMBER: _ClassVar[int]
    KEY_ID_FIELD_NUMBER: _ClassVar[int]
    SIGNATURE_FIELD_NUMBER: _ClassVar[int]
    ORIGIN_FIELD_NUMBER: _ClassVar[int]
    tree_size: int
    root_hash: bytes
    time: _timestamp_pb2.Timestamp
    key_id: str
    signature: bytes
    origin: str
    def __init__(self, tree_size: _Optional[int] = ..., root_hash: _Optional[bytes] = ..., time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., key_id: _Optional[str] = ..., signature: _Optional[bytes] = ..., origin: _Optional[str] = ...) -> None: ...

class GetInclusionProofRequest(_message.Message):
    __slots__ = ("leaf_index", "tree_size")
    LEAF_INDEX_FIELD_NUMBER: _ClassVar[int]
    TREE_SIZE_FIELD_NUMBER: _ClassVar[int]
    leaf_index: int
    tree_size: int
    def __init__(self, leaf_index: _Optional[int] = ..., tree_size: _Optional[int] = ...) -> None: ...

class InclusionProof(_message.Message):
    __slots__ = ("leaf_index", "tree_size", "hashes")
    LEAF_INDEX_FIELD_NUMBER: _ClassVar[int]
    TREE_SIZE_FIELD_NUMBER: _ClassVar[int]
    HASHES_FIELD_NUMBER: _ClassVar[int]
    leaf_index: int
    tree_size: int
    hashes: _containers.RepeatedScalarFieldContainer[bytes]
    def __init__(self, leaf_index: _Optional[int] = ..., tree_size: _Optional[int] = ..., hashes: _Optional[_Iterable[bytes]] = ...) -> None: ...

class GetConsistencyProofRequest(_message.Message):
    __slots__ = ("first_tree_size", "second_tree_size")
    FIRST_TREE_SIZE_FIELD_NUMBER: _ClassVar[int]
    SECOND_TREE_SIZE_FIELD_NUMBER: _ClassVar[int]
    first_tree_size: int
    second_tree_size: int
    def __init__(self, first_tree_size: _Optional[int] = ..., second_tree_size: _Optional[int] = ...) -> None: ...

class ConsistencyProof(_message.Message):
    __slots__ = ("first_tree_size", "second_tree_size", "hashes")
    FIRST_TREE_SIZE_FIELD_NUMBER: _ClassVar[int]
    SECOND_TREE_SIZE_FIELD_NUMBER: _ClassVar[int]
    HASHES_FIELD_NUMBER: _ClassVar[int]
    first_tree_size: int
    second_tree_size: int
    hashes: _containers.RepeatedScalarFieldContainer[bytes]
    def __init__(self, first_tree_size: _Optional[int] = ..., second_tree_size: _Optional[int] = ..., hashes: _Optional[_Iterable[bytes]] = ...) -> None: ...

class ListAccessesToMeRequest(_message.Message):
    __slots__ = ("time_range", "page_size", "page_token")
    TIME_RANGE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    time_range: _interval_pb2.Interval
    page_size: int
    page_token: str
    def __init__(self, time_range: _Optional[_Union[_interval_pb2.Interval, _Mapping]] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListAccessesToMeResponse(_message.Message):
    __slots__ = ("accesses", "next_page_token")
    ACCESSES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    accesses: _containers.RepeatedCompositeFieldContainer[CitizenAccess]
    next_page_token: str
    def __init__(self, accesses: _Optional[_Iterable[_Union[CitizenAccess, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class CitizenAccess(_message.Message):
    __slots__ = ("time", "organization", "organization_display_name", "resource", "resource_display_name", "data_items", "purpose", "outcome")
    TIME_FIELD_NUMBER: _ClassVar[int]
    ORGANIZATION_FIELD_NUMBER: _ClassVar[int]
    ORGANIZATION_DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    DATA_ITEMS_FIELD_NUMBER: _ClassVar[int]
    PURPOSE_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    time: _timestamp_pb2.Timestamp
    organization: str
    organization_display_name: str
    resource: str
    resource_display_name: str
    data_items: _containers.RepeatedScalarFieldContainer[str]
    purpose: str
    outcome: str
    def __init__(self, time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., organization: _Optional[str] = ..., organization_display_name: _Optional[str] = ..., resource: _Optional[str] = ..., resource_display_name: _Optional[str] = ..., data_items: _Optional[_Iterable[str]] = ..., purpose: _Optional[str] = ..., outcome: _Optional[str] = ...) -> None: ...

class GetCitizenAccessReportRequest(_message.Message):
    __slots__ = ("citizen_id", "time_range", "page_size", "page_token")
    CITIZEN_ID_FIELD_NUMBER: _ClassVar[int]
    TIME_RANGE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    citizen_id: str
    time_range: _interval_pb2.Interval
    page_size: int
    page_token: str
    def __init__(self, citizen_id: _Optional[str] = ..., time_range: _Optional[_Union[_interval_pb2.Interval, _Mapping]] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class VerifyLogRequest(_message.Message):
    __slots__ = ("include_records",)
    INCLUDE_RECORDS_FIELD_NUMBER: _ClassVar[int]
    include_records: bool
    def __init__(self, include_records: _Optional[bool] = ...) -> None: ...

class Divergence(_message.Message):
    __slots__ = ("leaf_index", "record_id", "reason")
    LEAF_INDEX_FIELD_NUMBER: _ClassVar[int]
    RECORD_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    leaf_index: int
    record_id: str
    reason: str
    def __init__(self, leaf_index: _Optional[int] = ..., record_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class VerifyLogResponse(_message.Message):
    __slots__ = ("ok", "tree_size", "leaves_checked", "leaves_archived", "heads_checked", "records_checked", "first_divergence", "duration")
    OK_FIELD_NUMBER: _ClassVar[int]
    TREE_SIZE_FIELD_NUMBER: _ClassVar[int]
    LEAVES_CHECKED_FIELD_NUMBER: _ClassVar[int]
    LEAVES_ARCHIVED_FIELD_NUMBER: _ClassVar[int]
    HEADS_CHECKED_FIELD_NUMBER: _ClassVar[int]
    RECORDS_CHECKED_FIELD_NUMBER: _ClassVar[int]
    FIRST_DIVERGENCE_FIELD_NUMBER: _ClassVar[int]
    DURATION_FIELD_NUMBER: _ClassVar[int]
    ok: bool
    tree_size: int
    leaves_checked: int
    leaves_archived: int
    heads_checked: int
    records_checked: int
    first_divergence: Divergence
    duration: _duration_pb2.Duration
    def __init__(self, ok: _Optional[bool] = ..., tree_size: _Optional[int] = ..., leaves_checked: _Optional[int] = ..., leaves_archived: _Optional[int] = ..., heads_checked: _Optional[int] = ..., records_checked: _Optional[int] = ..., first_divergence: _Optional[_Union[Divergence, _Mapping]] = ..., duration: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class ExportAuditRecordsRequest(_message.Message):
    __slots__ = ("first_leaf_index", "end_leaf_index")
    FIRST_LEAF_INDEX_FIELD_NUMBER: _ClassVar[int]
    END_LEAF_INDEX_FIELD_NUMBER: _ClassVar[int]
    first_leaf_index: int
    end_leaf_index: int
    def __init__(self, first_leaf_index: _Optional[int] = ..., end_leaf_index: _Optional[int] = ...) -> None: ...

class ExportAuditRecordsResponse(_message.Message):
    __slots__ = ("data",)
    DATA_FIELD_NUMBER: _ClassVar[int]
    data: bytes
    def __init__(self, data: _Optional[bytes] = ...) -> None: ...

class AuditAlert(_message.Message):
    __slots__ = ("name", "rule", "kind", "severity", "time", "summary", "actor", "resource", "record_ids", "leaf_indexes", "rules_version")
    NAME_FIELD_NUMBER: _ClassVar[int]
    RULE_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    SEVERITY_FIELD_NUMBER: _ClassVar[int]
    TIME_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_FIELD_NUMBER: _ClassVar[int]
    RECORD_IDS_FIELD_NUMBER: _ClassVar[int]
    LEAF_INDEXES_FIELD_NUMBER: _ClassVar[int]
    RULES_VERSION_FIELD_NUMBER: _ClassVar[int]
    name: str
    rule: str
    kind: str
    severity: str
    time: _timestamp_pb2.Timestamp
    summary: str
    actor: _common_pb2.Actor
    resource: str
    record_ids: _containers.RepeatedScalarFieldContainer[str]
    leaf_indexes: _containers.RepeatedScalarFieldContainer[int]
    rules_version: str
    def __init__(self, name: _Optional[str] = ..., rule: _Optional[str] = ..., kind: _Optional[str] = ..., severity: _Optional[str] = ..., time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., summary: _Optional[str] = ..., actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., resource: _Optional[str] = ..., record_ids: _Optional[_Iterable[str]] = ..., leaf_indexes: _Optional[_Iterable[int]] = ..., rules_version: _Optional[str] = ...) -> None: ...

class ListAuditAlertsRequest(_message.Message):
    __slots__ = ("rule", "time_range", "page_size", "page_token")
    RULE_FIELD_NUMBER: _ClassVar[int]
    TIME_RANGE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    rule: str
    time_range: _interval_pb2.Interval
    page_size: int
    page_token: str
    def __init__(self, rule: _Optional[str] = ..., time_range: _Optional[_Union[_interval_pb2.Interval, _Mapping]] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListAuditAlertsResponse(_message.Message):
    __slots__ = ("alerts", "next_page_token")
    ALERTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    alerts: _containers.RepeatedCompositeFieldContainer[AuditAlert]
    next_page_token: str
    def __init__(self, alerts: _Optional[_Iterable[_Union[AuditAlert, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class AuditArchive(_message.Message):
    __slots__ = ("first_leaf_index", "end_leaf_index", "file", "sha256", "leaves_digest", "tree_head", "archive_time")
    FIRST_LEAF_INDEX_FIELD_NUMBER: _ClassVar[int]
    END_LEAF_INDEX_FIELD_NUMBER: _ClassVar[int]
    FILE_FIELD_NUMBER: _ClassVar[int]
    SHA256_FIELD_NUMBER: _ClassVar[int]
    LEAVES_DIGEST_FIELD_NUMBER: _ClassVar[int]
    TREE_HEAD_FIELD_NUMBER: _ClassVar[int]
    ARCHIVE_TIME_FIELD_NUMBER: _ClassVar[int]
    first_leaf_index: int
    end_leaf_index: int
    file: str
    sha256: bytes
    leaves_digest: bytes
    tree_head: TreeHead
    archive_time: _timestamp_pb2.Timestamp
    def __init__(self, first_leaf_index: _Optional[int] = ..., end_leaf_index: _Optional[int] = ..., file: _Optional[str] = ..., sha256: _Optional[bytes] = ..., leaves_digest: _Optional[bytes] = ..., tree_head: _Optional[_Union[TreeHead, _Mapping]] = ..., archive_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListAuditArchivesRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListAuditArchivesResponse(_message.Message):
    __slots__ = ("archives", "next_page_token")
    ARCHIVES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    archives: _containers.RepeatedCompositeFieldContainer[AuditArchive]
    next_page_token: str
    def __init__(self, archives: _Optional[_Iterable[_Union[AuditArchive, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...
