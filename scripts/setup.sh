#!/usr/bin/env bash
# One-command setup on a fresh Debian 12 machine with Node 20: installs promtool (Debian's prometheus package)
# when it is missing, installs the locked npm dependencies, and builds generated/ from the CdB definitions.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v promtool >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: promtool is missing; run as root or install it with: sudo apt-get install -y prometheus" >&2
    exit 1
  fi
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y prometheus
fi

npm ci
npm run build:observability
