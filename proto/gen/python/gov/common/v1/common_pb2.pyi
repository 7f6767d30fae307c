from google.protobuf import descriptor_pb2 as _descriptor_pb2
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class PersonalDataKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PERSONAL_DATA_KIND_UNSPECIFIED: _ClassVar[PersonalDataKind]
    PERSONAL_DATA_KIND_ID_NUMBER: _ClassVar[PersonalDataKind]
    PERSONAL_DATA_KIND_NAME: _ClassVar[PersonalDataKind]
    PERSONAL_DATA_KIND_PHONE: _ClassVar[PersonalDataKind]

class ShareType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SHARE_TYPE_UNSPECIFIED: _ClassVar[ShareType]
    SHARE_TYPE_UNCONDITIONAL: _ClassVar[ShareType]
    SHARE_TYPE_CONDITIONAL: _ClassVar[ShareType]
    SHARE_TYPE_NOT_SHARED: _ClassVar[ShareType]

class ResourceFormat(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    RESOURCE_FORMAT_UNSPECIFIED: _ClassVar[ResourceFormat]
    RESOURCE_FORMAT_ELECTRONIC_FILE: _ClassVar[ResourceFormat]
    RESOURCE_FORMAT_SPREADSHEET: _ClassVar[ResourceFormat]
    RESOURCE_FORMAT_DATABASE: _ClassVar[ResourceFormat]
    RESOURCE_FORMAT_IMAGE: _ClassVar[ResourceFormat]
    RESOURCE_FORMAT_STREAMING_MEDIA: _ClassVar[ResourceFormat]
    RESOURCE_FORMAT_SELF_DESCRIBING: _ClassVar[ResourceFormat]
    RESOURCE_FORMAT_SERVICE_INTERFACE: _ClassVar[ResourceFormat]

class UpdateCycle(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    UPDATE_CYCLE_UNSPECIFIED: _ClassVar[UpdateCycle]
    UPDATE_CYCLE_REAL_TIME: _ClassVar[UpdateCycle]
    UPDATE_CYCLE_DAILY: _ClassVar[UpdateCycle]
    UPDATE_CYCLE_WEEKLY: _ClassVar[UpdateCycle]
    UPDATE_CYCLE_MONTHLY: _ClassVar[UpdateCycle]
    UPDATE_CYCLE_QUARTERLY: _ClassVar[UpdateCycle]
    UPDATE_CYCLE_YEARLY: _ClassVar[UpdateCycle]
    UPDATE_CYCLE_IRREGULAR: _ClassVar[UpdateCycle]

class DataItemType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DATA_ITEM_TYPE_UNSPECIFIED: _ClassVar[DataItemType]
    DATA_ITEM_TYPE_CHARACTER: _ClassVar[DataItemType]
    DATA_ITEM_TYPE_NUMBER: _ClassVar[DataItemType]
    DATA_ITEM_TYPE_CURRENCY: _ClassVar[DataItemType]
    DATA_ITEM_TYPE_DATE: _ClassVar[DataItemType]
    DATA_ITEM_TYPE_DATE_TIME: _ClassVar[DataItemType]
    DATA_ITEM_TYPE_LOGICAL: _ClassVar[DataItemType]
    DATA_ITEM_TYPE_MEMO: _ClassVar[DataItemType]
    DATA_ITEM_TYPE_GENERAL: _ClassVar[DataItemType]
    DATA_ITEM_TYPE_DOUBLE: _ClassVar[DataItemType]
    DATA_ITEM_TYPE_INTEGER: _ClassVar[DataItemType]
    DATA_ITEM_TYPE_FLOAT: _ClassVar[DataItemType]

class ShareMethod(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SHARE_METHOD_UNSPECIFIED: _ClassVar[ShareMethod]
    SHARE_METHOD_DATABASE: _ClassVar[ShareMethod]
    SHARE_METHOD_FILE: _ClassVar[ShareMethod]
    SHARE_METHOD_INTERFACE: _ClassVar[ShareMethod]

class Network(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    NETWORK_UNSPECIFIED: _ClassVar[Network]
    NETWORK_GOVERNMENT_EXTRANET: _ClassVar[Network]
    NETWORK_GOVERNMENT_INTRANET: _ClassVar[Network]
    NETWORK_INTERNET: _ClassVar[Network]

class ClassificationCategory(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CLASSIFICATION_CATEGORY_UNSPECIFIED: _ClassVar[ClassificationCategory]
    CLASSIFICATION_CATEGORY_BASE: _ClassVar[ClassificationCategory]
    CLASSIFICATION_CATEGORY_THEME: _ClassVar[ClassificationCategory]
    CLASSIFICATION_CATEGORY_DEPARTMENT: _ClassVar[ClassificationCategory]
PERSONAL_DATA_KIND_UNSPECIFIED: PersonalDataKind
PERSONAL_DATA_KIND_ID_NUMBER: PersonalDataKind
PERSONAL_DATA_KIND_NAME: PersonalDataKind
PERSONAL_DATA_KIND_PHONE: PersonalDataKind
SHARE_TYPE_UNSPECIFIED: ShareType
SHARE_TYPE_UNCONDITIONAL: ShareType
SHARE_TYPE_CONDITIONAL: ShareType
SHARE_TYPE_NOT_SHARED: ShareType
RESOURCE_FORMAT_UNSPECIFIED: ResourceFormat
RESOURCE_FORMAT_ELECTRONIC_FILE: ResourceFormat
RESOURCE_FORMAT_SPREADSHEET: ResourceFormat
RESOURCE_FORMAT_DATABASE: ResourceFormat
RESOURCE_FORMAT_IMAGE: ResourceFormat
RESOURCE_FORMAT_STREAMING_MEDIA: ResourceFormat
RESOURCE_FORMAT_SELF_DESCRIBING: ResourceFormat
RESOURCE_FORMAT_SERVICE_INTERFACE: ResourceFormat
UPDATE_CYCLE_UNSPECIFIED: UpdateCycle
UPDATE_CYCLE_REAL_TIME: UpdateCycle
UPDATE_CYCLE_DAILY: UpdateCycle
UPDATE_CYCLE_WEEKLY: UpdateCycle
UPDATE_CYCLE_MONTHLY: UpdateCycle
UPDATE_CYCLE_QUARTERLY: UpdateCycle
UPDATE_CYCLE_YEARLY: UpdateCycle
UPDATE_CYCLE_IRREGULAR: UpdateCycle
DATA_ITEM_TYPE_UNSPECIFIED: DataItemType
DATA_ITEM_TYPE_CHARACTER: DataItemType
DATA_ITEM_TYPE_NUMBER: DataItemType
DATA_ITEM_TYPE_CURRENCY: DataItemType
DATA_ITEM_TYPE_DATE: DataItemType
DATA_ITEM_TYPE_DATE_TIME: DataItemType
DATA_ITEM_TYPE_LOGICAL: DataItemType
DATA_ITEM_TYPE_MEMO: DataItemType
DATA_ITEM_TYPE_GENERAL: DataItemType
DATA_ITEM_TYPE_DOUBLE: DataItemType
DATA_ITEM_TYPE_INTEGER: DataItemType
DATA_ITEM_TYPE_FLOAT: DataItemType
SHARE_METHOD_UNSPECIFIED: ShareMethod
SHARE_METHOD_DATABASE: ShareMethod
SHARE_METHOD_FILE: ShareMethod
SHARE_METHOD_INTERFACE: ShareMethod
NETWORK_UNSPECIFIED: Network
NETWORK_GOVERNMENT_EXTRANET: Network
NETWORK_GOVERNMENT_INTRANET: Network
NETWORK_INTERNET: Network
CLASSIFICATION_CATEGORY_UNSPECIFIED: ClassificationCategory
CLASSIFICATION_CATEGORY_BASE: ClassificationCategory
CLASSIFICATION_CATEGORY_THEME: ClassificationCategory
CLASSIFICATION_CATEGORY_DEPARTMENT: ClassificationCategory
PERSONAL_DATA_FIELD_NUMBER: _ClassVar[int]
personal_data: _descriptor.FieldDescriptor

class Actor(_message.Message):
    __slots__ = ("system", "person", "organization")
    SYSTEM_FIELD_NUMBER: _ClassVar[int]
    PERSON_FIELD_NUMBER: _ClassVar[int]
    ORGANIZATION_FIELD_NUMBER: _ClassVar[int]
    system: str
    person: str
    organization: str
    def __init__(self, system: _Optional[str] = ..., person: _Optional[str] = ..., organization: _Optional[str] = ...) -> None: ...

class TraceContext(_message.Message):
    __slots__ = ("traceparent", "tracestate")
    TRACEPARENT_FIELD_NUMBER: _ClassVar[int]
    TRACESTATE_FIELD_NUMBER: _ClassVar[int]
    traceparent: str
    tracestate: str
    def __init__(self, traceparent: _Optional[str] = ..., tracestate: _Optional[str] = ...) -> None: ...
