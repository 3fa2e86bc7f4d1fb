#!/usr/bin/env bash
# Perry workspace entrypoint (PID 2, under tini): read settings → ssh → tailscale → supervise until SIGTERM.
#
# Settings are files the Perry agent writes (docker putArchive) before every start, so stop/start applies
# changes and secrets never show up in `docker inspect`. A file that is missing or empty counts as unset,
# which lets the agent clear a setting on a stopped container by writing an empty file.
#   /etc/perry/tailscale/enabled       non-empty (the agent writes "true") → join the tailnet
#   /etc/perry/tailscale/hostname      tailnet hostname, a DNS label (required when enabled)
#   /etc/perry/tailscale/login-server  control server URL (optional)
#   /etc/perry/tailscale/tags          comma-separated tags, e.g. tag:perry-workspace (optional)
#   /etc/perry/tailscale/authkey       auth key, root-only 0600 (optional; deleted after a successful login)
#   /etc/perry/tailscale/no-logs       non-empty → tailscaled --no-logs-no-support (no log upload to Tailscale)
#   /etc/perry/authorized_keys         OpenSSH public keys for user `workspace` (optional)
# Output for the agent: /var/lib/perry-report/tailscale.json (a host directory the agent bind-mounts; created if absent)
#   { state, hostname (configured), dnsName, ips, health (tailscaled's warnings), error (last join failure),
#     restarts (how often tailscaled died and was restarted in this run), lastRestart (what happened, when),
#     updatedAt }; state is tailscaled's BackendState
#   (NoState, NeedsLogin, NeedsMachineAuth, Stopped, Starting, Running) or Disabled, Invalid, DaemonFailed.
# Never `set -x`: settings (the auth key among them) must stay out of the container logs.
set -uo pipefail

readonly SETTINGS_DIR=/etc/perry
readonly TS_STATE_DIR=/var/lib/tailscale
readonly TS_SOCKET=/var/run/tailscale/tailscaled.sock
readonly REPORT_DIR=/var/lib/perry-report
readonly STATUS_FILE=$REPORT_DIR/tailscale.json
# The supervisor (main shell) records tailscaled's restarts here for the monitor (a subshell) to report.
# Inside the container, not on the report mount, and reset at every start: it describes this run only.
readonly RESTARTS_FILE=/run/perry/tailscaled-restarts
readonly WORKSPACE_USER=workspace
readonly WORKSPACE_HOME=/home/workspace
readonly DAEMON_DEADLINE_SECONDS=30
readonly STATUS_INTERVAL_SECONDS=5
readonly UP_TIMEOUT=60s
readonly UP_RETRY_MAX_SECONDS=60
# A join normally takes a second or two; one still pending after this long gets the control server checked,
# so the status says "unreachable" within seconds instead of after UP_TIMEOUT.
readonly PROBE_AFTER_SECONDS=8
readonly PROBE_TIMEOUT_SECONDS=4
readonly DEFAULT_LOGIN_SERVER=https://controlplane.tailscale.com

TAILSCALED_PID=""
SSHD_PID=""
UP_PID=""
MONITOR_PID=""

log() { printf '[perry] %s\n' "$*" >&2; }

# Reads a settings file: its content with surrounding whitespace trimmed, empty when missing.
setting() {
  local file=$SETTINGS_DIR/$1 value=""
  [ -f "$file" ] && value=$(<"$file")
  value=${value#"${value%%[![:space:]]*}"}
  printf '%s' "${value%"${value##*[![:space:]]}"}"
}

# All settings, read once, in one place.
read_settings() {
  TS_ENABLED=$(setting tailscale/enabled)
  TS_HOSTNAME=$(setting tailscale/hostname)
  TS_LOGIN_SERVER=$(setting tailscale/login-server)
  TS_TAGS=$(setting tailscale/tags)
  TS_NO_LOGS=$(setting tailscale/no-logs)
  TS_AUTHKEY_FILE=$SETTINGS_DIR/tailscale/authkey
  [ -s "$TS_AUTHKEY_FILE" ] || TS_AUTHKEY_FILE=""
  AUTHORIZED_KEYS_FILE=$SETTINGS_DIR/authorized_keys
  [ -s "$AUTHORIZED_KEYS_FILE" ] || AUTHORIZED_KEYS_FILE=""
}

# Prints one line per problem, each naming its file; empty output means valid.
validate_tailscale_settings() {
  [ -n "$TS_ENABLED" ] || return 0
  local label='^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$' tag
  if [ -z "$TS_HOSTNAME" ]; then
    echo "$SETTINGS_DIR/tailscale/hostname: required when tailscale is enabled"
  elif ! [[ $TS_HOSTNAME =~ $label ]]; then
    echo "$SETTINGS_DIR/tailscale/hostname: '$TS_HOSTNAME' is not a DNS label (a-z, 0-9, -; at most 63)"
  fi
  if [ -n "$TS_LOGIN_SERVER" ] && ! [[ $TS_LOGIN_SERVER =~ ^https?://[^[:space:]]+$ ]]; then
    echo "$SETTINGS_DIR/tailscale/login-server: '$TS_LOGIN_SERVER' is not an http(s) URL"
  fi
  if [ -n "$TS_TAGS" ]; then
    local -a tags
    IFS=, read -ra tags <<<"$TS_TAGS"
    for tag in "${tags[@]}"; do
      [[ $tag =~ ^tag:[A-Za-z0-9][A-Za-z0-9-]*$ ]] || echo "$SETTINGS_DIR/tailscale/tags: '$tag' is not a tag like tag:name"
    done
  fi
}

setup_ssh() {
  # Only Ed25519: generating it takes milliseconds, while `ssh-keygen -A` (RSA 3072) can take seconds on a busy
  # host, and bash runs the SIGTERM trap only after it, so a workspace stopped right after start got killed.
  [ -s /etc/ssh/ssh_host_ed25519_key ] || ssh-keygen -q -t ed25519 -N "" -f /etc/ssh/ssh_host_ed25519_key
  install -d -m 0755 /run/sshd
  [ -n "$AUTHORIZED_KEYS_FILE" ] || return 0
  if ! ssh-keygen -l -f "$AUTHORIZED_KEYS_FILE" >/dev/null 2>&1; then
    log "error: $AUTHORIZED_KEYS_FILE holds no valid OpenSSH public key; keeping the previous authorized_keys"
    return 0
  fi
  install -d -m 0700 -o "$WORKSPACE_USER" -g "$WORKSPACE_USER" "$WORKSPACE_HOME/.ssh"
  install -m 0600 -o "$WORKSPACE_USER" -g "$WORKSPACE_USER" "$AUTHORIZED_KEYS_FILE" "$WORKSPACE_HOME/.ssh/authorized_keys"
  log "installed $(grep -cE '^[^#[:space:]]' "$AUTHORIZED_KEYS_FILE") authorized SSH key(s) for $WORKSPACE_USER"
}

start_sshd() {
  /usr/sbin/sshd -D -e &
  SSHD_PID=$!
}

# Kernel networking needs /dev/net/tun and CAP_NET_ADMIN (bit 12 of the effective capability set).
tun_usable() {
  local cap_eff
  [ -c /dev/net/tun ] || return 1
  cap_eff=$(awk '/^CapEff:/ { print $2 }' /proc/self/status)
  (( (16#$cap_eff >> 12) & 1 ))
}

start_tailscaled() {
  local -a args=(--state="$TS_STATE_DIR/tailscaled.state" --statedir="$TS_STATE_DIR" --socket="$TS_SOCKET")
  [ -z "$TS_NO_LOGS" ] || args+=(--no-logs-no-support)
  if ! tun_usable; then
    log "no /dev/net/tun or NET_ADMIN: tailscaled uses userspace networking (tailnet → workspace works, outbound to the tailnet needs a proxy)"
    args+=(--tun=userspace-networking)
  fi
  install -d -m 0755 "$(dirname "$TS_SOCKET")"
  tailscaled "${args[@]}" &
  TAILSCALED_PID=$!
}

ts() { tailscale --socket="$TS_SOCKET" "$@"; }

# Polls the LocalAPI until tailscaled answers; bounded, short intervals.
wait_for_tailscaled() {
  local deadline=$((SECONDS + DAEMON_DEADLINE_SECONDS))
  while ((SECONDS < deadline)); do
    kill -0 "$TAILSCALED_PID" 2>/dev/null || return 1
    ts status --json >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  return 1
}

# Writes the status file atomically from `tailscale status --json`; $1 overrides the state, $2 is the error.
write_status() {
  local state=${1:-} error=${2:-} status tmp restarts=0 last_restart=""
  if [ -s "$RESTARTS_FILE" ]; then
    { read -r restarts; read -r last_restart; } <"$RESTARTS_FILE"
  fi
  # An explicit state means tailscaled is not running: asking it would only wait for its socket.
  if [ -n "$state" ]; then
    status='{}'
  elif ! status=$(ts status --json 2>/dev/null); then
    status='{}' state=DaemonFailed error=${error:-tailscaled is not answering}
  fi
  tmp=$(mktemp "$STATUS_FILE.XXXXXX")
  # Milliseconds: the agent compares updatedAt with the container's start time to drop an earlier run's report.
  if jq -n --argjson s "$status" --arg state "$state" --arg error "$error" --arg hostname "${TS_HOSTNAME:-}" \
      --argjson restarts "${restarts:-0}" --arg lastRestart "$last_restart" \
      --arg now "$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)" '{
      state: (if $state != "" then $state else ($s.BackendState // "NoState") end),
      hostname: (if $hostname != "" then $hostname else null end),
      dnsName: (($s.Self.DNSName // "") | rtrimstr(".") | if . == "" then null else . end),
      ips: ($s.Self.TailscaleIPs // []),
      health: ($s.Health // []),
      # An error is about a join that has not happened; a Running backend has joined since it was noted.
      error: (if $error != "" and $s.BackendState != "Running" then $error else null end),
      restarts: $restarts,
      lastRestart: (if $lastRestart != "" then $lastRestart else null end),
      updatedAt: $now
    }' >"$tmp" 2>/dev/null; then
    chmod 0644 "$tmp" && mv -f "$tmp" "$STATUS_FILE"
  else
    rm -f "$tmp"
  fi
}

# Starts one `tailscale up` with the current settings in the background; its output goes to $1.
start_tailscale_up() {
  local -a args=(up --reset --hostname="$TS_HOSTNAME" --accept-dns=true --timeout="$UP_TIMEOUT")
  [ -n "$TS_LOGIN_SERVER" ] && args+=(--login-server="$TS_LOGIN_SERVER")
  [ -n "$TS_TAGS" ] && args+=(--advertise-tags="$TS_TAGS")
  [ -n "$TS_AUTHKEY_FILE" ] && [ -s "$TS_AUTHKEY_FILE" ] && args+=(--auth-key="file:$TS_AUTHKEY_FILE")
  ts "${args[@]}" >"$1" 2>&1 &
  UP_PID=$!
}

# The last meaningful line of `tailscale up` output, short and with anything key-like redacted.
short_error() {
  sed -E 's/tskey-[A-Za-z0-9_-]+/tskey-REDACTED/g' "$1" | grep -v '^[[:space:]]*$' | tail -n 1 | cut -c1-300
}

# Prints why the control server cannot be reached, or nothing when it answers HTTP at all (any status will do).
# tailscaled itself says nothing useful while its first login hangs: its BackendState is just NeedsLogin.
probe_control() {
  local url=${TS_LOGIN_SERVER:-$DEFAULT_LOGIN_SERVER} out
  out=$(curl -sS -o /dev/null --max-time "$PROBE_TIMEOUT_SECONDS" "${url%/}/key?v=1" 2>&1) && return 0
  printf 'control server %s is unreachable (%s)' "$url" "$(tr '\n' ' ' <<<"${out#curl: }" | cut -c1-150)"
}

# Sets the caller's $error (monitor_tailscale's local) from probe_control: the unreachable control server
# while it is, and nothing once it answers again (tailscaled then finishes or fails the login by itself).
check_control() {
  local unreachable
  unreachable=$(probe_control)
  if [ -n "$unreachable" ]; then
    error=$unreachable
  elif [[ $error == "control server "*" is unreachable "* ]]; then
    error=""
  fi
}

backend_running() { [ "$(ts status --json 2>/dev/null | jq -r '.BackendState // empty' 2>/dev/null)" = Running ]; }

# The key has done its job once the node is logged in; the node key in the state dir is what counts from now on.
on_joined() {
  log "joined the tailnet as $TS_HOSTNAME"
  [ -n "$TS_AUTHKEY_FILE" ] && rm -f "$TS_AUTHKEY_FILE"
}

# Background: join, retry while the login fails (control unreachable, bad key) with a capped backoff,
# and refresh the status file every few seconds, also while `tailscale up` is still waiting.
monitor_tailscale() {
  local joined=false error="" next_try=0 delay=$STATUS_INTERVAL_SECONDS out rc up_since=0
  out=$(mktemp /tmp/perry-tailscale-up.XXXXXX)
  UP_PID=""
  while true; do
    # tailscaled keeps retrying a login on its own after `up` gave up, and may finish it between two tries.
    if [ "$joined" = false ] && [ -z "$UP_PID" ] && backend_running; then
      joined=true error=""
      on_joined
    fi
    if [ "$joined" = false ] && [ -z "$UP_PID" ] && ((SECONDS >= next_try)); then
      start_tailscale_up "$out"
      up_since=$SECONDS
    fi
    if alive "$UP_PID" && ((SECONDS - up_since >= PROBE_AFTER_SECONDS)); then
      check_control
    fi
    if [ -n "$UP_PID" ] && ! alive "$UP_PID"; then
      wait "$UP_PID"; rc=$?
      UP_PID=""
      if ((rc == 0)); then
        joined=true error=""
        on_joined
      else
        # tailscaled's health message names the cause (control unreachable, bad key); `up` only says "timeout".
        # "Tailscale is starting" is transient and says nothing about the cause; skip it.
        ts status --json 2>/dev/null | jq -r '[.Health[]? | select(test("is starting") | not)][0] // empty' >>"$out" 2>/dev/null
        error=$(short_error "$out")
        # `up` only says "timeout" when the control server never answered; the probe names the cause.
        check_control
        log "tailscale up failed (retrying in ${delay}s): $error"
        next_try=$((SECONDS + delay))
        delay=$((delay * 2 > UP_RETRY_MAX_SECONDS ? UP_RETRY_MAX_SECONDS : delay * 2))
      fi
    fi
    write_status "" "$error"
    sleep 1
    # Refresh every STATUS_INTERVAL_SECONDS, but notice the end of `tailscale up` within a second.
    local waited=1
    while ((waited < STATUS_INTERVAL_SECONDS)) && ! { [ -n "$UP_PID" ] && ! alive "$UP_PID"; }; do
      sleep 1; waited=$((waited + 1))
    done
  done
}

start_tailscale() {
  # Replace the previous run's report at once: until tailscaled answers, the truth is "starting".
  write_status Starting ""
  start_tailscaled
  if ! wait_for_tailscaled; then
    log "error: tailscaled did not answer on $TS_SOCKET within ${DAEMON_DEADLINE_SECONDS}s"
    write_status DaemonFailed "tailscaled did not answer within ${DAEMON_DEADLINE_SECONDS}s"
  fi
  monitor_tailscale &
  MONITOR_PID=$!
}

alive() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null; }

stop_children() {
  local pid deadline=$((SECONDS + 5))
  for pid in "$MONITOR_PID" "$SSHD_PID" "$TAILSCALED_PID"; do
    alive "$pid" && kill -TERM "$pid" 2>/dev/null
  done
  while ((SECONDS < deadline)) && { alive "$TAILSCALED_PID" || alive "$SSHD_PID"; }; do sleep 0.1; done
  for pid in "$MONITOR_PID" "$SSHD_PID" "$TAILSCALED_PID"; do
    alive "$pid" && kill -KILL "$pid" 2>/dev/null
  done
}

on_signal() {
  log "stopping"
  stop_children
  exit 0
}

# How a child ended, from its wait status: "exited with status N" or "was killed by signal N (NAME)".
describe_exit() {
  local rc=$1
  if ((rc > 128)); then
    printf 'was killed by signal %d (%s)' $((rc - 128)) "$(kill -l $((rc - 128)) 2>/dev/null || echo '?')"
  else
    printf 'exited with status %d' "$rc"
  fi
}

# Counts a tailscaled restart and says why, for write_status (line 1: count, line 2: what happened).
record_tailscaled_restart() {
  local how=$1 count=0
  [ -s "$RESTARTS_FILE" ] && read -r count <"$RESTARTS_FILE"
  printf '%d\ntailscaled %s at %s; restarted\n' $((count + 1)) "$how" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >"$RESTARTS_FILE.tmp" &&
    mv -f "$RESTARTS_FILE.tmp" "$RESTARTS_FILE"
}

# Restarts whichever child died; the short pause keeps a crash loop from spinning.
supervise() {
  local -a pids
  local exited rc how
  while true; do
    pids=("$SSHD_PID")
    [ -n "$TAILSCALED_PID" ] && pids+=("$TAILSCALED_PID")
    exited="" rc=0
    wait -n -p exited "${pids[@]}"; rc=$?
    if ! alive "$SSHD_PID"; then
      log "sshd exited; restarting it"
      sleep 1 & wait $!
      start_sshd
    fi
    if [ -n "$TAILSCALED_PID" ] && ! alive "$TAILSCALED_PID"; then
      # wait -n reaped it only when it is the one that woke us; otherwise its status is unknown here.
      if [ "$exited" = "$TAILSCALED_PID" ]; then how=$(describe_exit "$rc"); else how="exited"; fi
      log "tailscaled exited; restarting it (it $how)"
      record_tailscaled_restart "$how"
      sleep 1 & wait $!
      start_tailscaled
    fi
  done
}

main() {
  trap on_signal TERM INT
  read_settings
  install -d -m 0700 "$TS_STATE_DIR"
  install -d -m 0755 "$REPORT_DIR" "$(dirname "$RESTARTS_FILE")"
  rm -f "$RESTARTS_FILE"
  setup_ssh
  if [ -z "$TS_ENABLED" ]; then
    write_status Disabled ""
  else
    local problems
    problems=$(validate_tailscale_settings)
    if [ -n "$problems" ]; then
      while IFS= read -r line; do log "error: $line"; done <<<"$problems"
      log "not joining the tailnet until the settings are fixed"
      write_status Invalid "$(head -n 1 <<<"$problems")"
    else
      log "tailscale enabled: joining as $TS_HOSTNAME${TS_LOGIN_SERVER:+ via $TS_LOGIN_SERVER}"
      start_tailscale
    fi
  fi
  start_sshd
  log "workspace ready"
  supervise
}

main "$@"
