"""Entry point of svc-audit's api process (``python -m govdata.audit.api_main``).

Its methods are contract-complete but not built yet: the generated servicer answers each
with UNIMPLEMENTED, while the process already serves health, reflection and metrics, and
audits every call like every other api.
"""

from __future__ import annotations

from collections.abc import Sequence

import grpc

from gov.audit.v1 import audit_pb2, audit_pb2_grpc
from govdata.runtime.grpc_server import ApiDependencies, run_api


def register(server: grpc.Server, deps: ApiDependencies) -> Sequence[str]:
    audit_pb2_grpc.add_AuditServiceServicer_to_server(audit_pb2_grpc.AuditServiceServicer(), server)
    return [audit_pb2.DESCRIPTOR.services_by_name["AuditService"].full_name]


def main() -> None:
    run_api("audit", register)


if __name__ == "__main__":
    main()
