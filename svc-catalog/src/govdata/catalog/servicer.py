"""gRPC adapter of the catalogue: requests in, use cases called, responses out.

Identity, access, audit, metrics and error mapping are the shared interceptor's; methods not
built yet stay the generated UNIMPLEMENTED.
"""

from __future__ import annotations

from google.protobuf import empty_pb2

from gov.catalog.v1 import catalog_pb2, catalog_pb2_grpc
from govdata.catalog.calling_systems import CallingSystems
from govdata.catalog.demands import SharingDemands
from govdata.catalog.duties import Duties
from govdata.catalog.gap_candidates import GapCandidates
from govdata.catalog.history import History
from govdata.catalog.services import Catalog
from govdata.catalog.systems import InformationSystems
from govdata.catalog.transfer import CatalogueTransfer
from govdata.catalog.unified_view import UnifiedView
from govdata.runtime.errors import Unimplemented

State = catalog_pb2.ResourceState


class CatalogServicer(catalog_pb2_grpc.CatalogServiceServicer):
    def __init__(
        self,
        catalog: Catalog,
        calling_systems: CallingSystems,
        unified_view: UnifiedView | None = None,
        transfer: CatalogueTransfer | None = None,
        gap_candidates: GapCandidates | None = None,
    ) -> None:
        self.catalog = catalog
        self.gap_candidates = gap_candidates
        self.calling_systems = calling_systems
        self.unified_view = unified_view
        # Duties, systems, demands and history over the same store and visibility rule.
        self.duties = Duties(catalog.store)
        self.systems = InformationSystems(catalog.store)
        self.demands = SharingDemands(catalog.store, catalog.visibility)
        self.history = History(catalog.store, catalog.visibility)
        self.transfer = transfer  # spreadsheet import and export (transfer.py)

    # -- organisations -----------------------------------------------------------------------

    def CreateOrganization(self, request, context):  # type: ignore[no-untyped-def]
        return self.catalog.create_organization(
            request.organization_id, request.organization, request.request_id
        )

    def GetOrganization(self, request, context):  # type: ignore[no-untyped-def]
        return self.catalog.get_organization(request.name)

    def ListOrganizations(self, request, context):  # type: ignore[no-untyped-def]
        orgs, page = self.catalog.list_organizations(
            request.parent_organization, request.kind, request.page_size, request.page_token
        )
        return catalog_pb2.ListOrganizationsResponse(
            organizations=orgs, next_page_token=page.next_page_token, total_size=page.total_size
        )

    def UpdateOrganization(self, request, context):  # type: ignore[no-untyped-def]
        return self.catalog.update_organization(request.organization, request.update_mask)

    def DeleteOrganization(self, request, context):  # type: ignore[no-untyped-def]
        self.catalog.delete_organization(request.name, request.etag)
        return empty_pb2.Empty()

    # -- information resources ---------------------------------------------------------------

    def CreateInformationResource(self, request, context):  # type: ignore[no-untyped-def]
        return self.catalog.create_resource(
            request.parent,
            request.information_resource_id,
            request.information_resource,
            request.request_id,
        )

    def GetInformationResource(self, request, context):  # type: ignore[no-untyped-def]
        return self.catalog.get_resource(request.name)

    def ListInformationResources(self, request, context):  # type: ignore[no-untyped-def]
        resources, page = self.catalog.list_resources(
            request.parent,
            request.provider,
            request.share_type,
            request.state,
            request.page_size,
            request.page_token,
            duty=request.duty,
            source_system=request.source_system,
            classification_code=request.classification_code,
        )
        return catalog_pb2.ListInformationResourcesResponse(
            information_resources=resources,
            next_page_token=page.next_page_token,
            total_size=page.total_size,
        )

    def UpdateInformationResource(self, request, context):  # type: ignore[no-untyped-def]
        return self.catalog.update_resource(request.information_resource, request.update_mask)

    def DeleteInformationResource(self, request, context):  # type: ignore[no-untyped-def]
        self.catalog.delete_resource(request.name, request.etag)
        return empty_pb2.Empty()

    def SubmitInformationResource(self, request, context):  # type: ignore[no-untyped-def]
        return self.catalog.transition(request.name, request.etag, State.RESOURCE_STATE_SUBMITTED)

    def PublishInformationResource(self, request, context):  # type: ignore[no-untyped-def]
        return self.catalog.transition(request.name, request.etag, State.RESOURCE_STATE_PUBLISHED)

    def RetireInformationResource(self, request, context):  # type: ignore[no-untyped-def]
        return self.catalog.transition(
            request.name, request.etag, State.RESOURCE_STATE_RETIRED, request.reason
        )

    # -- duties (duties.py) ------------------------------------------------------------------

    def CreateDuty(self, request, context):  # type: ignore[no-untyped-def]
        return self.duties.create(request.parent, request.duty_id, request.duty, request.request_id)

    def GetDuty(self, request, context):  # type: ignore[no-untyped-def]
        return self.duties.get(request.name)

    def ListDuties(self, request, context):  # type: ignore[no-untyped-def]
        duties, page = self.duties.list_duties(
            request.parent, request.kind, request.page_size, request.page_token
        )
        return catalog_pb2.ListDutiesResponse(
            duties=duties, next_page_token=page.next_page_token, total_size=page.total_size
        )

    def UpdateDuty(self, request, context):  # type: ignore[no-untyped-def]
        return self.duties.update(request.duty, request.update_mask)

    def DeleteDuty(self, request, context):  # type: ignore[no-untyped-def]
        self.duties.delete(request.name, request.etag)
        return empty_pb2.Empty()

    # -- information systems (systems.py) ----------------------------------------------------

    def CreateInformationSystem(self, request, context):  # type: ignore[no-untyped-def]
        return self.systems.create(
            request.parent,
            request.information_system_id,
            request.information_system,
            request.request_id,
        )

    def GetInformationSystem(self, request, context):  # type: ignore[no-untyped-def]
        return self.systems.get(request.name)

    def ListInformationSystems(self, request, context):  # type: ignore[no-untyped-def]
        systems, page = self.systems.list_systems(
            request.parent,
            request.status,
            request.zombie_only,
            request.shadow_only,
            request.page_size,
            request.page_token,
        )
        return catalog_pb2.ListInformationSystemsResponse(
            information_systems=systems,
            next_page_token=page.next_page_token,
            total_size=page.total_size,
        )

    def UpdateInformationSystem(self, request, context):  # type: ignore[no-untyped-def]
        return self.systems.update(request.information_system, request.update_mask)

    def DeleteInformationSystem(self, request, context):  # type: ignore[no-untyped-def]
        self.systems.delete(request.name, request.etag)
        return empty_pb2.Empty()

    # -- sharing demands (demands.py) --------------------------------------------------------

    def CreateSharingDemand(self, request, context):  # type: ignore[no-untyped-def]
        return self.demands.create(
            request.parent, request.sharing_demand_id, request.sharing_demand, request.request_id
        )

    def GetSharingDemand(self, request, context):  # type: ignore[no-untyped-def]
        return self.demands.get(request.name)

    def ListSharingDemands(self, request, context):  # type: ignore[no-untyped-def]
        demands, page = self.demands.list_demands(
            request.parent,
            request.state,
            request.resource,
            request.expected_provider,
            request.page_size,
            request.page_token,
        )
        return catalog_pb2.ListSharingDemandsResponse(
            sharing_demands=demands,
            next_page_token=page.next_page_token,
            total_size=page.total_size,
        )

    def UpdateSharingDemand(self, request, context):  # type: ignore[no-untyped-def]
        return self.demands.update(request.sharing_demand, request.update_mask)

    def DeleteSharingDemand(self, request, context):  # type: ignore[no-untyped-def]
        self.demands.delete(request.name, request.etag)
        return empty_pb2.Empty()

    # -- history (history.py, versions.py) ---------------------------------------------------

    def GetHistory(self, request, context):  # type: ignore[no-untyped-def]
        versions, token = self.history.get_history(
            request.name, request.page_size, request.page_token
        )
        return catalog_pb2.GetHistoryResponse(versions=versions, next_page_token=token)

    # -- calling systems (the registry) ------------------------------------------------------

    def CreateCallingSystem(self, request, context):  # type: ignore[no-untyped-def]
        return self.calling_systems.create(
            request.calling_system_id, request.calling_system, request.request_id
        )

    def GetCallingSystem(self, request, context):  # type: ignore[no-untyped-def]
        return self.calling_systems.get(request.name)

    def ListCallingSystems(self, request, context):  # type: ignore[no-untyped-def]
        systems, page = self.calling_systems.list(
            request.organization, request.state, request.page_size, request.page_token
        )
        return catalog_pb2.ListCallingSystemsResponse(
            calling_systems=systems,
            next_page_token=page.next_page_token,
            total_size=page.total_size,
        )

    def UpdateCallingSystem(self, request, context):  # type: ignore[no-untyped-def]
        return self.calling_systems.update(request.calling_system, request.update_mask)

    def DeleteCallingSystem(self, request, context):  # type: ignore[no-untyped-def]
        self.calling_systems.delete(request.name, request.etag)
        return empty_pb2.Empty()

    # -- the unified view and the inventory analysis (unified_view.py) ----------------------

    def ListDataItems(self, request, context):  # type: ignore[no-untyped-def]
        page = self._view().list_data_items(
            request.parent,
            request.data_item_name,
            request.authoritative_only,
            request.page_size,
            request.page_token,
        )
        return catalog_pb2.ListDataItemsResponse(
            data_items=page.items, next_page_token=page.next_page_token, total_size=page.total_size
        )

    def ListResourceParties(self, request, context):  # type: ignore[no-untyped-def]
        page = self._view().list_resource_parties(
            request.resource, request.page_size, request.page_token
        )
        return catalog_pb2.ListResourcePartiesResponse(
            parties=page.items, next_page_token=page.next_page_token
        )

    def ListDemandGaps(self, request, context):  # type: ignore[no-untyped-def]
        page = self._view().list_demand_gaps(request.parent, request.page_size, request.page_token)
        if self.gap_candidates is not None:
            self.gap_candidates.fill(page.items)
        return catalog_pb2.ListDemandGapsResponse(
            gaps=page.items, next_page_token=page.next_page_token, total_size=page.total_size
        )

    def GetOrganizationStatistics(self, request, context):  # type: ignore[no-untyped-def]
        return self._view().organization_statistics(request.name, request.include_descendants)

    def ListZombieCandidates(self, request, context):  # type: ignore[no-untyped-def]
        page = self._view().list_zombie_candidates(
            request.parent, request.idle_days, request.page_size, request.page_token
        )
        return catalog_pb2.ListZombieCandidatesResponse(
            candidates=page.items, next_page_token=page.next_page_token, total_size=page.total_size
        )

    def ListShadowCandidates(self, request, context):  # type: ignore[no-untyped-def]
        page = self._view().list_shadow_candidates(
            request.parent, request.min_similarity, request.page_size, request.page_token
        )
        return catalog_pb2.ListShadowCandidatesResponse(
            candidates=page.items, next_page_token=page.next_page_token, total_size=page.total_size
        )

    def _view(self) -> UnifiedView:
        if self.unified_view is None:  # a servicer wired without it (some tests)
            raise Unimplemented("the unified view is not wired in this process")
        return self.unified_view

    # -- import and export (transfer.py) -----------------------------------------------------

    def ImportCatalogue(self, request, context):  # type: ignore[no-untyped-def]
        return self._transfer().start_import(request)

    def ExportCatalogue(self, request, context):  # type: ignore[no-untyped-def]
        yield from self._transfer().export(request)

    def _transfer(self) -> CatalogueTransfer:
        if self.transfer is None:  # a servicer wired without it (some tests)
            raise Unimplemented("import and export are not wired in this process")
        return self.transfer
