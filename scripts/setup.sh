#!/usr/bin/env bash
# One-command setup on a fresh Debian 12 machine with Node 20: installs the Debian packages the build and tests use
# (promtool, amtool, and the servers of the live stack) when missing, installs the locked npm dependencies, and
# builds generated/ from the CdB definitions.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-debian-packages.sh
npm ci
npm run build:observability
