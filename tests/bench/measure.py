"""What the benchmark scripts share: percentiles, ratios, retries, the live platform's health.

The scripts run as ``.venv/bin/python tests/bench/<name>.py``, so this folder is on their
import path and ``import measure`` finds this module.
"""

from __future__ import annotations

import functools
import importlib.util
import math
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TypeVar

import grpc

from govdata.runtime.local_platform import API_PORTS

ROOT = Path(__file__).resolve().parents[2]
T = TypeVar("T")


def say(line: str) -> None:
    print(line, flush=True)


def percentiles(samples: list[float], unit: float = 1000.0, suffix: str = "ms") -> dict:
    """Nearest-rank p50/p95/p99 (and max) of ``samples`` (seconds), in ``suffix`` units."""
    if not samples:
        return {"n": 0}
    ordered = sorted(samples)

    def at(q: float) -> float:
        return round(ordered[max(0, math.ceil(q * len(ordered)) - 1)] * unit, 2)

    return {
        "n": len(ordered),
        f"p50_{suffix}": at(0.50),
        f"p95_{suffix}": at(0.95),
        f"p99_{suffix}": at(0.99),
        f"max_{suffix}": round(ordered[-1] * unit, 2),
        f"mean_{suffix}": round(statistics.fmean(ordered) * unit, 2),
    }


def figures(row: dict, unit: str = "ms") -> str:
    """``p50 …, p95 …, p99 …, max …`` of a ``percentiles`` row."""
    return ", ".join(f"{q} {row.get(f'{q}_{unit}')}" for q in ("p50", "p95", "p99", "max"))


def ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a is not None and b else None


def retrying(call: Callable[[], T], what: str, timeout: float = 180.0) -> T:
    """``call``, retried while the platform answers UNAVAILABLE (a process being restarted)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return call()
        except grpc.RpcError as error:
            if error.code() != grpc.StatusCode.UNAVAILABLE or time.monotonic() > deadline:
                raise
            say(f"  {what}: UNAVAILABLE, retrying")
            time.sleep(2)


@functools.cache
def processes_script() -> ModuleType:
    """``scripts/processes.py`` (not a package): its process table, environment and probes."""
    spec = importlib.util.spec_from_file_location("processes", ROOT / "scripts" / "processes.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def platform_up(services: tuple[str, ...], timeout: float = 120.0) -> bool:
    """Whether the live ``services``' apis serve, waiting (bounded) for a restart.

    The platform is not started here: ``make bench`` starts it (``run.py``), and starting
    processes while someone restarts them would run two of one.
    """
    deadline = time.monotonic() + timeout
    proc = processes_script()
    apis = [proc.Process(svc, "api", API_PORTS[svc], 0) for svc in services]
    while not all(proc._healthy(api) for api in apis):
        if time.monotonic() > deadline:
            return False
        time.sleep(2)
    return True
