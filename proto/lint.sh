#!/usr/bin/env bash
# Lint govdata's .proto files with buf, offline.
#
#   proto/lint.sh                  buf lint on gov/** (exit 1 on findings)
#   proto/lint.sh --against REF    also buf breaking (FILE) against git REF,
#                                  e.g. the last release tag
#
# buf would normally fetch google/* imports from the Buf Schema Registry,
# which is not reachable here. Instead this script assembles a temporary
# workspace: our buf.yaml and gov/ tree, plus the google/* .proto files that
# the googleapis-common-protos Python package ships (the same ones the stubs
# are compiled against) and proto/third_party/. Only gov/ is linted.
#
# Environment:
#   BUF     buf binary (default: buf on PATH, then $GOVDATA_HOME/bin/buf,
#           then <repo>/.local/bin/buf). Install:
#           go install github.com/bufbuild/buf/cmd/buf@v1.47.2
#   PYTHON  python with googleapis-common-protos installed (default:
#           <repo>/.venv/bin/python if present, else python3)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"

against=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --against) against="${2:?--against needs a git ref}"; shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "lint.sh: unknown argument: $1" >&2; exit 2 ;;
  esac
done

find_buf() {
  if [[ -n "${BUF:-}" ]]; then echo "$BUF"; return; fi
  if command -v buf >/dev/null 2>&1; then command -v buf; return; fi
  for candidate in "${GOVDATA_HOME:+$GOVDATA_HOME/bin/buf}" "$repo/.local/bin/buf"; do
    if [[ -n "$candidate" && -x "$candidate" ]]; then echo "$candidate"; return; fi
  done
  echo "lint.sh: buf not found; set BUF or run:" \
    "GOBIN=\$PWD/.local/bin go install github.com/bufbuild/buf/cmd/buf@v1.47.2" >&2
  exit 2
}
buf="$(find_buf)"

if [[ -n "${PYTHON:-}" ]]; then
  python="$PYTHON"
elif [[ -x "$repo/.venv/bin/python" ]]; then
  python="$repo/.venv/bin/python"
else
  python=python3
fi
googleapis="$("$python" - <<'EOF'
import pathlib
import sys

try:
    import google.api.field_behavior_pb2 as m
except ImportError:
    sys.exit("lint.sh: googleapis-common-protos is not installed for this python "
             "(pip install -r proto/requirements-build.txt, or set PYTHON)")
root = pathlib.Path(m.__file__).resolve().parents[2]
if not (root / "google/api/field_behavior.proto").is_file():
    sys.exit(f"lint.sh: no google/api/field_behavior.proto under {root}")
print(root)
EOF
)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# assemble SRC_DIR DEST: a buf workspace from a proto/ folder.
assemble() {
  local src="$1" dest="$2"
  mkdir -p "$dest"
  cp "$src/buf.yaml" "$dest/"
  cp -R "$src/gov" "$dest/gov"
  # buf supplies google/protobuf itself; copy the rest of googleapis, except
  # operations_proto.proto: third_party/ has it under its real name
  # (operations.proto), and both would define the same symbols.
  (cd "$googleapis" && find google -name '*.proto' ! -path 'google/protobuf/*' \
      ! -path 'google/longrunning/operations_proto.proto' -print0 |
    xargs -0 -I{} cp --parents {} "$dest/")
  if [[ -d "$src/third_party/google" ]]; then
    cp -R "$src/third_party/google" "$dest/"
  fi
  # The excluded folders must exist for buf to accept the config.
  mkdir -p "$dest/gen" "$dest/third_party"
}

assemble "$here" "$work/current"

status=0
echo "buf lint ($("$buf" --version)) on gov/"
(cd "$work/current" && "$buf" lint --path gov) || status=1

if [[ -n "$against" ]]; then
  if ! git -C "$repo" rev-parse --verify --quiet "$against^{commit}" >/dev/null; then
    echo "lint.sh: no such git ref: $against" >&2
    exit 2
  fi
  if [[ -z "$(git -C "$repo" ls-tree "$against" proto/gov)" ]]; then
    echo "buf breaking: $against has no proto/gov; nothing to compare"
  else
    mkdir -p "$work/base-src"
    git -C "$repo" archive "$against" proto | tar -x -C "$work/base-src"
    assemble "$work/base-src/proto" "$work/base"
    # Both sides get the same google/* files, so only gov/ changes can break.
    echo "buf breaking (FILE) against $against"
    (cd "$work" && "$buf" breaking current --against base) || status=1
  fi
fi

if [[ $status -eq 0 ]]; then echo "proto lint: ok"; fi
exit $status
