#!/usr/bin/env bash
# The readiness report is checked in headless Chromium (Debian's package): install it when it is missing.
set -euo pipefail
command -v chromium >/dev/null 2>&1 && exit 0
as_root=""
[ "$(id -u)" -eq 0 ] || as_root="sudo"
$as_root apt-get update -qq
DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq chromium >/dev/null
chromium --version
