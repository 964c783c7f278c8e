#!/bin/sh
# Regenerates requirements.lock (names, versions and hashes only) from requirements.in with uv,
# installed into a throwaway environment. Run after editing requirements.in, then `deno task setup`.
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install --quiet --disable-pip-version-check uv==0.13.8
"$tmp/venv/bin/uv" pip compile requirements.in --generate-hashes --python-version 3.11 \
  --no-header --quiet -o requirements.lock
echo "wrote pipelines/env/requirements.lock"
