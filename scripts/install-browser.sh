#!/usr/bin/env bash
# Debian's Chromium and a CJK font for the HTML view's browser tests (tests/test_view.py).
# Playwright drives this system browser; nothing downloads a browser of its own.
# Where they cannot be installed (no apt, no root or sudo, no package mirror) this says so and
# exits 0: the browser tests are then skipped, the other tests still run.
set -uo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
dpkg -s fonts-wqy-zenhei >/dev/null 2>&1 || missing+=(fonts-wqy-zenhei)
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo"; else
    echo "install-browser: not root and no sudo; browser tests will be skipped (install: ${missing[*]})" >&2
    exit 0
  fi
fi
if ! command -v apt-get >/dev/null 2>&1 \
   || ! $sudo apt-get update -qq \
   || ! DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null; then
  echo "install-browser: could not install ${missing[*]}; browser tests will be skipped" >&2
fi
exit 0
