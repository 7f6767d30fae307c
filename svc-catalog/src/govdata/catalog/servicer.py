"""gRPC adapter of the catalogue: requests in, use cases called, responses out.

Identity, access, audit, metrics and error mapping are the shared interceptor's; methods of
later issues (duties, systems, demands) stay the generated UNIMPLEMENTED until they are built.
"""

from __future__ import annotations

from google.protobuf import empty_pb2

from gov.catalog.v1 import catalog_pb2, catalog_pb2_grpc
from govdata.catalog.calling_systems import CallingSystems
from govdata.catalog.services import Catalog

State = catalog_pb2.ResourceState


class CatalogServicer(catalog_pb2_grpc.CatalogServiceServicer):
    def __init__(self, catalog: Catalog, calling_systems: CallingSystems) -> None:
        self.catalog = catalog
        self.calling_systems = calling_systems

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
