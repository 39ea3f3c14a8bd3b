"""Check the Teams app package's manifest against Microsoft's published schema.

The schema is not shipped with any package this project can install (the npm and PyPI
packages carry no schema file), so the test suite checks a transcribed subset
(tests/fixtures/teams_manifest_v1.17.subset.schema.json). This checks the real thing, given a
copy of it: from https://developer.microsoft.com/en-us/json-schemas/teams/v1.17/MicrosoftTeams.schema.json
or the microsoft/json-schemas repository (teams/v1.17/MicrosoftTeams.schema.json).

    python -m tools.teams.check_manifest --schema MicrosoftTeams.schema.json [--package copro-bot.zip]

Without --package it builds one from placeholder ids. Exit 0 when valid; each error otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys
import zipfile
from pathlib import Path

import jsonschema

from handlers.teams.package import build

PLACEHOLDER_APP = "00000000-0000-4000-8000-000000000001"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schema", required=True, type=Path, help="the published schema file")
    parser.add_argument("--package", type=Path, help="a package zip (default: build one)")
    args = parser.parse_args(argv)
    schema = json.loads(args.schema.read_text(encoding="utf-8"))
    if args.package:
        with zipfile.ZipFile(args.package) as package:
            manifest = json.loads(package.read("manifest.json"))
    else:
        with zipfile.ZipFile(_built()) as package:
            manifest = json.loads(package.read("manifest.json"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(manifest), key=lambda e: list(e.path))
    for error in errors:
        where = "/".join(str(part) for part in error.path) or "(top)"
        print(f"{where}: {error.message}")
    print(
        f"manifest {manifest.get('manifestVersion')} against {args.schema.name} "
        f"({validator_class.__name__}): {'valid' if not errors else f'{len(errors)} errors'}"
    )
    return 1 if errors else 0


def _built():
    import io

    return io.BytesIO(build(app_id=PLACEHOLDER_APP))


if __name__ == "__main__":
    sys.exit(main())
