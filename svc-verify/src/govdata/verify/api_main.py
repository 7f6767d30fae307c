"""Entry point of svc-verify's api process (``python -m govdata.verify.api_main``).

Jobs run here, as long-running operations on a pool of ``GOVDATA_VERIFY_JOB_WORKERS``
threads, reading through svc-exchange at ``GOVDATA_EXCHANGE_ADDRESS`` with this process's
certificate; the api also serves ``google.longrunning.Operations`` for them.
"""

from __future__ import annotations

from collections.abc import Sequence

import grpc
from google.longrunning import operations_pb2_grpc

from gov.verify.v1 import verify_pb2, verify_pb2_grpc
from govdata.runtime import operations
from govdata.runtime.grpc_server import ApiDependencies, run_api
from govdata.runtime.operations import OperationExecutor, OperationStore
from govdata.runtime.tls import service_channel
from govdata.verify import conditions, jobs, policy
from govdata.verify.coalescing import CoalescedReads
from govdata.verify.licences import LicenceRegistry
from govdata.verify.runner import Runner
from govdata.verify.servicer import VerificationServicer
from govdata.verify.sources import ExchangeSources

# Jobs waiting for a worker, beyond those running: a batch of 500 and then some.
QUEUE_PER_WORKER = 250
# Reads in flight per job worker: a job reads its seven sources at once.
FETCHES_PER_WORKER = 8


def register(server: grpc.Server, deps: ApiDependencies) -> Sequence[str]:
    settings = deps.settings
    db = deps.database
    conditions.provide(deps.conditions)
    loaded = policy.default()
    policies = {loaded.id: loaded}
    job_store = jobs.JobStore(db[jobs.COLLECTION])
    sources = ExchangeSources(
        service_channel(settings, settings.exchange_address), settings.verify_source_seconds
    )
    runner = Runner(
        job_store,
        CoalescedReads(sources),
        policies,
        settings.verify_job_workers * FETCHES_PER_WORKER,
    )
    executor = OperationExecutor(
        OperationStore(db[operations.COLLECTION]),
        f"{settings.service}.govdata",
        workers=settings.verify_job_workers,
        queue_limit=settings.verify_job_workers * QUEUE_PER_WORKER,
        progress_seconds=5.0,
    )
    executor.start()
    deps.stop_hooks.append(executor.shutdown)
    deps.stop_hooks.append(runner.shutdown)
    licences = LicenceRegistry(db["licence_keys"], db["licence_revocations"])
    verify_pb2_grpc.add_VerificationServiceServicer_to_server(
        VerificationServicer(job_store, runner, executor, sources, policies, licences), server
    )
    operations_pb2_grpc.add_OperationsServicer_to_server(
        operations.OperationsServicer(executor), server
    )
    return [
        verify_pb2.DESCRIPTOR.services_by_name["VerificationService"].full_name,
        operations.SERVICE_NAME,
    ]


def main() -> None:
    run_api("verify", register)


if __name__ == "__main__":
    main()
