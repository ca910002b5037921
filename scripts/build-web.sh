#!/usr/bin/env bash
# Builds the web UI (web/ → web/dist) with the machine's Node.js and npm: installs the locked
# npm packages when they are missing or the lock file changed, then type-checks and builds.
# The server serves web/dist (daylight serve --web).
#
# `npm install` rather than `npm ci`: the registry this project builds from serves only this
# platform's optional packages (rollup's and esbuild's per-platform binaries), so the lock file
# lists only those and `npm ci` refuses it as "out of sync"; `npm install` installs exactly the
# locked versions and leaves the lock file unchanged.
set -euo pipefail
cd "$(dirname "$0")/../web"
if ! command -v npm >/dev/null; then
  echo "build-web: npm not found; installing Debian's nodejs and npm" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
stamp=node_modules/.daylight-lock
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  npm install --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi
npm run --silent build
