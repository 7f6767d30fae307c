"""Start, stop and check govdata's ten processes (api + worker of five services) on this machine.

``make run`` and the end-to-end tests both use this, so the tests exercise the platform exactly
as an operator starts it locally. Each process gets its ports from the table below, logs to
``$GOVDATA_HOME/logs/<service>-<process>.log`` and has a pid file in ``$GOVDATA_HOME/run``.
Each process gets its service's certificate from the development PKI in
``$GOVDATA_HOME/pki`` (``make pki``), and the catalogue api the registry seed naming the
bootstrap administrator. Start waits (bounded) for every api to report its service SERVING over
mutual TLS (which needs its copy of the registry) and every worker to answer ``/healthz``, and
on failure prints which process failed and the tail of its log.

``settle`` waits (bounded) until no api holds an undelivered event (every outbox empty, by
the ``govdata_outbox_backlog_documents`` gauge): after a bulk load such as the demo's, the
workers' views and the search index have caught up when it returns.

``reindex`` rebuilds the search indices from svc-catalog (``govdata.search.rebuild``) under
svc-search's identity; ``reindex --check`` only reports drift (exit status 3 if any).

Usage: python scripts/processes.py start|stop|status|endpoints|settle|reindex [--check]
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from govdata.runtime import devpki
from govdata.runtime.local_platform import (
    API_HEALTH_PORTS,
    API_METRICS_PORTS,
    API_PORTS,
    GRPC_SERVICES,
    SERVICES,
    WORKER_METRICS_PORTS,
)

ROOT = Path(__file__).resolve().parent.parent
HOME = Path(os.environ.get("GOVDATA_HOME", ROOT / ".local"))
PKI = HOME / "pki"
START_TIMEOUT_SECONDS = 90.0
SETTLE_TIMEOUT_SECONDS = 900.0
BACKLOG = "govdata_outbox_backlog_documents"


@dataclass(frozen=True)
class Process:
    service: str
    kind: str  # "api" or "worker"
    grpc_port: int
    metrics_port: int

    @property
    def name(self) -> str:
        return f"{self.service}-{self.kind}"

    @property
    def module(self) -> str:
        return f"govdata.{self.service}.{self.kind}_main"

    @property
    def log(self) -> Path:
        return HOME / "logs" / f"{self.name}.log"

    @property
    def pidfile(self) -> Path:
        return HOME / "run" / f"{self.name}.pid"


def processes() -> list[Process]:
    """Workers first: their durable queues must exist before the apis publish events."""
    workers = [Process(s, "worker", 0, WORKER_METRICS_PORTS[s]) for s in SERVICES]
    apis = [Process(s, "api", API_PORTS[s], API_METRICS_PORTS[s]) for s in SERVICES]
    return workers + apis


def _pid(proc: Process) -> int | None:
    try:
        pid = int(proc.pidfile.read_text().strip())
    except (FileNotFoundError, ValueError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    return pid


def _healthy(proc: Process) -> bool:
    if proc.kind == "api":
        subject = devpki.service_subject(proc.service)
        try:
            with devpki.channel(PKI, f"127.0.0.1:{proc.grpc_port}", subject) as channel:
                stub = health_pb2_grpc.HealthStub(channel)
                request = health_pb2.HealthCheckRequest(service=GRPC_SERVICES[proc.service])
                reply = stub.Check(request, timeout=1)
                return reply.status == health_pb2.HealthCheckResponse.SERVING
        except grpc.RpcError:
            return False
    try:
        url = f"http://127.0.0.1:{proc.metrics_port}/healthz"
        with urllib.request.urlopen(url, timeout=1) as reply:
            return reply.status == 200
    except OSError:
        return False


def _service_env(service: str) -> dict[str, str]:
    """The environment of a process acting as ``service``: its certificate and secrets."""
    env = dict(os.environ)
    subject = devpki.service_subject(service)
    env.setdefault("GOVDATA_TLS_CA_FILE", str(PKI / "ca.crt"))
    env.setdefault("GOVDATA_TLS_CERT_FILE", str(PKI / f"{subject}.crt"))
    env.setdefault("GOVDATA_TLS_KEY_FILE", str(PKI / f"{subject}.key"))
    env.setdefault("GOVDATA_SUBJECT_KEY_FILE", str(PKI / "subject-key"))
    env.setdefault("GOVDATA_AUDIT_SIGNING_KEY_FILE", str(PKI / "audit-signing-key"))
    env.setdefault("GOVDATA_AUDIT_ARCHIVE_DIR", str(HOME / "audit-archive"))
    env.setdefault("GOVDATA_CATALOG_ADDRESS", f"127.0.0.1:{API_PORTS['catalog']}")
    env.setdefault("GOVDATA_SEARCH_ADDRESS", f"127.0.0.1:{API_PORTS['search']}")
    env.setdefault("GOVDATA_EXCHANGE_ADDRESS", f"127.0.0.1:{API_PORTS['exchange']}")
    return env


def _spawn(proc: Process) -> None:
    proc.log.parent.mkdir(parents=True, exist_ok=True)
    proc.pidfile.parent.mkdir(parents=True, exist_ok=True)
    env = _service_env(proc.service)
    env["GOVDATA_METRICS_PORT"] = str(proc.metrics_port)
    if proc.kind == "api":
        env["GOVDATA_GRPC_PORT"] = str(proc.grpc_port)
        env["GOVDATA_GRPC_HEALTH_PORT"] = str(API_HEALTH_PORTS[proc.service])
        if proc.service == "catalog":
            env.setdefault("GOVDATA_REGISTRY_SEED_FILE", str(PKI / "registry-seed.json"))
    with open(proc.log, "ab") as log:
        child = subprocess.Popen(
            [sys.executable, "-m", proc.module],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=ROOT,
            start_new_session=True,
        )
    proc.pidfile.write_text(str(child.pid))


def _tail(path: Path, lines: int = 20) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except FileNotFoundError:
        return "(no log)"


def start() -> int:
    if not (PKI / "ca.crt").exists():
        print(f"FAILED: no development PKI in {PKI}; run `make pki` (or `make run`) first")
        return 1
    pending = []
    for proc in processes():
        if _pid(proc) is not None and _healthy(proc):
            continue
        _spawn(proc)
        pending.append(proc)
        # Wait per worker so its queues are declared before any api can publish.
        if proc.kind == "worker" and not _wait([proc]):
            return 1
    return 0 if _wait(pending) else 1


def _wait(pending: list[Process]) -> bool:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    waiting = list(pending)
    while waiting and time.monotonic() < deadline:
        for proc in list(waiting):
            if _pid(proc) is None:
                print(f"FAILED: {proc.name} exited; log {proc.log}:\n{_tail(proc.log)}")
                return False
            if _healthy(proc):
                waiting.remove(proc)
        time.sleep(0.2)
    for proc in waiting:
        print(
            f"FAILED: {proc.name} not healthy after {START_TIMEOUT_SECONDS:.0f}s; "
            f"log {proc.log}:\n{_tail(proc.log)}"
        )
    return not waiting


def stop() -> int:
    running = [(proc, pid) for proc in reversed(processes()) if (pid := _pid(proc)) is not None]
    for _proc, pid in running:
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 20
    for proc, pid in running:
        while time.monotonic() < deadline and _pid(proc) is not None:
            time.sleep(0.1)
        if _pid(proc) is not None:
            os.kill(pid, signal.SIGKILL)
        proc.pidfile.unlink(missing_ok=True)
    return 0


def status() -> int:
    ok = True
    for proc in processes():
        pid = _pid(proc)
        healthy = pid is not None and _healthy(proc)
        ok &= healthy
        state = "healthy" if healthy else ("running, not healthy" if pid else "stopped")
        print(f"{proc.name:16} {state:22} pid={pid or '-'}")
    return 0 if ok else 1


def endpoints() -> int:
    print("govdata is running on this machine (loopback only):")
    for proc in processes():
        if proc.kind == "api":
            print(
                f"  svc-{proc.service:9} gRPC 127.0.0.1:{proc.grpc_port}   "
                f"health 127.0.0.1:{API_HEALTH_PORTS[proc.service]}   "
                f"metrics http://127.0.0.1:{proc.metrics_port}/metrics"
            )
    for proc in processes():
        if proc.kind == "worker":
            print(
                f"  svc-{proc.service:9} worker metrics http://127.0.0.1:{proc.metrics_port}/metrics"
            )
    print(f"  logs: {HOME / 'logs'}")
    return 0


def _backlog(proc: Process) -> float | None:
    """The api's outbox backlog gauge; None when its metrics cannot be read."""
    try:
        url = f"http://127.0.0.1:{proc.metrics_port}/metrics"
        with urllib.request.urlopen(url, timeout=2) as reply:
            text = reply.read().decode()
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith(BACKLOG + " "):
            return float(line.split()[1])
    return None


def settle() -> int:
    started = time.monotonic()
    apis = [proc for proc in processes() if proc.kind == "api"]
    waiting: dict[str, float | None] = {}
    quiet = 0
    while time.monotonic() - started < SETTLE_TIMEOUT_SECONDS:
        waiting = {proc.service: _backlog(proc) for proc in apis}
        # Twice in a row: an event written between two reads is not missed.
        quiet = quiet + 1 if all(value == 0 for value in waiting.values()) else 0
        if quiet >= 2:
            print(f"every event delivered ({time.monotonic() - started:.0f} s)")
            return 0
        time.sleep(1.0)
    print(f"events still undelivered after {SETTLE_TIMEOUT_SECONDS:.0f} s: {waiting}")
    return 1


def reindex(*args: str) -> int:
    command = [sys.executable, "-m", "govdata.search.rebuild", *args]
    return subprocess.run(command, env=_service_env("search"), cwd=ROOT, check=False).returncode


if __name__ == "__main__":
    commands = {
        "start": start,
        "stop": stop,
        "status": status,
        "endpoints": endpoints,
        "settle": settle,
    }
    if len(sys.argv) >= 2 and sys.argv[1] == "reindex" and set(sys.argv[2:]) <= {"--check"}:
        sys.exit(reindex(*sys.argv[2:]))
    if len(sys.argv) != 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    sys.exit(commands[sys.argv[1]]())
