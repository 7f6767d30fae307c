"""The Helm chart an operator installs, checked without a cluster.

helm lint; helm template with the default values and with a production-like file; every
rendered manifest validated against the Kubernetes 1.30 OpenAPI schemas (kubernetes-validate,
strict: unknown fields are errors) and the monitoring objects against the Prometheus
Operator's CRD schemas; the chart's unit tests (helm-unittest); and the properties every
workload must have whatever the values.
"""

from __future__ import annotations

import copy
import re
from typing import Any

import jsonschema
import kubernetes_validate
import pytest
import yaml

from .chart import CHART, HOME, helm, render

PRODUCTION = CHART / "ci" / "production-values.yaml"
KUBERNETES = "1.30.0"
SERVICES = ("catalog", "search", "exchange", "verify", "audit")
VALUE_FILES = {"default": [], "production": ["-f", str(PRODUCTION)]}


@pytest.fixture(scope="module", params=sorted(VALUE_FILES))
def manifests(request) -> list[dict[str, Any]]:
    return render(*VALUE_FILES[request.param])


def closed(schema: Any) -> Any:
    """A CRD schema where objects with declared properties refuse others, as
    ``kubectl --validate=strict`` does (the API server would silently prune them).

    Go's regular expressions take inline flags anywhere (``^(?i)abort$``); Python's only at
    the start, so such a flag is moved there (same meaning)."""
    if isinstance(schema, dict):
        schema = {key: closed(value) for key, value in schema.items()}
        pattern = schema.get("pattern")
        if isinstance(pattern, str) and "(?i)" in pattern[1:]:
            schema["pattern"] = "(?i)" + pattern.replace("(?i)", "")
        if (
            "properties" in schema
            and "additionalProperties" not in schema
            and not schema.get("x-kubernetes-preserve-unknown-fields")
        ):
            schema["additionalProperties"] = False
        return schema
    if isinstance(schema, list):
        return [closed(item) for item in schema]
    return schema


class _CrdLoader(yaml.SafeLoader):
    """PyYAML reads a bare ``=`` (a relabel action in the CRDs' enums) as YAML 1.1's
    ``!!value`` tag, which it cannot construct; YAML 1.2 has no such tag: it is a string."""


_CrdLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:value"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def crd_schemas() -> dict[tuple[str, str], dict[str, Any]]:
    folder = HOME / "crds"
    files = sorted(folder.glob("monitoring.coreos.com_*.yaml"))
    if not files:
        pytest.fail(f"no CRDs in {folder}: scripts/servers.sh tools installs them")
    schemas = {}
    for path in files:
        crd = yaml.load(path.read_text(), Loader=_CrdLoader)  # noqa: S506 - a safe loader
        group, kind = crd["spec"]["group"], crd["spec"]["names"]["kind"]
        for version in crd["spec"]["versions"]:
            api_version = f"{group}/{version['name']}"
            schemas[(api_version, kind)] = closed(version["schema"]["openAPIV3Schema"])
    return schemas


def validate(doc: dict[str, Any], crds: dict[tuple[str, str], dict[str, Any]]) -> None:
    key = (doc["apiVersion"], doc["kind"])
    if key in crds:
        jsonschema.validate(doc, crds[key])
    else:
        kubernetes_validate.validate(doc, KUBERNETES, strict=True)


def test_helm_lint_passes_strict_with_default_and_production_values() -> None:
    for extra in VALUE_FILES.values():
        done = helm("lint", "--strict", str(CHART), *extra)
        assert "0 chart(s) failed" in done.stdout, done.stdout


def test_every_rendered_manifest_is_valid_kubernetes_1_30_or_a_valid_crd_object(
    manifests,
) -> None:
    crds = crd_schemas()
    failures = []
    for doc in manifests:
        try:
            validate(doc, crds)
        except (kubernetes_validate.ValidationError, jsonschema.ValidationError) as exc:
            failures.append(f"{doc['kind']}/{doc['metadata']['name']}: {exc}")
    assert not failures, "\n".join(failures)


def test_the_validators_refuse_what_a_cluster_would() -> None:
    """The checks above can fail: a misspelt field or a wrong type is caught."""
    docs = render("-f", str(PRODUCTION))
    crds = crd_schemas()
    deployment = copy.deepcopy(next(d for d in docs if d["kind"] == "Deployment"))
    deployment["spec"]["template"]["spec"]["containers"][0]["readinessProbe"]["grpcc"] = {}
    with pytest.raises(kubernetes_validate.ValidationError):
        validate(deployment, crds)
    monitor = copy.deepcopy(next(d for d in docs if d["kind"] == "ServiceMonitor"))
    monitor["spec"]["endpoints"][0]["interval"] = 30
    with pytest.raises(jsonschema.ValidationError):
        validate(monitor, crds)
    monitor = copy.deepcopy(next(d for d in docs if d["kind"] == "ServiceMonitor"))
    monitor["spec"]["endpoints"][0]["relabelling"] = []
    with pytest.raises(jsonschema.ValidationError):
        validate(monitor, crds)


def test_defaults_render_every_service_with_its_api_and_worker(manifests) -> None:
    deployments = {d["metadata"]["name"] for d in manifests if d["kind"] == "Deployment"}
    assert deployments == {f"gd-{s}-{p}" for s in SERVICES for p in ("api", "worker")}
    kinds = {d["kind"] for d in manifests}
    assert {
        "Service",
        "ServiceAccount",
        "ConfigMap",
        "HorizontalPodAutoscaler",
        "PodDisruptionBudget",
        "NetworkPolicy",
    } <= kinds


def test_every_workload_is_locked_down_and_probed(manifests) -> None:
    """Whatever the values: non-root, read-only root, no escalation, no capabilities, limits,
    probes on the health service, and a NetworkPolicy selecting it."""
    policies = [d for d in manifests if d["kind"] == "NetworkPolicy"]
    for doc in (d for d in manifests if d["kind"] == "Deployment"):
        name = doc["metadata"]["name"]
        pod = doc["spec"]["template"]["spec"]
        assert pod["securityContext"]["runAsNonRoot"] is True, name
        assert pod["automountServiceAccountToken"] is False, name
        for container in pod["containers"]:
            context = container["securityContext"]
            assert context["readOnlyRootFilesystem"] is True, name
            assert context["allowPrivilegeEscalation"] is False, name
            assert context["capabilities"]["drop"] == ["ALL"], name
            assert container["resources"]["limits"]["memory"], name
            assert {"livenessProbe", "startupProbe"} <= set(container), name
            if name.endswith("-api"):  # workers serve no traffic: nothing to be ready for
                assert container["readinessProbe"]["grpc"]["service"].startswith("gov."), name
        labels = doc["spec"]["template"]["metadata"]["labels"]
        assert any(
            all(labels.get(k) == v for k, v in p["spec"]["podSelector"]["matchLabels"].items())
            for p in policies
        ), f"{name}: no NetworkPolicy selects it"


def test_the_audit_worker_is_a_single_replica_with_its_archive_volume(manifests) -> None:
    named = {d["kind"]: d for d in manifests if d["metadata"]["name"] == "gd-audit-worker"}
    worker = named["Deployment"]
    assert worker["spec"]["replicas"] == 1
    assert worker["spec"]["strategy"] == {"type": "Recreate"}
    # no autoscaler may add a second appender; no budget may block every node drain
    assert not {"HorizontalPodAutoscaler", "PodDisruptionBudget"} & set(named)
    mounts = worker["spec"]["template"]["spec"]["containers"][0]["volumeMounts"]
    assert {"name": "data", "mountPath": "/var/lib/govdata/audit-archive"} in mounts


def test_chart_unit_tests_pass() -> None:
    done = helm("unittest", "--strict", str(CHART), check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    suites = re.search(r"Test Suites: +(\d+) passed, (\d+) total", done.stdout)
    assert suites and suites[1] == suites[2] and int(suites[1]) >= 6, done.stdout
