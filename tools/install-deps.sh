#!/bin/sh
# Installs the Debian packages jny needs to build and test, and only those that are missing.
# Run by `make` (through the deps stamp) so that a fresh Debian 12 machine needs nothing by hand.
# Usage: tools/install-deps.sh PACKAGE...
set -eu
missing=""
for p in "$@"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
    missing="$missing $p"
  fi
done
[ -z "$missing" ] && exit 0
echo "jny: installing missing packages:$missing" >&2
if [ "$(id -u)" != 0 ]; then
  echo "jny: need root to install:$missing (or install them yourself)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
