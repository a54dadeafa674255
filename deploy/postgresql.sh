#!/bin/sh
# Create the PostgreSQL role and database Tribune uses (Debian: apt install postgresql).
# Peer/local trust for the tribune system user; nothing listens beyond 127.0.0.1 by default.
set -eu
DB="${1:-tribune}"
sudo -u postgres psql -v ON_ERROR_STOP=1 <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tribune') THEN CREATE ROLE tribune LOGIN; END IF;
END \$\$;
SQL
sudo -u postgres psql -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1 \
  || sudo -u postgres createdb --owner=tribune --encoding=UTF8 --template=template0 "$DB"
echo "PostgreSQL database '$DB' owned by role 'tribune' is ready:"
echo "  TRIBUNE_DATABASE_URL=postgres://tribune@127.0.0.1:5432/$DB  (add a password or use the Unix socket:"
echo "  postgres://tribune@%2Fvar%2Frun%2Fpostgresql/$DB for peer authentication)"
