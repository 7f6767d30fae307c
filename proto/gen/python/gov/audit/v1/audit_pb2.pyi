import datetime

from google.api import field_behavior_pb2 as _field_behavior_pb2
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
    __slots__ = ("id", "time", "actor", "request_id", "method", "resource", "data_items", "data_subject_keys", "purpose", "grant", "outcome", "service", "leaf_index", "leaf_hash", "hidden_until")
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
    def __init__(self, id: _Optional[str] = ..., time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., request_id: _Optional[str] = ..., method: _Optional[str] = ..., resource: _Optional[str] = ..., data_items: _Optional[_Iterable[str]] = ..., data_subject_keys: _Optional[_Iterable[str]] = ..., purpose: _Optional[str] = ..., grant: _Optional[str] = ..., outcome: _Optional[str] = ..., service: _Optional[str] = ..., leaf_index: _Optional[int] = ..., leaf_hash: _Optional[bytes] = ..., hidden_until: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class QueryAuditRecordsRequest(_message.Message):
    __slots__ = ("time_range", "actor_system", "actor_person", "actor_organization", "resource", "grant", "request_id", "method", "outcome", "data_subject_id", "page_size", "page_token")
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
    def __init__(self, time_range: _Optional[_Union[_interval_pb2.Interval, _Mapping]] = ..., actor_system: _Optional[str] = ..., actor_person: _Optional[str] = ..., actor_organization: _Optional[str] = ..., resource: _Optional[str] = ..., grant: _Optional[str] = ..., request_id: _Optional[str] = ..., method: _Optional[str] = ..., outcome: _Optional[str] = ..., data_subject_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

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

class TreeHead(_message.Message):
    __slots__ = ("tree_size", "root_hash", "time", "key_id", "signature")
    TREE_SIZE_FIELD_NUMBER: _ClassVar[int]
    ROOT_HASH_FIELD_NUMBER: _ClassVar[int]
    TIME_FIELD_NUMBER: _ClassVar[int]
    KEY_ID_FIELD_NUMBER: _ClassVar[int]
    SIGNATURE_FIELD_NUMBER: _ClassVar[int]
    tree_size: int
    root_hash: bytes
    time: _timestamp_pb2.Timestamp
    key_id: str
    signature: bytes
    def __init__(self, tree_size: _Optional[int] = ..., root_hash: _Optional[bytes] = ..., time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., key_id: _Optional[str] = ..., signature: _Optional[bytes] = ...) -> None: ...

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
