#!/usr/bin/env bash
# Installs the Debian packages the tests need when they are missing (CI runs as root on a clean
# machine). Usage: ensure-system-packages.sh PACKAGE...   Each argument is "package[:command]";
# the package is installed when the command (default: the package name) is not on PATH.
set -euo pipefail
missing=()
for spec in "$@"; do
  pkg="${spec%%:*}"
  cmd="${spec#*:}"
  [ "$cmd" = "$spec" ] && cmd="$pkg"
  if [[ "$cmd" == /* ]]; then
    [ -e "$cmd" ] || missing+=("$pkg")
  else
    command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
echo "installing Debian packages: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
