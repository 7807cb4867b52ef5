#!/usr/bin/env bash
# Throwaway PostgreSQL 15 cluster for tests, on 127.0.0.1:$PGPORT only, data under /tmp/pg-ci.
# Runs as root (CI) or as any user: initdb and pg_ctl refuse root, so as root they run as the
# `postgres` OS user through runuser. fsync is off: the cluster is thrown away after the run.
# Prints DATABASE_URL=postgres://… on its last line (`eval "$(scripts/pg-start.sh | tail -1)"`).
set -euo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PGPORT=${PGPORT:-54329}
PGROOT=${PGROOT:-/tmp/pg-ci}
PGDATA=$PGROOT/data
SOCKDIR=$PGROOT/sock
if [ ! -x "$PGBIN/initdb" ]; then
  if [ "$(id -u)" -ne 0 ]; then echo "pg-start: $PGBIN/initdb missing; install postgresql-15" >&2; exit 1; fi
  # Only the binaries: no Debian "main" cluster on port 5432 next to ours.
  if [ ! -f /etc/postgresql-common/createcluster.conf ]; then
    mkdir -p /etc/postgresql-common && echo 'create_main_cluster = false' >/etc/postgresql-common/createcluster.conf
  fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
fi
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home /nonexistent --shell /usr/sbin/nologin postgres
fi
# A cluster left running by an earlier run on this port is stopped first.
if [ -f "$PGDATA/postmaster.pid" ]; then as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m immediate -w stop >/dev/null 2>&1 || true; fi
rm -rf "$PGROOT"
mkdir -p "$PGDATA" "$SOCKDIR"
chmod 755 "$PGROOT"
if [ "$(id -u)" -eq 0 ]; then chown -R postgres:postgres "$PGDATA" "$SOCKDIR"; fi
# C.UTF-8: lower-casing and word classes are Unicode-aware (Tajik ҳ, ҷ, қ …) without a system locale.
as_pg "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -t 30 \
  -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $SOCKDIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null
"$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PGPORT"
"$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -v ON_ERROR_STOP=1 -qc "CREATE DATABASE ogoh_test"
echo "DATABASE_URL=postgres://postgres@127.0.0.1:$PGPORT/ogoh_test"
