"""Worker side of the registry: keeps a service's own copy of the calling systems.

Every service except svc-catalog (which owns the registry) mixes ``RegistryView`` into its
nameko worker; the api of the same service reads the copy (``registry.Registry``). The mixin
needs the worker's ``database`` and ``inbox`` dependencies.
"""

from __future__ import annotations

from typing import Any

from gov.events.v1 import events_pb2
from govdata.runtime import registry
from govdata.runtime.inbox import apply_once
from govdata.runtime.worker import event_handler


class RegistryView:
    """Consumes ``CallingSystemChanged`` from svc-catalog into ``calling_systems``."""

    database: Any
    inbox: Any

    @event_handler("catalog", "gov.events.v1.CallingSystemChanged")
    def on_calling_system_changed(self, body: bytes) -> None:
        apply_once(self.inbox, body, events_pb2.CallingSystemChanged, self._apply_registry)

    def _apply_registry(
        self, envelope: events_pb2.EventEnvelope, change: events_pb2.CallingSystemChanged
    ) -> None:
        registry.apply_change(self.database[registry.COLLECTION], change)
