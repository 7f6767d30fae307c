"""Entry point of svc-exchange's api process (``python -m govdata.exchange.api_main``).

Its methods are contract-complete but not built yet: the generated servicer answers each
with UNIMPLEMENTED, while the process already serves health, reflection and metrics, and
audits every call like every other api.
"""

from __future__ import annotations

from collections.abc import Sequence

import grpc

from gov.exchange.v1 import exchange_pb2, exchange_pb2_grpc
from govdata.runtime.grpc_server import ApiDependencies, run_api


def register(server: grpc.Server, deps: ApiDependencies) -> Sequence[str]:
    exchange_pb2_grpc.add_ExchangeServiceServicer_to_server(
        exchange_pb2_grpc.ExchangeServiceServicer(), server
    )
    return [exchange_pb2.DESCRIPTOR.services_by_name["ExchangeService"].full_name]


def main() -> None:
    run_api("exchange", register)


if __name__ == "__main__":
    main()
