#!/usr/bin/env bash
# Prints the path of a Chromium for the browser test: $CHROMIUM_PATH, one on the PATH, or Debian's package
# installed with apt-get when running as root. Exits non-zero with a message when none can be had.
set -euo pipefail
if [[ -n "${CHROMIUM_PATH:-}" && -x "${CHROMIUM_PATH}" ]]; then
  echo "${CHROMIUM_PATH}"; exit 0
fi
for candidate in chromium chromium-browser google-chrome; do
  if command -v "$candidate" >/dev/null 2>&1; then command -v "$candidate"; exit 0; fi
done
if [[ "$(id -u)" == "0" ]] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's chromium package" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
  command -v chromium; exit 0
fi
echo "no Chromium found: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH" >&2
exit 1
