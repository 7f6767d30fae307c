import json
import logging

from govdata.runtime import context
from govdata.runtime.logs import JsonFormatter
from govdata.runtime.privacy import mask_text


def test_citizen_ids_and_phones_are_masked() -> None:
    text = "applicant 11010519491231002X phone 13812345678 order 123456789012345678901"
    masked = mask_text(text)
    assert "11010519491231002X" not in masked and "110105********002X" in masked
    assert "13812345678" not in masked and "138****5678" in masked
    assert "123456789012345678901" in masked  # a longer number is not an ID


def test_json_line_carries_request_id_and_masks() -> None:
    token = context.bind(context.CallContext(request_id="req-1", method="/x.Y/Z"))
    try:
        record = logging.LogRecord(
            "t", logging.INFO, __file__, 1, "id %s", ("11010519491231002X",), None
        )
        line = json.loads(JsonFormatter("catalog", "api").format(record))
    finally:
        context.reset(token)
    assert line["request_id"] == "req-1" and line["service"] == "catalog"
    assert "11010519491231002X" not in line["message"]
