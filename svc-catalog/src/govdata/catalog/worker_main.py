"""Entry point of svc-catalog's worker process (``python -m govdata.catalog.worker_main``)."""

import eventlet

eventlet.monkey_patch()  # before anything else imports socket or threading

from govdata.catalog.worker import CatalogWorker  # noqa: E402
from govdata.runtime import worker  # noqa: E402


def main() -> None:
    worker.run(CatalogWorker, "catalog")


if __name__ == "__main__":
    main()
