#!/bin/sh
# The nginx site for DOMAIN and its TLS certificate (Let's Encrypt, certbot's webroot challenge).
# Exits 0 with the TLS site enabled, or 3 when no certificate could be had yet (the domain does not
# point at this host, or no ACME server is reachable): the plain-HTTP site for the challenge stays,
# and the message says what to do. An existing certificate (renewed by certbot.timer) is kept.
set -eu
DOMAIN="$1"
APP="${TRIBUNE_APP_DIR:-/opt/tribune}"
NGINX="${NGINX_DIR:-/etc/nginx}"
LIVE="${LETSENCRYPT_DIR:-/etc/letsencrypt}/live/$DOMAIN"
WEBROOT="${ACME_WEBROOT:-/var/www/certbot}"
mkdir -p "$WEBROOT" "$NGINX/sites-available" "$NGINX/sites-enabled"
sed "s/example.org/$DOMAIN/g" "$APP/deploy/nginx/tribune.conf" > "$NGINX/sites-available/tribune"
rm -f "$NGINX/sites-enabled/default"
if [ ! -f "$LIVE/fullchain.pem" ]; then
  # HTTP only, for the ACME challenge, until there is a certificate.
  printf 'server { listen 80; listen [::]:80; server_name %s; location /.well-known/acme-challenge/ { root %s; } location / { return 503; } }\n' \
    "$DOMAIN" "$WEBROOT" > "$NGINX/sites-enabled/tribune"
  nginx -t -q && systemctl reload-or-restart nginx
  if ! certbot certonly --webroot -w "$WEBROOT" -d "$DOMAIN" --non-interactive --agree-tos \
      --register-unsafely-without-email; then
    cat >&2 <<MSG

No TLS certificate for $DOMAIN yet: Let's Encrypt must reach http://$DOMAIN/ on this host.
Point the domain's A/AAAA records at this host's addresses, wait for them to apply
(dig +short $DOMAIN), then run the installer again: sh deploy/install.sh $DOMAIN
Tribune itself is installed and running; nginx answers 503 on port 80 until then.
MSG
    exit 3
  fi
fi
rm -f "$NGINX/sites-enabled/tribune"
ln -s "$NGINX/sites-available/tribune" "$NGINX/sites-enabled/tribune"
nginx -t -q && systemctl reload-or-restart nginx
