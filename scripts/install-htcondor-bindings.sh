#!/usr/bin/env bash
# Puts HTCondor's Python bindings (PyPI `htcondor`, pinned) into a virtualenv
# under .cache/, reused while it still imports. 24.12.24 is the newest release
# whose v1 module offers Submit.jobs(), which turns a submit description into
# job ads without a schedd; 25.x ships only htcondor2, where it is missing.
# On a refusal the script writes .cache/blocked/htcondor-bindings.txt with the
# command and its message, prints a BLOCKED line and still exits 0, so that
# the tests report the block by name instead of failing to start.
set -uo pipefail
cd "$(dirname "$0")/.."

version=24.12.24
venv=".cache/htcondor-$version/venv"
blocked=.cache/blocked/htcondor-bindings.txt
mkdir -p .cache/blocked

usable() {
  CONDOR_CONFIG=/dev/null "$venv/bin/python" -c \
    'import htcondor, htcondor2; htcondor.Submit("executable=/bin/true").jobs' \
    >/dev/null 2>&1
}

if usable; then
  rm -f "$blocked"
  echo "htcondor $version bindings: cached in $venv"
  exit 0
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
rm -rf "$venv"
cmd="python3 -m venv $venv && $venv/bin/pip install htcondor==$version"
if python3 -m venv "$venv" >"$log" 2>&1 &&
  "$venv/bin/pip" install --disable-pip-version-check -q "htcondor==$version" >>"$log" 2>&1 &&
  usable; then
  rm -f "$blocked"
  echo "htcondor $version bindings: installed in $venv"
  exit 0
fi

{
  echo "htcondor $version bindings: install failed (details below)"
  echo "command: $cmd"
  echo "message:"
  tail -n 20 "$log"
} >"$blocked"
echo "BLOCKED: HTCondor Python bindings could not be installed; see $blocked:"
cat "$blocked"
exit 0
