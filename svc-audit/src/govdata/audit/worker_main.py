"""Entry point of svc-audit's worker process (``python -m govdata.audit.worker_main``)."""

import eventlet

eventlet.monkey_patch()  # before anything else imports socket or threading

from govdata.audit.worker import AuditWorker  # noqa: E402
from govdata.runtime import worker  # noqa: E402


def main() -> None:
    worker.run(AuditWorker, "audit")


if __name__ == "__main__":
    main()
