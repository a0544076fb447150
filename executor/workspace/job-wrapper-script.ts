/**
 * The bash text of the job wrapper. It may rely only on bash, coreutils,
 * findutils and GNU tar as shipped with EL7 (bash 4.2, coreutils 8.22, tar
 * 1.26), the oldest images CMS jobs still run in: so no `comm -z`, no
 * `mapfile -d`, no `--verbatim-files-from`.
 */
export const JOB_WRAPPER_SCRIPT = `#!/bin/bash
# Runs one CI stage script inside an HTCondor job:
#   job-wrapper.sh <transfer|shared> <projectDir> <scriptFile>
# Transfer mode rebuilds the project dir and <projectDir>.tmp from
# workspace-in.tar at their absolute paths, and afterwards packs what the
# script changed into workspace-out.tar plus workspace-deleted.bin.
# job-result.txt always says how it ended.

# One stream keeps stdout and stderr in the order the user saw them.
exec 2>&1
set -o pipefail
# HTCondor may start a job with no PATH; bash then makes up its own, with
# the current directory in it. The runner's scripts need a plain one.
if ! export -p | grep -q '^declare -x PATH='; then
  export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
fi

scratch=$PWD
tmp_dir=''
stamp=''
status=0

write_empty_outputs() {
  {
    head -c 10240 /dev/zero > "$scratch/workspace-out.tar" &&
      : > "$scratch/workspace-deleted.bin"
  } 2> /dev/null
}

remove_temp_files() {
  [ -z "$tmp_dir" ] || rm -rf "$tmp_dir"
  [ -z "$stamp" ] || rm -f "$stamp" "$stamp.probe"
}

last_log_line() {
  [ -z "$tmp_dir" ] || tail -n 1 "$tmp_dir/log" 2> /dev/null
}

fail() {
  local reason
  reason=$(printf '%s' "$*" | tr -d '\\r' | tr '\\n' ' ')
  write_empty_outputs
  printf 'wrapper_error=%s\\n' "$reason" > "$scratch/job-result.txt"
  printf 'job-wrapper: %s\\n' "$reason"
  remove_temp_files
  exit 1
}

check_arguments() {
  [ $# -eq 3 ] ||
    fail "usage: job-wrapper.sh <transfer|shared> <projectDir> <scriptFile>"
  case $1 in
    transfer | shared) ;;
    *) fail "unknown mode '$1' (expected transfer or shared)" ;;
  esac
  case $2 in
    /*/ | */./* | */../* | */. | */.. | *//* | /) fail "bad projectDir '$2'" ;;
    /*) ;;
    *) fail "projectDir must be an absolute path, got '$2'" ;;
  esac
  case \${2##*/} in
    -*) fail "projectDir must not start with '-': '$2'" ;;
  esac
  case $3 in
    /*) script_path=$3 ;;
    *) script_path=$scratch/$3 ;;
  esac
  [ -f "$script_path" ] || fail "script file '$3' not found in $scratch"
}

refuse_existing() {
  [ -e "$1" ] || [ -L "$1" ] || return 0
  if [ -L "$1" ] || [ ! -d "$1" ] ||
    [ -n "$(find "$1" -mindepth 1 -maxdepth 1 -print -quit 2> /dev/null)" ]
  then
    fail "$1 already exists and is not empty: the job is not in a private" \\
      "/tmp, refusing to overwrite it"
  fi
}

unpack_workspace() {
  [ -f "$scratch/workspace-in.tar" ] ||
    fail "workspace-in.tar is missing from the job's input files"
  refuse_existing "$project"
  refuse_existing "$project.tmp"
  mkdir -p "$parent" 2> "$tmp_dir/log" ||
    fail "cannot create $parent: $(last_log_line)"
  # Directory times and modes are set once everything is in place, so
  # that neither member order nor read-only directories get in the way.
  tar -x -p --no-same-owner --delay-directory-restore \\
    -f "$scratch/workspace-in.tar" -C "$parent" 2> "$tmp_dir/log" ||
    fail "cannot unpack workspace-in.tar into $parent: $(last_log_line)"
}

# NUL-separated paths under the roots that exist, relative to $parent; extra
# arguments are find tests.
list_tree() {
  local roots=() root
  for root in "$base" "$base.tmp"; do
    if [ -e "$parent/$root" ] || [ -L "$parent/$root" ]; then
      roots+=("$root")
    fi
  done
  [ \${#roots[@]} -gt 0 ] || return 0
  (cd "$parent" && find "\${roots[@]}" "$@" -print0)
}

# A change in the same clock tick as the stamp would not count as newer, so
# wait until a fresh file on the same file system is newer than the stamp.
mark_time() {
  local tries=0
  stamp=$(mktemp "$parent/.job-wrapper-stamp.XXXXXX" 2> "$tmp_dir/log") ||
    fail "cannot create a time stamp in $parent: $(last_log_line)"
  until touch "$stamp.probe" 2> /dev/null &&
    [ -n "$(find "$stamp.probe" -cnewer "$stamp" 2> /dev/null)" ]; do
    tries=$((tries + 1))
    [ $tries -lt 500 ] ||
      fail "the clock of the file system of $parent does not advance"
    sleep 0.01
  done
}

# NUL-separated entries of list $1 that are not in list $2.
only_in_first() {
  LC_ALL=C sort -z "$1" "$2" "$2" | LC_ALL=C uniq -z -u
}

pack_changes() {
  local t=$tmp_dir tar_status
  list_tree > "$t/after" 2> "$t/log" &&
    list_tree -cnewer "$stamp" > "$t/changed" 2> "$t/log" ||
    fail "cannot list the workspace after the script: $(last_log_line)"
  only_in_first "$t/before" "$t/after" > "$scratch/workspace-deleted.bin" &&
    only_in_first "$t/after" "$t/before" > "$t/new" &&
    LC_ALL=C sort -z -u "$t/changed" "$t/new" > "$t/pack-list" ||
    fail "cannot compare the workspace with its state before the script"
  tar -c -f "$scratch/workspace-out.tar" --format=gnu --hard-dereference \\
    --null --no-recursion -C "$parent" -T "$t/pack-list" 2> "$t/log"
  tar_status=$?
  # Status 1 only says that a file changed while it was read.
  [ $tar_status -le 1 ] ||
    fail "cannot pack the changed files: $(last_log_line)"
}

main() {
  check_arguments "$@"
  mode=$1
  project=$2
  parent=\${project%/*}
  parent=\${parent:-/}
  base=\${project##*/}
  tmp_dir=$(mktemp -d "$scratch/.job-wrapper.XXXXXX" 2> /dev/null) ||
    fail "cannot create a temporary dir in $scratch"
  write_empty_outputs || fail "cannot write to the scratch dir $scratch"
  if [ "$mode" = transfer ]; then
    unpack_workspace
    list_tree > "$tmp_dir/before" 2> "$tmp_dir/log" ||
      fail "cannot list the unpacked workspace: $(last_log_line)"
    mark_time
  fi

  # The group's stderr swallows only bash's own "Terminated" style notices;
  # the script's stderr still goes to stdout.
  { bash "$script_path" 2>&1; status=$?; } 2> /dev/null

  [ "$mode" != transfer ] || pack_changes
  printf 'exit_code=%d\\n' "$status" > "$scratch/job-result.txt" ||
    fail "cannot write job-result.txt"
  remove_temp_files
  exit "$status"
}

main "$@"
`;
