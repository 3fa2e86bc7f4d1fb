#!/usr/bin/env bash
# Runs every test tier on this machine, installing and starting what they need:
#   unit         no services
#   integration  real Docker engine (+ the workspace image)
#   end to end   real Docker + a real local tailnet (tailscaled + control server) + Chromium
# Nothing is skipped: a tier whose services cannot be set up makes this script fail.
# Usage: bash scripts/test-all.sh        (from anywhere inside the checkout)
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\n[test-all] %s\n' "$*"; }

# Workspaces started by tests must not upload tailscaled logs to Tailscale (tests talk only to this machine).
export PERRY_TAILSCALE_NO_LOGS=1

say "toolchain"
bash scripts/bootstrap.sh

say "services: Docker, base image, tailscale binaries, workspace image"
bash scripts/test-env.sh all

say "build"
pnpm run build

say "tests (all tiers)"
rm -f packages/*/test-results*.json apps/*/test-results*.json tools/*/test-results*.json
status=0
report=(--reporter=default --reporter=json --outputFile.json=test-results.json)
# One package at a time: the integration tiers share one Docker engine and two cores.
pnpm exec turbo run test --concurrency=1 --continue -- "${report[@]}" || status=$?

say "browser end to end (Chromium against a real agent)"
pnpm --filter @perry/web test:e2e --reporter=default --reporter=json --outputFile.json=test-results-e2e.json || status=$?

say "fault: Docker engine restarted under a running agent (runs alone: it stops the only engine)"
pnpm --filter @perry/agent test:dockerd --reporter=default --reporter=json --outputFile.json=test-results-dockerd.json || status=$?

node scripts/summarize-tests.mjs packages/*/test-results*.json apps/*/test-results*.json tools/*/test-results*.json || status=1
exit "$status"
