#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the test suite (trust auth, no fsync, loopback only).
#
#   pg=$(scripts/test-postgres.sh start) && eval "$pg"
#                                             start one; prints the exports
#                                             CHAIRSIDE_TEST_POSTGRES_URL and CHAIRSIDE_TEST_PGDIR
#   scripts/test-postgres.sh stop [DIR]        stop it and delete its folder
#                                             (DIR defaults to $CHAIRSIDE_TEST_PGDIR)
#   scripts/test-postgres.sh run CMD...        start, run CMD with the URL exported, always stop;
#                                             exits with CMD's code (e.g. `... run make test`)
#
# Port: $CHAIRSIDE_TEST_PGPORT (default 55432). Needs PostgreSQL's server binaries (Debian:
# postgresql). initdb refuses to run as root, so as root the server runs as user postgres.
set -euo pipefail

PORT=${CHAIRSIDE_TEST_PGPORT:-55432}
DBNAME=chairside_test

log() { echo "test-postgres: $*" >&2; }

pg_bin() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -n "$d" ] && [ -x "$d/initdb" ]; then echo "$d"; return; fi
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return; fi
  log "no PostgreSQL server binaries (initdb) found; Debian: apt-get install postgresql"
  exit 1
}

as_pg() {  # (from / so that user postgres is not left in a folder it may not enter)
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

stop() {
  local dir=${1:-${CHAIRSIDE_TEST_PGDIR:-}}
  [ -n "$dir" ] || { log "stop: which folder? (give DIR or set CHAIRSIDE_TEST_PGDIR)"; exit 2; }
  [ -d "$dir" ] || return 0
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_pg "$(pg_bin)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 \
      || log "pg_ctl stop failed; see $dir/log"
  fi
  [ -f "$dir/data/postmaster.pid" ] && return 0  # still running: keep its folder
  rm -rf "$dir"
  log "stopped and removed $dir"
}

# (set -e does not apply inside a function called from `if`: every step checks itself)
init_and_start() {
  local bin=$1 dir=$2
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || { log "as root this needs the user postgres"; return 1; }
    chown postgres "$dir" || return 1
  fi
  as_pg "$bin/initdb" -D "$dir/data" -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8 \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; return 1; }
  as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 \
    -o "-p $PORT -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" \
    start >/dev/null || return 1
  as_pg "$bin/createdb" -h 127.0.0.1 -p "$PORT" -U postgres "$DBNAME" || return 1
}

start() {
  local bin dir
  bin=$(pg_bin)
  dir=$(mktemp -d "${TMPDIR:-/tmp}/chairside-pg.XXXXXX")
  if ! init_and_start "$bin" "$dir" >&2; then
    # leave nothing running or lying around
    [ -f "$dir/log" ] && { log "server log:"; tail -20 "$dir/log" >&2; }
    stop "$dir"
    log "could not start PostgreSQL on port $PORT (is another server using it?" \
        "CHAIRSIDE_TEST_PGPORT picks another)"
    exit 1
  fi
  log "PostgreSQL $("$bin/pg_ctl" --version | awk '{print $3}') on 127.0.0.1:$PORT, folder $dir"
  echo "export CHAIRSIDE_TEST_PGDIR=$dir"
  echo "export CHAIRSIDE_TEST_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1:$PORT/$DBNAME"
}

case "${1:-}" in
  start) start ;;
  stop) shift; stop "${1:-}" ;;
  run)
    shift
    [ $# -gt 0 ] || { log "run: no command"; exit 2; }
    exports=$(start)  # (a failed start stops the script here; `eval "$(start)"` would not)
    eval "$exports"
    trap 'stop "$CHAIRSIDE_TEST_PGDIR"' EXIT
    set +e; "$@"; rc=$?; set -e
    exit $rc ;;
  *) sed -n '2,13p' "$0" >&2; exit 2 ;;
esac
