#!/usr/bin/env bash
# Installs from Debian what the browser tests and the PDF reports need: Chromium (Playwright drives it
# by executablePath; no browser is ever downloaded; it also prints the PDF reports), the Liberation
# fonts 2.x (metric-compatible with Times New Roman, with every precomposed Vietnamese letter, which
# fonts-liberation 1.07 lacks: fontconfig then prefers 2.x, so no letter falls back to a sans),
# poppler-utils (pdftotext and pdftoppm, with which the tests read the PDFs back) and LibreOffice Calc and Writer without their GUI
# (the test that an office suite other than the one that wrote it opens the Excel report and keeps its
# values; the chasing letter's PDF, converted from its DOCX).
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -f /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf ] || missing+=(fonts-liberation2)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
office=()
command -v soffice >/dev/null || office+=(libreoffice-calc-nogui)
[ -e /usr/lib/libreoffice/program/libswlo.so ] || office+=(libreoffice-writer-nogui)
if [ $(( ${#missing[@]} + ${#office[@]} )) -gt 0 ]; then
  if [ "$(id -u)" != "0" ]; then echo "missing ${missing[*]} ${office[*]}: run as root or apt-get install them" >&2; exit 1; fi
  [ ${#missing[@]} -eq 0 ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
  # Calc and Writer alone: LibreOffice's recommends (Java, the GUI) are hundreds of megabytes the test never uses.
  [ ${#office[@]} -eq 0 ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${office[@]}" >/dev/null
fi
# (read whole, not through `head`: with pipefail a closed pipe would fail the script)
echo "$(/usr/bin/chromium --version 2>/dev/null | sed -n 1p)"
echo "$(pdftotext -v 2>&1 | sed -n 1p)"
echo "$(soffice --version 2>/dev/null | sed -n 1p)"
