"""The registry seed: calling systems the catalogue api registers at start when they are absent.

``GOVDATA_REGISTRY_SEED_FILE`` names a JSON file (``govdata.runtime.devpki.seed_registry``
writes the development one)::

    {"callingSystems": [{"callingSystemId": "govdata-admin",
                         "callingSystem": {...proto JSON of gov.catalog.v1.CallingSystem...}}]}

It bootstraps the platform: with mutual TLS nobody can call govdata before some system is
registered, and only a registered platform administrator can register others. So the seed
goes through the same validation as CreateCallingSystem except that the organisation need not
exist yet (the administrator loads the organisations afterwards). A registration that already
exists is never changed, so the seed can stay configured; a seeded system deleted later comes
back at the next start unless it is also removed from the file. A malformed file, or an entry
that fails validation, stops the process before anything is written (``ConfigError``).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

from google.protobuf import json_format

from gov.catalog.v1 import catalog_pb2
from govdata.catalog import names, rules
from govdata.catalog.calling_systems import CallingSystems
from govdata.runtime import context
from govdata.runtime.config import ConfigError
from govdata.runtime.errors import AlreadyExists, InvalidArgument

log = logging.getLogger(__name__)

# The identity the seed's writes carry in their events and logs: no certificate made them.
BOOTSTRAP_SYSTEM = "govdata-bootstrap"
VARIABLE = "GOVDATA_REGISTRY_SEED_FILE"


@dataclass(frozen=True)
class SeedEntry:
    calling_system_id: str
    calling_system: catalog_pb2.CallingSystem


def parse(text: str, where: str, roles: frozenset[str]) -> list[SeedEntry]:
    """The entries of a seed file's ``text``, each fully validated (but for whether its
    organisation exists); ConfigError naming ``where`` and the entry otherwise."""

    def fail(problem: str) -> ConfigError:
        return ConfigError(f"{VARIABLE}={where}: {problem}")

    try:
        data = json.loads(text)
    except ValueError as exc:
        raise fail(f"not valid JSON ({exc})") from None
    if not isinstance(data, dict) or set(data) != {"callingSystems"}:
        raise fail('expected an object with exactly one key, "callingSystems"')
    listed = data["callingSystems"]
    if not isinstance(listed, list):
        raise fail('"callingSystems" must be a list')
    entries: list[SeedEntry] = []
    ids: set[str] = set()
    subjects: set[str] = set()
    for i, item in enumerate(listed):
        at = f"callingSystems[{i}]"
        if not isinstance(item, dict) or set(item) != {"callingSystemId", "callingSystem"}:
            raise fail(f'{at}: expected an object with "callingSystemId" and "callingSystem"')
        system_id = item["callingSystemId"]
        if not isinstance(system_id, str):
            raise fail(f"{at}.callingSystemId must be a string")
        system = catalog_pb2.CallingSystem()
        try:
            json_format.ParseDict(_object(item["callingSystem"]), system)
        except (json_format.ParseError, TypeError) as exc:
            raise fail(f"{at}.callingSystem is not a CallingSystem: {exc}") from None
        try:
            names.check_id(system_id, "calling_system_id")
            rules.check_calling_system(system, roles)
        except InvalidArgument as exc:
            problems = "; ".join(f"{v.field}: {v.description}" for v in exc.violations)
            raise fail(f"{at} ({system_id!r}) is invalid: {problems}") from None
        if system_id in ids:
            raise fail(f"{at}: calling system id {system_id!r} is listed twice")
        if system.certificate_subject in subjects:
            raise fail(f"{at}: certificate subject {system.certificate_subject!r} is listed twice")
        ids.add(system_id)
        subjects.add(system.certificate_subject)
        entries.append(SeedEntry(system_id, system))
    return entries


def _object(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise TypeError("expected a JSON object")
    return value


def load(path: str, roles: frozenset[str]) -> list[SeedEntry]:
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except OSError as exc:
        raise ConfigError(f"{VARIABLE}={path}: cannot read it: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{VARIABLE}={path}: not UTF-8 text") from None
    return parse(text, path, roles)


def seed_registry(systems: CallingSystems, path: str | None) -> list[str]:
    """Register every calling system of the seed file at ``path`` that does not exist yet;
    return the names registered now. Nothing to do without a path.

    The writes run as calling system ``govdata-bootstrap``, so their events say who made them.
    """
    if not path:
        return []
    entries = load(path, systems.roles)
    token = context.bind(context.CallContext(system=BOOTSTRAP_SYSTEM, purpose="registry seed"))
    try:
        created = []
        for entry in entries:
            name = names.calling_system_name(entry.calling_system_id)
            if systems.registered(entry.calling_system_id):
                continue  # registered earlier: never changed by the seed
            try:
                systems.bootstrap(entry.calling_system_id, entry.calling_system)
            except AlreadyExists as exc:
                if systems.registered(entry.calling_system_id):
                    continue  # another api replica seeded it meanwhile
                # Its subject belongs to another registration, which the seed does not touch.
                log.warning("registry seed: %s not registered: %s", name, exc.message)
                continue
            created.append(name)
            log.info("registry seed: registered %s", name)
        return created
    finally:
        context.reset(token)
