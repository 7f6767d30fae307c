"""Helm as the chart's tests run it: the binary and plugins scripts/servers.sh tools installs."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CHART = ROOT / "helm" / "govdata"
HOME = Path(os.environ.get("GOVDATA_HOME", ROOT / ".local"))


def helm(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    """Run helm (with the helm-unittest plugin); fails the test with its output unless
    ``check`` is off."""
    binary = HOME / "bin" / "helm"
    if not binary.exists():
        pytest.fail(f"{binary} missing: scripts/servers.sh tools installs helm")
    env = {**os.environ, "HELM_PLUGINS": str(HOME / "helm" / "plugins")}
    done = subprocess.run(
        [str(binary), *args], capture_output=True, text=True, env=env, check=False, cwd=ROOT
    )
    if check and done.returncode != 0:
        pytest.fail(f"helm {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done


def render(*extra: str) -> list[dict[str, Any]]:
    """The chart rendered as release ``gd`` in namespace ``govdata``, one dict per object;
    ``extra`` are helm template's own arguments (``-f FILE``, ``--set K=V``, ``--show-only``)."""
    out = helm("template", "gd", str(CHART), "--namespace", "govdata", *extra).stdout
    return [doc for doc in yaml.safe_load_all(out) if doc]
