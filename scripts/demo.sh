#!/usr/bin/env bash
# The one-command demo: Qualys Workbench in a real VS Code (code-server) against a local Qualys
# simulator. From a clean checkout on a machine with only Node and npm it installs what it needs
# (npm packages, Debian packages through apt-get, code-server into .cache/), builds and packages the
# extension, starts the simulator with a generated account, starts code-server on 127.0.0.1 with the
# extension installed from the .vsix and a copy of demo/workspace, and prints the URL to open.
# Ctrl-C stops exactly the processes it started.
#
# Usage: bash scripts/demo.sh [--port PORT] [--hosts N] [--smoke]
#   --port PORT  code-server's port (default: 8080, or a free one when 8080 is taken)
#   --hosts N    hosts in the simulated account (default 2500: three pages of 1000)
#   --smoke      start everything, check that it answers, then stop (used by the end-to-end tests)
# Env: QUALYS_DEMO_STATE  the run's state folder (default .cache/demo; emptied at start)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

PORT=""
HOSTS=2500
SMOKE=0
while [ $# -gt 0 ]; do
  case "$1" in
    --port) PORT="$2"; shift 2 ;;
    --hosts) HOSTS="$2"; shift 2 ;;
    --smoke) SMOKE=1; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

say() { printf '\033[1m%s\033[0m\n' "$*"; }
free_port() { node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
port_taken() { node -e "const s=require('net').createServer();s.once('error',()=>process.exit(0));s.listen($1,'127.0.0.1',()=>s.close(()=>process.exit(1)))"; }

# ---- what it needs ------------------------------------------------------------------------------
say "1/5 dependencies"
bash scripts/ensure-system-packages.sh ripgrep:rg libkrb5-dev:/usr/include/krb5.h pkg-config
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
CODE_SERVER="$(bash scripts/ensure-code-server.sh)"

say "2/5 build and package"
npm run --silent package >/dev/null
VSIX="$ROOT/dist/qualys-workbench.vsix"
echo "packaged $VSIX ($(du -k "$VSIX" | cut -f1) KB)"

# ---- a fresh state folder for this run ----------------------------------------------------------
STATE="${QUALYS_DEMO_STATE:-$ROOT/.cache/demo}"
rm -rf "$STATE"
mkdir -p "$STATE/user-data/User" "$STATE/extensions" "$STATE/logs"
cp -R demo/workspace "$STATE/workspace"
if [ -d samples/requests ]; then
  mkdir -p "$STATE/workspace/requests"
  cp -R samples/requests/. "$STATE/workspace/requests/"
fi
: >"$STATE/config.yaml" # code-server's own config: empty, so it writes nothing under ~/.config

# ---- processes: each in its own process group, stopped by that id on exit ----------------------
PIDS=()
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  # Ctrl-C may have ended whatever reads our output (`demo.sh | tee log`): a write must not kill us
  # before the processes are stopped.
  trap '' PIPE
  if [ ${#PIDS[@]} -gt 0 ]; then
    say "stopping (${PIDS[*]})" 2>/dev/null || true
    for pid in "${PIDS[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -KILL -- "-$pid" 2>/dev/null || true
    done
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# start NAME COMMAND...: runs the command as the leader of a new session (so of a new process group),
# output to $STATE/logs/NAME.log; the leader's pid is that group's id.
start() {
  local name="$1"; shift
  setsid "$@" >"$STATE/logs/$name.log" 2>&1 </dev/null &
  PIDS+=("$!")
}

wait_http() { # URL WHAT LOG
  for _ in $(seq 300); do
    if node -e "fetch('$1').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"; then return 0; fi
    sleep 0.2
  done
  echo "$2 did not answer on $1; its log:" >&2
  tail -n 40 "$3" >&2
  return 1
}

# ---- the Qualys simulator with a generated account ----------------------------------------------
say "3/5 Qualys simulator"
SIM_URL=""
if node -e "process.exit(require('./package.json').scripts?.simulator ? 0 : 1)"; then
  SIM_PORT="$(free_port)"
  SIM_USER="demo_$(node -e "console.log(require('crypto').randomBytes(3).toString('hex'))")"
  SIM_PASSWORD="$(node -e "console.log(require('crypto').randomBytes(12).toString('base64url'))")"
  start simulator npm run --silent simulator -- --port "$SIM_PORT" --hosts "$HOSTS" --user "$SIM_USER" --password "$SIM_PASSWORD"
  SIM_URL="http://127.0.0.1:$SIM_PORT"
  wait_http "$SIM_URL/__simulator/health" "the simulator" "$STATE/logs/simulator.log"
  echo "simulator on $SIM_URL with $HOSTS hosts"
else
  echo "no simulator in this checkout yet (npm run simulator): the sidebar has no account to show"
fi

# ---- code-server ---------------------------------------------------------------------------------
say "4/5 VS Code (code-server)"
# User settings: no trust dialog or first-run noise. The account is not in settings (see below).
node - "$STATE/user-data/User/settings.json" <<'JS'
const [file] = process.argv.slice(2);
const settings = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'remote.autoForwardPorts': false,
};
require('fs').writeFileSync(file, JSON.stringify(settings, null, 2) + '\n');
JS
COMMON=(--config "$STATE/config.yaml" --user-data-dir "$STATE/user-data" --extensions-dir "$STATE/extensions")
"$CODE_SERVER" "${COMMON[@]}" --install-extension "$VSIX" >"$STATE/logs/install.log" 2>&1
if [ -z "$PORT" ]; then
  PORT=8080
  if port_taken "$PORT"; then PORT="$(free_port)"; fi
fi
# The demo account reaches the extension host through its environment only, never a file: at
# activation the extension signs in with QUALYS_DEMO_URL/USER/PASSWORD (loopback URLs only), keeps
# the password in SecretStorage and deletes it from its environment (client/src/accounts/demoSignIn.ts).
QUALYS_DEMO_URL="$SIM_URL" QUALYS_DEMO_USER="${SIM_USER:-}" QUALYS_DEMO_PASSWORD="${SIM_PASSWORD:-}" start code-server "$CODE_SERVER" "${COMMON[@]}" \
  --bind-addr "127.0.0.1:$PORT" --auth none --disable-telemetry --disable-update-check --disable-workspace-trust \
  "$STATE/workspace"
wait_http "http://127.0.0.1:$PORT/healthz" "code-server" "$STATE/logs/code-server.log"

URL="http://127.0.0.1:$PORT/?folder=$STATE/workspace"
say "5/5 ready"
cat <<TEXT

  Open:       $URL
  Workspace:  $STATE/workspace (a copy: change it freely)
TEXT
if [ -n "$SIM_URL" ]; then
  cat <<TEXT
  Qualys:     $SIM_URL (simulator)   user: $SIM_USER   password: $SIM_PASSWORD
TEXT
  if node -e "process.exit(require('./package.json').contributes?.viewsContainers ? 0 : 1)"; then
    echo "              Already signed in: open the Qualys view in the activity bar (Sign In adds other accounts)."
  else
    echo "              (this version has no Qualys sidebar yet: the account is for request files)"
  fi
fi
cat <<TEXT
  Logs:       $STATE/logs/

  Ctrl-C stops everything this script started.
TEXT

if [ "$SMOKE" = 1 ]; then
  node -e "fetch('$URL').then(async r=>{const t=await r.text();process.exit(r.ok&&t.includes('vscode')?0:1)},()=>process.exit(1))"
  if [ -n "$SIM_URL" ]; then
    # The generated account works: a host list with its credentials (passed in the environment).
    SIM_URL="$SIM_URL" SIM_USER="$SIM_USER" SIM_PASSWORD="$SIM_PASSWORD" node -e "
      const auth = Buffer.from(process.env.SIM_USER + ':' + process.env.SIM_PASSWORD).toString('base64');
      fetch(process.env.SIM_URL + '/api/2.0/fo/asset/host/?action=list&truncation_limit=1', { headers: { Authorization: 'Basic ' + auth, 'X-Requested-With': 'qualys-workbench demo' } })
        .then(async (r) => { const t = await r.text(); if (!r.ok || !t.includes('<HOST_LIST_OUTPUT')) { console.error(r.status, t.slice(0, 300)); process.exit(1); } }, (e) => { console.error(String(e)); process.exit(1); });"
  fi
  say "smoke check passed"
  exit 0
fi
# Wait until Ctrl-C, or until one of the processes ends on its own (then stop the others).
wait -n "${PIDS[@]}" || true
echo "a process ended; its logs are in $STATE/logs/" >&2
exit 1
