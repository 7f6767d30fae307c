"""Write the demo catalogue from the district's tables: ``python scripts/generate_demo.py``.

The tables are in ``scripts/district/`` (departments, duties, systems, data items, resources,
demands); the output is ``scripts/demo_catalogue.json``, which ``scripts/demo.py`` loads and
which is committed, so a change to the tables shows as a reviewable change to the catalogue.
``--check`` exits 1 when the file is not what the tables give (for lint and CI).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from district import generate

DEFAULT_FILE = Path(__file__).resolve().with_name("demo_catalogue.json")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", nargs="?", type=Path, default=DEFAULT_FILE)
    parser.add_argument(
        "--check", action="store_true", help="only compare the file with the tables' output"
    )
    args = parser.parse_args(argv)
    try:
        text = generate.render(generate.build())
    except generate.GenerationError as exc:
        print(f"generate_demo: {exc}", file=sys.stderr)
        return 1
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(
                f"generate_demo: {args.output} is stale; run python scripts/generate_demo.py",
                file=sys.stderr,
            )
            return 1
        return 0
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}: {generate.summary(generate.build())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
