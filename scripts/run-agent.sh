#!/usr/bin/env bash
# Sets up a fresh machine and runs the Perry agent in the foreground on http://localhost:7391.
# Extra arguments go to `perry agent run` (e.g. --port 8080).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
bash scripts/test-env.sh image
pnpm run build >/dev/null
exec node apps/cli/bin/run.js agent run "$@"
