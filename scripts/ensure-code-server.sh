#!/usr/bin/env bash
# Installs code-server (VS Code served to a browser) into a project-local cache folder and prints the
# path of its launcher. It is not a package.json dependency: its install builds native modules (needs
# Debian's libkrb5-dev and pkg-config) and one of its dependencies (@vscode/ripgrep) downloads `rg` from
# GitHub, which this network cannot reach; we hand it Debian's `rg` through the cache folder it checks
# first. Idempotent: a second run only checks the marker file and returns at once.
#
# Usage: bash scripts/ensure-code-server.sh        (prints the code-server launcher path on stdout)
# Env:   QUALYS_CODE_SERVER_DIR  install folder (default: <repo>/.cache/code-server/<version>)
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=4.100.3
RG_VERSION=1.15.11           # the @vscode/ripgrep version code-server@4.100.3 depends on
RG_ARCHIVE=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
DIR="${QUALYS_CODE_SERVER_DIR:-$PWD/.cache/code-server/$VERSION}"
BIN="$DIR/node_modules/.bin/code-server"
MARKER="$DIR/.installed"

if [ -f "$MARKER" ] && [ -x "$BIN" ]; then
  echo "$BIN"
  exit 0
fi

bash scripts/ensure-system-packages.sh ripgrep:rg libkrb5-dev:/usr/include/krb5.h pkg-config >&2

started=$(date +%s)
echo "installing code-server@$VERSION into $DIR (about a minute)" >&2
rm -rf "$DIR"
mkdir -p "$DIR"
# A package.json of its own keeps npm from walking up to the project's manifest.
printf '{ "name": "code-server-cache", "private": true }\n' >"$DIR/package.json"

# @vscode/ripgrep's postinstall looks for its archive in this folder before downloading it.
RG_TMP="$(mktemp -d)"
trap 'rm -rf "$RG_TMP"' EXIT
mkdir -p "$RG_TMP/vscode-ripgrep-cache-$RG_VERSION"
tar czf "$RG_TMP/vscode-ripgrep-cache-$RG_VERSION/$RG_ARCHIVE" -C "$(dirname "$(command -v rg)")" rg

(
  cd "$DIR"
  TMPDIR="$RG_TMP" npm_config_unsafe_perm=true npm_config_yes=true \
    npm install --no-audit --no-fund --no-save --loglevel=error "code-server@$VERSION" >&2
)
[ -x "$BIN" ] || { echo "code-server install did not produce $BIN" >&2; exit 1; }
touch "$MARKER"
echo "code-server@$VERSION installed in $(( $(date +%s) - started )) s" >&2
echo "$BIN"
