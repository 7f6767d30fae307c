"""Entry point of svc-verify's api process (``python -m govdata.verify.api_main``).

Its methods are contract-complete but not built yet: the generated servicer answers each
with UNIMPLEMENTED, while the process already serves health, reflection and metrics, and
audits every call like every other api.
"""

from __future__ import annotations

from collections.abc import Sequence

import grpc

from gov.verify.v1 import verify_pb2, verify_pb2_grpc
from govdata.runtime.grpc_server import ApiDependencies, run_api


def register(server: grpc.Server, deps: ApiDependencies) -> Sequence[str]:
    verify_pb2_grpc.add_VerificationServiceServicer_to_server(
        verify_pb2_grpc.VerificationServiceServicer(), server
    )
    return [verify_pb2.DESCRIPTOR.services_by_name["VerificationService"].full_name]


def main() -> None:
    run_api("verify", register)


if __name__ == "__main__":
    main()
