"""Settings, all from environment variables (docs/configuration.md lists them).

Switching from the embedded default (SQLite, local memory, local files) to the
production engines (PostgreSQL, Redis, S3-compatible storage) is configuration only.
"""

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DATA_DIR = Path(os.environ.get("TRIBUNE_DATA_DIR") or BASE_DIR / "var").resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """TRIBUNE_SECRET_KEY, else one generated once and kept in the data directory."""
    if key := os.environ.get("TRIBUNE_SECRET_KEY"):
        return key
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("TRIBUNE_DEBUG", False)

PORT = int(os.environ.get("PORT", "8000"))
DOMAIN = os.environ.get("TRIBUNE_DOMAIN", f"127.0.0.1:{PORT}")
# Scheme used in the absolute URLs the instance publishes (ActivityPub ids, links).
HTTPS = env_bool("TRIBUNE_HTTPS", not DOMAIN.startswith(("127.", "localhost")))
SITE_URL = ("https://" if HTTPS else "http://") + DOMAIN
INSTANCE_NAME = os.environ.get("TRIBUNE_INSTANCE_NAME", "Tribune")
# The address the instance gives for inquiries (Mastodon's contact e-mail); else the first administrator's.
CONTACT_EMAIL = os.environ.get("TRIBUNE_CONTACT_EMAIL", "")

# E-mail (address confirmation, password reset): printed to the console unless an SMTP server is
# named. TRIBUNE_EMAIL_BACKEND may name any Django backend (e.g. ...filebased.EmailBackend).
EMAIL_HOST = os.environ.get("TRIBUNE_SMTP_HOST", "")
EMAIL_BACKEND = os.environ.get(
    "TRIBUNE_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = int(os.environ.get("TRIBUNE_SMTP_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("TRIBUNE_SMTP_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("TRIBUNE_SMTP_PASSWORD", "")
EMAIL_USE_TLS = env_bool("TRIBUNE_SMTP_STARTTLS", EMAIL_PORT == 587)
EMAIL_USE_SSL = env_bool("TRIBUNE_SMTP_SSL", EMAIL_PORT == 465)
EMAIL_TIMEOUT = 15
EMAIL_FILE_PATH = os.environ.get("TRIBUNE_EMAIL_FILE_PATH", "")
DEFAULT_FROM_EMAIL = os.environ.get("TRIBUNE_EMAIL_FROM", CONTACT_EMAIL or f"noreply@{DOMAIN.split(':')[0]}")
# Benchmark-only routes (/bench/trivial); never set in production.
BENCH = env_bool("TRIBUNE_BENCH", False)

ALLOWED_HOSTS = [h for h in os.environ.get("TRIBUNE_ALLOWED_HOSTS", "").split(",") if h] or [
    DOMAIN.split(":")[0],
    "127.0.0.1",
    "localhost",
    "testserver",
]
CSRF_TRUSTED_ORIGINS = [SITE_URL]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "oauth2_provider",
    "tribune",
    "accounts",
    "posts",
    "timelines",
    "notifications",
    "search",
    "moderation",
    "federation",
    "api",
    "web",
    "ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "web.middleware.LanguageMiddleware",
    "tribune.middleware.BodyLimitsMiddleware",
    "tribune.middleware.RefuseNulMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "tribune.csp.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "tribune.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "web.context.instance",
            ],
        },
    },
]

ASGI_APPLICATION = "tribune.asgi.application"
WSGI_APPLICATION = "tribune.wsgi.application"

# Database: SQLite (WAL) under the data directory unless TRIBUNE_DATABASE_URL says otherwise
# (set but empty, as in an environment file that chose SQLite, means the default too).
DATABASE_URL = os.environ.get("TRIBUNE_DATABASE_URL") or f"sqlite:///{DATA_DIR / 'tribune.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=0)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("TRIBUNE_TEST_SQLITE_NAME") or None}
else:
    # Safe behind PgBouncer in transaction mode: no server-side cursors.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
    # A connection pool per process (psycopg_pool), as Django advises under ASGI: there each
    # request runs in a thread of its own, so persistent per-thread connections (CONN_MAX_AGE)
    # would pile up to one per request in flight. TRIBUNE_DB_POOL_SIZE=0 turns the pool off
    # (behind PgBouncer, say), and TRIBUNE_DB_CONN_MAX_AGE then applies.
    DB_POOL_SIZE = int(os.environ.get("TRIBUNE_DB_POOL_SIZE", "10"))
    if DB_POOL_SIZE > 0:
        DATABASES["default"]["OPTIONS"] = {"pool": {"min_size": 1, "max_size": DB_POOL_SIZE, "timeout": 30}}
        DATABASES["default"]["CONN_MAX_AGE"] = 0
    else:
        DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("TRIBUNE_DB_CONN_MAX_AGE", "0"))
        DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if replica_url := os.environ.get("TRIBUNE_DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(replica_url)
    for _key in ("DISABLE_SERVER_SIDE_CURSORS", "CONN_MAX_AGE", "CONN_HEALTH_CHECKS", "OPTIONS"):
        if _key in DATABASES["default"]:
            DATABASES["replica"][_key] = DATABASES["default"][_key]  # type: ignore[literal-required]  # keys from the same TypedDict
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["tribune.dbrouter.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("TRIBUNE_REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "tribune.lib.cache.RedisCache",  # Django's, failing soft when Redis is down
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("TRIBUNE_REDIS_PREFIX", "tribune"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background work through Django's tasks API. The database backend is the default;
# TRIBUNE_TASKS=immediate runs tasks in-process (tests), TRIBUNE_TASKS=rq uses Redis.
TASK_MODE = os.environ.get("TRIBUNE_TASKS", "rq" if REDIS_URL else "database")
TASK_QUEUES = ["default", "fanout", "federation", "moderation", "media"]
if TASK_MODE == "immediate":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": TASK_QUEUES}}
elif TASK_MODE == "rq":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {q: {"URL": REDIS_URL} for q in TASK_QUEUES}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": TASK_QUEUES}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": TASK_QUEUES}}

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if env_bool("TRIBUNE_FAST_PASSWORD_HASHER"):
    # Tests only: argon2 by design costs tens of milliseconds per hash.
    PASSWORD_HASHERS.insert(0, "django.contrib.auth.hashers.MD5PasswordHasher")
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:local"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_BACKEND_URL = os.environ.get("TRIBUNE_MEDIA_URL", "")
# Behind nginx, the media view checks who asks and answers with X-Accel-Redirect to this internal
# location (deploy/nginx/tribune.conf), which sends the file; unset, the view sends it itself.
MEDIA_ACCEL_REDIRECT = os.environ.get("TRIBUNE_MEDIA_ACCEL_REDIRECT", "")
# Where `tribune backup` copies each archive off the host unless told otherwise: an s3:// URL
# (any S3-compatible store, credentials from AWS_*) or an rsync destination (user@host:dir/).
BACKUP_OFFSITE_URL = os.environ.get("TRIBUNE_BACKUP_OFFSITE_URL", "")
# RSA size of each local account's signing key (made with the account; the fediverse expects 2048).
ACCOUNT_KEY_BITS = 2048
# Origins besides this instance that pages may load images from (tribune/csp.py).
CSP_MEDIA_ORIGINS: list[str] = []
STORAGES: dict[str, dict] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if MEDIA_BACKEND_URL.startswith("s3://"):
    # s3://bucket?endpoint=https://minio.example:9000 ; credentials from AWS_* variables.
    from urllib.parse import parse_qs, urlsplit

    _parts = urlsplit(MEDIA_BACKEND_URL)
    _query = parse_qs(_parts.query)
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": _parts.netloc,
            "endpoint_url": _query.get("endpoint", [None])[0],
            "region_name": _query.get("region", [None])[0],
            # The bucket stays private: Tribune's media view checks who asks, then redirects to a
            # URL signed for a few minutes (posts/media_access.py).
            "querystring_auth": True,
            "querystring_expire": 300,
        },
    }
    # Pages show images from the store, where the media view redirects: its origin and the
    # bucket's own host name (virtual-hosted style), or Amazon's when no endpoint is named.
    _endpoint = urlsplit(_query.get("endpoint", [""])[0] or "https://s3.amazonaws.com")
    CSP_MEDIA_ORIGINS = [
        f"{_endpoint.scheme}://{_endpoint.netloc}",
        f"{_endpoint.scheme}://{_parts.netloc}.{_endpoint.netloc}",
    ]
    if not _query.get("endpoint") and (_region := _query.get("region", [""])[0]):
        CSP_MEDIA_ORIGINS.append(f"https://{_parts.netloc}.s3.{_region}.amazonaws.com")

# A new instance trains a starter moderation model from generated examples in its worker
# (moderation/starter.py) until the operator trains one on their own data; 0 turns that off.
# A fine-tuned encoder artifact to serve as the second tier (moderation/second_tier.py); by
# default the current one `tribune moderation train-encoder` made under DATA_DIR, if any.
MODERATION_ENCODER_DIR = os.environ.get("TRIBUNE_MODERATION_ENCODER_DIR", "")
MODERATION_STARTER_MODEL = os.environ.get("TRIBUNE_MODERATION_STARTER_MODEL", "1") == "1"

# Limits people and remote servers run into.
MAX_POST_CHARS = int(os.environ.get("TRIBUNE_MAX_POST_CHARS", "1000"))
MAX_MEDIA_PER_POST = 4
POLL_MAX_OPTIONS = int(os.environ.get("TRIBUNE_POLL_MAX_OPTIONS", "4"))
MAX_IMAGE_BYTES = int(os.environ.get("TRIBUNE_MAX_IMAGE_BYTES", str(10 * 1024 * 1024)))
MAX_IMAGE_PIXELS = 40_000_000
IMAGE_MAX_SIDE = 1920
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_IMAGE_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# Accounts with at least this many followers are not fanned out on write; their
# posts are merged into followers' home feeds at read time.
FANOUT_MAX_FOLLOWERS = int(os.environ.get("TRIBUNE_FANOUT_MAX_FOLLOWERS", "5000"))
# Rendered home timeline pages kept in Redis while nothing on them changes (api/home_cache.py).
HOME_CACHE = env_bool("TRIBUNE_HOME_CACHE", True)
REDIS_FEED_PREFIX = os.environ.get("TRIBUNE_REDIS_PREFIX", "tribune")
# Home feeds hold the newest this many posts, as Mastodon's do (timelines/redis_feeds.py).
REDIS_FEED_CAP = int(os.environ.get("TRIBUNE_HOME_FEED_LENGTH", "800"))
# Workers sweep this often for deliveries a crashed worker left unfinished, and requeue the
# posts still undelivered this long after they were created (timelines/recovery.py).
RECOVERY_SWEEP_SECONDS = float(os.environ.get("TRIBUNE_RECOVERY_SWEEP_SECONDS", "30"))
RECOVERY_GRACE_SECONDS = float(os.environ.get("TRIBUNE_RECOVERY_GRACE_SECONDS", "60"))
REGISTRATIONS_OPEN = env_bool("TRIBUNE_REGISTRATIONS_OPEN", True)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("TRIBUNE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("TRIBUNE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("TRIBUNE_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}, "django_tasks": {"level": "WARNING"}},
}

# OAuth2 for Mastodon client apps (api/oauth.py). Tokens do not expire, as in Mastodon:
# clients keep one token per log-in and never refresh it.
OAUTH2_PROVIDER = {
    "OAUTH2_VALIDATOR_CLASS": "api.oauth.MastodonValidator",
    "SCOPES_BACKEND_CLASS": "api.oauth.MastodonScopes",
    "ACCESS_TOKEN_EXPIRE_SECONDS": 10 * 365 * 24 * 3600,
    "REFRESH_TOKEN_EXPIRE_SECONDS": None,
    "ROTATE_REFRESH_TOKEN": True,
    # Apps may also register loopback http addresses (RFC 8252) and their own schemes: api/actions.py
    # check_redirect_uris decides, and api/oauth.py sends the browser there.
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https"],
    "REQUEST_APPROVAL_PROMPT": "force",
}
# Requests per window per account (or per client address without a valid token), as Mastodon's 300 per 5 minutes.
API_RATE_LIMIT = int(os.environ.get("TRIBUNE_API_RATE_LIMIT", "300"))
API_RATE_WINDOW = int(os.environ.get("TRIBUNE_API_RATE_WINDOW", "300"))
# The proxies whose X-Forwarded-For is believed (addresses or networks, comma-separated): the
# client address that rate limits count against is the nearest one not among them. nginx on the
# same host by default; empty: the connection's own address, always.
# Attempts per window (seconds), per client address and per account (accounts/attempts.py): failed
# log-ins (web and OAuth password grant), failed current passwords (password change, account
# deletion), and sign-ups (every one).
ATTEMPT_LIMITS: dict[str, dict[str, tuple[int, int]]] = {
    "login": {"address": (30, 900), "account": (10, 900)},
    "password": {"address": (20, 900), "account": (5, 900)},
    "signup": {"address": (10, 3600)},
}
# Moderators and administrators must log in with a code too before they may use their pages.
REQUIRE_2FA_FOR_MODERATORS = env_bool("TRIBUNE_REQUIRE_2FA_FOR_MODERATORS", False)
TRUSTED_PROXIES = [p for p in os.environ.get("TRIBUNE_TRUSTED_PROXIES", "127.0.0.1,::1").split(",") if p.strip()]
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.common.CommonMiddleware"), "api.ratelimit.RateLimitMiddleware")
OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth2_provider.Application"
OAUTH2_PROVIDER_ACCESS_TOKEN_MODEL = "oauth2_provider.AccessToken"  # noqa: S105  # a model name, not a secret
# Federation. Loopback peers are for tests only (remote-supplied URLs never reach private addresses).
ALLOW_LOOPBACK_FETCHES = env_bool("TRIBUNE_ALLOW_LOOPBACK_FETCHES", False)
# The longest a remote server may hold one fetch (all of an inbox request's key fetches together), seconds.
FEDERATION_FETCH_DEADLINE = float(os.environ.get("TRIBUNE_FEDERATION_FETCH_DEADLINE", "10"))
# Link previews: the worker fetches the first link of each published post (posts/cards.py).
PREVIEW_CARDS = env_bool("TRIBUNE_PREVIEW_CARDS", True)
# "Authorized fetch": ActivityPub documents are served to signed requests only.
AUTHORIZED_FETCH = env_bool("TRIBUNE_AUTHORIZED_FETCH", False)

# The OAuth password grant (a client app asking for the person's password), which Mastodon
# dropped in 4.4 and RFC 9700 forbids: off unless an instance keeps it for old bots and scripts
# (`tribune check --deploy` then says so, W002). It is refused to accounts with two-factor log-in.
OAUTH_PASSWORD_GRANT = env_bool("TRIBUNE_OAUTH_PASSWORD_GRANT", False)
# PKCE for every app; else only for the apps that have sent it once (api/oauth.py pkce_required).
OAUTH_REQUIRE_PKCE = env_bool("TRIBUNE_OAUTH_REQUIRE_PKCE", False)


def _pkce_required(client_id: str) -> bool:
    from api.oauth import pkce_required  # models are not loaded while settings are read

    return pkce_required(client_id)


OAUTH2_PROVIDER["PKCE_REQUIRED"] = _pkce_required
# `tribune check --deploy` passes with production settings: OAuth follows RFC 9700 (OAuth 2.0
# Security BCP) throughout, nothing silenced (docs/security.md, "OAuth").
for _flag in (
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT",  # Mastodon has no implicit grant
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD",  # S256 only, as Mastodon
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS",  # an extra `iss` parameter clients ignore
    "REFRESH_TOKEN_REUSE_PROTECTION",
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE",  # tokens kept as a SHA-256 checksum only: a backup holds none
    # Tokens only from the Authorization header; the streaming API reads its `?access_token=`
    # itself (api/views/streaming.py, api/websocket.py), as browsers cannot send headers there.
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT",
):
    OAUTH2_PROVIDER.setdefault(_flag, True)
OAUTH2_PROVIDER["COMPLIANT_BCP_RFC9700_PASSWORD_GRANT"] = not OAUTH_PASSWORD_GRANT
