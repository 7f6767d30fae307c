"""A provider that answers live: the exchange routes QueryByKey to the provider's adapter
(mutual TLS, the grant checked first, only granted items kept) and says clearly when the
adapter is slow or gone."""

from __future__ import annotations

import time
from concurrent import futures

import grpc
import pytest
from google.protobuf.duration_pb2 import Duration

from gov.exchange.v1 import exchange_pb2 as x
from gov.exchange.v1 import exchange_pb2_grpc
from govdata.runtime import devpki

from .conftest import PKI, caller
from .exchange_parties import GRANTED_ITEMS, ask, citizen_id, file_when_known, parties, vehicle


class Adapter(exchange_pb2_grpc.RecordAdapterServiceServicer):
    """The provider's own system: knows some vehicles; can be made slow."""

    def __init__(self) -> None:
        self.known = {citizen_id(n): vehicle(citizen_id(n), n) for n in range(3)}
        self.delay = 0.0
        self.asked: list[x.LookupRecordsRequest] = []

    def LookupRecords(self, request, context):  # type: ignore[no-untyped-def]
        self.asked.append(request)
        time.sleep(self.delay)
        return x.LookupRecordsResponse(
            records=[self.known[k] for k in request.keys if k in self.known]
        )


def serve(adapter: Adapter, subject: str) -> tuple[grpc.Server, int]:
    devpki.issue_to(PKI, subject, hosts=("127.0.0.1",))
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
    exchange_pb2_grpc.add_RecordAdapterServiceServicer_to_server(adapter, server)
    credentials = grpc.ssl_server_credentials(
        [((PKI / f"{subject}.key").read_bytes(), (PKI / f"{subject}.crt").read_bytes())],
        root_certificates=(PKI / "ca.crt").read_bytes(),
        require_client_auth=True,
    )
    port = server.add_secure_port("127.0.0.1:0", credentials)
    server.start()
    return server, port


def test_queries_go_to_the_providers_adapter_and_its_failures_are_clear(catalog, tag) -> None:
    p = parties(catalog, tag)
    adapter = Adapter()
    server, port = serve(adapter, f"ga-adapter-{tag}")
    try:
        filed = file_when_known(p, ask(p))
        approved = p.as_provider.ApproveSharingRequest(
            x.ApproveSharingRequestRequest(
                name=filed.name, data_items=GRANTED_ITEMS, reason="姓名不予共享"
            ),
            metadata=caller(),
        )
        registered = p.as_provider.SetResourceAdapter(
            x.SetResourceAdapterRequest(
                adapter=x.ResourceAdapter(
                    resource=p.resource.name,
                    address=f"127.0.0.1:{port}",
                    timeout=Duration(nanos=500_000_000),
                )
            ),
            metadata=caller(),
        )
        assert registered.address == f"127.0.0.1:{port}"
        # the consumer may not register adapters
        with pytest.raises(grpc.RpcError) as refused:
            p.as_consumer.SetResourceAdapter(
                x.SetResourceAdapterRequest(adapter=registered), metadata=caller()
            )
        assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED

        query = x.QueryByKeyRequest(
            grant=approved.grant,
            resource=p.resource.name,
            keys=[citizen_id(0), citizen_id(2), citizen_id(9)],
        )
        answer = p.as_consumer.QueryByKey(query, metadata=caller("dibao household check"))
        assert [r.key for r in answer.records] == [citizen_id(0), citizen_id(2)]
        assert list(answer.missing_keys) == [citizen_id(9)]
        assert all(set(r.fields) == set(GRANTED_ITEMS) for r in answer.records)
        asked = adapter.asked[-1]
        assert asked.consumer == p.consumer and asked.purpose == "低保家庭经济状况核对"
        assert list(asked.data_items) == sorted(GRANTED_ITEMS)

        adapter.delay = 1.5
        with pytest.raises(grpc.RpcError) as slow:
            p.as_consumer.QueryByKey(query, metadata=caller("dibao household check"))
        assert slow.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
        assert "did not answer within 0.5 s" in slow.value.details()

        server.stop(0).wait()
        with pytest.raises(grpc.RpcError) as gone:
            p.as_consumer.QueryByKey(query, metadata=caller("dibao household check"), timeout=10)
        assert gone.value.code() == grpc.StatusCode.UNAVAILABLE
        assert "adapter" in gone.value.details()
    finally:
        server.stop(0)
        p.close()
