#!/usr/bin/env bash
# Sets up and runs every test: Debian packages the tests need, npm packages, then `npm test`
# (lint, types, build, unit, protocol, oracle and grammar tests), then the end-to-end tests in a real
# VS Code (code-server driven by Chromium). Works on a machine that has only Node and npm (and root
# for apt-get).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-system-packages.sh libxml2-utils:xmllint chromium:/usr/bin/chromium ripgrep:rg libkrb5-dev:/usr/include/krb5.h pkg-config
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
npm test
bash scripts/ensure-code-server.sh >/dev/null
npm run test:e2e
