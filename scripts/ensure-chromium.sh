#!/usr/bin/env bash
# Browser tests drive Debian's chromium through playwright-core (never `playwright install`).
# Installs it when missing; CI calls this before `npm test`.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends chromium
command -v chromium
