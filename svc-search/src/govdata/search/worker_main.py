"""Entry point of svc-search's worker process (``python -m govdata.search.worker_main``)."""

import eventlet

eventlet.monkey_patch()  # before anything else imports socket or threading

from govdata.runtime import worker  # noqa: E402
from govdata.search.worker import SearchWorker  # noqa: E402


def main() -> None:
    worker.run(SearchWorker, "search")


if __name__ == "__main__":
    main()
