#!/usr/bin/env bash
# Installs the Debian packages of scripts/debian-packages.txt that are missing (as root). Services the packages
# would start at install time are not started: the tests start their own on 127.0.0.1 with free ports.
set -euo pipefail
cd "$(dirname "$0")/.."

mapfile -t packages < <(grep -v '^\s*\(#\|$\)' scripts/debian-packages.txt)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "missing Debian packages; run as root or install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
policy=/usr/sbin/policy-rc.d
created_policy=no
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy" && created_policy=yes
fi
trap '[ "$created_policy" = yes ] && rm -f "$policy"' EXIT
apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
