"""Shared helpers of svc-search's unit tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest


@pytest.fixture
def scored() -> Callable[[dict[str, Any]], dict[str, Any]]:
    """The bool query of a search body, inside its kind-weight and recency function scores."""

    def inner(body: dict[str, Any]) -> dict[str, Any]:
        return body["query"]["function_score"]["query"]["function_score"]["query"]

    return inner
