#!/usr/bin/env bash
# Installs the JavaScript toolchain and dependencies: pnpm (the version pinned in package.json) and node_modules.
set -euo pipefail
cd "$(dirname "$0")/.."
want=$(node -p 'require("./package.json").packageManager.split("@")[1]')
if [ "$(pnpm --version 2>/dev/null || true)" != "$want" ]; then
  echo "[bootstrap] installing pnpm $want" >&2
  npm install -g "pnpm@$want" >/dev/null
fi
pnpm install --frozen-lockfile --reporter=append-only >/dev/null
echo "[bootstrap] dependencies installed" >&2
