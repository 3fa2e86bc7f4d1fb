#!/usr/bin/env bash
# Builds the Perry workspace image with the docker CLI.
# Usage: images/workspace/build.sh [--base IMAGE] [--tag TAG] [--tailscale-bin DIR]
#   --base           base image (BASE_IMAGE build argument; default: the Dockerfile's debian:bookworm-slim)
#   --tag            image tag (default perry-workspace:latest)
#   --tailscale-bin  directory holding tailscale and tailscaled to install instead of downloading the
#                    pinned release (also PERRY_TAILSCALE_BIN_DIR)
# The build context is a temporary copy of this directory, so staged binaries never land in the repo.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
base=""
tag="perry-workspace:latest"
bin_dir=${PERRY_TAILSCALE_BIN_DIR:-}

die() { printf '[build] error: %s\n' "$*" >&2; exit 1; }

while [ $# -gt 0 ]; do
  case "$1" in
    --base) base=${2:?--base needs an image}; shift 2 ;;
    --tag) tag=${2:?--tag needs a tag}; shift 2 ;;
    --tailscale-bin) bin_dir=${2:?--tailscale-bin needs a directory}; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done

context=$(mktemp -d /tmp/perry-workspace-context.XXXXXX)
trap 'rm -rf "$context"' EXIT
cp -a "$here/Dockerfile" "$here/entrypoint.sh" "$here/logout.sh" "$here/sshd_config" "$here/tailscale-bin" "$context/"

args=(--tag "$tag")
[ -n "$base" ] && args+=(--build-arg "BASE_IMAGE=$base")
if [ -n "$bin_dir" ]; then
  for b in tailscale tailscaled; do
    [ -x "$bin_dir/$b" ] || die "$bin_dir/$b is missing or not executable (from --tailscale-bin / PERRY_TAILSCALE_BIN_DIR)"
    cp "$bin_dir/$b" "$context/tailscale-bin/$b"
  done
  args+=(--build-arg TAILSCALE_SOURCE=local)
fi

docker build "${args[@]}" "$context"
