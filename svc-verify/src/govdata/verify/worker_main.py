"""Entry point of svc-verify's worker process (``python -m govdata.verify.worker_main``)."""

import eventlet

eventlet.monkey_patch()  # before anything else imports socket or threading

from govdata.runtime import worker  # noqa: E402
from govdata.verify.worker import VerifyWorker  # noqa: E402


def main() -> None:
    worker.run(VerifyWorker, "verify")


if __name__ == "__main__":
    main()
