#!/usr/bin/env bash
# Installs Debian's Chromium for the portal's browser tests (Playwright drives it by executablePath;
# no browser is ever downloaded).
set -euo pipefail
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" != "0" ]; then echo "chromium is missing: run as root or apt-get install chromium" >&2; exit 1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null
fi
/usr/bin/chromium --version 2>/dev/null | head -1
