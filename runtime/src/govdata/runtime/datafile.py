"""Versioned data files (classification trees, synonyms, holidays): read and parsed one way.

Each is YAML shipped inside its package, replaceable by an operator's file of the same form;
a file that is not YAML is refused with the given error class, naming the file's role.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import yaml


def load_yaml(
    package: str, packaged: str, path: str | Path | None, error: type[Exception], what: str
) -> Any:
    """The parsed YAML of ``path``, or of ``packaged`` (relative to ``package``) when None."""
    if path is None:
        text = resources.files(package).joinpath(packaged).read_text(encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise error(f"{what} is not YAML: {exc}") from None
