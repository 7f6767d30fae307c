import datetime

from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.api import resource_pb2 as _resource_pb2
from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.type import interval_pb2 as _interval_pb2
from gov.common.v1 import common_pb2 as _common_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class SharingRequestState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SHARING_REQUEST_STATE_UNSPECIFIED: _ClassVar[SharingRequestState]
    SHARING_REQUEST_STATE_PENDING: _ClassVar[SharingRequestState]
    SHARING_REQUEST_STATE_GRANTED: _ClassVar[SharingRequestState]
    SHARING_REQUEST_STATE_PARTIALLY_GRANTED: _ClassVar[SharingRequestState]
    SHARING_REQUEST_STATE_REFUSED: _ClassVar[SharingRequestState]
    SHARING_REQUEST_STATE_ESCALATED: _ClassVar[SharingRequestState]
    SHARING_REQUEST_STATE_WITHDRAWN: _ClassVar[SharingRequestState]
    SHARING_REQUEST_STATE_EXPIRED: _ClassVar[SharingRequestState]

class GrantState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    GRANT_STATE_UNSPECIFIED: _ClassVar[GrantState]
    GRANT_STATE_ACTIVE: _ClassVar[GrantState]
    GRANT_STATE_REVOKED: _ClassVar[GrantState]
    GRANT_STATE_EXPIRED: _ClassVar[GrantState]
SHARING_REQUEST_STATE_UNSPECIFIED: SharingRequestState
SHARING_REQUEST_STATE_PENDING: SharingRequestState
SHARING_REQUEST_STATE_GRANTED: SharingRequestState
SHARING_REQUEST_STATE_PARTIALLY_GRANTED: SharingRequestState
SHARING_REQUEST_STATE_REFUSED: SharingRequestState
SHARING_REQUEST_STATE_ESCALATED: SharingRequestState
SHARING_REQUEST_STATE_WITHDRAWN: SharingRequestState
SHARING_REQUEST_STATE_EXPIRED: SharingRequestState
GRANT_STATE_UNSPECIFIED: GrantState
GRANT_STATE_ACTIVE: GrantState
GRANT_STATE_REVOKED: GrantState
GRANT_STATE_EXPIRED: GrantState

class SharingRequest(_message.Message):
    __slots__ = ("name", "consumer", "resource", "provider", "share_type", "data_items", "duty", "legal_basis", "purpose", "period", "state", "due_time", "decision", "grant", "requester", "revision", "create_time", "update_time", "etag", "transitions")
    NAME_FIELD_NUMBER: _ClassVar[int]
    CONSUMER_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    SHARE_TYPE_FIELD_NUMBER: _ClassVar[int]
    DATA_ITEMS_FIELD_NUMBER: _ClassVar[int]
    DUTY_FIELD_NUMBER: _ClassVar[int]
    LEGAL_BASIS_FIELD_NUMBER: _ClassVar[int]
    PURPOSE_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    DUE_TIME_FIELD_NUMBER: _ClassVar[int]
    DECISION_FIELD_NUMBER: _ClassVar[int]
    GRANT_FIELD_NUMBER: _ClassVar[int]
    REQUESTER_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    TRANSITIONS_FIELD_NUMBER: _ClassVar[int]
    name: str
    consumer: str
    resource: str
    provider: str
    share_type: _common_pb2.ShareType
    data_items: _containers.RepeatedScalarFieldContainer[str]
    duty: str
    legal_basis: str
    purpose: str
    period: _interval_pb2.Interval
    state: SharingRequestState
    due_time: _timestamp_pb2.Timestamp
    decision: SharingDecision
    grant: str
    requester: _common_pb2.Actor
    revision: int
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    etag: str
    transitions: _containers.RepeatedCompositeFieldContainer[SharingRequestTransition]
    def __init__(self, name: _Optional[str] = ..., consumer: _Optional[str] = ..., resource: _Optional[str] = ..., provider: _Optional[str] = ..., share_type: _Optional[_Union[_common_pb2.ShareType, str]] = ..., data_items: _Optional[_Iterable[str]] = ..., duty: _Optional[str] = ..., legal_basis: _Optional[str] = ..., purpose: _Optional[str] = ..., period: _Optional[_Union[_interval_pb2.Interval, _Mapping]] = ..., state: _Optional[_Union[SharingRequestState, str]] = ..., due_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., decision: _Optional[_Union[SharingDecision, _Mapping]] = ..., grant: _Optional[str] = ..., requester: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., revision: _Optional[int] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., etag: _Optional[str] = ..., transitions: _Optional[_Iterable[_Union[SharingRequestTransition, _Mapping]]] = ...) -> None: ...

class SharingRequestTransition(_message.Message):
    __slots__ = ("from_state", "to_state", "actor", "time", "reason")
    FROM_STATE_FIELD_NUMBER: _ClassVar[int]
    TO_STATE_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    TIME_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    from_state: SharingRequestState
    to_state: SharingRequestState
    actor: _common_pb2.Actor
    time: _timestamp_pb2.Timestamp
    reason: str
    def __init__(self, from_state: _Optional[_Union[SharingRequestState, str]] = ..., to_state: _Optional[_Union[SharingRequestState, str]] = ..., actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., reason: _Optional[str] = ...) -> None: ...

class SharingDecision(_message.Message):
    __slots__ = ("approved_data_items", "period", "reason", "legal_basis", "decided_by", "decide_time")
    APPROVED_DATA_ITEMS_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    LEGAL_BASIS_FIELD_NUMBER: _ClassVar[int]
    DECIDED_BY_FIELD_NUMBER: _ClassVar[int]
    DECIDE_TIME_FIELD_NUMBER: _ClassVar[int]
    approved_data_items: _containers.RepeatedScalarFieldContainer[str]
    period: _interval_pb2.Interval
    reason: str
    legal_basis: str
    decided_by: _common_pb2.Actor
    decide_time: _timestamp_pb2.Timestamp
    def __init__(self, approved_data_items: _Optional[_Iterable[str]] = ..., period: _Optional[_Union[_interval_pb2.Interval, _Mapping]] = ..., reason: _Optional[str] = ..., legal_basis: _Optional[str] = ..., decided_by: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., decide_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class CreateSharingRequestRequest(_message.Message):
    __slots__ = ("parent", "sharing_request", "request_id")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    SHARING_REQUEST_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    parent: str
    sharing_request: SharingRequest
    request_id: str
    def __init__(self, parent: _Optional[str] = ..., sharing_request: _Optional[_Union[SharingRequest, _Mapping]] = ..., request_id: _Optional[str] = ...) -> None: ...

class GetSharingRequestRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListSharingRequestsRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token", "provider", "resource", "state")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    provider: str
    resource: str
    state: SharingRequestState
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., provider: _Optional[str] = ..., resource: _Optional[str] = ..., state: _Optional[_Union[SharingRequestState, str]] = ...) -> None: ...

class ListSharingRequestsResponse(_message.Message):
    __slots__ = ("sharing_requests", "next_page_token", "total_size")
    SHARING_REQUESTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    sharing_requests: _containers.RepeatedCompositeFieldContainer[SharingRequest]
    next_page_token: str
    total_size: int
    def __init__(self, sharing_requests: _Optional[_Iterable[_Union[SharingRequest, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class ApproveSharingRequestRequest(_message.Message):
    __slots__ = ("name", "etag", "data_items", "period", "daily_quota", "reason")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    DATA_ITEMS_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    DAILY_QUOTA_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    name: str
    etag: str
    data_items: _containers.RepeatedScalarFieldContainer[str]
    period: _interval_pb2.Interval
    daily_quota: int
    reason: str
    def __init__(self, name: _Optional[str] = ..., etag: _Optional[str] = ..., data_items: _Optional[_Iterable[str]] = ..., period: _Optional[_Union[_interval_pb2.Interval, _Mapping]] = ..., daily_quota: _Optional[int] = ..., reason: _Optional[str] = ...) -> None: ...

class RefuseSharingRequestRequest(_message.Message):
    __slots__ = ("name", "etag", "reason", "legal_basis")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    LEGAL_BASIS_FIELD_NUMBER: _ClassVar[int]
    name: str
    etag: str
    reason: str
    legal_basis: str
    def __init__(self, name: _Optional[str] = ..., etag: _Optional[str] = ..., reason: _Optional[str] = ..., legal_basis: _Optional[str] = ...) -> None: ...

class WithdrawSharingRequestRequest(_message.Message):
    __slots__ = ("name", "etag", "reason")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    name: str
    etag: str
    reason: str
    def __init__(self, name: _Optional[str] = ..., etag: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class Grant(_message.Message):
    __slots__ = ("name", "consumer", "provider", "resource", "data_items", "purpose", "duty", "sharing_request", "validity", "daily_quota", "state", "revoke_reason", "revoke_time", "revision", "create_time", "update_time", "etag")
    NAME_FIELD_NUMBER: _ClassVar[int]
    CONSUMER_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_FIELD_NUMBER: _ClassVar[int]
    DATA_ITEMS_FIELD_NUMBER: _ClassVar[int]
    PURPOSE_FIELD_NUMBER: _ClassVar[int]
    DUTY_FIELD_NUMBER: _ClassVar[int]
    SHARING_REQUEST_FIELD_NUMBER: _ClassVar[int]
    VALIDITY_FIELD_NUMBER: _ClassVar[int]
    DAILY_QUOTA_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    REVOKE_REASON_FIELD_NUMBER: _ClassVar[int]
    REVOKE_TIME_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    consumer: str
    provider: str
    resource: str
    data_items: _containers.RepeatedScalarFieldContainer[str]
    purpose: str
    duty: str
    sharing_request: str
    validity: _interval_pb2.Interval
    daily_quota: int
    state: GrantState
    revoke_reason: str
    revoke_time: _timestamp_pb2.Timestamp
    revision: int
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    etag: str
    def __init__(self, name: _Optional[str] = ..., consumer: _Optional[str] = ..., provider: _Optional[str] = ..., resource: _Optional[str] = ..., data_items: _Optional[_Iterable[str]] = ..., purpose: _Optional[str] = ..., duty: _Optional[str] = ..., sharing_request: _Optional[str] = ..., validity: _Optional[_Union[_interval_pb2.Interval, _Mapping]] = ..., daily_quota: _Optional[int] = ..., state: _Optional[_Union[GrantState, str]] = ..., revoke_reason: _Optional[str] = ..., revoke_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., revision: _Optional[int] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., etag: _Optional[str] = ...) -> None: ...

class GetGrantRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListGrantsRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token", "provider", "resource", "state")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    provider: str
    resource: str
    state: GrantState
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., provider: _Optional[str] = ..., resource: _Optional[str] = ..., state: _Optional[_Union[GrantState, str]] = ...) -> None: ...

class ListGrantsResponse(_message.Message):
    __slots__ = ("grants", "next_page_token", "total_size")
    GRANTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    grants: _containers.RepeatedCompositeFieldContainer[Grant]
    next_page_token: str
    total_size: int
    def __init__(self, grants: _Optional[_Iterable[_Union[Grant, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class RevokeGrantRequest(_message.Message):
    __slots__ = ("name", "etag", "reason")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    name: str
    etag: str
    reason: str
    def __init__(self, name: _Optional[str] = ..., etag: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class Record(_message.Message):
    __slots__ = ("key", "fields", "deleted", "source_update_time")
    class FieldsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    KEY_FIELD_NUMBER: _ClassVar[int]
    FIELDS_FIELD_NUMBER: _ClassVar[int]
    DELETED_FIELD_NUMBER: _ClassVar[int]
    SOURCE_UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    key: str
    fields: _containers.ScalarMap[str, str]
    deleted: bool
    source_update_time: _timestamp_pb2.Timestamp
    def __init__(self, key: _Optional[str] = ..., fields: _Optional[_Mapping[str, str]] = ..., deleted: _Optional[bool] = ..., source_update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class VersionedRecord(_message.Message):
    __slots__ = ("resource", "key", "fields", "deleted", "version", "sequence", "arrival_time", "source_update_time")
    class FieldsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    RESOURCE_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    FIELDS_FIELD_NUMBER: _ClassVar[int]
    DELETED_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    ARRIVAL_TIME_FIELD_NUMBER: _ClassVar[int]
    SOURCE_UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    resource: str
    key: str
    fields: _containers.ScalarMap[str, str]
    deleted: bool
    version: int
    sequence: int
    arrival_time: _timestamp_pb2.Timestamp
    source_update_time: _timestamp_pb2.Timestamp
    def __init__(self, resource: _Optional[str] = ..., key: _Optional[str] = ..., fields: _Optional[_Mapping[str, str]] = ..., deleted: _Optional[bool] = ..., version: _Optional[int] = ..., sequence: _Optional[int] = ..., arrival_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., source_update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class PublishRecordsRequest(_message.Message):
    __slots__ = ("resource", "records", "request_id")
    RESOURCE_FIELD_NUMBER: _ClassVar[int]
    RECORDS_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    resource: str
    records: _containers.RepeatedCompositeFieldContainer[Record]
    request_id: str
    def __init__(self, resource: _Optional[str] = ..., records: _Optional[_Iterable[_Union[Record, _Mapping]]] = ..., request_id: _Optional[str] = ...) -> None: ...

class PublishRecordsResponse(_message.Message):
    __slots__ = ("accepted_count", "rejected")
    ACCEPTED_COUNT_FIELD_NUMBER: _ClassVar[int]
    REJECTED_FIELD_NUMBER: _ClassVar[int]
    accepted_count: int
    rejected: _containers.RepeatedCompositeFieldContainer[RejectedRecord]
    def __init__(self, accepted_count: _Optional[int] = ..., rejected: _Optional[_Iterable[_Union[RejectedRecord, _Mapping]]] = ...) -> None: ...

class RejectedRecord(_message.Message):
    __slots__ = ("row_index", "field", "reason")
    ROW_INDEX_FIELD_NUMBER: _ClassVar[int]
    FIELD_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    row_index: int
    field: str
    reason: str
    def __init__(self, row_index: _Optional[int] = ..., field: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class QueryByKeyRequest(_message.Message):
    __slots__ = ("grant", "resource", "keys", "data_items", "key_item")
    GRANT_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_FIELD_NUMBER: _ClassVar[int]
    KEYS_FIELD_NUMBER: _ClassVar[int]
    DATA_ITEMS_FIELD_NUMBER: _ClassVar[int]
    KEY_ITEM_FIELD_NUMBER: _ClassVar[int]
    grant: str
    resource: str
    keys: _containers.RepeatedScalarFieldContainer[str]
    data_items: _containers.RepeatedScalarFieldContainer[str]
    key_item: str
    def __init__(self, grant: _Optional[str] = ..., resource: _Optional[str] = ..., keys: _Optional[_Iterable[str]] = ..., data_items: _Optional[_Iterable[str]] = ..., key_item: _Optional[str] = ...) -> None: ...

class QueryByKeyResponse(_message.Message):
    __slots__ = ("records", "missing_keys")
    RECORDS_FIELD_NUMBER: _ClassVar[int]
    MISSING_KEYS_FIELD_NUMBER: _ClassVar[int]
    records: _containers.RepeatedCompositeFieldContainer[VersionedRecord]
    missing_keys: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, records: _Optional[_Iterable[_Union[VersionedRecord, _Mapping]]] = ..., missing_keys: _Optional[_Iterable[str]] = ...) -> None: ...

class SubscribeRequest(_message.Message):
    __slots__ = ("grant", "after_sequence", "data_items")
    GRANT_FIELD_NUMBER: _ClassVar[int]
    AFTER_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    DATA_ITEMS_FIELD_NUMBER: _ClassVar[int]
    grant: str
    after_sequence: int
    data_items: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, grant: _Optional[str] = ..., after_sequence: _Optional[int] = ..., data_items: _Optional[_Iterable[str]] = ...) -> None: ...

class SubscribeResponse(_message.Message):
    __slots__ = ("record",)
    RECORD_FIELD_NUMBER: _ClassVar[int]
    record: VersionedRecord
    def __init__(self, record: _Optional[_Union[VersionedRecord, _Mapping]] = ...) -> None: ...

class ResourceFreshness(_message.Message):
    __slots__ = ("resource", "provider", "update_cycle", "last_publish_time", "due_time")
    RESOURCE_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    UPDATE_CYCLE_FIELD_NUMBER: _ClassVar[int]
    LAST_PUBLISH_TIME_FIELD_NUMBER: _ClassVar[int]
    DUE_TIME_FIELD_NUMBER: _ClassVar[int]
    resource: str
    provider: str
    update_cycle: _common_pb2.UpdateCycle
    last_publish_time: _timestamp_pb2.Timestamp
    due_time: _timestamp_pb2.Timestamp
    def __init__(self, resource: _Optional[str] = ..., provider: _Optional[str] = ..., update_cycle: _Optional[_Union[_common_pb2.UpdateCycle, str]] = ..., last_publish_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., due_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListOverdueResourcesRequest(_message.Message):
    __slots__ = ("provider", "page_size", "page_token")
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    provider: str
    page_size: int
    page_token: str
    def __init__(self, provider: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListOverdueResourcesResponse(_message.Message):
    __slots__ = ("resources", "next_page_token", "total_size")
    RESOURCES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    resources: _containers.RepeatedCompositeFieldContainer[ResourceFreshness]
    next_page_token: str
    total_size: int
    def __init__(self, resources: _Optional[_Iterable[_Union[ResourceFreshness, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class ResourceAdapter(_message.Message):
    __slots__ = ("resource", "address", "timeout", "update_time")
    RESOURCE_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    TIMEOUT_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    resource: str
    address: str
    timeout: _duration_pb2.Duration
    update_time: _timestamp_pb2.Timestamp
    def __init__(self, resource: _Optional[str] = ..., address: _Optional[str] = ..., timeout: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class SetResourceAdapterRequest(_message.Message):
    __slots__ = ("adapter",)
    ADAPTER_FIELD_NUMBER: _ClassVar[int]
    adapter: ResourceAdapter
    def __init__(self, adapter: _Optional[_Union[ResourceAdapter, _Mapping]] = ...) -> None: ...

class LookupRecordsRequest(_message.Message):
    __slots__ = ("resource", "keys", "data_items", "consumer", "purpose", "request_id", "key_item")
    RESOURCE_FIELD_NUMBER: _ClassVar[int]
    KEYS_FIELD_NUMBER: _ClassVar[int]
    DATA_ITEMS_FIELD_NUMBER: _ClassVar[int]
    CONSUMER_FIELD_NUMBER: _ClassVar[int]
    PURPOSE_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    KEY_ITEM_FIELD_NUMBER: _ClassVar[int]
    resource: str
    keys: _containers.RepeatedScalarFieldContainer[str]
    data_items: _containers.RepeatedScalarFieldContainer[str]
    consumer: str
    purpose: str
    request_id: str
    key_item: str
    def __init__(self, resource: _Optional[str] = ..., keys: _Optional[_Iterable[str]] = ..., data_items: _Optional[_Iterable[str]] = ..., consumer: _Optional[str] = ..., purpose: _Optional[str] = ..., request_id: _Optional[str] = ..., key_item: _Optional[str] = ...) -> None: ...

class LookupRecordsResponse(_message.Message):
    __slots__ = ("records",)
    RECORDS_FIELD_NUMBER: _ClassVar[int]
    records: _containers.RepeatedCompositeFieldContainer[Record]
    def __init__(self, records: _Optional[_Iterable[_Union[Record, _Mapping]]] = ...) -> None: ...
