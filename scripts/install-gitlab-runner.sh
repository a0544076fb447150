#!/usr/bin/env bash
# Builds gitlab-runner from the Go module proxy into
# .cache/gitlab-runner/<version>/gitlab-runner and reuses it on later runs.
#
# Tried in order, each with the ordinary Go client only:
#   1. release v17.9.3 (commit f69272483bc5..., no replace directives):
#      `go install module@commit`;
#   2. the proxy's newest pseudo-version, built as a dependency of a small
#      local main module (a dependency's replace directives are ignored).
# When no candidate can be had, .cache/blocked/gitlab-runner.txt gets each
# command and the proxy's answer, a BLOCKED line is printed, and the script
# exits 0 so that the rest of the real tests still run and name the block.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

module=gitlab.com/gitlab-org/gitlab-runner
release_commit=f69272483bc5c98022708d81d3b9c64da9cf36d0
newest=v1.11.1-0.20260903214710-fc1f1862bd91
blocked=.cache/blocked/gitlab-runner.txt
mkdir -p .cache/blocked .cache/gitlab-runner

# The proxy alone: a refused module must not fall back to its origin host.
export GOPROXY=https://proxy.golang.org GOFLAGS=-mod=mod

if ! command -v go >/dev/null; then
  echo "gitlab-runner: no Go toolchain (go) on PATH, nothing was tried" >"$blocked"
  echo "BLOCKED: $(cat "$blocked")"
  exit 0
fi

for cached in .cache/gitlab-runner/*/gitlab-runner; do
  if [ -x "$cached" ] && "$cached" --version >/dev/null 2>&1; then
    rm -f "$blocked"
    echo "gitlab-runner: cached at $cached"
    exit 0
  fi
done

log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT
: >"$log/report"

note_failure() {
  {
    echo "command: $1"
    echo "message:"
    grep -E 'server response|[0-9]{3} [A-Z][a-z]+|cannot|error' "$2" |
      sed -E 's/^.*(reading https)/\1/; s/^[[:space:]]+//' | sort -u | head -n 25
    echo
  } >>"$log/report"
}

try_release() {
  local dest="$root/.cache/gitlab-runner/v17.9.3"
  local cmd="GOBIN=$dest go install $module@$release_commit"
  if mkdir -p "$dest" && GOBIN="$dest" go install "$module@$release_commit" >"$log/release" 2>&1; then
    return 0
  fi
  note_failure "$cmd" "$log/release"
  return 1
}

try_newest() {
  local dest="$root/.cache/gitlab-runner/$newest"
  local work="$root/.cache/gitlab-runner/build-$newest"
  mkdir -p "$dest" "$work"
  printf 'module local.test/runner-build\n\ngo 1.26.5\n' >"$work/go.mod"
  local cmd="(cd $work && go get $module@$newest && go build -o $dest/gitlab-runner $module)"
  if (cd "$work" && go get "$module@$newest" && go build -o "$dest/gitlab-runner" "$module") >"$log/newest" 2>&1; then
    return 0
  fi
  note_failure "$cmd" "$log/newest"
  return 1
}

if try_release || try_newest; then
  rm -f "$blocked"
  echo "gitlab-runner: built $(ls .cache/gitlab-runner/*/gitlab-runner | head -n 1)"
  exit 0
fi

{
  echo "gitlab-runner: the Go module proxy refused every candidate (details below)"
  cat "$log/report"
} >"$blocked"
echo "BLOCKED: gitlab-runner could not be built from the Go module proxy; see $blocked:"
cat "$blocked"
exit 0
