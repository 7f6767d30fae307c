"""Entry point of svc-exchange's api process (``python -m govdata.exchange.api_main``)."""

from __future__ import annotations

from collections.abc import Sequence

import grpc

from gov.exchange.v1 import exchange_pb2, exchange_pb2_grpc
from govdata.exchange import conditions, store, working_days
from govdata.exchange.adapters import Adapters
from govdata.exchange.catalogue import CatalogueCopy
from govdata.exchange.grants import Grants
from govdata.exchange.record_log import RecordLog
from govdata.exchange.servicer import ExchangeServicer
from govdata.exchange.sharing_requests import SharingRequests
from govdata.exchange.sweeper import Sweeper
from govdata.exchange.workflow import Rules
from govdata.runtime.config import ConfigError
from govdata.runtime.grpc_server import ApiDependencies, run_api
from govdata.runtime.tls import service_channel

SOURCE = "svc-exchange"


def build(deps: ApiDependencies) -> tuple[ExchangeServicer, Sweeper]:
    """The exchange's domain objects over the service's database, indexes ensured."""
    db = deps.database
    notify = deps.relay.notify
    request_store = store.Aggregates(
        db["sharing_requests"], exchange_pb2.SharingRequest, "sharing request", SOURCE, notify
    )
    grant_store = store.Aggregates(db["grants"], exchange_pb2.Grant, "grant", SOURCE, notify)
    request_store.ensure_indexes("consumer", "provider", "resource", "state")
    grant_store.ensure_indexes("consumer", "provider", "resource", "state")
    remembered = store.Remembered(db["remembered"])
    catalogue = CatalogueCopy(db["resources"])
    grants = Grants(grant_store, db["quota_usage"])
    rules = Rules(answer_working_days=deps.settings.exchange_answer_working_days)
    requests = SharingRequests(
        request_store, grants, catalogue, remembered, rules, working_days.default()
    )
    log = RecordLog(
        db["record_heads"],
        db["record_chunks"],
        db["record_streams"],
        db["record_key_values"],
        remembered,
        SOURCE,
        notify,
    )
    log.ensure_indexes()
    conditions.provide(deps.conditions, requests, grants, catalogue)
    sweeper = Sweeper(requests, grants, catalogue, log, deps.settings.exchange_sweep_seconds)
    adapters = Adapters(db["adapters"], lambda address: service_channel(deps.settings, address))
    if deps.audit_trail is None:
        raise ConfigError("svc-exchange audits every delivered batch: it needs the audit trail")
    servicer = ExchangeServicer(requests, grants, catalogue, log, adapters, deps.audit_trail)
    return servicer, sweeper


def register(server: grpc.Server, deps: ApiDependencies) -> Sequence[str]:
    servicer, sweeper = build(deps)
    exchange_pb2_grpc.add_ExchangeServiceServicer_to_server(servicer, server)
    sweeper.start()
    deps.stop_hooks.append(sweeper.stop)
    return [exchange_pb2.DESCRIPTOR.services_by_name["ExchangeService"].full_name]


def main() -> None:
    run_api("exchange", register, outbox_collections=list(store.OUTBOX_COLLECTIONS))


if __name__ == "__main__":
    main()
