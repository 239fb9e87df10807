#!/usr/bin/env bash
# What the test suite needs besides Node, installed from Debian when missing; `npm test` runs it
# first and .ci/run calls it too, so a fresh machine with only Node and apt passes `npm ci &&
# npm test`. It never skips a test: what it cannot install, it names, and it exits 1.
#   - redis-server, unless a Redis is given (REDIS_URL) or answers on 127.0.0.1:6379: the tests
#     start a private one otherwise (src/infra/ensure-redis.ts).
#   - Debian's Chromium at /usr/bin/chromium, which the dashboard's browser tests drive (no
#     browser is ever downloaded).
# Installs with apt-get, through sudo when not root.
set -euo pipefail

CHROMIUM_PATH=/usr/bin/chromium
APT_UPDATED=0
say() { echo "test deps: $*"; }

# apt-get, as root or through sudo (without a terminal sudo may not ask for a password: -n).
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif ! command -v sudo >/dev/null 2>&1; then return 1
  elif [ -t 0 ]; then sudo "$@"
  else sudo -n "$@"
  fi
}

# install PACKAGE: apt-get install, or a message naming the command and exit 1.
install() {
  local package="$1"
  if ! command -v apt-get >/dev/null 2>&1; then
    say "$package is missing and this machine has no apt-get: install $package, then run npm test again." >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  if [ "$APT_UPDATED" -eq 0 ]; then
    say "apt-get update"
    as_root apt-get update -q </dev/null || { say "apt-get update failed: run \`sudo apt-get update && sudo apt-get install $package\`, then npm test again." >&2; exit 1; }
    APT_UPDATED=1
  fi
  say "installing $package (apt-get install --no-install-recommends $package)"
  as_root apt-get install -y -q --no-install-recommends "$package" </dev/null \
    || { say "could not install $package: run \`sudo apt-get install $package\`, then npm test again." >&2; exit 1; }
}

redis_answers_locally() {
  (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null
}

if [ -n "${REDIS_URL:-}" ]; then
  say "Redis: REDIS_URL is set"
elif redis_answers_locally; then
  say "Redis: one answers on 127.0.0.1:6379"
elif command -v redis-server >/dev/null 2>&1; then
  say "Redis: redis-server found ($(command -v redis-server))"
else
  install redis-server
  command -v redis-server >/dev/null 2>&1 || { say "redis-server was installed but is not on the PATH." >&2; exit 1; }
fi

if [ -x "$CHROMIUM_PATH" ]; then
  say "Chromium: found ($CHROMIUM_PATH)"
else
  install chromium
  [ -x "$CHROMIUM_PATH" ] || { say "chromium was installed but $CHROMIUM_PATH is missing: the browser tests need Debian's chromium package there." >&2; exit 1; }
fi
