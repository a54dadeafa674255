#!/bin/sh
# Redis for caches, feeds, rate limits and task queues (Debian: apt install redis-server).
# Bound to loopback, with memory capped and eviction only of keys that carry a time-to-live,
# so that queued tasks are never evicted.
set -eu
CONF=/etc/redis/redis.conf
grep -q '^bind 127.0.0.1' "$CONF" || echo 'bind 127.0.0.1 -::1' >> "$CONF"
grep -q '^maxmemory ' "$CONF" || echo 'maxmemory 1gb' >> "$CONF"
grep -q '^maxmemory-policy ' "$CONF" || echo 'maxmemory-policy volatile-lru' >> "$CONF"
systemctl enable --now redis-server
systemctl restart redis-server
redis-cli ping
