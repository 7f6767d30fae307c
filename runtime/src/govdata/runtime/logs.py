"""JSON logs, one object a line, with service, process and request id on every record.

Personal data is masked in every message before it is written, whoever logged it, because a
log line is copied to places the data may not go (``privacy.mask_text``: ID and phone numbers
by pattern, and the personal values of the request being served).
"""

from __future__ import annotations

import json
import logging
import sys
import time

from govdata.runtime import context
from govdata.runtime.privacy import mask_text


class JsonFormatter(logging.Formatter):
    """Formats a record as one JSON object; masks personal data in message and exception."""

    def __init__(self, service: str, process: str) -> None:
        super().__init__()
        self.service = service
        self.process = process

    def format(self, record: logging.LogRecord) -> str:
        ctx = context.current()
        entry = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "service": self.service,
            "process": self.process,
            "logger": record.name,
            "message": mask_text(record.getMessage()),
            "request_id": ctx.request_id if ctx.method else "",
        }
        if ctx.method:
            entry["method"] = ctx.method
        if record.exc_info:
            entry["exception"] = mask_text(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)


def configure(service: str, process: str, level: str = "INFO") -> None:
    """Send every logger's output to stdout as JSON; call once at process start."""
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter(service, process))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # Chatty third-party loggers stay at WARNING unless we debug.
    for noisy in ("kombu", "amqp", "nameko", "opensearch", "urllib3", "pymongo"):
        logging.getLogger(noisy).setLevel("DEBUG" if level == "DEBUG" else "WARNING")
