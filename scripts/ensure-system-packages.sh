#!/usr/bin/env bash
# Installs the Debian packages the tests need when they are missing (CI runs as root on a clean
# machine). Usage: ensure-system-packages.sh PACKAGE...   Each argument is "package[:command]";
# the package is installed when the command (default: the package name) is not on PATH.
# Installing needs root (or sudo). When another program holds the apt lock (unattended upgrades,
# a second test run), apt-get waits for it, up to APT_LOCK_WAIT_SEC seconds (600 by default),
# instead of failing at once.
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
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "missing Debian packages: ${missing[*]}; installing them needs root. Run as root, or first: apt-get install ${missing[*]}" >&2
    exit 1
  fi
  SUDO="sudo"
fi
wait_sec="${APT_LOCK_WAIT_SEC:-600}"
echo "installing Debian packages: ${missing[*]} (if another program holds the apt lock, waiting for it up to $((wait_sec / 60)) min)"
apt_get() { $SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o "DPkg::Lock::Timeout=$wait_sec" "$@"; }
apt_get update -qq
apt_get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
