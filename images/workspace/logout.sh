#!/usr/bin/env bash
# perry-logout: deregisters this workspace's node from the tailnet (`tailscale logout`), so that deleting a
# workspace removes its hostname at once instead of leaving an orphaned node.
# Works in a running workspace (its tailscaled answers on the usual socket) and in a one-off container that
# only mounts the workspace's state volume (the agent's path for stopped workspaces): then it starts a
# temporary userspace tailscaled on that state just long enough to log out.
# Exit codes: 0 logged out (or there was nothing to log out), 1 logout failed, 2 tailscaled did not start.
set -uo pipefail

readonly STATE_DIR=/var/lib/tailscale
readonly RUNNING_SOCKET=/var/run/tailscale/tailscaled.sock
readonly DEADLINE_SECONDS=20

log() { printf '[perry-logout] %s\n' "$*" >&2; }

# `status --json` answers whenever the daemon does, logged in or not.
answers() { timeout 3 tailscale --socket="$1" status --json >/dev/null 2>&1; }

logout_via() {
  local out
  if out=$(timeout 15 tailscale --socket="$1" logout 2>&1); then
    log "logged out"
    return 0
  fi
  # Already logged out (or never logged in): nothing to deregister.
  if grep -qiE 'not logged in|logged out|NeedsLogin' <<<"$out"; then
    log "nothing to log out"
    return 0
  fi
  log "logout failed: $(head -n 1 <<<"$out")"
  return 1
}

main() {
  if [ -S "$RUNNING_SOCKET" ] && answers "$RUNNING_SOCKET"; then
    logout_via "$RUNNING_SOCKET"
    exit $?
  fi
  if [ ! -s "$STATE_DIR/tailscaled.state" ]; then
    log "no tailscale state: nothing to log out"
    exit 0
  fi
  local sock dir pid
  dir=$(mktemp -d)
  sock=$dir/tailscaled.sock
  tailscaled --state="$STATE_DIR/tailscaled.state" --statedir="$STATE_DIR" --socket="$sock" --tun=userspace-networking --port=0 --no-logs-no-support >"$dir/tailscaled.log" 2>&1 &
  pid=$!
  local deadline=$((SECONDS + DEADLINE_SECONDS))
  until answers "$sock"; do
    if ((SECONDS >= deadline)) || ! kill -0 "$pid" 2>/dev/null; then
      log "temporary tailscaled did not start"
      exit 2
    fi
    sleep 0.2
  done
  logout_via "$sock"
  local rc=$?
  kill "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  exit "$rc"
}

main "$@"
