"""Entry point of svc-search's api process (``python -m govdata.search.api_main``)."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import grpc

from gov.search.v1 import search_pb2, search_pb2_grpc
from govdata.runtime import classification
from govdata.runtime.config import ConfigError
from govdata.runtime.grpc_server import ApiDependencies, run_api
from govdata.runtime.stores import opensearch_client
from govdata.runtime.tls import service_channel
from govdata.search import index, synonyms
from govdata.search.drift import DriftMonitor
from govdata.search.rebuild import GrpcCatalogue
from govdata.search.servicer import SearchServicer

log = logging.getLogger(__name__)


def register(server: grpc.Server, deps: ApiDependencies) -> Sequence[str]:
    """Wire search: the synonym list and the classification trees (ConfigError if either is
    malformed), the indices, the drift check, the servicer."""
    try:
        words = synonyms.load(deps.settings.synonyms_file)
    except (OSError, synonyms.SynonymFileError) as exc:
        raise ConfigError(f"GOVDATA_SYNONYMS_FILE: {exc}") from None
    try:
        tree = classification.default_tree()
    except classification.ClassificationFileError as exc:
        raise ConfigError(f"classification trees: {exc}") from None
    log.info(
        "synonym list version %s (%d groups); classification version %s",
        words.version,
        len(words.groups),
        tree.version,
    )
    client = opensearch_client(deps.settings)
    indices = index.Indices(deps.settings.search_index_prefix)
    smart: bool | None
    try:
        smart = index.ensure_when_ready(client, indices)
    except index.LayoutOutdated as exc:
        log.error("%s; searches are UNAVAILABLE until the worker has migrated them", exc)
        smart = None
    if deps.settings.search_drift_check_seconds > 0:
        channel = service_channel(deps.settings, deps.settings.catalog_address)
        DriftMonitor(
            client,
            indices,
            lambda: GrpcCatalogue(channel),
            deps.settings.search_drift_check_seconds,
        ).start()
    search_pb2_grpc.add_SearchServiceServicer_to_server(
        SearchServicer(client, indices, smart, words, tree), server
    )
    return [search_pb2.DESCRIPTOR.services_by_name["SearchService"].full_name]


def main() -> None:
    run_api("search", register)


if __name__ == "__main__":
    main()
