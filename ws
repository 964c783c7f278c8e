#!/bin/sh
# Workspace entry point for a machine that has only Node.js/npm and Python 3.
#   ./ws pipeline [options]   run the research pipeline (see ./ws pipeline --help)
#   ./ws test                 run the full test suite
#   ./ws <task> [args]        any task from deno.json
# Installs Deno from npm into .tools/ when no suitable Deno is on the PATH, then hands over to
# `deno task`; the tasks themselves create the Python environment on first use.
set -eu
cd "$(dirname "$0")"
DENO_VERSION=2.9.6

deno_ok() {
  # Deno 2.9 or newer: the Jupyter kernel reports cell errors correctly from 2.9.0 on.
  # (no output at all, as from a missing binary, must count as "not ok": hence END)
  "$1" --version 2>/dev/null |
    awk 'NR == 1 { split($2, v, "."); ok = v[1] > 2 || (v[1] == 2 && v[2] >= 9) } END { exit !ok }'
}

if command -v deno >/dev/null 2>&1 && deno_ok deno; then
  DENO=deno
else
  DENO=.tools/node_modules/.bin/deno
  if ! deno_ok "$DENO"; then
    echo "ws: installing Deno $DENO_VERSION from npm into .tools/" >&2
    command -v npm >/dev/null 2>&1 || { echo "ws: npm is required to install Deno (install Node.js)" >&2; exit 1; }
    npm install --prefix .tools --no-audit --no-fund --loglevel=error "deno@$DENO_VERSION" >&2
    deno_ok "$DENO" || { echo "ws: Deno did not install into .tools/" >&2; exit 1; }
  fi
fi

[ $# -gt 0 ] || { sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
exec "$DENO" task "$@"
