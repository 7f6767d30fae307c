"""``govdata-process SERVICE PROCESS``: the one entry point of every service image.

Each service's image runs either of its two processes, chosen by the container's argument
(the Dockerfile's ``ENTRYPOINT ["govdata-process", "<service>"]`` with ``CMD ["api"]``; the
Helm chart passes ``args: ["api"]`` or ``args: ["worker"]``)::

    govdata-process catalog api       the gRPC api   (govdata.catalog.api_main:main)
    govdata-process catalog worker    the nameko worker (govdata.catalog.worker_main:main)

A bad argument exits with status 2 and a usage message naming it. A valid one hands the
process over to ``govdata.<service>.<process>_main:main`` and exits 0 when it returns
(after SIGTERM has stopped it gracefully).

This module imports nothing but ``sys`` and ``importlib``: a worker_main module must run
``eventlet.monkey_patch()`` before anything imports ``threading`` or ``socket``, so nothing
here may import them first.
"""

from __future__ import annotations

import importlib
import sys

SERVICES = ("catalog", "search", "exchange", "verify", "audit")
PROCESSES = ("api", "worker")

USAGE = f"""\
usage: govdata-process SERVICE PROCESS
  SERVICE  {", ".join(SERVICES)}
  PROCESS  api (the gRPC server) or worker (the nameko event consumer)"""

EXIT_USAGE = 2


def _refuse(problem: str) -> int:
    sys.stderr.write(f"govdata-process: {problem}\n{USAGE}\n")
    return EXIT_USAGE


def main(argv: list[str] | None = None) -> int:
    """Run SERVICE's PROCESS until it stops; 2 (with a usage message) for bad arguments."""
    args = sys.argv[1:] if argv is None else argv
    if args in (["-h"], ["--help"]):
        sys.stdout.write(USAGE + "\n")
        return 0
    if len(args) != 2:
        return _refuse(f"expected SERVICE and PROCESS, got {len(args)} argument(s)")
    service, process = args
    if service not in SERVICES:
        return _refuse(f"unknown service {service!r}")
    if process not in PROCESSES:
        return _refuse(f"unknown process {process!r}")
    name = f"govdata.{service}.{process}_main"
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as exc:
        # Only the service itself missing (another service's image) is a usage error; a
        # missing dependency inside it is a broken image and keeps its traceback.
        if exc.name not in {name, f"govdata.{service}"}:
            raise
        return _refuse(f"service {service!r} is not installed here (no module {name})")
    module.main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
