#!/bin/sh
# Install Tribune on a fresh Debian 12 host as root:  sh deploy/install.sh example.org
# Idempotent: running it again upgrades the code and leaves data and configuration alone.
set -eu
DOMAIN="$1"
SRC="$(cd "$(dirname "$0")/.." && pwd)"

apt-get update
apt-get install -y python3 python3-venv postgresql redis-server nginx certbot rsync zstd

id tribune >/dev/null 2>&1 || useradd --system --home /var/lib/tribune --shell /usr/sbin/nologin tribune
install -d -o tribune -g tribune -m 0750 /var/lib/tribune /var/backups/tribune
install -d -m 0755 /var/www/certbot /etc/tribune

if [ "$SRC" != /opt/tribune ]; then
  rsync -a --delete --exclude .venv --exclude var "$SRC"/ /opt/tribune/
fi
python3 -m venv /opt/tribune/.venv
/opt/tribune/.venv/bin/pip install -q /opt/tribune

if [ ! -f /etc/tribune/tribune.env ]; then
  # The secret key is left to Tribune: generated once into the data directory, carried by backups.
  sed -e "s/^TRIBUNE_DOMAIN=.*/TRIBUNE_DOMAIN=$DOMAIN/" /opt/tribune/deploy/tribune.env.example > /etc/tribune/tribune.env
  chown root:tribune /etc/tribune/tribune.env
  chmod 0640 /etc/tribune/tribune.env
fi

sh /opt/tribune/deploy/postgresql.sh tribune
sh /opt/tribune/deploy/redis.sh

cp /opt/tribune/deploy/systemd/tribune-*.service /opt/tribune/deploy/systemd/tribune-*.timer /etc/systemd/system/
systemctl daemon-reload

# HTTP first (for the ACME challenge), then the certificate, then the TLS site.
sed "s/example.org/$DOMAIN/g" /opt/tribune/deploy/nginx/tribune.conf > /etc/nginx/sites-available/tribune
if [ ! -d "/etc/letsencrypt/live/$DOMAIN" ]; then
  cat > /etc/nginx/sites-enabled/tribune <<NGINX
server { listen 80; server_name $DOMAIN; location /.well-known/acme-challenge/ { root /var/www/certbot; } }
NGINX
  systemctl reload nginx
  certbot certonly --webroot -w /var/www/certbot -d "$DOMAIN" --non-interactive --agree-tos --register-unsafely-without-email
fi
ln -sf /etc/nginx/sites-available/tribune /etc/nginx/sites-enabled/tribune
rm -f /etc/nginx/sites-enabled/default
nginx -t && systemctl reload nginx

systemctl enable --now tribune-web tribune-worker tribune-backup.timer
set -a; . /etc/tribune/tribune.env; set +a
sudo -E -u tribune /opt/tribune/.venv/bin/tribune doctor || true
echo "Tribune is installed for https://$DOMAIN/"
