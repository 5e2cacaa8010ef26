#!/usr/bin/env bash
# Installs Postfix from Debian for the daily digest's test: a real SMTP server on 127.0.0.1 that
# delivers into maildirs the test reads back (test/support/postfix.ts runs a private instance with
# its own configuration and queue; the system's own Postfix is left unconfigured and never started).
set -euo pipefail
if ! [ -x /usr/sbin/postfix ]; then
  if [ "$(id -u)" != "0" ]; then echo "missing postfix: run as root or apt-get install postfix" >&2; exit 1; fi
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postfix >/dev/null
fi
echo "postfix $(/usr/sbin/postconf -d -h mail_version 2>/dev/null)"
