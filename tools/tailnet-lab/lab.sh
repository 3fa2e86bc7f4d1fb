#!/usr/bin/env bash
# One command for the Perry tailnet lab: `lab.sh up [--https] [--network NAME]`, `lab.sh status`, `lab.sh down [ID...]`.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
exec "$here/node_modules/.bin/tsx" "$here/cli.ts" "$@"
