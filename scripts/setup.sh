#!/usr/bin/env bash
# One-command setup on a fresh Debian 12 machine with Node 20: installs promtool and amtool (Debian packages)
# when it is missing, installs the locked npm dependencies, and builds generated/ from the CdB definitions.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v promtool >/dev/null 2>&1 || ! command -v amtool >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: promtool or amtool is missing; run as root or install them with: sudo apt-get install -y prometheus prometheus-alertmanager" >&2
    exit 1
  fi
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y prometheus prometheus-alertmanager
fi

npm ci
npm run build:observability
