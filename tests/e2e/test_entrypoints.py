"""The images' entry point starts every process and stops it on SIGTERM, as Kubernetes does.

Each of the ten processes runs as its image runs it, ``govdata-process <service> api|worker``
(the venv's console script), with the environment ``scripts/processes.py`` gives it (the
development PKI's certificate, subject key, signing key, registry seed), against the real
local servers. It must answer ``/healthz`` on its metrics port (the api also the gRPC health
service on its plain-text probe port, GOVDATA_GRPC_HEALTH_PORT) and exit 0 after SIGTERM
within the grace period.

The platform (``make run``) keeps running beside these processes and other tests rely on it,
so they share nothing of it: a RabbitMQ vhost of their own (made and deleted here with the
local node's rabbitmqctl), their own databases ``govdata_imagetest_<service>``, index names
under a prefix of their own (all dropped afterwards), their own ports, and the addresses of
the other apis pointing nowhere (a call to the platform's apis would land in its audit log).
"""

from __future__ import annotations

import importlib.util
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from urllib.parse import quote, urlsplit, urlunsplit

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from govdata.runtime.config import Settings
from govdata.runtime.entrypoint import PROCESSES, SERVICES
from govdata.runtime.stores import mongo_database, opensearch_client

from .conftest import free_ports

ROOT = Path(__file__).resolve().parents[2]
GOVDATA_PROCESS = Path(sys.executable).parent / "govdata-process"
START_SECONDS = 60.0
# GOVDATA_SHUTDOWN_GRACE_SECONDS as the images run it (the default): in-flight calls may take
# that long after SIGTERM; an idle process must be gone well within it.
GRACE_SECONDS = 10.0


def processes_script() -> ModuleType:
    """``scripts/processes.py`` (not a package): the environment it gives each process."""
    name = "govdata_scripts_processes"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / "processes.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # its dataclasses look their module up there
        spec.loader.exec_module(module)
    return sys.modules[name]


def servers_setting(name: str) -> str:
    """A constant of scripts/servers.sh (``NAME=value``), so the two cannot drift apart."""
    text = (ROOT / "scripts" / "servers.sh").read_text(encoding="utf-8")
    match = re.search(rf"^{name}=(\S+)", text, re.MULTILINE)
    assert match, f"scripts/servers.sh sets no {name}"
    return match.group(1)


def rabbitmqctl(*args: str) -> None:
    """The local node's rabbitmqctl, called as scripts/servers.sh calls it."""
    home = processes_script().HOME / "rabbitmq"
    command = Path(servers_setting("RABBITMQ_BIN")) / "rabbitmqctl"
    if not command.is_file():
        pytest.fail(f"{command} is missing: run scripts/servers.sh start")
    env = {
        **os.environ,
        "HOME": str(home / "home"),  # the Erlang cookie the node was started with
        "RABBITMQ_CONF_ENV_FILE": str(home / "rabbitmq-env.conf"),
        "ERL_EPMD_ADDRESS": "127.0.0.1",
    }
    done = subprocess.run(
        [str(command), "-n", servers_setting("RABBITMQ_NODE"), *args],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if done.returncode != 0:
        pytest.fail(f"rabbitmqctl {' '.join(args)} failed:\n{done.stdout}{done.stderr}")


@dataclass(frozen=True)
class Apart:
    """What the test processes use instead of the platform's."""

    amqp_uri: str
    index_prefix: str
    nowhere: str  # host:port where nothing listens

    @staticmethod
    def database(service: str) -> str:
        return f"govdata_imagetest_{service}"


@pytest.fixture(scope="module")
def apart() -> Iterator[Apart]:
    base = Settings.from_env("imagetest", "test")
    run = uuid.uuid4().hex[:8]
    vhost = f"govdata-imagetest-{run}"
    parts = urlsplit(base.amqp_uri)
    user = parts.username or "guest"
    prefix = f"imagetest-{run}-"
    mongo = mongo_database(base).client
    search = opensearch_client(base)
    mongo.admin.command("ping")  # fails here, clearly, when a server is missing
    if not search.ping():
        pytest.fail(f"OpenSearch is not reachable at {base.opensearch_url}")

    def drop() -> None:
        for service in SERVICES:
            mongo.drop_database(Apart.database(service))
        search.indices.delete(index=f"{prefix}*", ignore_unavailable=True)

    drop()  # what a killed earlier run may have left
    rabbitmqctl("add_vhost", vhost)
    try:
        rabbitmqctl("set_permissions", "-p", vhost, user, ".*", ".*", ".*")
        yield Apart(
            amqp_uri=urlunsplit(parts._replace(path="/" + quote(vhost, safe=""))),
            index_prefix=prefix,
            nowhere=f"127.0.0.1:{free_ports(1)[0]}",
        )
    finally:
        rabbitmqctl("delete_vhost", vhost)
        drop()
        mongo.close()
        search.close()


def environment(
    service: str, process: str, apart: Apart, ports: dict[str, int], tmp: Path
) -> dict[str, str]:
    """scripts/processes.py's environment for the process, moved apart from the platform."""
    env = processes_script()._service_env(service)
    env.update(
        GOVDATA_AMQP_URI=apart.amqp_uri,
        GOVDATA_MONGO_DATABASE=Apart.database(service),
        GOVDATA_SEARCH_INDEX_PREFIX=apart.index_prefix,
        GOVDATA_AUDIT_QUERY_INDEX=f"{apart.index_prefix}audit-records",
        GOVDATA_AUDIT_ARCHIVE_DIR=str(tmp / "audit-archive"),
        GOVDATA_CATALOG_ADDRESS=apart.nowhere,
        GOVDATA_SEARCH_ADDRESS=apart.nowhere,
        GOVDATA_EXCHANGE_ADDRESS=apart.nowhere,
        GOVDATA_SHUTDOWN_GRACE_SECONDS=str(GRACE_SECONDS),
        GOVDATA_METRICS_PORT=str(ports["metrics"]),
    )
    if process == "api":
        env["GOVDATA_GRPC_PORT"] = str(ports["grpc"])
        env["GOVDATA_GRPC_HEALTH_PORT"] = str(ports["health"])
        if service == "catalog":
            pki = processes_script().PKI
            env.setdefault("GOVDATA_REGISTRY_SEED_FILE", str(pki / "registry-seed.json"))
    return env


def tail(log: Path, lines: int = 60) -> str:
    text = "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    return f"{text}\n(whole log: {log})"


def healthz(port: int) -> int | None:
    try:
        url = f"http://127.0.0.1:{port}/healthz"
        with urllib.request.urlopen(url, timeout=1) as reply:
            return reply.status
    except OSError:
        return None


def grpc_health(port: int) -> int:
    """The overall status ("") on the api's plain-text probe port, as the kubelet asks."""
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = health_pb2_grpc.HealthStub(channel)
        return stub.Check(health_pb2.HealthCheckRequest(service=""), timeout=5).status


@pytest.mark.parametrize("process", PROCESSES)
@pytest.mark.parametrize("service", SERVICES)
def test_process_starts_healthy_and_stops_on_sigterm(
    service: str, process: str, apart: Apart, tmp_path: Path
) -> None:
    grpc_port, health_port, metrics_port = free_ports(3)
    ports = {"grpc": grpc_port, "health": health_port, "metrics": metrics_port}
    env = environment(service, process, apart, ports, tmp_path)
    log = tmp_path / f"{service}-{process}.log"
    with log.open("wb") as output:
        child = subprocess.Popen(
            [str(GOVDATA_PROCESS), service, process],
            stdout=output,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=tmp_path,  # an image has no repository to run in
            start_new_session=True,
        )
    try:
        started = time.monotonic()
        while healthz(metrics_port) != 200:
            if child.poll() is not None:
                pytest.fail(f"{service} {process} exited {child.returncode}:\n{tail(log)}")
            if time.monotonic() - started > START_SECONDS:
                pytest.fail(
                    f"{service} {process}: no /healthz after {START_SECONDS}s:\n{tail(log)}"
                )
            time.sleep(0.2)
        if process == "api":
            assert grpc_health(health_port) == health_pb2.HealthCheckResponse.SERVING
        child.send_signal(signal.SIGTERM)
        try:
            code = child.wait(timeout=GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            pytest.fail(
                f"{service} {process} still running {GRACE_SECONDS}s after SIGTERM:\n{tail(log)}"
            )
        assert code == 0, f"{service} {process} exited {code} after SIGTERM:\n{tail(log)}"
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
