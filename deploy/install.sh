#!/bin/sh
# Install Tribune on a Debian 12 host, as root:  sh deploy/install.sh example.org
# Run it again from newer code to upgrade in place: a backup of the running version is taken
# first, then the new code, its migrations and static files, and the services are restarted.
# Data and configuration are left alone.
set -eu
DOMAIN="${1:-}"
if [ -z "$DOMAIN" ]; then
  echo "usage: sh deploy/install.sh DOMAIN   (the instance's public host name, e.g. example.org)" >&2
  exit 2
fi
if [ "$(id -u)" != 0 ]; then
  echo "deploy/install.sh installs system packages and services: run it as root" >&2
  exit 2
fi
SRC="$(cd "$(dirname "$0")/.." && pwd)"
APP=/opt/tribune
ENV_FILE=/etc/tribune/tribune.env
export DEBIAN_FRONTEND=noninteractive
step() { printf '\n== %s\n' "$*"; }

step "Debian packages"
apt-get update -q
apt-get install -y -q python3 python3-venv postgresql redis-server nginx certbot rsync zstd openssl curl

id tribune >/dev/null 2>&1 || useradd --system --home /var/lib/tribune --shell /usr/sbin/nologin tribune
install -d -o tribune -g tribune -m 0750 /var/lib/tribune /var/backups/tribune
# nginx serves /static/ and (after Tribune's check) /media/ from the data directory, closed to others.
usermod -a -G tribune www-data 2>/dev/null || true
install -d -m 0755 /var/www/certbot /etc/tribune

UPGRADE=
if [ -x "$APP/.venv/bin/tribune" ] && [ -f "$ENV_FILE" ]; then
  UPGRADE=1
fi

if [ ! -f "$ENV_FILE" ]; then
  # The secret key is left to Tribune: generated once into the data directory, carried by backups.
  sed -e "s/^TRIBUNE_DOMAIN=.*/TRIBUNE_DOMAIN=$DOMAIN/" "$SRC/deploy/tribune.env.example" > "$ENV_FILE"
  chown root:tribune "$ENV_FILE"
  chmod 0640 "$ENV_FILE"
else
  # Earlier versions wrote a TCP URL without a password, which Debian's PostgreSQL refuses:
  # the Unix socket with peer authentication is what deploy/postgresql.sh sets up.
  sed -i 's|^TRIBUNE_DATABASE_URL=postgres://tribune@127.0.0.1:5432/tribune$|TRIBUNE_DATABASE_URL=postgres://tribune@%2Fvar%2Frun%2Fpostgresql/tribune|' "$ENV_FILE"
  # Media now goes through Tribune's access check; nginx sends the file from its internal location.
  grep -q '^TRIBUNE_MEDIA_ACCEL_REDIRECT=' "$ENV_FILE" || grep -q '^TRIBUNE_MEDIA_URL=s3' "$ENV_FILE" \
    || echo 'TRIBUNE_MEDIA_ACCEL_REDIRECT=/_media/' >> "$ENV_FILE"
fi

step "PostgreSQL and Redis"
sh "$SRC/deploy/postgresql.sh" tribune
sh "$SRC/deploy/redis.sh"

if [ -n "$UPGRADE" ]; then
  step "Upgrade: a backup of the running version first"
  # With the version that wrote the data; a failed backup stops the upgrade before anything changed.
  if ! BACKUP=$(sh "$SRC/deploy/tribune" backup --quiet --output "$(. "$ENV_FILE"; echo "${TRIBUNE_BACKUP_DIR:-/var/backups/tribune}")"); then
    echo "The backup before upgrading failed (see above); nothing was upgraded. Fix it, or start the" >&2
    echo "services and run: tribune doctor" >&2
    exit 1
  fi
  echo "$BACKUP"
fi

step "Tribune in $APP"
if [ "$SRC" != "$APP" ]; then
  rsync -a --delete --exclude .venv --exclude var --exclude .git --exclude '*.egg-info' "$SRC"/ "$APP"/
fi
# Only what running needs (no development extras); uv where it can be had (deploy/venv.sh).
REINSTALL=tribune bash "$APP/deploy/venv.sh" "$APP/.venv" "$APP"
install -m 0755 "$APP/deploy/tribune" /usr/local/bin/tribune
tribune migrate --noinput -v0
tribune collectstatic --noinput -v0

step "Services"
cp "$APP"/deploy/systemd/tribune-*.service "$APP"/deploy/systemd/tribune-*.timer /etc/systemd/system/
systemctl daemon-reload
systemctl enable -q tribune-web tribune-worker tribune-backup.timer
systemctl restart tribune-web tribune-worker
systemctl restart tribune-backup.timer

step "nginx and the TLS certificate"
systemctl restart nginx  # its workers take up the tribune group (media and static files)
CERT=1
sh "$APP/deploy/certificate.sh" "$DOMAIN" || CERT=

step "Checks"
for _ in $(seq 1 60); do
  curl -fsS -o /dev/null -m 2 "http://127.0.0.1:$(. "$ENV_FILE"; echo "${PORT:-8000}")/healthz" && break
  sleep 1
done
tribune doctor || true
if [ -n "$UPGRADE" ]; then
  echo "Tribune is upgraded for https://$DOMAIN/ (the previous version's backup: $BACKUP)"
else
  echo "Tribune is installed for https://$DOMAIN/"
fi
if [ -z "$CERT" ]; then
  echo "(no TLS certificate yet: point the domain at this host, then run: sh deploy/install.sh $DOMAIN)"
fi
