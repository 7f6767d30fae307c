import datetime

from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.api import resource_pb2 as _resource_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from gov.catalog.v1 import catalog_pb2 as _catalog_pb2
from gov.common.v1 import common_pb2 as _common_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ResultKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    RESULT_KIND_UNSPECIFIED: _ClassVar[ResultKind]
    RESULT_KIND_RESOURCE: _ClassVar[ResultKind]
    RESULT_KIND_DATA_ITEM: _ClassVar[ResultKind]
    RESULT_KIND_SYSTEM: _ClassVar[ResultKind]
    RESULT_KIND_ORGANIZATION: _ClassVar[ResultKind]

class SearchOrder(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SEARCH_ORDER_UNSPECIFIED: _ClassVar[SearchOrder]
    SEARCH_ORDER_RELEVANCE: _ClassVar[SearchOrder]
    SEARCH_ORDER_UPDATE_TIME: _ClassVar[SearchOrder]
RESULT_KIND_UNSPECIFIED: ResultKind
RESULT_KIND_RESOURCE: ResultKind
RESULT_KIND_DATA_ITEM: ResultKind
RESULT_KIND_SYSTEM: ResultKind
RESULT_KIND_ORGANIZATION: ResultKind
SEARCH_ORDER_UNSPECIFIED: SearchOrder
SEARCH_ORDER_RELEVANCE: SearchOrder
SEARCH_ORDER_UPDATE_TIME: SearchOrder

class SearchRequest(_message.Message):
    __slots__ = ("query", "providers", "share_types", "formats", "update_cycles", "classification_code_prefix", "kinds", "source_systems", "page_size", "page_token", "order_by", "open_types")
    QUERY_FIELD_NUMBER: _ClassVar[int]
    PROVIDERS_FIELD_NUMBER: _ClassVar[int]
    SHARE_TYPES_FIELD_NUMBER: _ClassVar[int]
    FORMATS_FIELD_NUMBER: _ClassVar[int]
    UPDATE_CYCLES_FIELD_NUMBER: _ClassVar[int]
    CLASSIFICATION_CODE_PREFIX_FIELD_NUMBER: _ClassVar[int]
    KINDS_FIELD_NUMBER: _ClassVar[int]
    SOURCE_SYSTEMS_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    ORDER_BY_FIELD_NUMBER: _ClassVar[int]
    OPEN_TYPES_FIELD_NUMBER: _ClassVar[int]
    query: str
    providers: _containers.RepeatedScalarFieldContainer[str]
    share_types: _containers.RepeatedScalarFieldContainer[_common_pb2.ShareType]
    formats: _containers.RepeatedScalarFieldContainer[_common_pb2.ResourceFormat]
    update_cycles: _containers.RepeatedScalarFieldContainer[_common_pb2.UpdateCycle]
    classification_code_prefix: str
    kinds: _containers.RepeatedScalarFieldContainer[ResultKind]
    source_systems: _containers.RepeatedScalarFieldContainer[str]
    page_size: int
    page_token: str
    order_by: SearchOrder
    open_types: _containers.RepeatedScalarFieldContainer[_catalog_pb2.OpenType]
    def __init__(self, query: _Optional[str] = ..., providers: _Optional[_Iterable[str]] = ..., share_types: _Optional[_Iterable[_Union[_common_pb2.ShareType, str]]] = ..., formats: _Optional[_Iterable[_Union[_common_pb2.ResourceFormat, str]]] = ..., update_cycles: _Optional[_Iterable[_Union[_common_pb2.UpdateCycle, str]]] = ..., classification_code_prefix: _Optional[str] = ..., kinds: _Optional[_Iterable[_Union[ResultKind, str]]] = ..., source_systems: _Optional[_Iterable[str]] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., order_by: _Optional[_Union[SearchOrder, str]] = ..., open_types: _Optional[_Iterable[_Union[_catalog_pb2.OpenType, str]]] = ...) -> None: ...

class SearchResponse(_message.Message):
    __slots__ = ("results", "facets", "total_size", "next_page_token")
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    FACETS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    results: _containers.RepeatedCompositeFieldContainer[SearchResult]
    facets: _containers.RepeatedCompositeFieldContainer[Facet]
    total_size: int
    next_page_token: str
    def __init__(self, results: _Optional[_Iterable[_Union[SearchResult, _Mapping]]] = ..., facets: _Optional[_Iterable[_Union[Facet, _Mapping]]] = ..., total_size: _Optional[int] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class SearchResult(_message.Message):
    __slots__ = ("kind", "name", "data_item", "title", "resource_code", "provider", "provider_display_name", "share_type", "format", "update_cycle", "classification_code", "update_time", "score", "highlights", "matched_fields")
    KIND_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    DATA_ITEM_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_CODE_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    SHARE_TYPE_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    UPDATE_CYCLE_FIELD_NUMBER: _ClassVar[int]
    CLASSIFICATION_CODE_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    HIGHLIGHTS_FIELD_NUMBER: _ClassVar[int]
    MATCHED_FIELDS_FIELD_NUMBER: _ClassVar[int]
    kind: ResultKind
    name: str
    data_item: str
    title: str
    resource_code: str
    provider: str
    provider_display_name: str
    share_type: _common_pb2.ShareType
    format: _common_pb2.ResourceFormat
    update_cycle: _common_pb2.UpdateCycle
    classification_code: str
    update_time: _timestamp_pb2.Timestamp
    score: float
    highlights: _containers.RepeatedCompositeFieldContainer[Highlight]
    matched_fields: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, kind: _Optional[_Union[ResultKind, str]] = ..., name: _Optional[str] = ..., data_item: _Optional[str] = ..., title: _Optional[str] = ..., resource_code: _Optional[str] = ..., provider: _Optional[str] = ..., provider_display_name: _Optional[str] = ..., share_type: _Optional[_Union[_common_pb2.ShareType, str]] = ..., format: _Optional[_Union[_common_pb2.ResourceFormat, str]] = ..., update_cycle: _Optional[_Union[_common_pb2.UpdateCycle, str]] = ..., classification_code: _Optional[str] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., score: _Optional[float] = ..., highlights: _Optional[_Iterable[_Union[Highlight, _Mapping]]] = ..., matched_fields: _Optional[_Iterable[str]] = ...) -> None: ...

class Highlight(_message.Message):
    __slots__ = ("field", "snippets")
    FIELD_FIELD_NUMBER: _ClassVar[int]
    SNIPPETS_FIELD_NUMBER: _ClassVar[int]
    field: str
    snippets: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, field: _Optional[str] = ..., snippets: _Optional[_Iterable[str]] = ...) -> None: ...

class Facet(_message.Message):
    __slots__ = ("field", "values")
    FIELD_FIELD_NUMBER: _ClassVar[int]
    VALUES_FIELD_NUMBER: _ClassVar[int]
    field: str
    values: _containers.RepeatedCompositeFieldContainer[FacetValue]
    def __init__(self, field: _Optional[str] = ..., values: _Optional[_Iterable[_Union[FacetValue, _Mapping]]] = ...) -> None: ...

class FacetValue(_message.Message):
    __slots__ = ("value", "display_name", "count")
    VALUE_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    value: str
    display_name: str
    count: int
    def __init__(self, value: _Optional[str] = ..., display_name: _Optional[str] = ..., count: _Optional[int] = ...) -> None: ...

class SuggestRequest(_message.Message):
    __slots__ = ("prefix", "kinds", "max_suggestions")
    PREFIX_FIELD_NUMBER: _ClassVar[int]
    KINDS_FIELD_NUMBER: _ClassVar[int]
    MAX_SUGGESTIONS_FIELD_NUMBER: _ClassVar[int]
    prefix: str
    kinds: _containers.RepeatedScalarFieldContainer[ResultKind]
    max_suggestions: int
    def __init__(self, prefix: _Optional[str] = ..., kinds: _Optional[_Iterable[_Union[ResultKind, str]]] = ..., max_suggestions: _Optional[int] = ...) -> None: ...

class SuggestResponse(_message.Message):
    __slots__ = ("suggestions",)
    SUGGESTIONS_FIELD_NUMBER: _ClassVar[int]
    suggestions: _containers.RepeatedCompositeFieldContainer[Suggestion]
    def __init__(self, suggestions: _Optional[_Iterable[_Union[Suggestion, _Mapping]]] = ...) -> None: ...

class Suggestion(_message.Message):
    __slots__ = ("text", "kind", "name")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    text: str
    kind: ResultKind
    name: str
    def __init__(self, text: _Optional[str] = ..., kind: _Optional[_Union[ResultKind, str]] = ..., name: _Optional[str] = ...) -> None: ...

class BrowseClassificationRequest(_message.Message):
    __slots__ = ("category", "classification_code", "depth", "providers", "share_types")
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    CLASSIFICATION_CODE_FIELD_NUMBER: _ClassVar[int]
    DEPTH_FIELD_NUMBER: _ClassVar[int]
    PROVIDERS_FIELD_NUMBER: _ClassVar[int]
    SHARE_TYPES_FIELD_NUMBER: _ClassVar[int]
    category: _common_pb2.ClassificationCategory
    classification_code: str
    depth: int
    providers: _containers.RepeatedScalarFieldContainer[str]
    share_types: _containers.RepeatedScalarFieldContainer[_common_pb2.ShareType]
    def __init__(self, category: _Optional[_Union[_common_pb2.ClassificationCategory, str]] = ..., classification_code: _Optional[str] = ..., depth: _Optional[int] = ..., providers: _Optional[_Iterable[str]] = ..., share_types: _Optional[_Iterable[_Union[_common_pb2.ShareType, str]]] = ...) -> None: ...

class BrowseClassificationResponse(_message.Message):
    __slots__ = ("nodes",)
    NODES_FIELD_NUMBER: _ClassVar[int]
    nodes: _containers.RepeatedCompositeFieldContainer[ClassificationNode]
    def __init__(self, nodes: _Optional[_Iterable[_Union[ClassificationNode, _Mapping]]] = ...) -> None: ...

class ClassificationNode(_message.Message):
    __slots__ = ("classification_code", "display_name", "category", "level", "resource_count", "children")
    CLASSIFICATION_CODE_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_COUNT_FIELD_NUMBER: _ClassVar[int]
    CHILDREN_FIELD_NUMBER: _ClassVar[int]
    classification_code: str
    display_name: str
    category: _common_pb2.ClassificationCategory
    level: int
    resource_count: int
    children: _containers.RepeatedCompositeFieldContainer[ClassificationNode]
    def __init__(self, classification_code: _Optional[str] = ..., display_name: _Optional[str] = ..., category: _Optional[_Union[_common_pb2.ClassificationCategory, str]] = ..., level: _Optional[int] = ..., resource_count: _Optional[int] = ..., children: _Optional[_Iterable[_Union[ClassificationNode, _Mapping]]] = ...) -> None: ...

class MatchDemandRequest(_message.Message):
    __slots__ = ("need", "data_items", "demander", "max_candidates")
    NEED_FIELD_NUMBER: _ClassVar[int]
    DATA_ITEMS_FIELD_NUMBER: _ClassVar[int]
    DEMANDER_FIELD_NUMBER: _ClassVar[int]
    MAX_CANDIDATES_FIELD_NUMBER: _ClassVar[int]
    need: str
    data_items: _containers.RepeatedScalarFieldContainer[str]
    demander: str
    max_candidates: int
    def __init__(self, need: _Optional[str] = ..., data_items: _Optional[_Iterable[str]] = ..., demander: _Optional[str] = ..., max_candidates: _Optional[int] = ...) -> None: ...

class MatchDemandResponse(_message.Message):
    __slots__ = ("candidates",)
    CANDIDATES_FIELD_NUMBER: _ClassVar[int]
    candidates: _containers.RepeatedCompositeFieldContainer[DemandCandidate]
    def __init__(self, candidates: _Optional[_Iterable[_Union[DemandCandidate, _Mapping]]] = ...) -> None: ...

class DemandCandidate(_message.Message):
    __slots__ = ("resource", "offered_data_items", "missing_data_items")
    RESOURCE_FIELD_NUMBER: _ClassVar[int]
    OFFERED_DATA_ITEMS_FIELD_NUMBER: _ClassVar[int]
    MISSING_DATA_ITEMS_FIELD_NUMBER: _ClassVar[int]
    resource: SearchResult
    offered_data_items: _containers.RepeatedScalarFieldContainer[str]
    missing_data_items: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, resource: _Optional[_Union[SearchResult, _Mapping]] = ..., offered_data_items: _Optional[_Iterable[str]] = ..., missing_data_items: _Optional[_Iterable[str]] = ...) -> None: ...
