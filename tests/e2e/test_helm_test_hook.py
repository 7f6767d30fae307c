"""`helm test`'s health check, run as its pod runs it, against the running apis.

The command and arguments come from the chart as rendered; only the in-cluster addresses
(`<release>-<service>-api:<health port>`) are swapped for the local apis' health ports, so
a chart that checked the wrong port, service name or module would fail here.
"""

from __future__ import annotations

import re
import subprocess
import sys

from govdata.runtime.local_platform import API_HEALTH_PORTS, SERVICES

from ..deploy.chart import render


def rendered_test_pod() -> dict:
    [pod] = render("--show-only", "templates/tests/test-health.yaml")
    return pod


def local(target: str) -> str:
    """``gd-<service>-api:<port>[/<gRPC service>]`` -> the same on the local health port."""
    match = re.fullmatch(r"gd-([a-z]+)-api:50052(/.*)?", target)
    assert match, target
    return f"127.0.0.1:{API_HEALTH_PORTS[match[1]]}{match[2] or ''}"


def test_the_helm_test_pod_finds_every_api_serving(platform) -> None:
    container = rendered_test_pod()["spec"]["containers"][0]
    assert container["command"][0] == "python"
    targets = [local(t) for t in container["args"]]
    assert len(targets) == 2 * len(SERVICES)
    done = subprocess.run(
        [sys.executable, *container["command"][1:], *targets],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("ok  ") == len(targets), done.stdout


def test_it_fails_naming_an_api_that_does_not_answer(platform) -> None:
    unused = max(API_HEALTH_PORTS.values()) + 5
    done = subprocess.run(
        [sys.executable, "-m", "govdata.runtime.health_check", "--timeout", "1",
         f"127.0.0.1:{API_HEALTH_PORTS['catalog']}", f"127.0.0.1:{unused}"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert f"FAIL 127.0.0.1:{unused}:" in done.stdout, done.stdout
