from gov.verify.v1 import verify_pb2
from govdata.runtime import privacy
from govdata.runtime.access import RateLimiter
from govdata.runtime.registry import CallingSystem


def test_masks_keep_what_a_clerk_needs_to_recognise() -> None:
    assert privacy.mask_id_number("11010519491231002X") == "110105********002X"
    assert privacy.mask_name("张三") == "张*" and privacy.mask_name("") == ""
    assert privacy.mask_phone("13812345678") == "138****5678"
    assert privacy.mask_id_number("123") == "***"


def test_response_masking_reaches_nested_and_repeated_fields() -> None:
    job = verify_pb2.VerificationJob()
    job.household.members.add(citizen_id="11010519491231002X", name="李四")
    job.household.real_estate.add(owner_citizen_ids=["11010519491231002X"])
    privacy.mask_response(job, frozenset({privacy.NAME}))
    assert job.household.members[0].citizen_id == "110105********002X"
    assert job.household.members[0].name == "李四"  # revealed
    assert job.household.real_estate[0].owner_citizen_ids == ["110105********002X"]


def test_the_requests_own_values_are_masked_in_text() -> None:
    request = verify_pb2.CreateVerificationJobRequest()
    request.verification_job.household.members.add(citizen_id="11010519491231002X", name="王五")
    token = privacy.remember_request(request)
    try:
        text = privacy.mask_text("王五 11010519491231002X 13812345678")
    finally:
        privacy.forget_request(token)
    assert text == "王* 110105********002X 138****5678"
    assert privacy.mask_text("王五") == "王五"  # outside the call nothing is remembered


def _system(rate: float = 0.0) -> CallingSystem:
    return CallingSystem("callingSystems/x", "x", "organizations/o", frozenset(), True, rate)


def test_rate_limiter_admits_a_burst_then_asks_to_wait() -> None:
    limiter = RateLimiter(default_rate=1, burst=3)
    waits = [limiter.take(_system()) for _ in range(4)]
    assert waits[:3] == [0.0, 0.0, 0.0] and waits[3] > 0


def test_a_registered_rate_overrides_the_default() -> None:
    limiter = RateLimiter(default_rate=1000, burst=1000)
    waits = [limiter.take(_system(rate=2)) for _ in range(3)]
    assert waits[:2] == [0.0, 0.0] and 0 < waits[2] <= 0.5


def test_only_types_that_can_hold_personal_fields_are_masked() -> None:
    from gov.exchange.v1 import exchange_pb2
    from gov.verify.v1 import verify_pb2
    from govdata.runtime.privacy import may_hold_personal

    # a verification job names its household's members; a streamed record carries its values
    # in a map, which no annotation reaches, so copying it to mask it would change nothing
    assert may_hold_personal(verify_pb2.VerificationJob.DESCRIPTOR)
    assert not may_hold_personal(exchange_pb2.SubscribeResponse.DESCRIPTOR)
