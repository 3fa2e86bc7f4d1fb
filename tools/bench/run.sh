#!/usr/bin/env bash
# `pnpm bench`: prepares Docker and the workspace image the way the tests do, builds when dist is missing,
# then runs the benchmarks (tools/bench/main.ts). Flags go to main.ts; see `pnpm bench --help`.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
mkdir -p bench-results
if ! bash scripts/test-env.sh image >bench-results/setup.log 2>&1; then
  tail -n 30 bench-results/setup.log >&2
  exit 1
fi
for dist in apps/cli/dist apps/agent/dist packages/docker/dist packages/api-client/dist; do
  if [ ! -d "$dist" ]; then
    echo "[bench] $dist missing: pnpm build" >&2
    pnpm build
    break
  fi
done
exec node "$here/node_modules/tsx/dist/cli.mjs" "$here/main.ts" "$@"
