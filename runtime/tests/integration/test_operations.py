"""Long-running operations on the real FerretDB: the executor's lifecycle (progress, result,
error, cancellation, restarts, shutdown, idempotency, limits) and the
``google.longrunning.Operations`` service over in-process gRPC with the interceptor, the
registry and the shipped access policy (who sees which operation)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import grpc
import pytest
from google.longrunning import operations_pb2, operations_pb2_grpc
from google.protobuf import duration_pb2, struct_pb2, wrappers_pb2
from google.rpc import code_pb2, error_details_pb2

from govdata.runtime import context, operations, policy, registry
from govdata.runtime.access import Access, RateLimiter
from govdata.runtime.audit import MemoryAuditTrail
from govdata.runtime.config import Settings
from govdata.runtime.errors import FieldViolation, InvalidArgument, ResourceExhausted
from govdata.runtime.grpc_server import ApiServer

ADMIN = context.CallContext(
    system="callingSystems/admin",
    organization="organizations/dsj",
    roles=frozenset({"platform_admin"}),
)
MINZHENG = context.CallContext(
    system="callingSystems/dibao",
    organization="organizations/minzheng",
    roles=frozenset({"verifier"}),
)


def wait_until(condition, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.02)


@pytest.fixture
def store(mongo_db) -> operations.OperationStore:
    store = operations.OperationStore(mongo_db[operations.COLLECTION])
    store.ensure_indexes()
    return store


@pytest.fixture
def executor(store) -> Iterator[operations.OperationExecutor]:
    executor = operations.OperationExecutor(
        store, "test.govdata", progress_seconds=0, renew_seconds=0.5
    )
    executor.start()
    yield executor
    executor.shutdown(grace_seconds=2)


def as_caller(caller: context.CallContext):
    class _Bound:
        def __enter__(self):
            self.token = context.bind(caller)

        def __exit__(self, *exc):
            context.reset(self.token)

    return _Bound()


def test_work_reports_progress_and_its_response_is_the_operation_s(executor, store) -> None:
    release = threading.Event()

    def work(progress: operations.Progress):
        progress.report(wrappers_pb2.Int32Value(value=1))
        release.wait(60)
        progress.report(wrappers_pb2.Int32Value(value=2))
        return struct_pb2.Value(string_value="导入完成")

    with as_caller(ADMIN):
        op = executor.submit(wrappers_pb2.Int32Value(value=0), work)
    assert op.name.startswith("operations/") and not op.done
    wait_until(lambda: _metadata(store.get(op.name)) == 1)
    document = store.get(op.name)
    assert document["organization"] == "organizations/dsj" and not document["done"]
    release.set()
    done = store.to_operation(executor.wait(op.name, 60))
    assert done.done and done.WhichOneof("result") == "response"
    value = struct_pb2.Value()
    assert done.response.Unpack(value) and value.string_value == "导入完成"
    assert _metadata(store.get(op.name)) == 2


def _metadata(document) -> int:
    progress = wrappers_pb2.Int32Value()
    operations.OperationStore.to_operation(document).metadata.Unpack(progress)
    return progress.value


def test_a_govdata_error_becomes_the_operation_s_status_with_details(executor, store) -> None:
    def work(progress):
        raise InvalidArgument(FieldViolation("content", "不是XLSX文件"))

    with as_caller(ADMIN):
        op = executor.submit(wrappers_pb2.Int32Value(), work)
    done = store.to_operation(executor.wait(op.name, 60))
    assert done.done and done.error.code == code_pb2.INVALID_ARGUMENT
    bad = error_details_pb2.BadRequest()
    assert any(d.Unpack(bad) for d in done.error.details)
    assert bad.field_violations[0].field == "content"


def test_an_unexpected_exception_is_internal_without_a_trace(executor, store) -> None:
    def work(progress):
        raise KeyError("secret internals")

    with as_caller(ADMIN):
        op = executor.submit(wrappers_pb2.Int32Value(), work)
    done = store.to_operation(executor.wait(op.name, 60))
    assert done.error.code == code_pb2.INTERNAL
    assert "secret" not in done.error.message and op.name in done.error.message


def test_work_runs_as_its_caller(executor, store) -> None:
    seen = []

    def work(progress):
        seen.append(context.current())
        return wrappers_pb2.Int32Value()

    with as_caller(MINZHENG):
        op = executor.submit(wrappers_pb2.Int32Value(), work)
    executor.wait(op.name, 60)
    assert seen[0].system == MINZHENG.system and seen[0].organization == MINZHENG.organization


def test_cancel_is_cooperative_and_ends_cancelled(executor, store) -> None:
    steps = []

    def work(progress):
        for i in range(6000):
            progress.check()
            steps.append(i)
            time.sleep(0.01)
        return wrappers_pb2.Int32Value()

    with as_caller(ADMIN):
        op = executor.submit(wrappers_pb2.Int32Value(), work)
    wait_until(lambda: len(steps) > 3)
    executor.cancel(op.name)
    done = store.to_operation(executor.wait(op.name, 60))
    assert done.done and done.error.code == code_pb2.CANCELLED
    assert 3 < len(steps) < 6000


def test_a_cancel_recorded_by_another_process_is_seen_at_the_next_lease_renewal(
    executor, store
) -> None:
    def work(progress):
        for _ in range(6000):
            progress.check()
            time.sleep(0.01)
        return wrappers_pb2.Int32Value()

    with as_caller(ADMIN):
        op = executor.submit(wrappers_pb2.Int32Value(), work)
    store.request_cancel(op.name)  # only the flag in the database, as another replica does
    done = store.to_operation(executor.wait(op.name, 60))
    assert done.error.code == code_pb2.CANCELLED


def test_a_retry_with_the_same_request_id_gets_the_first_operation(executor) -> None:
    runs = []

    def work(progress):
        runs.append(1)
        return wrappers_pb2.Int32Value()

    with as_caller(ADMIN):
        first = executor.submit(wrappers_pb2.Int32Value(), work, request_id="req-1")
        executor.wait(first.name, 60)
        again = executor.submit(wrappers_pb2.Int32Value(), work, request_id="req-1")
    with as_caller(MINZHENG):  # the same id from another system is another request
        other = executor.submit(wrappers_pb2.Int32Value(), work, request_id="req-1")
    executor.wait(other.name, 60)
    assert again.name == first.name and again.done
    assert other.name != first.name and len(runs) == 2


def let_the_lease_run_out(mongo_db, name: str) -> None:
    """What time does to the operation of a process that died: nobody renews its lease."""
    mongo_db[operations.COLLECTION].update_one(
        {"_id": name}, {"$set": {"lease_until": datetime.now(UTC) - timedelta(seconds=1)}}
    )


def test_an_operation_left_running_by_a_dead_process_is_aborted_not_running_forever(
    store, mongo_db
) -> None:
    with as_caller(ADMIN):
        orphan, _ = store.create(wrappers_pb2.Int32Value(value=7), owner="dead-process")
        alive, _ = store.create(wrappers_pb2.Int32Value(value=8), owner="another-replica")
    let_the_lease_run_out(mongo_db, orphan["_id"])
    restarted = operations.OperationExecutor(store, "test.govdata")
    restarted.start()
    try:
        op = store.to_operation(store.get(orphan["_id"]))
        assert op.done and op.error.code == code_pb2.ABORTED
        assert op.error.message == operations.RESTART_MESSAGE
        assert _metadata(store.get(orphan["_id"])) == 7  # the progress it had made stays
        # An operation another live process runs (its lease is fresh) is left alone.
        assert not store.get(alive["_id"])["done"]
    finally:
        restarted.shutdown()


def test_a_read_of_an_expired_operation_also_aborts_it(store, mongo_db) -> None:
    with as_caller(ADMIN):
        orphan, _ = store.create(wrappers_pb2.Int32Value(), owner="dead-process")
    assert not store.get(orphan["_id"])["done"]
    let_the_lease_run_out(mongo_db, orphan["_id"])
    assert store.to_operation(store.get(orphan["_id"])).error.code == code_pb2.ABORTED


def test_a_running_operation_keeps_renewing_its_lease(executor, store) -> None:
    release = threading.Event()
    with as_caller(ADMIN):
        op = executor.submit(wrappers_pb2.Int32Value(), lambda p: release.wait(30) and None)
    first = store.get(op.name)["lease_until"]
    wait_until(lambda: store.get(op.name)["lease_until"] > first)
    assert not store.get(op.name)["done"] and store.sweep() == 0
    release.set()


def test_shutdown_asks_work_to_stop_and_records_aborted(store) -> None:
    executor = operations.OperationExecutor(store, "test.govdata")
    executor.start()

    def work(progress):
        for _ in range(6000):
            progress.check()
            time.sleep(0.01)
        return wrappers_pb2.Int32Value()

    with as_caller(ADMIN):
        op = executor.submit(wrappers_pb2.Int32Value(), work)
    time.sleep(0.1)
    executor.shutdown(grace_seconds=3)
    done = store.to_operation(store.get(op.name))
    assert done.error.code == code_pb2.ABORTED
    assert done.error.message == operations.SHUTDOWN_MESSAGE


def test_too_many_operations_at_once_are_refused(store) -> None:
    executor = operations.OperationExecutor(store, "test.govdata", workers=1, queue_limit=2)
    executor.start()
    release = threading.Event()
    try:
        with as_caller(ADMIN):
            for _ in range(2):
                executor.submit(wrappers_pb2.Int32Value(), lambda p: release.wait(60) and None)
            with pytest.raises(ResourceExhausted):
                executor.submit(wrappers_pb2.Int32Value(), lambda p: None)
    finally:
        release.set()
        executor.shutdown()


def test_filters_understood_and_refused() -> None:
    assert operations.parse_filter("") == {}
    assert operations.parse_filter("done = true") == {"done": True}
    assert operations.parse_filter(" done:false ") == {"done": False}
    assert operations.parse_filter("NOT done") == {"done": False}
    with pytest.raises(InvalidArgument) as caught:
        operations.parse_filter("metadata.rows > 3")
    assert caught.value.violations[0].field == "filter"


def test_retention_removes_only_old_finished_operations(store, mongo_db) -> None:
    with as_caller(ADMIN):
        old, _ = store.create(wrappers_pb2.Int32Value())
        recent, _ = store.create(wrappers_pb2.Int32Value())
    store.finish(old["_id"], response=wrappers_pb2.Int32Value())
    store.finish(recent["_id"], response=wrappers_pb2.Int32Value())
    long_ago = datetime.now(UTC) - timedelta(days=31)
    mongo_db[operations.COLLECTION].update_one(
        {"_id": old["_id"]}, {"$set": {"update_time": long_ago}}
    )
    assert store.prune() == 1
    assert store.get(recent["_id"])["done"]


# -- the gRPC service ----------------------------------------------------------------------

SYSTEMS = {
    "dsj-admin": ("organizations/dsj", ["platform_admin"]),
    "mz-dibao": ("organizations/minzheng", ["verifier"]),
    "rs-check": ("organizations/renshe", ["verifier"]),
    "portal": ("organizations/dsj", ["catalog_reader"]),
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def served(mongo_db, executor):
    for subject, (organization, roles) in SYSTEMS.items():
        mongo_db[registry.COLLECTION].insert_one(
            {
                "_id": f"callingSystems/{subject}",
                "subject": subject,
                "organization": organization,
                "roles": roles,
                "state": registry.ACTIVE,
                "rate_limit_per_second": 0.0,
                "revision": 1,
            }
        )
    port = _free_port()
    settings = Settings.from_env(
        "ops", "api", {"GOVDATA_GRPC_PORT": str(port), "GOVDATA_GRPC_PLAINTEXT": "true"}
    )
    loaded = policy.load()
    access = Access(
        registry.Registry(mongo_db[registry.COLLECTION], refresh_seconds=60),
        loaded,
        policy.Conditions(),
        RateLimiter(1e6, 10**6),
        plaintext=True,
    )

    def add(server: grpc.Server) -> list[str]:
        operations_pb2_grpc.add_OperationsServicer_to_server(
            operations.OperationsServicer(executor), server
        )
        return [operations.SERVICE_NAME]

    server = ApiServer(settings, MemoryAuditTrail("ops"), access, add)
    server.start()
    wait_until(lambda: access.registry.loaded)
    channel = grpc.insecure_channel(f"127.0.0.1:{port}")
    yield operations_pb2_grpc.OperationsStub(channel)
    channel.close()
    server.server.stop(0)
    access.registry.stop()


def caller(subject: str) -> tuple[tuple[str, str], ...]:
    return (("x-gov-system", subject), ("x-gov-person", "clerk-1"))


def start(executor, who: context.CallContext, work=None, metadata: int = 0) -> str:
    with as_caller(who):
        op = executor.submit(
            wrappers_pb2.Int32Value(value=metadata), work or (lambda p: wrappers_pb2.Int32Value())
        )
    return op.name


def org_context(subject: str) -> context.CallContext:
    organization, roles = SYSTEMS[subject]
    return context.CallContext(
        system=f"callingSystems/{subject}", organization=organization, roles=frozenset(roles)
    )


def test_a_caller_sees_its_organisation_s_operations_and_admins_see_all(served, executor) -> None:
    mine = start(executor, org_context("mz-dibao"))
    theirs = start(executor, org_context("rs-check"))
    executor.wait(mine, 60)
    executor.wait(theirs, 60)
    got = served.GetOperation(
        operations_pb2.GetOperationRequest(name=mine), metadata=caller("mz-dibao")
    )
    assert got.done and got.name == mine
    with pytest.raises(grpc.RpcError) as caught:
        served.GetOperation(
            operations_pb2.GetOperationRequest(name=theirs), metadata=caller("mz-dibao")
        )
    assert caught.value.code() == grpc.StatusCode.NOT_FOUND
    for method, request in (
        (served.CancelOperation, operations_pb2.CancelOperationRequest(name=theirs)),
        (served.DeleteOperation, operations_pb2.DeleteOperationRequest(name=theirs)),
        (served.WaitOperation, operations_pb2.WaitOperationRequest(name=theirs)),
    ):
        with pytest.raises(grpc.RpcError) as caught:
            method(request, metadata=caller("mz-dibao"))
        assert caught.value.code() == grpc.StatusCode.NOT_FOUND
    listed = served.ListOperations(
        operations_pb2.ListOperationsRequest(name="operations"), metadata=caller("mz-dibao")
    )
    assert [op.name for op in listed.operations] == [mine]
    everything = served.ListOperations(
        operations_pb2.ListOperationsRequest(name="operations"), metadata=caller("dsj-admin")
    )
    assert {op.name for op in everything.operations} == {mine, theirs}
    got = served.GetOperation(
        operations_pb2.GetOperationRequest(name=theirs), metadata=caller("dsj-admin")
    )
    assert got.name == theirs


def test_readers_without_an_operations_role_are_refused(served) -> None:
    with pytest.raises(grpc.RpcError) as caught:
        served.ListOperations(operations_pb2.ListOperationsRequest(), metadata=caller("portal"))
    assert caught.value.code() == grpc.StatusCode.PERMISSION_DENIED


def test_list_filters_on_done_and_pages_newest_first(served, executor) -> None:
    admin = org_context("dsj-admin")
    release = threading.Event()
    finished = [start(executor, admin, metadata=i) for i in range(5)]
    for name in finished:
        executor.wait(name, 60)
    running = start(executor, admin, work=lambda p: release.wait(60) and None)
    try:
        pending = served.ListOperations(
            operations_pb2.ListOperationsRequest(filter="done = false"),
            metadata=caller("dsj-admin"),
        )
        assert [op.name for op in pending.operations] == [running]
        pages, token = [], ""
        while True:
            page = served.ListOperations(
                operations_pb2.ListOperationsRequest(
                    filter="done = true", page_size=2, page_token=token
                ),
                metadata=caller("dsj-admin"),
            )
            pages.append([op.name for op in page.operations])
            token = page.next_page_token
            if not token:
                break
        assert [len(p) for p in pages] == [2, 2, 1]
        assert [n for p in pages for n in p] == list(reversed(finished))
        with pytest.raises(grpc.RpcError) as caught:
            served.ListOperations(
                operations_pb2.ListOperationsRequest(filter="name = x"),
                metadata=caller("dsj-admin"),
            )
        assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    finally:
        release.set()


def test_wait_returns_when_done_or_at_its_timeout(served, executor) -> None:
    admin = org_context("dsj-admin")
    release = threading.Event()
    name = start(executor, admin, work=lambda p: release.wait(60) and None)
    began = time.monotonic()
    waited = served.WaitOperation(
        operations_pb2.WaitOperationRequest(
            name=name, timeout=duration_pb2.Duration(nanos=300_000_000)
        ),
        metadata=caller("dsj-admin"),
    )
    assert not waited.done and 0.25 < time.monotonic() - began < 30
    threading.Timer(0.3, release.set).start()
    waited = served.WaitOperation(
        operations_pb2.WaitOperationRequest(name=name, timeout=duration_pb2.Duration(seconds=60)),
        metadata=caller("dsj-admin"),
    )
    assert waited.done


def test_cancel_and_delete_over_grpc(served, executor, store) -> None:
    who = org_context("mz-dibao")

    def work(progress):
        for _ in range(6000):
            progress.check()
            time.sleep(0.01)
        return wrappers_pb2.Int32Value()

    name = start(executor, who, work=work)
    with pytest.raises(grpc.RpcError) as caught:
        served.DeleteOperation(
            operations_pb2.DeleteOperationRequest(name=name), metadata=caller("mz-dibao")
        )
    assert caught.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    served.CancelOperation(
        operations_pb2.CancelOperationRequest(name=name), metadata=caller("mz-dibao")
    )
    done = served.WaitOperation(
        operations_pb2.WaitOperationRequest(name=name, timeout=duration_pb2.Duration(seconds=60)),
        metadata=caller("mz-dibao"),
    )
    assert done.done and done.error.code == code_pb2.CANCELLED
    served.DeleteOperation(
        operations_pb2.DeleteOperationRequest(name=name), metadata=caller("mz-dibao")
    )
    with pytest.raises(grpc.RpcError) as caught:
        served.GetOperation(
            operations_pb2.GetOperationRequest(name=name), metadata=caller("mz-dibao")
        )
    assert caught.value.code() == grpc.StatusCode.NOT_FOUND
    with pytest.raises(grpc.RpcError) as caught:
        served.GetOperation(
            operations_pb2.GetOperationRequest(name="jobs/1"), metadata=caller("mz-dibao")
        )
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
