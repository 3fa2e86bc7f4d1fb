#!/usr/bin/env bash
# Prepares the real services Perry's tests (and a fresh host) need, idempotently:
#   docker      a running Docker engine (installs Debian's docker.io and starts dockerd when `docker info` fails)
#   base-image  a Debian bookworm base image built offline with debootstrap when Docker Hub is unreachable
#   tailscale   tailscale/tailscaled built from the tailscale.com Go module (cached)
#   image       the workspace image (images/workspace), built from the base image and the tailscale binaries
#   browser     Debian's chromium for the web UI's end-to-end tests
#   all         everything above, in that order (the default)
# Settings (environment): PERRY_CACHE_DIR (default ~/.cache/perry), PERRY_BASE_IMAGE (default perry-base:bookworm),
# PERRY_IMAGE (default perry-workspace:latest), TAILSCALE_VERSION (default v1.102.5), DEBIAN_MIRROR.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
cache=${PERRY_CACHE_DIR:-$HOME/.cache/perry}
base_image=${PERRY_BASE_IMAGE:-perry-base:bookworm}
image=${PERRY_IMAGE:-perry-workspace:latest}
ts_version=${TAILSCALE_VERSION:-v1.102.5}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
log_dir=${PERRY_LOG_DIR:-/var/log/perry}

say() { printf '[test-env] %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

as_root_on_debian() { [ "$(id -u)" = 0 ] && [ -f /etc/debian_version ]; }

apt_install() {
  as_root_on_debian || die "need $* but not root on Debian; install it yourself"
  if [ ! -f /var/lib/apt/periodic/perry-updated ] || ! apt-cache policy "$1" | grep -q Candidate; then
    apt-get update -qq
    mkdir -p /var/lib/apt/periodic && touch /var/lib/apt/periodic/perry-updated
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_docker() {
  if docker info >/dev/null 2>&1; then return; fi
  command -v dockerd >/dev/null 2>&1 || { say "installing docker.io"; apt_install docker.io; }
  as_root_on_debian || die "Docker is not running and this is not root on Debian: start the Docker engine"
  mkdir -p "$log_dir"
  say "starting dockerd (log: $log_dir/dockerd.log)"
  nohup dockerd >"$log_dir/dockerd.log" 2>&1 &
  for _ in $(seq 1 120); do
    docker info >/dev/null 2>&1 && { say "docker is up"; return; }
    sleep 0.5
  done
  tail -n 20 "$log_dir/dockerd.log" >&2 || true
  die "dockerd did not come up within 60 s"
}

ensure_base_image() {
  if docker image inspect "$base_image" >/dev/null 2>&1; then return; fi
  command -v debootstrap >/dev/null 2>&1 || { say "installing debootstrap"; apt_install debootstrap; }
  local root; root=$(mktemp -d /tmp/perry-rootfs.XXXXXX)
  trap 'rm -rf "$root"' RETURN
  say "building $base_image with debootstrap (about a minute)"
  debootstrap --variant=minbase bookworm "$root" "$mirror" >"$log_dir/debootstrap.log" 2>&1 \
    || { tail -n 20 "$log_dir/debootstrap.log" >&2; die "debootstrap failed"; }
  # Same apt sources as the official image so `apt-get install` works inside docker build.
  printf 'deb %s bookworm main\ndeb %s bookworm-updates main\n' "$mirror" "$mirror" >"$root/etc/apt/sources.list"
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
  tar -C "$root" -c . | docker import --change 'CMD ["/bin/bash"]' - "$base_image" >/dev/null
  say "built $base_image"
}

ensure_tailscale() {
  local bin="$cache/tailscale-$ts_version"
  if [ -x "$bin/tailscale" ] && [ -x "$bin/tailscaled" ]; then echo "$bin"; return; fi
  command -v go >/dev/null 2>&1 || die "go is required to build tailscale $ts_version"
  say "building tailscale $ts_version from the Go module (several minutes the first time)"
  mkdir -p "$bin.tmp"
  (cd /tmp && CGO_ENABLED=0 GOBIN="$bin.tmp" go install "tailscale.com/cmd/tailscale@$ts_version" "tailscale.com/cmd/tailscaled@$ts_version")
  rm -rf "$bin" && mv "$bin.tmp" "$bin"
  echo "$bin"
}

ensure_image() {
  local bin; bin=$(ensure_tailscale)
  say "building $image"
  PERRY_TAILSCALE_BIN_DIR="$bin" "$here/images/workspace/build.sh" --base "$base_image" --tag "$image" >&2
}

ensure_browser() {
  [ -x /usr/bin/chromium ] && return
  say "installing chromium"
  apt_install chromium
}

mkdir -p "$cache" "$log_dir"
case "${1:-all}" in
  docker) ensure_docker ;;
  base-image) ensure_docker; ensure_base_image ;;
  tailscale) ensure_tailscale >/dev/null ;;
  image) ensure_docker; ensure_base_image; ensure_image ;;
  browser) ensure_browser ;;
  all) ensure_docker; ensure_base_image; ensure_tailscale >/dev/null; ensure_image; ensure_browser ;;
  *) die "usage: $0 [docker|base-image|tailscale|image|browser|all]" ;;
esac
