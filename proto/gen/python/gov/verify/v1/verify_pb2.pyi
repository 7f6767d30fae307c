import datetime

from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.api import resource_pb2 as _resource_pb2
from google.longrunning import operations_pb2 as _operations_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from gov.common.v1 import common_pb2 as _common_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class VerificationJobState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    VERIFICATION_JOB_STATE_UNSPECIFIED: _ClassVar[VerificationJobState]
    VERIFICATION_JOB_STATE_PENDING: _ClassVar[VerificationJobState]
    VERIFICATION_JOB_STATE_RUNNING: _ClassVar[VerificationJobState]
    VERIFICATION_JOB_STATE_SUCCEEDED: _ClassVar[VerificationJobState]
    VERIFICATION_JOB_STATE_FAILED: _ClassVar[VerificationJobState]
    VERIFICATION_JOB_STATE_CANCELLED: _ClassVar[VerificationJobState]

class ReportDetail(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    REPORT_DETAIL_UNSPECIFIED: _ClassVar[ReportDetail]
    REPORT_DETAIL_CONCLUSION: _ClassVar[ReportDetail]
    REPORT_DETAIL_FULL: _ClassVar[ReportDetail]

class MemberRelation(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    MEMBER_RELATION_UNSPECIFIED: _ClassVar[MemberRelation]
    MEMBER_RELATION_APPLICANT: _ClassVar[MemberRelation]
    MEMBER_RELATION_SPOUSE: _ClassVar[MemberRelation]
    MEMBER_RELATION_CHILD: _ClassVar[MemberRelation]
    MEMBER_RELATION_PARENT: _ClassVar[MemberRelation]
    MEMBER_RELATION_GRANDPARENT: _ClassVar[MemberRelation]
    MEMBER_RELATION_GRANDCHILD: _ClassVar[MemberRelation]
    MEMBER_RELATION_SIBLING: _ClassVar[MemberRelation]
    MEMBER_RELATION_OTHER: _ClassVar[MemberRelation]

class OverallResult(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    OVERALL_RESULT_UNSPECIFIED: _ClassVar[OverallResult]
    OVERALL_RESULT_PASS: _ClassVar[OverallResult]
    OVERALL_RESULT_FAIL: _ClassVar[OverallResult]
    OVERALL_RESULT_INCOMPLETE: _ClassVar[OverallResult]

class FindingOutcome(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    FINDING_OUTCOME_UNSPECIFIED: _ClassVar[FindingOutcome]
    FINDING_OUTCOME_PASS: _ClassVar[FindingOutcome]
    FINDING_OUTCOME_FAIL: _ClassVar[FindingOutcome]
    FINDING_OUTCOME_INCOMPLETE: _ClassVar[FindingOutcome]

class ReportFormat(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    REPORT_FORMAT_UNSPECIFIED: _ClassVar[ReportFormat]
    REPORT_FORMAT_PDF: _ClassVar[ReportFormat]
    REPORT_FORMAT_JSON: _ClassVar[ReportFormat]

class LicenceKeyState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    LICENCE_KEY_STATE_UNSPECIFIED: _ClassVar[LicenceKeyState]
    LICENCE_KEY_STATE_ACTIVE: _ClassVar[LicenceKeyState]
    LICENCE_KEY_STATE_RETIRED: _ClassVar[LicenceKeyState]

class LicenceStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    LICENCE_STATUS_UNSPECIFIED: _ClassVar[LicenceStatus]
    LICENCE_STATUS_VALID: _ClassVar[LicenceStatus]
    LICENCE_STATUS_SIGNATURE_INVALID: _ClassVar[LicenceStatus]
    LICENCE_STATUS_UNKNOWN_KEY: _ClassVar[LicenceStatus]
    LICENCE_STATUS_REVOKED: _ClassVar[LicenceStatus]
    LICENCE_STATUS_EXPIRED: _ClassVar[LicenceStatus]
VERIFICATION_JOB_STATE_UNSPECIFIED: VerificationJobState
VERIFICATION_JOB_STATE_PENDING: VerificationJobState
VERIFICATION_JOB_STATE_RUNNING: VerificationJobState
VERIFICATION_JOB_STATE_SUCCEEDED: VerificationJobState
VERIFICATION_JOB_STATE_FAILED: VerificationJobState
VERIFICATION_JOB_STATE_CANCELLED: VerificationJobState
REPORT_DETAIL_UNSPECIFIED: ReportDetail
REPORT_DETAIL_CONCLUSION: ReportDetail
REPORT_DETAIL_FULL: ReportDetail
MEMBER_RELATION_UNSPECIFIED: MemberRelation
MEMBER_RELATION_APPLICANT: MemberRelation
MEMBER_RELATION_SPOUSE: MemberRelation
MEMBER_RELATION_CHILD: MemberRelation
MEMBER_RELATION_PARENT: MemberRelation
MEMBER_RELATION_GRANDPARENT: MemberRelation
MEMBER_RELATION_GRANDCHILD: MemberRelation
MEMBER_RELATION_SIBLING: MemberRelation
MEMBER_RELATION_OTHER: MemberRelation
OVERALL_RESULT_UNSPECIFIED: OverallResult
OVERALL_RESULT_PASS: OverallResult
OVERALL_RESULT_FAIL: OverallResult
OVERALL_RESULT_INCOMPLETE: OverallResult
FINDING_OUTCOME_UNSPECIFIED: FindingOutcome
FINDING_OUTCOME_PASS: FindingOutcome
FINDING_OUTCOME_FAIL: FindingOutcome
FINDING_OUTCOME_INCOMPLETE: FindingOutcome
REPORT_FORMAT_UNSPECIFIED: ReportFormat
REPORT_FORMAT_PDF: ReportFormat
REPORT_FORMAT_JSON: ReportFormat
LICENCE_KEY_STATE_UNSPECIFIED: LicenceKeyState
LICENCE_KEY_STATE_ACTIVE: LicenceKeyState
LICENCE_KEY_STATE_RETIRED: LicenceKeyState
LICENCE_STATUS_UNSPECIFIED: LicenceStatus
LICENCE_STATUS_VALID: LicenceStatus
LICENCE_STATUS_SIGNATURE_INVALID: LicenceStatus
LICENCE_STATUS_UNKNOWN_KEY: LicenceStatus
LICENCE_STATUS_REVOKED: LicenceStatus
LICENCE_STATUS_EXPIRED: LicenceStatus

class VerificationJob(_message.Message):
    __slots__ = ("name", "household", "policy", "purpose", "grants", "application_id", "report_detail", "state", "report", "operation", "requester", "revision", "create_time", "update_time", "end_time", "etag")
    NAME_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_FIELD_NUMBER: _ClassVar[int]
    POLICY_FIELD_NUMBER: _ClassVar[int]
    PURPOSE_FIELD_NUMBER: _ClassVar[int]
    GRANTS_FIELD_NUMBER: _ClassVar[int]
    APPLICATION_ID_FIELD_NUMBER: _ClassVar[int]
    REPORT_DETAIL_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    REPORT_FIELD_NUMBER: _ClassVar[int]
    OPERATION_FIELD_NUMBER: _ClassVar[int]
    REQUESTER_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    household: Household
    policy: str
    purpose: str
    grants: _containers.RepeatedScalarFieldContainer[str]
    application_id: str
    report_detail: ReportDetail
    state: VerificationJobState
    report: Report
    operation: str
    requester: _common_pb2.Actor
    revision: int
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    end_time: _timestamp_pb2.Timestamp
    etag: str
    def __init__(self, name: _Optional[str] = ..., household: _Optional[_Union[Household, _Mapping]] = ..., policy: _Optional[str] = ..., purpose: _Optional[str] = ..., grants: _Optional[_Iterable[str]] = ..., application_id: _Optional[str] = ..., report_detail: _Optional[_Union[ReportDetail, str]] = ..., state: _Optional[_Union[VerificationJobState, str]] = ..., report: _Optional[_Union[Report, _Mapping]] = ..., operation: _Optional[str] = ..., requester: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., revision: _Optional[int] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., etag: _Optional[str] = ...) -> None: ...

class Household(_message.Message):
    __slots__ = ("members", "incomes", "real_estate", "vehicles", "business_shares", "provident_funds", "deposits")
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    INCOMES_FIELD_NUMBER: _ClassVar[int]
    REAL_ESTATE_FIELD_NUMBER: _ClassVar[int]
    VEHICLES_FIELD_NUMBER: _ClassVar[int]
    BUSINESS_SHARES_FIELD_NUMBER: _ClassVar[int]
    PROVIDENT_FUNDS_FIELD_NUMBER: _ClassVar[int]
    DEPOSITS_FIELD_NUMBER: _ClassVar[int]
    members: _containers.RepeatedCompositeFieldContainer[Member]
    incomes: _containers.RepeatedCompositeFieldContainer[DeclaredIncome]
    real_estate: _containers.RepeatedCompositeFieldContainer[DeclaredRealEstate]
    vehicles: _containers.RepeatedCompositeFieldContainer[DeclaredVehicle]
    business_shares: _containers.RepeatedCompositeFieldContainer[DeclaredBusinessShare]
    provident_funds: _containers.RepeatedCompositeFieldContainer[DeclaredProvidentFund]
    deposits: _containers.RepeatedCompositeFieldContainer[DeclaredDeposit]
    def __init__(self, members: _Optional[_Iterable[_Union[Member, _Mapping]]] = ..., incomes: _Optional[_Iterable[_Union[DeclaredIncome, _Mapping]]] = ..., real_estate: _Optional[_Iterable[_Union[DeclaredRealEstate, _Mapping]]] = ..., vehicles: _Optional[_Iterable[_Union[DeclaredVehicle, _Mapping]]] = ..., business_shares: _Optional[_Iterable[_Union[DeclaredBusinessShare, _Mapping]]] = ..., provident_funds: _Optional[_Iterable[_Union[DeclaredProvidentFund, _Mapping]]] = ..., deposits: _Optional[_Iterable[_Union[DeclaredDeposit, _Mapping]]] = ...) -> None: ...

class Member(_message.Message):
    __slots__ = ("citizen_id", "name", "relation")
    CITIZEN_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    RELATION_FIELD_NUMBER: _ClassVar[int]
    citizen_id: str
    name: str
    relation: MemberRelation
    def __init__(self, citizen_id: _Optional[str] = ..., name: _Optional[str] = ..., relation: _Optional[_Union[MemberRelation, str]] = ...) -> None: ...

class DeclaredIncome(_message.Message):
    __slots__ = ("citizen_id", "monthly_income_fen", "source")
    CITIZEN_ID_FIELD_NUMBER: _ClassVar[int]
    MONTHLY_INCOME_FEN_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    citizen_id: str
    monthly_income_fen: int
    source: str
    def __init__(self, citizen_id: _Optional[str] = ..., monthly_income_fen: _Optional[int] = ..., source: _Optional[str] = ...) -> None: ...

class DeclaredRealEstate(_message.Message):
    __slots__ = ("owner_citizen_ids", "address", "certificate_number", "floor_area_square_meters")
    OWNER_CITIZEN_IDS_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    CERTIFICATE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    FLOOR_AREA_SQUARE_METERS_FIELD_NUMBER: _ClassVar[int]
    owner_citizen_ids: _containers.RepeatedScalarFieldContainer[str]
    address: str
    certificate_number: str
    floor_area_square_meters: float
    def __init__(self, owner_citizen_ids: _Optional[_Iterable[str]] = ..., address: _Optional[str] = ..., certificate_number: _Optional[str] = ..., floor_area_square_meters: _Optional[float] = ...) -> None: ...

class DeclaredVehicle(_message.Message):
    __slots__ = ("citizen_id", "plate_number", "vehicle_type", "value_fen")
    CITIZEN_ID_FIELD_NUMBER: _ClassVar[int]
    PLATE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    VEHICLE_TYPE_FIELD_NUMBER: _ClassVar[int]
    VALUE_FEN_FIELD_NUMBER: _ClassVar[int]
    citizen_id: str
    plate_number: str
    vehicle_type: str
    value_fen: int
    def __init__(self, citizen_id: _Optional[str] = ..., plate_number: _Optional[str] = ..., vehicle_type: _Optional[str] = ..., value_fen: _Optional[int] = ...) -> None: ...

class DeclaredBusinessShare(_message.Message):
    __slots__ = ("citizen_id", "enterprise_name", "unified_social_credit_code", "contribution_fen", "legal_representative")
    CITIZEN_ID_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_NAME_FIELD_NUMBER: _ClassVar[int]
    UNIFIED_SOCIAL_CREDIT_CODE_FIELD_NUMBER: _ClassVar[int]
    CONTRIBUTION_FEN_FIELD_NUMBER: _ClassVar[int]
    LEGAL_REPRESENTATIVE_FIELD_NUMBER: _ClassVar[int]
    citizen_id: str
    enterprise_name: str
    unified_social_credit_code: str
    contribution_fen: int
    legal_representative: bool
    def __init__(self, citizen_id: _Optional[str] = ..., enterprise_name: _Optional[str] = ..., unified_social_credit_code: _Optional[str] = ..., contribution_fen: _Optional[int] = ..., legal_representative: _Optional[bool] = ...) -> None: ...

class DeclaredProvidentFund(_message.Message):
    __slots__ = ("citizen_id", "balance_fen")
    CITIZEN_ID_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FEN_FIELD_NUMBER: _ClassVar[int]
    citizen_id: str
    balance_fen: int
    def __init__(self, citizen_id: _Optional[str] = ..., balance_fen: _Optional[int] = ...) -> None: ...

class DeclaredDeposit(_message.Message):
    __slots__ = ("citizen_id", "bank", "balance_fen")
    CITIZEN_ID_FIELD_NUMBER: _ClassVar[int]
    BANK_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FEN_FIELD_NUMBER: _ClassVar[int]
    citizen_id: str
    bank: str
    balance_fen: int
    def __init__(self, citizen_id: _Optional[str] = ..., bank: _Optional[str] = ..., balance_fen: _Optional[int] = ...) -> None: ...

class Report(_message.Message):
    __slots__ = ("overall_result", "findings", "incomplete_sources", "policy", "policy_revision", "create_time")
    OVERALL_RESULT_FIELD_NUMBER: _ClassVar[int]
    FINDINGS_FIELD_NUMBER: _ClassVar[int]
    INCOMPLETE_SOURCES_FIELD_NUMBER: _ClassVar[int]
    POLICY_FIELD_NUMBER: _ClassVar[int]
    POLICY_REVISION_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    overall_result: OverallResult
    findings: _containers.RepeatedCompositeFieldContainer[Finding]
    incomplete_sources: _containers.RepeatedCompositeFieldContainer[IncompleteSource]
    policy: str
    policy_revision: str
    create_time: _timestamp_pb2.Timestamp
    def __init__(self, overall_result: _Optional[_Union[OverallResult, str]] = ..., findings: _Optional[_Iterable[_Union[Finding, _Mapping]]] = ..., incomplete_sources: _Optional[_Iterable[_Union[IncompleteSource, _Mapping]]] = ..., policy: _Optional[str] = ..., policy_revision: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Finding(_message.Message):
    __slots__ = ("rule", "citizen_id", "outcome", "declared_value", "recorded_value", "explanation", "evidence", "citizen_ids")
    RULE_FIELD_NUMBER: _ClassVar[int]
    CITIZEN_ID_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    DECLARED_VALUE_FIELD_NUMBER: _ClassVar[int]
    RECORDED_VALUE_FIELD_NUMBER: _ClassVar[int]
    EXPLANATION_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    CITIZEN_IDS_FIELD_NUMBER: _ClassVar[int]
    rule: str
    citizen_id: str
    outcome: FindingOutcome
    declared_value: str
    recorded_value: str
    explanation: str
    evidence: _containers.RepeatedCompositeFieldContainer[Evidence]
    citizen_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, rule: _Optional[str] = ..., citizen_id: _Optional[str] = ..., outcome: _Optional[_Union[FindingOutcome, str]] = ..., declared_value: _Optional[str] = ..., recorded_value: _Optional[str] = ..., explanation: _Optional[str] = ..., evidence: _Optional[_Iterable[_Union[Evidence, _Mapping]]] = ..., citizen_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class Evidence(_message.Message):
    __slots__ = ("resource", "record_key", "record_version", "fetch_time", "provider", "access_request_id")
    RESOURCE_FIELD_NUMBER: _ClassVar[int]
    RECORD_KEY_FIELD_NUMBER: _ClassVar[int]
    RECORD_VERSION_FIELD_NUMBER: _ClassVar[int]
    FETCH_TIME_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    ACCESS_REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    resource: str
    record_key: str
    record_version: int
    fetch_time: _timestamp_pb2.Timestamp
    provider: str
    access_request_id: str
    def __init__(self, resource: _Optional[str] = ..., record_key: _Optional[str] = ..., record_version: _Optional[int] = ..., fetch_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., provider: _Optional[str] = ..., access_request_id: _Optional[str] = ...) -> None: ...

class IncompleteSource(_message.Message):
    __slots__ = ("resource", "provider", "code", "reason")
    RESOURCE_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    resource: str
    provider: str
    code: str
    reason: str
    def __init__(self, resource: _Optional[str] = ..., provider: _Optional[str] = ..., code: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class VerificationJobMetadata(_message.Message):
    __slots__ = ("verification_job", "state", "checks_total", "checks_done", "create_time", "end_time")
    VERIFICATION_JOB_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    CHECKS_TOTAL_FIELD_NUMBER: _ClassVar[int]
    CHECKS_DONE_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    verification_job: str
    state: VerificationJobState
    checks_total: int
    checks_done: int
    create_time: _timestamp_pb2.Timestamp
    end_time: _timestamp_pb2.Timestamp
    def __init__(self, verification_job: _Optional[str] = ..., state: _Optional[_Union[VerificationJobState, str]] = ..., checks_total: _Optional[int] = ..., checks_done: _Optional[int] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class CreateVerificationJobRequest(_message.Message):
    __slots__ = ("parent", "verification_job", "request_id")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    VERIFICATION_JOB_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    parent: str
    verification_job: VerificationJob
    request_id: str
    def __init__(self, parent: _Optional[str] = ..., verification_job: _Optional[_Union[VerificationJob, _Mapping]] = ..., request_id: _Optional[str] = ...) -> None: ...

class GetVerificationJobRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListVerificationJobsRequest(_message.Message):
    __slots__ = ("parent", "page_size", "page_token", "state", "policy", "application_id")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    POLICY_FIELD_NUMBER: _ClassVar[int]
    APPLICATION_ID_FIELD_NUMBER: _ClassVar[int]
    parent: str
    page_size: int
    page_token: str
    state: VerificationJobState
    policy: str
    application_id: str
    def __init__(self, parent: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., state: _Optional[_Union[VerificationJobState, str]] = ..., policy: _Optional[str] = ..., application_id: _Optional[str] = ...) -> None: ...

class ListVerificationJobsResponse(_message.Message):
    __slots__ = ("verification_jobs", "next_page_token", "total_size")
    VERIFICATION_JOBS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    verification_jobs: _containers.RepeatedCompositeFieldContainer[VerificationJob]
    next_page_token: str
    total_size: int
    def __init__(self, verification_jobs: _Optional[_Iterable[_Union[VerificationJob, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class CancelVerificationJobRequest(_message.Message):
    __slots__ = ("name", "etag")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    etag: str
    def __init__(self, name: _Optional[str] = ..., etag: _Optional[str] = ...) -> None: ...

class BatchCreateVerificationJobsRequest(_message.Message):
    __slots__ = ("parent", "requests", "request_id")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    REQUESTS_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    parent: str
    requests: _containers.RepeatedCompositeFieldContainer[CreateVerificationJobRequest]
    request_id: str
    def __init__(self, parent: _Optional[str] = ..., requests: _Optional[_Iterable[_Union[CreateVerificationJobRequest, _Mapping]]] = ..., request_id: _Optional[str] = ...) -> None: ...

class BatchCreateVerificationJobsResponse(_message.Message):
    __slots__ = ("verification_jobs",)
    VERIFICATION_JOBS_FIELD_NUMBER: _ClassVar[int]
    verification_jobs: _containers.RepeatedCompositeFieldContainer[VerificationJob]
    def __init__(self, verification_jobs: _Optional[_Iterable[_Union[VerificationJob, _Mapping]]] = ...) -> None: ...

class ExportReportRequest(_message.Message):
    __slots__ = ("name", "format")
    NAME_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    name: str
    format: ReportFormat
    def __init__(self, name: _Optional[str] = ..., format: _Optional[_Union[ReportFormat, str]] = ...) -> None: ...

class ExportReportResponse(_message.Message):
    __slots__ = ("content", "content_type", "file_name")
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    CONTENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    FILE_NAME_FIELD_NUMBER: _ClassVar[int]
    content: bytes
    content_type: str
    file_name: str
    def __init__(self, content: _Optional[bytes] = ..., content_type: _Optional[str] = ..., file_name: _Optional[str] = ...) -> None: ...

class LicenceKey(_message.Message):
    __slots__ = ("name", "public_key", "state", "create_time", "update_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    PUBLIC_KEY_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    public_key: bytes
    state: LicenceKeyState
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., public_key: _Optional[bytes] = ..., state: _Optional[_Union[LicenceKeyState, str]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Licence(_message.Message):
    __slots__ = ("licence_type", "licence_number", "issuer", "holder_id", "holder_name", "issue_date", "expiry_date", "fields", "key_id", "signature")
    class FieldsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    LICENCE_TYPE_FIELD_NUMBER: _ClassVar[int]
    LICENCE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    ISSUER_FIELD_NUMBER: _ClassVar[int]
    HOLDER_ID_FIELD_NUMBER: _ClassVar[int]
    HOLDER_NAME_FIELD_NUMBER: _ClassVar[int]
    ISSUE_DATE_FIELD_NUMBER: _ClassVar[int]
    EXPIRY_DATE_FIELD_NUMBER: _ClassVar[int]
    FIELDS_FIELD_NUMBER: _ClassVar[int]
    KEY_ID_FIELD_NUMBER: _ClassVar[int]
    SIGNATURE_FIELD_NUMBER: _ClassVar[int]
    licence_type: str
    licence_number: str
    issuer: str
    holder_id: str
    holder_name: str
    issue_date: str
    expiry_date: str
    fields: _containers.ScalarMap[str, str]
    key_id: str
    signature: bytes
    def __init__(self, licence_type: _Optional[str] = ..., licence_number: _Optional[str] = ..., issuer: _Optional[str] = ..., holder_id: _Optional[str] = ..., holder_name: _Optional[str] = ..., issue_date: _Optional[str] = ..., expiry_date: _Optional[str] = ..., fields: _Optional[_Mapping[str, str]] = ..., key_id: _Optional[str] = ..., signature: _Optional[bytes] = ...) -> None: ...

class RegisterLicenceKeyRequest(_message.Message):
    __slots__ = ("licence_key",)
    LICENCE_KEY_FIELD_NUMBER: _ClassVar[int]
    licence_key: LicenceKey
    def __init__(self, licence_key: _Optional[_Union[LicenceKey, _Mapping]] = ...) -> None: ...

class RevokeLicenceRequest(_message.Message):
    __slots__ = ("issuer", "licence_number", "reason")
    ISSUER_FIELD_NUMBER: _ClassVar[int]
    LICENCE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    issuer: str
    licence_number: str
    reason: str
    def __init__(self, issuer: _Optional[str] = ..., licence_number: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class LicenceRevocation(_message.Message):
    __slots__ = ("issuer", "licence_number", "reason", "revoke_time")
    ISSUER_FIELD_NUMBER: _ClassVar[int]
    LICENCE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REVOKE_TIME_FIELD_NUMBER: _ClassVar[int]
    issuer: str
    licence_number: str
    reason: str
    revoke_time: _timestamp_pb2.Timestamp
    def __init__(self, issuer: _Optional[str] = ..., licence_number: _Optional[str] = ..., reason: _Optional[str] = ..., revoke_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class VerifyLicenceRequest(_message.Message):
    __slots__ = ("licence",)
    LICENCE_FIELD_NUMBER: _ClassVar[int]
    licence: Licence
    def __init__(self, licence: _Optional[_Union[Licence, _Mapping]] = ...) -> None: ...

class LicenceVerification(_message.Message):
    __slots__ = ("status", "reason", "licence_key", "revocation", "verify_time")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    LICENCE_KEY_FIELD_NUMBER: _ClassVar[int]
    REVOCATION_FIELD_NUMBER: _ClassVar[int]
    VERIFY_TIME_FIELD_NUMBER: _ClassVar[int]
    status: LicenceStatus
    reason: str
    licence_key: str
    revocation: LicenceRevocation
    verify_time: _timestamp_pb2.Timestamp
    def __init__(self, status: _Optional[_Union[LicenceStatus, str]] = ..., reason: _Optional[str] = ..., licence_key: _Optional[str] = ..., revocation: _Optional[_Union[LicenceRevocation, _Mapping]] = ..., verify_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class CrossCheckSide(_message.Message):
    __slots__ = ("grant", "resource", "data_item", "key_item")
    GRANT_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_FIELD_NUMBER: _ClassVar[int]
    DATA_ITEM_FIELD_NUMBER: _ClassVar[int]
    KEY_ITEM_FIELD_NUMBER: _ClassVar[int]
    grant: str
    resource: str
    data_item: str
    key_item: str
    def __init__(self, grant: _Optional[str] = ..., resource: _Optional[str] = ..., data_item: _Optional[str] = ..., key_item: _Optional[str] = ...) -> None: ...

class CrossCheckSourcesRequest(_message.Message):
    __slots__ = ("left", "right", "keys")
    LEFT_FIELD_NUMBER: _ClassVar[int]
    RIGHT_FIELD_NUMBER: _ClassVar[int]
    KEYS_FIELD_NUMBER: _ClassVar[int]
    left: CrossCheckSide
    right: CrossCheckSide
    keys: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, left: _Optional[_Union[CrossCheckSide, _Mapping]] = ..., right: _Optional[_Union[CrossCheckSide, _Mapping]] = ..., keys: _Optional[_Iterable[str]] = ...) -> None: ...

class Disagreement(_message.Message):
    __slots__ = ("key", "left_value", "right_value")
    KEY_FIELD_NUMBER: _ClassVar[int]
    LEFT_VALUE_FIELD_NUMBER: _ClassVar[int]
    RIGHT_VALUE_FIELD_NUMBER: _ClassVar[int]
    key: str
    left_value: str
    right_value: str
    def __init__(self, key: _Optional[str] = ..., left_value: _Optional[str] = ..., right_value: _Optional[str] = ...) -> None: ...

class CrossCheckSourcesResponse(_message.Message):
    __slots__ = ("compared_count", "disagreements", "missing_in_left", "missing_in_right")
    COMPARED_COUNT_FIELD_NUMBER: _ClassVar[int]
    DISAGREEMENTS_FIELD_NUMBER: _ClassVar[int]
    MISSING_IN_LEFT_FIELD_NUMBER: _ClassVar[int]
    MISSING_IN_RIGHT_FIELD_NUMBER: _ClassVar[int]
    compared_count: int
    disagreements: _containers.RepeatedCompositeFieldContainer[Disagreement]
    missing_in_left: _containers.RepeatedScalarFieldContainer[str]
    missing_in_right: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, compared_count: _Optional[int] = ..., disagreements: _Optional[_Iterable[_Union[Disagreement, _Mapping]]] = ..., missing_in_left: _Optional[_Iterable[str]] = ..., missing_in_right: _Optional[_Iterable[str]] = ...) -> None: ...
