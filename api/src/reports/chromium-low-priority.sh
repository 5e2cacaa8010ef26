#!/bin/sh
# Chromium at a lower CPU priority (nice 10), with every process it starts: printing a PDF report is
# background work, and on a small machine Chromium's start-up would otherwise take the cores from
# the server that asked for it, which keeps answering requests meanwhile. Chromium raises some of
# its own threads (the compositor to nice -8) when it may; run as root it may, so the capability to
# raise priorities is dropped first where setpriv (util-linux) can drop it.
if [ "$(id -u)" = "0" ] && command -v setpriv >/dev/null 2>&1; then
  exec setpriv --bounding-set -sys_nice --inh-caps -sys_nice nice -n 10 "$CHROMIUM_PATH" "$@"
fi
exec nice -n 10 "$CHROMIUM_PATH" "$@"
