"""Entry point of svc-audit's worker process (``python -m govdata.audit.worker_main``)."""

import eventlet

eventlet.monkey_patch()  # before anything else imports socket or threading

from govdata.audit.worker import NAMEKO_CONFIG, AuditWorker  # noqa: E402
from govdata.runtime import worker  # noqa: E402


def main() -> None:
    worker.run(AuditWorker, "audit", **NAMEKO_CONFIG)


if __name__ == "__main__":
    main()
