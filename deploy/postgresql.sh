#!/bin/sh
# Create the PostgreSQL role and database Tribune uses (Debian: apt install postgresql), as root.
# The tribune system user logs in over the Unix socket by peer authentication (Debian's default
# pg_hba.conf): no password to keep, nothing listening beyond the socket for Tribune.
# runuser (util-linux, on every Debian system) rather than sudo, which a minimal host lacks.
set -eu
DB="${1:-tribune}"
cd /  # the postgres user may not enter the caller's directory
as_postgres() { runuser -u postgres -- "$@"; }
as_postgres psql -q -v ON_ERROR_STOP=1 <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tribune') THEN CREATE ROLE tribune LOGIN; END IF;
END \$\$;
SQL
as_postgres psql -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1 \
  || as_postgres createdb --owner=tribune --encoding=UTF8 --template=template0 "$DB"
echo "PostgreSQL database '$DB' owned by role 'tribune' is ready:"
echo "  TRIBUNE_DATABASE_URL=postgres://tribune@%2Fvar%2Frun%2Fpostgresql/$DB  (Unix socket, peer authentication)"
