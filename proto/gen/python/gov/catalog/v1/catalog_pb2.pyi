import datetime

from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.api import resource_pb2 as _resource_pb2
from google.longrunning import operations_pb2 as _operations_pb2
from google.protobuf import empty_pb2 as _empty_pb2
from google.protobuf import field_mask_pb2 as _field_mask_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.type import date_pb2 as _date_pb2
from gov.common.v1 import common_pb2 as _common_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class OrganizationKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ORGANIZATION_KIND_UNSPECIFIED: _ClassVar[OrganizationKind]
    ORGANIZATION_KIND_GOVERNMENT: _ClassVar[OrganizationKind]
    ORGANIZATION_KIND_DEPARTMENT: _ClassVar[OrganizationKind]
    ORGANIZATION_KIND_INTERNAL_OFFICE: _ClassVar[OrganizationKind]

class ResourceState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    RESOURCE_STATE_UNSPECIFIED: _ClassVar[ResourceState]
    RESOURCE_STATE_DRAFT: _ClassVar[ResourceState]
    RESOURCE_STATE_SUBMITTED: _ClassVar[ResourceState]
    RESOURCE_STATE_PUBLISHED: _ClassVar[ResourceState]
    RESOURCE_STATE_RETIRED: _ClassVar[ResourceState]

class OpenType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    OPEN_TYPE_UNSPECIFIED: _ClassVar[OpenType]
    OPEN_TYPE_OPEN: _ClassVar[OpenType]
    OPEN_TYPE_CONDITIONAL: _ClassVar[OpenType]
    OPEN_TYPE_NOT_OPEN: _ClassVar[OpenType]

class DutyKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DUTY_KIND_UNSPECIFIED: _ClassVar[DutyKind]
    DUTY_KIND_RESPONSIBILITY: _ClassVar[DutyKind]
    DUTY_KIND_ADMINISTRATIVE_LICENSING: _ClassVar[DutyKind]
    DUTY_KIND_ADMINISTRATIVE_PENALTY: _ClassVar[DutyKind]
    DUTY_KIND_ADMINISTRATIVE_ENFORCEMENT: _ClassVar[DutyKind]
    DUTY_KIND_ADMINISTRATIVE_LEVY: _ClassVar[DutyKind]
    DUTY_KIND_ADMINISTRATIVE_PAYMENT: _ClassVar[DutyKind]
    DUTY_KIND_ADMINISTRATIVE_INSPECTION: _ClassVar[DutyKind]
    DUTY_KIND_ADMINISTRATIVE_CONFIRMATION: _ClassVar[DutyKind]
    DUTY_KIND_ADMINISTRATIVE_REWARD: _ClassVar[DutyKind]
    DUTY_KIND_ADMINISTRATIVE_ADJUDICATION: _ClassVar[DutyKind]
    DUTY_KIND_OTHER_POWER: _ClassVar[DutyKind]
    DUTY_KIND_PUBLIC_SERVICE: _ClassVar[DutyKind]

class SystemScope(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SYSTEM_SCOPE_UNSPECIFIED: _ClassVar[SystemScope]
    SYSTEM_SCOPE_OFFICE: _ClassVar[SystemScope]
    SYSTEM_SCOPE_DEPARTMENT: _ClassVar[SystemScope]
    SYSTEM_SCOPE_CROSS_DEPARTMENT: _ClassVar[SystemScope]
    SYSTEM_SCOPE_GOVERNMENT_WIDE: _ClassVar[SystemScope]
    SYSTEM_SCOPE_PUBLIC: _ClassVar[SystemScope]

class UsageFrequency(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    USAGE_FREQUENCY_UNSPECIFIED: _ClassVar[UsageFrequency]
    USAGE_FREQUENCY_DAILY: _ClassVar[UsageFrequency]
    USAGE_FREQUENCY_WEEKLY: _ClassVar[UsageFrequency]
    USAGE_FREQUENCY_MONTHLY: _ClassVar[UsageFrequency]
    USAGE_FREQUENCY_RARELY: _ClassVar[UsageFrequency]
    USAGE_FREQUENCY_IDLE: _ClassVar[UsageFrequency]

class FundingSource(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    FUNDING_SOURCE_UNSPECIFIED: _ClassVar[FundingSource]
    FUNDING_SOURCE_LOCAL_FISCAL: _ClassVar[FundingSource]
    FUNDING_SOURCE_HIGHER_LEVEL: _ClassVar[FundingSource]
    FUNDING_SOURCE_SELF_RAISED: _ClassVar[FundingSource]
    FUNDING_SOURCE_OTHER: _ClassVar[FundingSource]
    FUNDING_SOURCE_NONE: _ClassVar[FundingSource]

class SystemStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SYSTEM_STATUS_UNSPECIFIED: _ClassVar[SystemStatus]
    SYSTEM_STATUS_IN_OPERATION: _ClassVar[SystemStatus]
    SYSTEM_STATUS_MAINTENANCE_STOPPED: _ClassVar[SystemStatus]
    SYSTEM_STATUS_DECOMMISSIONED: _ClassVar[SystemStatus]

class ZombieIndicator(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ZOMBIE_INDICATOR_UNSPECIFIED: _ClassVar[ZombieIndicator]
    ZOMBIE_INDICATOR_IDLE: _ClassVar[ZombieIndicator]
    ZOMBIE_INDICATOR_OUT_OF_STEP: _ClassVar[ZombieIndicator]
    ZOMBIE_INDICATOR_MAINTENANCE_STOPPED: _ClassVar[ZombieIndicator]
    ZOMBIE_INDICATOR_TINY_SCOPE: _ClassVar[ZombieIndicator]
    ZOMBIE_INDICATOR_RARELY_USED: _ClassVar[ZombieIndicator]
    ZOMBIE_INDICATOR_NO_DUTY: _ClassVar[ZombieIndicator]

class DemandState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DEMAND_STATE_UNSPECIFIED: _ClassVar[DemandState]
    DEMAND_STATE_OPEN: _ClassVar[DemandState]
    DEMAND_STATE_MATCHED: _ClassVar[DemandState]
    DEMAND_STATE_FULFILLED: _ClassVar[DemandState]
    DEMAND_STATE_CLOSED: _ClassVar[DemandState]

class CallingSystemState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CALLING_SYSTEM_STATE_UNSPECIFIED: _ClassVar[CallingSystemState]
    CALLING_SYSTEM_STATE_ACTIVE: _ClassVar[CallingSystemState]
    CALLING_SYSTEM_STATE_SUSPENDED: _ClassVar[CallingSystemState]

class VersionKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    VERSION_KIND_UNSPECIFIED: _ClassVar[VersionKind]
    VERSION_KIND_CREATED: _ClassVar[VersionKind]
    VERSION_KIND_UPDATED: _ClassVar[VersionKind]
    VERSION_KIND_STATE_CHANGED: _ClassVar[VersionKind]
    VERSION_KIND_DELETED: _ClassVar[VersionKind]

class PartyRole(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PARTY_ROLE_UNSPECIFIED: _ClassVar[PartyRole]
    PARTY_ROLE_PROVIDER: _ClassVar[PartyRole]
    PARTY_ROLE_CONSUMER: _ClassVar[PartyRole]

class SpreadsheetFormat(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SPREADSHEET_FORMAT_UNSPECIFIED: _ClassVar[SpreadsheetFormat]
    SPREADSHEET_FORMAT_XLSX: _ClassVar[SpreadsheetFormat]
    SPREADSHEET_FORMAT_CSV: _ClassVar[SpreadsheetFormat]

class CatalogueSheet(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CATALOGUE_SHEET_UNSPECIFIED: _ClassVar[CatalogueSheet]
    CATALOGUE_SHEET_ORGANIZATIONS: _ClassVar[CatalogueSheet]
    CATALOGUE_SHEET_DUTIES: _ClassVar[CatalogueSheet]
    CATALOGUE_SHEET_SYSTEMS: _ClassVar[CatalogueSheet]
    CATALOGUE_SHEET_RESOURCES: _ClassVar[CatalogueSheet]
    CATALOGUE_SHEET_DATA_ITEMS: _ClassVar[CatalogueSheet]
    CATALOGUE_SHEET_DEMANDS: _ClassVar[CatalogueSheet]

class ExportFormat(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    EXPORT_FORMAT_UNSPECIFIED: _ClassVar[ExportFormat]
    EXPORT_FORMAT_XLSX: _ClassVar[ExportFormat]
    EXPORT_FORMAT_CSV_ZIP: _ClassVar[ExportFormat]
    EXPORT_FORMAT_DCAT_JSONLD: _ClassVar[ExportFormat]
ORGANIZATION_KIND_UNSPECIFIED: OrganizationKind
ORGANIZATION_KIND_GOVERNMENT: OrganizationKind
ORGANIZATION_KIND_DEPARTMENT: OrganizationKind
ORGANIZATION_KIND_INTERNAL_OFFICE: OrganizationKind
RESOURCE_STATE_UNSPECIFIED: ResourceState
RESOURCE_STATE_DRAFT: ResourceState
RESOURCE_STATE_SUBMITTED: ResourceState
RESOURCE_STATE_PUBLISHED: ResourceState
RESOURCE_STATE_RETIRED: ResourceState
OPEN_TYPE_UNSPECIFIED: OpenType
OPEN_TYPE_OPEN: OpenType
OPEN_TYPE_CONDITIONAL: OpenType
OPEN_TYPE_NOT_OPEN: OpenType
DUTY_KIND_UNSPECIFIED: DutyKind
DUTY_KIND_RESPONSIBILITY: DutyKind
DUTY_KIND_ADMINISTRATIVE_LICENSING: DutyKind
DUTY_KIND_ADMINISTRATIVE_PENALTY: DutyKind
DUTY_KIND_ADMINISTRATIVE_ENFORCEMENT: DutyKind
DUTY_KIND_ADMINISTRATIVE_LEVY: DutyKind
DUTY_KIND_ADMINISTRATIVE_PAYMENT: DutyKind
DUTY_KIND_ADMINISTRATIVE_INSPECTION: DutyKind
DUTY_KIND_ADMINISTRATIVE_CONFIRMATION: DutyKind
DUTY_KIND_ADMINISTRATIVE_REWARD: DutyKind
DUTY_KIND_ADMINISTRATIVE_ADJUDICATION: DutyKind
DUTY_KIND_OTHER_POWER: DutyKind
DUTY_KIND_PUBLIC_SERVICE: DutyKind
SYSTEM_SCOPE_UNSPECIFIED: SystemScope
SYSTEM_SCOPE_OFFICE: SystemScope
SYSTEM_SCOPE_DEPARTMENT: SystemScope
SYSTEM_SCOPE_CROSS_DEPARTMENT: SystemScope
SYSTEM_SCOPE_GOVERNMENT_WIDE: SystemScope
SYSTEM_SCOPE_PUBLIC: SystemScope
USAGE_FREQUENCY_UNSPECIFIED: UsageFrequency
USAGE_FREQUENCY_DAILY: UsageFrequency
USAGE_FREQUENCY_WEEKLY: UsageFrequency
USAGE_FREQUENCY_MONTHLY: UsageFrequency
USAGE_FREQUENCY_RARELY: UsageFrequency
USAGE_FREQUENCY_IDLE: UsageFrequency
FUNDING_SOURCE_UNSPECIFIED: FundingSource
FUNDING_SOURCE_LOCAL_FISCAL: FundingSource
FUNDING_SOURCE_HIGHER_LEVEL: FundingSource
FUNDING_SOURCE_SELF_RAISED: FundingSource
FUNDING_SOURCE_OTHER: FundingSource
FUNDING_SOURCE_NONE: FundingSource
SYSTEM_STATUS_UNSPECIFIED: SystemStatus
SYSTEM_STATUS_IN_OPERATION: SystemStatus
SYSTEM_STATUS_MAINTENANCE_STOPPED: SystemStatus
SYSTEM_STATUS_DECOMMISSIONED: SystemStatus
ZOMBIE_INDICATOR_UNSPECIFIED: ZombieIndicator
ZOMBIE_INDICATOR_IDLE: ZombieIndicator
ZOMBIE_INDICATOR_OUT_OF_STEP: ZombieIndicator
ZOMBIE_INDICATOR_MAINTENANCE_STOPPED: ZombieIndicator
ZOMBIE_INDICATOR_TINY_SCOPE: ZombieIndicator
ZOMBIE_INDICATOR_RARELY_USED: ZombieIndicator
ZOMBIE_INDICATOR_NO_DUTY: ZombieIndicator
DEMAND_STATE_UNSPECIFIED: DemandState
DEMAND_STATE_OPEN: DemandState
DEMAND_STATE_MATCHED: DemandState
DEMAND_STATE_FULFILLED: DemandState
DEMAND_STATE_CLOSED: DemandState
CALLING_SYSTEM_STATE_UNSPECIFIED: CallingSystemState
CALLING_SYSTEM_STATE_ACTIVE: CallingSystemState
CALLING_SYSTEM_STATE_SUSPENDED: CallingSystemState
VERSION_KIND_UNSPECIFIED: VersionKind
VERSION_KIND_CREATED: VersionKind
VERSION_KIND_UPDATED: VersionKind
VERSION_KIND_STATE_CHANGED: VersionKind
VERSION_KIND_DELETED: VersionKind
PARTY_ROLE_UNSPECIFIED: PartyRole
PARTY_ROLE_PROVIDER: PartyRole
PARTY_ROLE_CONSUMER: PartyRole
SPREADSHEET_FORMAT_UNSPECIFIED: SpreadsheetFormat
SPREADSHEET_FORMAT_XLSX: SpreadsheetFormat
SPREADSHEET_FORMAT_CSV: SpreadsheetFormat
CATALOGUE_SHEET_UNSPECIFIED: CatalogueSheet
CATALOGUE_SHEET_ORGANIZATIONS: CatalogueSheet
CATALOGUE_SHEET_DUTIES: CatalogueSheet
CATALOGUE_SHEET_SYSTEMS: CatalogueSheet
CATALOGUE_SHEET_RESOURCES: CatalogueSheet
CATALOGUE_SHEET_DATA_ITEMS: CatalogueSheet
CATALOGUE_SHEET_DEMANDS: CatalogueSheet
EXPORT_FORMAT_UNSPECIFIED: ExportFormat
EXPORT_FORMAT_XLSX: ExportFormat
EXPORT_FORMAT_CSV_ZIP: ExportFormat
EXPORT_FORMAT_DCAT_JSONLD: ExportFormat

class Organization(_message.Message):
    __slots__ = ("name", "display_name", "unified_social_credit_code", "parent", "kind", "credit_code_override", "revision", "create_time", "update_time", "etag")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    UNIFIED_SOCIAL_CREDIT_CODE_FIELD_NUMBER: _ClassVar[int]
    PARENT_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    CREDIT_CODE_OVERRIDE_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    display_name: str
    unified_social_credit_code: str
    parent: str
    kind: OrganizationKind
    credit_code_override: CreditCodeOverride
    revision: int
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    etag: str
    def __init__(self, name: _Optional[str] = ..., display_name: _Optional[str] = ..., unified_social_credit_code: _Optional[str] = ..., parent: _Optional[str] = ..., kind: _Optional[_Union[OrganizationKind, str]] = ..., credit_code_override: _Optional[_Union[CreditCodeOverride, _Mapping]] = ..., revision: _Optional[int] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., etag: _Optional[str] = ...) -> None: ...

class CreditCodeOverride(_message.Message):
    __slots__ = ("reason", "approved_by", "record_time")
    REASON_FIELD_NUMBER: _ClassVar[int]
    APPROVED_BY_FIELD_NUMBER: _ClassVar[int]
    RECORD_TIME_FIELD_NUMBER: _ClassVar[int]
    reason: str
    approved_by: str
    record_time: _timestamp_pb2.Timestamp
    def __init__(self, reason: _Optional[str] = ..., approved_by: _Optional[str] = ..., record_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class CreateOrganizationRequest(_message.Message):
    __slots__ = ("organization_id", "organization", "request_id")
    ORGANIZATION_ID_FIELD_NUMBER: _ClassVar[int]
    ORGANIZATION_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    organization_id: str
    organization: Organization
    request_id: str
    def __init__(self, organization_id: _Optional[str] = ..., organization: _Optional[_Union[Organization, _Mapping]] = ..., request_id: _Optional[str] = ...) -> None: ...

class GetOrganizationRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListOrganizationsRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "parent_organization", "kind")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    PARENT_ORGANIZATION_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    parent_organization: str
    kind: OrganizationKind
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., parent_organization: _Optional[str] = ..., kind: _Optional[_Union[OrganizationKind, str]] = ...) -> None: ...

class ListOrganizationsResponse(_message.Message):
    __slots__ = ("organizations", "next_page_token", "total_size")
    ORGANIZATIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    organizations: _containers.RepeatedCompositeFieldContainer[Organization]
    next_page_token: str
    total_size: int
    def __init__(self, organizations: _Optional[_Iterable[_Union[Organization, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class UpdateOrganizationRequest(_message.Message):
    __slots__ = ("organization", "update_mask")
    ORGANIZATION_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    organization: Organization
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, organization: _Optional[_Union[Organization, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class DeleteOrganizationRequest(_message.Message):
    __slots__ = ("name", "etag")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    etag: str
    def __init__(self, name: _Optional[str] = ..., etag: _Optional[str] = ...) -> None: ...

class InformationResource(_message.Message):
    __slots__ = ("name", "resource_code", "classification", "display_name", "provider", "provider_office", "provider_code", "abstract", "format", "format_detail", "data_items", "sharing", "open_attributes", "update_cycle", "publish_date", "related_resource_codes", "source_systems", "duties", "online_link", "classified", "ownership", "production_method", "state", "revision", "create_time", "update_time", "etag", "state_changes")
    NAME_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_CODE_FIELD_NUMBER: _ClassVar[int]
    CLASSIFICATION_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_OFFICE_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_CODE_FIELD_NUMBER: _ClassVar[int]
    ABSTRACT_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    FORMAT_DETAIL_FIELD_NUMBER: _ClassVar[int]
    DATA_ITEMS_FIELD_NUMBER: _ClassVar[int]
    SHARING_FIELD_NUMBER: _ClassVar[int]
    OPEN_ATTRIBUTES_FIELD_NUMBER: _ClassVar[int]
    UPDATE_CYCLE_FIELD_NUMBER: _ClassVar[int]
    PUBLISH_DATE_FIELD_NUMBER: _ClassVar[int]
    RELATED_RESOURCE_CODES_FIELD_NUMBER: _ClassVar[int]
    SOURCE_SYSTEMS_FIELD_NUMBER: _ClassVar[int]
    DUTIES_FIELD_NUMBER: _ClassVar[int]
    ONLINE_LINK_FIELD_NUMBER: _ClassVar[int]
    CLASSIFIED_FIELD_NUMBER: _ClassVar[int]
    OWNERSHIP_FIELD_NUMBER: _ClassVar[int]
    PRODUCTION_METHOD_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    STATE_CHANGES_FIELD_NUMBER: _ClassVar[int]
    name: str
    resource_code: str
    classification: Classification
    display_name: str
    provider: str
    provider_office: str
    provider_code: str
    abstract: str
    format: _common_pb2.ResourceFormat
    format_detail: str
    data_items: _containers.RepeatedCompositeFieldContainer[DataItem]
    sharing: SharingAttributes
    open_attributes: OpenAttributes
    update_cycle: _common_pb2.UpdateCycle
    publish_date: _date_pb2.Date
    related_resource_codes: _containers.RepeatedScalarFieldContainer[str]
    source_systems: _containers.RepeatedScalarFieldContainer[str]
    duties: _containers.RepeatedScalarFieldContainer[str]
    online_link: str
    classified: bool
    ownership: str
    production_method: str
    state: ResourceState
    revision: int
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    etag: str
    state_changes: _containers.RepeatedCompositeFieldContainer[StateChange]
    def __init__(self, name: _Optional[str] = ..., resource_code: _Optional[str] = ..., classification: _Optional[_Union[Classification, _Mapping]] = ..., display_name: _Optional[str] = ..., provider: _Optional[str] = ..., provider_office: _Optional[str] = ..., provider_code: _Optional[str] = ..., abstract: _Optional[str] = ..., format: _Optional[_Union[_common_pb2.ResourceFormat, str]] = ..., format_detail: _Optional[str] = ..., data_items: _Optional[_Iterable[_Union[DataItem, _Mapping]]] = ..., sharing: _Optional[_Union[SharingAttributes, _Mapping]] = ..., open_attributes: _Optional[_Union[OpenAttributes, _Mapping]] = ..., update_cycle: _Optional[_Union[_common_pb2.UpdateCycle, str]] = ..., publish_date: _Optional[_Union[_date_pb2.Date, _Mapping]] = ..., related_resource_codes: _Optional[_Iterable[str]] = ..., source_systems: _Optional[_Iterable[str]] = ..., duties: _Optional[_Iterable[str]] = ..., online_link: _Optional[str] = ..., classified: _Optional[bool] = ..., ownership: _Optional[str] = ..., production_method: _Optional[str] = ..., state: _Optional[_Union[ResourceState, str]] = ..., revision: _Optional[int] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., etag: _Optional[str] = ..., state_changes: _Optional[_Iterable[_Union[StateChange, _Mapping]]] = ...) -> None: ...

class StateChange(_message.Message):
    __slots__ = ("state", "actor", "time", "reason")
    STATE_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    TIME_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    state: ResourceState
    actor: _common_pb2.Actor
    time: _timestamp_pb2.Timestamp
    reason: str
    def __init__(self, state: _Optional[_Union[ResourceState, str]] = ..., actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., reason: _Optional[str] = ...) -> None: ...

class Classification(_message.Message):
    __slots__ = ("category", "classification_code", "path")
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    CLASSIFICATION_CODE_FIELD_NUMBER: _ClassVar[int]
    PATH_FIELD_NUMBER: _ClassVar[int]
    category: _common_pb2.ClassificationCategory
    classification_code: str
    path: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, category: _Optional[_Union[_common_pb2.ClassificationCategory, str]] = ..., classification_code: _Optional[str] = ..., path: _Optional[_Iterable[str]] = ...) -> None: ...

class DataItem(_message.Message):
    __slots__ = ("name", "type", "length", "description", "key", "personal", "authoritative")
    NAME_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    LENGTH_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    PERSONAL_FIELD_NUMBER: _ClassVar[int]
    AUTHORITATIVE_FIELD_NUMBER: _ClassVar[int]
    name: str
    type: _common_pb2.DataItemType
    length: int
    description: str
    key: bool
    personal: bool
    authoritative: bool
    def __init__(self, name: _Optional[str] = ..., type: _Optional[_Union[_common_pb2.DataItemType, str]] = ..., length: _Optional[int] = ..., description: _Optional[str] = ..., key: _Optional[bool] = ..., personal: _Optional[bool] = ..., authoritative: _Optional[bool] = ...) -> None: ...

class SharingAttributes(_message.Message):
    __slots__ = ("share_type", "conditions", "legal_basis", "share_method")
    SHARE_TYPE_FIELD_NUMBER: _ClassVar[int]
    CONDITIONS_FIELD_NUMBER: _ClassVar[int]
    LEGAL_BASIS_FIELD_NUMBER: _ClassVar[int]
    SHARE_METHOD_FIELD_NUMBER: _ClassVar[int]
    share_type: _common_pb2.ShareType
    conditions: str
    legal_basis: str
    share_method: _common_pb2.ShareMethod
    def __init__(self, share_type: _Optional[_Union[_common_pb2.ShareType, str]] = ..., conditions: _Optional[str] = ..., legal_basis: _Optional[str] = ..., share_method: _Optional[_Union[_common_pb2.ShareMethod, str]] = ...) -> None: ...

class OpenAttributes(_message.Message):
    __slots__ = ("open_type", "conditions")
    OPEN_TYPE_FIELD_NUMBER: _ClassVar[int]
    CONDITIONS_FIELD_NUMBER: _ClassVar[int]
    open_type: OpenType
    conditions: str
    def __init__(self, open_type: _Optional[_Union[OpenType, str]] = ..., conditions: _Optional[str] = ...) -> None: ...

class CreateInformationResourceRequest(_message.Message):
    __slots__ = ("parent", "information_resource_id", "information_resource", "request_id")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    INFORMATION_RESOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    INFORMATION_RESOURCE_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    parent: str
    information_resource_id: str
    information_resource: InformationResource
    request_id: str
    def __init__(self, parent: _Optional[str] = ..., information_resource_id: _Optional[str] = ..., information_resource: _Optional[_Union[InformationResource, _Mapping]] = ..., request_id: _Optional[str] = ...) -> None: ...

class GetInformationResourceRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListInformationResourcesRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token", "provider", "share_type", "state", "duty", "source_system", "classification_code")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    SHARE_TYPE_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    DUTY_FIELD_NUMBER: _ClassVar[int]
    SOURCE_SYSTEM_FIELD_NUMBER: _ClassVar[int]
    CLASSIFICATION_CODE_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    provider: str
    share_type: _common_pb2.ShareType
    state: ResourceState
    duty: str
    source_system: str
    classification_code: str
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., provider: _Optional[str] = ..., share_type: _Optional[_Union[_common_pb2.ShareType, str]] = ..., state: _Optional[_Union[ResourceState, str]] = ..., duty: _Optional[str] = ..., source_system: _Optional[str] = ..., classification_code: _Optional[str] = ...) -> None: ...

class ListInformationResourcesResponse(_message.Message):
    __slots__ = ("information_resources", "next_page_token", "total_size")
    INFORMATION_RESOURCES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    information_resources: _containers.RepeatedCompositeFieldContainer[InformationResource]
    next_page_token: str
    total_size: int
    def __init__(self, information_resources: _Optional[_Iterable[_Union[InformationResource, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class UpdateInformationResourceRequest(_message.Message):
    __slots__ = ("information_resource", "update_mask")
    INFORMATION_RESOURCE_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    information_resource: InformationResource
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, information_resource: _Optional[_Union[InformationResource, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class DeleteInformationResourceRequest(_message.Message):
    __slots__ = ("name", "etag")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    etag: str
    def __init__(self, name: _Optional[str] = ..., etag: _Optional[str] = ...) -> None: ...

class SubmitInformationResourceRequest(_message.Message):
    __slots__ = ("name", "etag")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    etag: str
    def __init__(self, name: _Optional[str] = ..., etag: _Optional[str] = ...) -> None: ...

class PublishInformationResourceRequest(_message.Message):
    __slots__ = ("name", "etag")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    etag: str
    def __init__(self, name: _Optional[str] = ..., etag: _Optional[str] = ...) -> None: ...

class RetireInformationResourceRequest(_message.Message):
    __slots__ = ("name", "etag", "reason")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    name: str
    etag: str
    reason: str
    def __init__(self, name: _Optional[str] = ..., etag: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class Duty(_message.Message):
    __slots__ = ("name", "display_name", "kind", "item_code", "description", "legal_basis", "responsible_office", "systems", "revision", "create_time", "update_time", "etag")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    ITEM_CODE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    LEGAL_BASIS_FIELD_NUMBER: _ClassVar[int]
    RESPONSIBLE_OFFICE_FIELD_NUMBER: _ClassVar[int]
    SYSTEMS_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    display_name: str
    kind: DutyKind
    item_code: str
    description: str
    legal_basis: str
    responsible_office: str
    systems: _containers.RepeatedScalarFieldContainer[str]
    revision: int
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    etag: str
    def __init__(self, name: _Optional[str] = ..., display_name: _Optional[str] = ..., kind: _Optional[_Union[DutyKind, str]] = ..., item_code: _Optional[str] = ..., description: _Optional[str] = ..., legal_basis: _Optional[str] = ..., responsible_office: _Optional[str] = ..., systems: _Optional[_Iterable[str]] = ..., revision: _Optional[int] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., etag: _Optional[str] = ...) -> None: ...

class CreateDutyRequest(_message.Message):
    __slots__ = ("parent", "duty_id", "duty", "request_id")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    DUTY_ID_FIELD_NUMBER: _ClassVar[int]
    DUTY_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    parent: str
    duty_id: str
    duty: Duty
    request_id: str
    def __init__(self, parent: _Optional[str] = ..., duty_id: _Optional[str] = ..., duty: _Optional[_Union[Duty, _Mapping]] = ..., request_id: _Optional[str] = ...) -> None: ...

class GetDutyRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListDutiesRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token", "kind")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    kind: DutyKind
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., kind: _Optional[_Union[DutyKind, str]] = ...) -> None: ...

class ListDutiesResponse(_message.Message):
    __slots__ = ("duties", "next_page_token", "total_size")
    DUTIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    duties: _containers.RepeatedCompositeFieldContainer[Duty]
    next_page_token: str
    total_size: int
    def __init__(self, duties: _Optional[_Iterable[_Union[Duty, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class UpdateDutyRequest(_message.Message):
    __slots__ = ("duty", "update_mask")
    DUTY_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    duty: Duty
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, duty: _Optional[_Union[Duty, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class DeleteDutyRequest(_message.Message):
    __slots__ = ("name", "etag")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    etag: str
    def __init__(self, name: _Optional[str] = ..., etag: _Optional[str] = ...) -> None: ...

class InformationSystem(_message.Message):
    __slots__ = ("name", "display_name", "function", "users", "scope", "user_count", "usage_frequency", "approving_body", "approval_date", "launch_date", "build_funding", "operation_funding", "networks", "status", "out_of_step_with_business", "duties", "contractor", "assessment", "revision", "create_time", "update_time", "etag", "last_used_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    FUNCTION_FIELD_NUMBER: _ClassVar[int]
    USERS_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    USER_COUNT_FIELD_NUMBER: _ClassVar[int]
    USAGE_FREQUENCY_FIELD_NUMBER: _ClassVar[int]
    APPROVING_BODY_FIELD_NUMBER: _ClassVar[int]
    APPROVAL_DATE_FIELD_NUMBER: _ClassVar[int]
    LAUNCH_DATE_FIELD_NUMBER: _ClassVar[int]
    BUILD_FUNDING_FIELD_NUMBER: _ClassVar[int]
    OPERATION_FUNDING_FIELD_NUMBER: _ClassVar[int]
    NETWORKS_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    OUT_OF_STEP_WITH_BUSINESS_FIELD_NUMBER: _ClassVar[int]
    DUTIES_FIELD_NUMBER: _ClassVar[int]
    CONTRACTOR_FIELD_NUMBER: _ClassVar[int]
    ASSESSMENT_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    LAST_USED_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    display_name: str
    function: str
    users: str
    scope: SystemScope
    user_count: int
    usage_frequency: UsageFrequency
    approving_body: str
    approval_date: _date_pb2.Date
    launch_date: _date_pb2.Date
    build_funding: FundingSource
    operation_funding: FundingSource
    networks: _containers.RepeatedScalarFieldContainer[_common_pb2.Network]
    status: SystemStatus
    out_of_step_with_business: bool
    duties: _containers.RepeatedScalarFieldContainer[str]
    contractor: str
    assessment: SystemAssessment
    revision: int
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    etag: str
    last_used_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., display_name: _Optional[str] = ..., function: _Optional[str] = ..., users: _Optional[str] = ..., scope: _Optional[_Union[SystemScope, str]] = ..., user_count: _Optional[int] = ..., usage_frequency: _Optional[_Union[UsageFrequency, str]] = ..., approving_body: _Optional[str] = ..., approval_date: _Optional[_Union[_date_pb2.Date, _Mapping]] = ..., launch_date: _Optional[_Union[_date_pb2.Date, _Mapping]] = ..., build_funding: _Optional[_Union[FundingSource, str]] = ..., operation_funding: _Optional[_Union[FundingSource, str]] = ..., networks: _Optional[_Iterable[_Union[_common_pb2.Network, str]]] = ..., status: _Optional[_Union[SystemStatus, str]] = ..., out_of_step_with_business: _Optional[bool] = ..., duties: _Optional[_Iterable[str]] = ..., contractor: _Optional[str] = ..., assessment: _Optional[_Union[SystemAssessment, _Mapping]] = ..., revision: _Optional[int] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., etag: _Optional[str] = ..., last_used_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class SystemAssessment(_message.Message):
    __slots__ = ("zombie_indicators", "shadow_of", "assess_time")
    ZOMBIE_INDICATORS_FIELD_NUMBER: _ClassVar[int]
    SHADOW_OF_FIELD_NUMBER: _ClassVar[int]
    ASSESS_TIME_FIELD_NUMBER: _ClassVar[int]
    zombie_indicators: _containers.RepeatedScalarFieldContainer[ZombieIndicator]
    shadow_of: _containers.RepeatedScalarFieldContainer[str]
    assess_time: _timestamp_pb2.Timestamp
    def __init__(self, zombie_indicators: _Optional[_Iterable[_Union[ZombieIndicator, str]]] = ..., shadow_of: _Optional[_Iterable[str]] = ..., assess_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class CreateInformationSystemRequest(_message.Message):
    __slots__ = ("parent", "information_system_id", "information_system", "request_id")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    INFORMATION_SYSTEM_ID_FIELD_NUMBER: _ClassVar[int]
    INFORMATION_SYSTEM_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    parent: str
    information_system_id: str
    information_system: InformationSystem
    request_id: str
    def __init__(self, parent: _Optional[str] = ..., information_system_id: _Optional[str] = ..., information_system: _Optional[_Union[InformationSystem, _Mapping]] = ..., request_id: _Optional[str] = ...) -> None: ...

class GetInformationSystemRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListInformationSystemsRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token", "status", "zombie_only", "shadow_only")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    ZOMBIE_ONLY_FIELD_NUMBER: _ClassVar[int]
    SHADOW_ONLY_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    status: SystemStatus
    zombie_only: bool
    shadow_only: bool
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., status: _Optional[_Union[SystemStatus, str]] = ..., zombie_only: _Optional[bool] = ..., shadow_only: _Optional[bool] = ...) -> None: ...

class ListInformationSystemsResponse(_message.Message):
    __slots__ = ("information_systems", "next_page_token", "total_size")
    INFORMATION_SYSTEMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    information_systems: _containers.RepeatedCompositeFieldContainer[InformationSystem]
    next_page_token: str
    total_size: int
    def __init__(self, information_systems: _Optional[_Iterable[_Union[InformationSystem, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class UpdateInformationSystemRequest(_message.Message):
    __slots__ = ("information_system", "update_mask")
    INFORMATION_SYSTEM_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    information_system: InformationSystem
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, information_system: _Optional[_Union[InformationSystem, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class DeleteInformationSystemRequest(_message.Message):
    __slots__ = ("name", "etag")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    etag: str
    def __init__(self, name: _Optional[str] = ..., etag: _Optional[str] = ...) -> None: ...

class SharingDemand(_message.Message):
    __slots__ = ("name", "display_name", "duty", "resource", "expected_provider", "description", "data_items", "purpose", "legal_basis", "share_method", "update_cycle", "state", "revision", "create_time", "update_time", "etag")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    DUTY_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_PROVIDER_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    DATA_ITEMS_FIELD_NUMBER: _ClassVar[int]
    PURPOSE_FIELD_NUMBER: _ClassVar[int]
    LEGAL_BASIS_FIELD_NUMBER: _ClassVar[int]
    SHARE_METHOD_FIELD_NUMBER: _ClassVar[int]
    UPDATE_CYCLE_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    display_name: str
    duty: str
    resource: str
    expected_provider: str
    description: str
    data_items: _containers.RepeatedScalarFieldContainer[str]
    purpose: str
    legal_basis: str
    share_method: _common_pb2.ShareMethod
    update_cycle: _common_pb2.UpdateCycle
    state: DemandState
    revision: int
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    etag: str
    def __init__(self, name: _Optional[str] = ..., display_name: _Optional[str] = ..., duty: _Optional[str] = ..., resource: _Optional[str] = ..., expected_provider: _Optional[str] = ..., description: _Optional[str] = ..., data_items: _Optional[_Iterable[str]] = ..., purpose: _Optional[str] = ..., legal_basis: _Optional[str] = ..., share_method: _Optional[_Union[_common_pb2.ShareMethod, str]] = ..., update_cycle: _Optional[_Union[_common_pb2.UpdateCycle, str]] = ..., state: _Optional[_Union[DemandState, str]] = ..., revision: _Optional[int] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., etag: _Optional[str] = ...) -> None: ...

class CreateSharingDemandRequest(_message.Message):
    __slots__ = ("parent", "sharing_demand_id", "sharing_demand", "request_id")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    SHARING_DEMAND_ID_FIELD_NUMBER: _ClassVar[int]
    SHARING_DEMAND_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    parent: str
    sharing_demand_id: str
    sharing_demand: SharingDemand
    request_id: str
    def __init__(self, parent: _Optional[str] = ..., sharing_demand_id: _Optional[str] = ..., sharing_demand: _Optional[_Union[SharingDemand, _Mapping]] = ..., request_id: _Optional[str] = ...) -> None: ...

class GetSharingDemandRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListSharingDemandsRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token", "state", "resource", "expected_provider")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_PROVIDER_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    state: DemandState
    resource: str
    expected_provider: str
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., state: _Optional[_Union[DemandState, str]] = ..., resource: _Optional[str] = ..., expected_provider: _Optional[str] = ...) -> None: ...

class ListSharingDemandsResponse(_message.Message):
    __slots__ = ("sharing_demands", "next_page_token", "total_size")
    SHARING_DEMANDS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    sharing_demands: _containers.RepeatedCompositeFieldContainer[SharingDemand]
    next_page_token: str
    total_size: int
    def __init__(self, sharing_demands: _Optional[_Iterable[_Union[SharingDemand, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class UpdateSharingDemandRequest(_message.Message):
    __slots__ = ("sharing_demand", "update_mask")
    SHARING_DEMAND_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    sharing_demand: SharingDemand
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, sharing_demand: _Optional[_Union[SharingDemand, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class DeleteSharingDemandRequest(_message.Message):
    __slots__ = ("name", "etag")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    etag: str
    def __init__(self, name: _Optional[str] = ..., etag: _Optional[str] = ...) -> None: ...

class CallingSystem(_message.Message):
    __slots__ = ("name", "display_name", "certificate_subject", "organization", "roles", "state", "information_system", "rate_limit_per_second", "revision", "create_time", "update_time", "etag")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    CERTIFICATE_SUBJECT_FIELD_NUMBER: _ClassVar[int]
    ORGANIZATION_FIELD_NUMBER: _ClassVar[int]
    ROLES_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    INFORMATION_SYSTEM_FIELD_NUMBER: _ClassVar[int]
    RATE_LIMIT_PER_SECOND_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    display_name: str
    certificate_subject: str
    organization: str
    roles: _containers.RepeatedScalarFieldContainer[str]
    state: CallingSystemState
    information_system: str
    rate_limit_per_second: float
    revision: int
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    etag: str
    def __init__(self, name: _Optional[str] = ..., display_name: _Optional[str] = ..., certificate_subject: _Optional[str] = ..., organization: _Optional[str] = ..., roles: _Optional[_Iterable[str]] = ..., state: _Optional[_Union[CallingSystemState, str]] = ..., information_system: _Optional[str] = ..., rate_limit_per_second: _Optional[float] = ..., revision: _Optional[int] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., etag: _Optional[str] = ...) -> None: ...

class CreateCallingSystemRequest(_message.Message):
    __slots__ = ("calling_system_id", "calling_system", "request_id")
    CALLING_SYSTEM_ID_FIELD_NUMBER: _ClassVar[int]
    CALLING_SYSTEM_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    calling_system_id: str
    calling_system: CallingSystem
    request_id: str
    def __init__(self, calling_system_id: _Optional[str] = ..., calling_system: _Optional[_Union[CallingSystem, _Mapping]] = ..., request_id: _Optional[str] = ...) -> None: ...

class GetCallingSystemRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListCallingSystemsRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "organization", "state")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    ORGANIZATION_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    organization: str
    state: CallingSystemState
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., organization: _Optional[str] = ..., state: _Optional[_Union[CallingSystemState, str]] = ...) -> None: ...

class ListCallingSystemsResponse(_message.Message):
    __slots__ = ("calling_systems", "next_page_token", "total_size")
    CALLING_SYSTEMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    calling_systems: _containers.RepeatedCompositeFieldContainer[CallingSystem]
    next_page_token: str
    total_size: int
    def __init__(self, calling_systems: _Optional[_Iterable[_Union[CallingSystem, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class UpdateCallingSystemRequest(_message.Message):
    __slots__ = ("calling_system", "update_mask")
    CALLING_SYSTEM_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    calling_system: CallingSystem
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, calling_system: _Optional[_Union[CallingSystem, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class DeleteCallingSystemRequest(_message.Message):
    __slots__ = ("name", "etag")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    etag: str
    def __init__(self, name: _Optional[str] = ..., etag: _Optional[str] = ...) -> None: ...

class GetHistoryRequest(_message.Message):
    __slots__ = ("name", "page_size", "page_token")
    NAME_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    name: str
    page_size: int
    page_token: str
    def __init__(self, name: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class GetHistoryResponse(_message.Message):
    __slots__ = ("versions", "next_page_token")
    VERSIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    versions: _containers.RepeatedCompositeFieldContainer[Version]
    next_page_token: str
    def __init__(self, versions: _Optional[_Iterable[_Union[Version, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class Version(_message.Message):
    __slots__ = ("revision", "kind", "actor", "time", "changes", "request_id")
    REVISION_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    TIME_FIELD_NUMBER: _ClassVar[int]
    CHANGES_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    revision: int
    kind: VersionKind
    actor: _common_pb2.Actor
    time: _timestamp_pb2.Timestamp
    changes: _containers.RepeatedCompositeFieldContainer[FieldChange]
    request_id: str
    def __init__(self, revision: _Optional[int] = ..., kind: _Optional[_Union[VersionKind, str]] = ..., actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., changes: _Optional[_Iterable[_Union[FieldChange, _Mapping]]] = ..., request_id: _Optional[str] = ...) -> None: ...

class FieldChange(_message.Message):
    __slots__ = ("field", "before_json", "after_json")
    FIELD_FIELD_NUMBER: _ClassVar[int]
    BEFORE_JSON_FIELD_NUMBER: _ClassVar[int]
    AFTER_JSON_FIELD_NUMBER: _ClassVar[int]
    field: str
    before_json: str
    after_json: str
    def __init__(self, field: _Optional[str] = ..., before_json: _Optional[str] = ..., after_json: _Optional[str] = ...) -> None: ...

class ListDataItemsRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token", "data_item_name", "authoritative_only")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    DATA_ITEM_NAME_FIELD_NUMBER: _ClassVar[int]
    AUTHORITATIVE_ONLY_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    data_item_name: str
    authoritative_only: bool
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., data_item_name: _Optional[str] = ..., authoritative_only: _Optional[bool] = ...) -> None: ...

class ListDataItemsResponse(_message.Message):
    __slots__ = ("data_items", "next_page_token", "total_size")
    DATA_ITEMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    data_items: _containers.RepeatedCompositeFieldContainer[DataItemEntry]
    next_page_token: str
    total_size: int
    def __init__(self, data_items: _Optional[_Iterable[_Union[DataItemEntry, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class DataItemEntry(_message.Message):
    __slots__ = ("resource", "resource_code", "resource_display_name", "provider", "state", "data_item")
    RESOURCE_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_CODE_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    DATA_ITEM_FIELD_NUMBER: _ClassVar[int]
    resource: str
    resource_code: str
    resource_display_name: str
    provider: str
    state: ResourceState
    data_item: DataItem
    def __init__(self, resource: _Optional[str] = ..., resource_code: _Optional[str] = ..., resource_display_name: _Optional[str] = ..., provider: _Optional[str] = ..., state: _Optional[_Union[ResourceState, str]] = ..., data_item: _Optional[_Union[DataItem, _Mapping]] = ...) -> None: ...

class ListResourcePartiesRequest(_message.Message):
    __slots__ = ("resource", "page_size", "page_token")
    RESOURCE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    resource: str
    page_size: int
    page_token: str
    def __init__(self, resource: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListResourcePartiesResponse(_message.Message):
    __slots__ = ("parties", "next_page_token")
    PARTIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    parties: _containers.RepeatedCompositeFieldContainer[ResourceParty]
    next_page_token: str
    def __init__(self, parties: _Optional[_Iterable[_Union[ResourceParty, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ResourceParty(_message.Message):
    __slots__ = ("organization", "role", "basis", "state")
    ORGANIZATION_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    BASIS_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    organization: str
    role: PartyRole
    basis: str
    state: str
    def __init__(self, organization: _Optional[str] = ..., role: _Optional[_Union[PartyRole, str]] = ..., basis: _Optional[str] = ..., state: _Optional[str] = ...) -> None: ...

class ListDemandGapsRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListDemandGapsResponse(_message.Message):
    __slots__ = ("gaps", "next_page_token", "total_size")
    GAPS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    gaps: _containers.RepeatedCompositeFieldContainer[DemandGap]
    next_page_token: str
    total_size: int
    def __init__(self, gaps: _Optional[_Iterable[_Union[DemandGap, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class DemandGap(_message.Message):
    __slots__ = ("demand", "reason", "missing_data_items", "candidates", "candidates_unavailable")
    DEMAND_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    MISSING_DATA_ITEMS_FIELD_NUMBER: _ClassVar[int]
    CANDIDATES_FIELD_NUMBER: _ClassVar[int]
    CANDIDATES_UNAVAILABLE_FIELD_NUMBER: _ClassVar[int]
    demand: SharingDemand
    reason: str
    missing_data_items: _containers.RepeatedScalarFieldContainer[str]
    candidates: _containers.RepeatedCompositeFieldContainer[GapCandidate]
    candidates_unavailable: str
    def __init__(self, demand: _Optional[_Union[SharingDemand, _Mapping]] = ..., reason: _Optional[str] = ..., missing_data_items: _Optional[_Iterable[str]] = ..., candidates: _Optional[_Iterable[_Union[GapCandidate, _Mapping]]] = ..., candidates_unavailable: _Optional[str] = ...) -> None: ...

class GapCandidate(_message.Message):
    __slots__ = ("resource", "display_name", "provider", "offered_data_items", "missing_data_items")
    RESOURCE_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    OFFERED_DATA_ITEMS_FIELD_NUMBER: _ClassVar[int]
    MISSING_DATA_ITEMS_FIELD_NUMBER: _ClassVar[int]
    resource: str
    display_name: str
    provider: str
    offered_data_items: _containers.RepeatedScalarFieldContainer[str]
    missing_data_items: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, resource: _Optional[str] = ..., display_name: _Optional[str] = ..., provider: _Optional[str] = ..., offered_data_items: _Optional[_Iterable[str]] = ..., missing_data_items: _Optional[_Iterable[str]] = ...) -> None: ...

class GetOrganizationStatisticsRequest(_message.Message):
    __slots__ = ("name", "include_descendants")
    NAME_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_DESCENDANTS_FIELD_NUMBER: _ClassVar[int]
    name: str
    include_descendants: bool
    def __init__(self, name: _Optional[str] = ..., include_descendants: _Optional[bool] = ...) -> None: ...

class OrganizationStatistics(_message.Message):
    __slots__ = ("name", "resources_by_share_type", "resources_by_format", "resources_by_update_cycle", "resources_by_state", "systems_by_status", "demands_by_state", "duty_count", "data_item_count", "zombie_candidate_count")
    NAME_FIELD_NUMBER: _ClassVar[int]
    RESOURCES_BY_SHARE_TYPE_FIELD_NUMBER: _ClassVar[int]
    RESOURCES_BY_FORMAT_FIELD_NUMBER: _ClassVar[int]
    RESOURCES_BY_UPDATE_CYCLE_FIELD_NUMBER: _ClassVar[int]
    RESOURCES_BY_STATE_FIELD_NUMBER: _ClassVar[int]
    SYSTEMS_BY_STATUS_FIELD_NUMBER: _ClassVar[int]
    DEMANDS_BY_STATE_FIELD_NUMBER: _ClassVar[int]
    DUTY_COUNT_FIELD_NUMBER: _ClassVar[int]
    DATA_ITEM_COUNT_FIELD_NUMBER: _ClassVar[int]
    ZOMBIE_CANDIDATE_COUNT_FIELD_NUMBER: _ClassVar[int]
    name: str
    resources_by_share_type: _containers.RepeatedCompositeFieldContainer[Count]
    resources_by_format: _containers.RepeatedCompositeFieldContainer[Count]
    resources_by_update_cycle: _containers.RepeatedCompositeFieldContainer[Count]
    resources_by_state: _containers.RepeatedCompositeFieldContainer[Count]
    systems_by_status: _containers.RepeatedCompositeFieldContainer[Count]
    demands_by_state: _containers.RepeatedCompositeFieldContainer[Count]
    duty_count: int
    data_item_count: int
    zombie_candidate_count: int
    def __init__(self, name: _Optional[str] = ..., resources_by_share_type: _Optional[_Iterable[_Union[Count, _Mapping]]] = ..., resources_by_format: _Optional[_Iterable[_Union[Count, _Mapping]]] = ..., resources_by_update_cycle: _Optional[_Iterable[_Union[Count, _Mapping]]] = ..., resources_by_state: _Optional[_Iterable[_Union[Count, _Mapping]]] = ..., systems_by_status: _Optional[_Iterable[_Union[Count, _Mapping]]] = ..., demands_by_state: _Optional[_Iterable[_Union[Count, _Mapping]]] = ..., duty_count: _Optional[int] = ..., data_item_count: _Optional[int] = ..., zombie_candidate_count: _Optional[int] = ...) -> None: ...

class Count(_message.Message):
    __slots__ = ("key", "count")
    KEY_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    key: str
    count: int
    def __init__(self, key: _Optional[str] = ..., count: _Optional[int] = ...) -> None: ...

class ListZombieCandidatesRequest(_message.Message):
    __slots__ = ("parent", "idle_days", "page_size", "page_token")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    IDLE_DAYS_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    parent: str
    idle_days: int
    page_size: int
    page_token: str
    def __init__(self, parent: _Optional[str] = ..., idle_days: _Optional[int] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListZombieCandidatesResponse(_message.Message):
    __slots__ = ("candidates", "next_page_token", "total_size")
    CANDIDATES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    candidates: _containers.RepeatedCompositeFieldContainer[ZombieCandidate]
    next_page_token: str
    total_size: int
    def __init__(self, candidates: _Optional[_Iterable[_Union[ZombieCandidate, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class ZombieCandidate(_message.Message):
    __slots__ = ("system", "reasons")
    SYSTEM_FIELD_NUMBER: _ClassVar[int]
    REASONS_FIELD_NUMBER: _ClassVar[int]
    system: InformationSystem
    reasons: _containers.RepeatedCompositeFieldContainer[ZombieReason]
    def __init__(self, system: _Optional[_Union[InformationSystem, _Mapping]] = ..., reasons: _Optional[_Iterable[_Union[ZombieReason, _Mapping]]] = ...) -> None: ...

class ZombieReason(_message.Message):
    __slots__ = ("indicator", "explanation")
    INDICATOR_FIELD_NUMBER: _ClassVar[int]
    EXPLANATION_FIELD_NUMBER: _ClassVar[int]
    indicator: ZombieIndicator
    explanation: str
    def __init__(self, indicator: _Optional[_Union[ZombieIndicator, str]] = ..., explanation: _Optional[str] = ...) -> None: ...

class ListShadowCandidatesRequest(_message.Message):
    __slots__ = ("parent", "min_similarity", "page_size", "page_token")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    MIN_SIMILARITY_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    parent: str
    min_similarity: float
    page_size: int
    page_token: str
    def __init__(self, parent: _Optional[str] = ..., min_similarity: _Optional[float] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListShadowCandidatesResponse(_message.Message):
    __slots__ = ("candidates", "next_page_token", "total_size")
    CANDIDATES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    candidates: _containers.RepeatedCompositeFieldContainer[ShadowCandidate]
    next_page_token: str
    total_size: int
    def __init__(self, candidates: _Optional[_Iterable[_Union[ShadowCandidate, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class ShadowCandidate(_message.Message):
    __slots__ = ("system", "other_system", "similarity", "function_similarity", "duty_overlap", "data_item_overlap", "shared_duties", "shared_data_items", "shared_terms")
    SYSTEM_FIELD_NUMBER: _ClassVar[int]
    OTHER_SYSTEM_FIELD_NUMBER: _ClassVar[int]
    SIMILARITY_FIELD_NUMBER: _ClassVar[int]
    FUNCTION_SIMILARITY_FIELD_NUMBER: _ClassVar[int]
    DUTY_OVERLAP_FIELD_NUMBER: _ClassVar[int]
    DATA_ITEM_OVERLAP_FIELD_NUMBER: _ClassVar[int]
    SHARED_DUTIES_FIELD_NUMBER: _ClassVar[int]
    SHARED_DATA_ITEMS_FIELD_NUMBER: _ClassVar[int]
    SHARED_TERMS_FIELD_NUMBER: _ClassVar[int]
    system: str
    other_system: str
    similarity: float
    function_similarity: float
    duty_overlap: float
    data_item_overlap: float
    shared_duties: _containers.RepeatedScalarFieldContainer[str]
    shared_data_items: _containers.RepeatedScalarFieldContainer[str]
    shared_terms: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, system: _Optional[str] = ..., other_system: _Optional[str] = ..., similarity: _Optional[float] = ..., function_similarity: _Optional[float] = ..., duty_overlap: _Optional[float] = ..., data_item_overlap: _Optional[float] = ..., shared_duties: _Optional[_Iterable[str]] = ..., shared_data_items: _Optional[_Iterable[str]] = ..., shared_terms: _Optional[_Iterable[str]] = ...) -> None: ...

class ImportCatalogueRequest(_message.Message):
    __slots__ = ("content", "format", "sheet", "validate_only", "request_id")
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    SHEET_FIELD_NUMBER: _ClassVar[int]
    VALIDATE_ONLY_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    content: bytes
    format: SpreadsheetFormat
    sheet: CatalogueSheet
    validate_only: bool
    request_id: str
    def __init__(self, content: _Optional[bytes] = ..., format: _Optional[_Union[SpreadsheetFormat, str]] = ..., sheet: _Optional[_Union[CatalogueSheet, str]] = ..., validate_only: _Optional[bool] = ..., request_id: _Optional[str] = ...) -> None: ...

class ImportCatalogueMetadata(_message.Message):
    __slots__ = ("rows_total", "rows_done", "start_time")
    ROWS_TOTAL_FIELD_NUMBER: _ClassVar[int]
    ROWS_DONE_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    rows_total: int
    rows_done: int
    start_time: _timestamp_pb2.Timestamp
    def __init__(self, rows_total: _Optional[int] = ..., rows_done: _Optional[int] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ImportCatalogueReport(_message.Message):
    __slots__ = ("rows_applied", "rows_unchanged", "rows_rejected", "row_errors")
    ROWS_APPLIED_FIELD_NUMBER: _ClassVar[int]
    ROWS_UNCHANGED_FIELD_NUMBER: _ClassVar[int]
    ROWS_REJECTED_FIELD_NUMBER: _ClassVar[int]
    ROW_ERRORS_FIELD_NUMBER: _ClassVar[int]
    rows_applied: int
    rows_unchanged: int
    rows_rejected: int
    row_errors: _containers.RepeatedCompositeFieldContainer[RowError]
    def __init__(self, rows_applied: _Optional[int] = ..., rows_unchanged: _Optional[int] = ..., rows_rejected: _Optional[int] = ..., row_errors: _Optional[_Iterable[_Union[RowError, _Mapping]]] = ...) -> None: ...

class RowError(_message.Message):
    __slots__ = ("sheet", "line", "column", "message")
    SHEET_FIELD_NUMBER: _ClassVar[int]
    LINE_FIELD_NUMBER: _ClassVar[int]
    COLUMN_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    sheet: str
    line: int
    column: str
    message: str
    def __init__(self, sheet: _Optional[str] = ..., line: _Optional[int] = ..., column: _Optional[str] = ..., message: _Optional[str] = ...) -> None: ...

class ExportCatalogueRequest(_message.Message):
    __slots__ = ("parent", "format", "include_unpublished")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_UNPUBLISHED_FIELD_NUMBER: _ClassVar[int]
    parent: str
    format: ExportFormat
    include_unpublished: bool
    def __init__(self, parent: _Optional[str] = ..., format: _Optional[_Union[ExportFormat, str]] = ..., include_unpublished: _Optional[bool] = ...) -> None: ...

class ExportCatalogueChunk(_message.Message):
    __slots__ = ("data", "content_type", "filename")
    DATA_FIELD_NUMBER: _ClassVar[int]
    CONTENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    FILENAME_FIELD_NUMBER: _ClassVar[int]
    data: bytes
    content_type: str
    filename: str
    def __init__(self, data: _Optional[bytes] = ..., content_type: _Optional[str] = ..., filename: _Optional[str] = ...) -> None: ...
