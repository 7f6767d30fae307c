"""Entry point of svc-exchange's worker process (``python -m govdata.exchange.worker_main``)."""

import eventlet

eventlet.monkey_patch()  # before anything else imports socket or threading

from govdata.exchange.worker import ExchangeWorker  # noqa: E402
from govdata.runtime import worker  # noqa: E402


def main() -> None:
    worker.run(ExchangeWorker, "exchange")


if __name__ == "__main__":
    main()
