#!/usr/bin/env bash
# Stops the cluster scripts/pg-start.sh started and removes its data. Safe when none is running.
set -uo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PGROOT=${PGROOT:-/tmp/pg-ci}
PGDATA=$PGROOT/data
if [ -f "$PGDATA/postmaster.pid" ]; then
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null
  else
    "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null
  fi
fi
rm -rf "$PGROOT"
