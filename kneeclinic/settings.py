"""Django settings, read from the environment (../shared/api.md "Operations")."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value not in {"true", "false", "1", "0", "yes", "no"}:
        raise ImproperlyConfigured(f"{name} must be 'true' or 'false', got {raw!r}.")
    return value in {"true", "1", "yes"}


def env_number(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isascii() or not raw.isdigit() or int(raw) == 0:
        raise ImproperlyConfigured(f"{name} must be a whole number above 0, got {raw!r}.")
    return int(raw)


DEBUG = env_flag("DJANGO_DEBUG", False)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random value "
            '(python -c "import secrets; print(secrets.token_urlsafe(50))"), '
            "or set DJANGO_DEBUG=true for local development."
        )
    SECRET_KEY = "insecure-development-key-only-used-with-debug-on"

ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1").split(",")
    if host.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "knox",
    "axes",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI and ReDoc files, served locally (no CDN)
    "csp",
    "health_check",
    "patients",
    "assessments",
    "reports",
    "progress",
]

MIDDLEWARE = [
    "kneeclinic.request_log.RequestLogMiddleware",  # first: times everything below it
    "kneeclinic.errors.ApiJsonErrorsMiddleware",  # next: sees every error page
    "kneeclinic.limits.RequestBodyLimitMiddleware",  # before anything reads the body
    "kneeclinic.limits.NoNulInQueryMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "patients.request_memberships.RequestMembershipsMiddleware",  # one membership read
    "patients.audit_context.AuditContextMiddleware",
    "patients.audit_context.AuditDeniedMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "kneeclinic.limits.NoStoreApiMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks: turns a lockout into a 429
]

ROOT_URLCONF = "kneeclinic.urls"
WSGI_APPLICATION = "kneeclinic.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "kneeclinic" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers wait their turn instead of failing with "database is locked": WAL
    # lets readers run beside the writer, IMMEDIATE takes the write lock when a transaction
    # starts (no deadlock when a reader turns writer), and a writer waits up to 20 s for it.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # The patient list index's INCLUDE column is PostgreSQL's covering index; SQLite builds
    # the same index without it (patients.models.Patient.Meta), which is all it needs.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The tables sit in memory or on SSD, where a random page read costs about what a
    # sequential one does (PostgreSQL's documentation suggests 1.1 for SSDs; its default of 4
    # models spinning disks). At 4 the planner would rather read a whole clinic in clinic order
    # than fetch a name search's matches from the trigram index (README "Scale").
    _database_options = DATABASES["default"].setdefault("OPTIONS", {})
    _database_options["options"] = (
        f"{_database_options.get('options', '')} -c random_page_cost=1.1".strip()
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out sign-in
    "django.contrib.auth.backends.ModelBackend",
]

# Sign-in (../shared/api.md "Limits"): after 5 failures for one username or one address a
# 429 with Retry-After, until 15 minutes have passed since the last failure.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # a lockout ends 15 min after it began
AXES_ENABLE_ACCESS_FAILURE_LOG = True  # every failed sign-in is kept, besides sign-ins/outs
AXES_LOCKOUT_CALLABLE = "kneeclinic.signin.lockout_response"
AXES_CLIENT_IP_CALLABLE = "kneeclinic.signin.client_address"
AXES_VERBOSE = False
# Behind N proxies that append to X-Forwarded-For, the client is the N-th address from the right.
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0") or 0)

# An API token lives while it is used: each use moves its expiry to this much later.
REST_KNOX = {
    "TOKEN_TTL": timedelta(hours=env_number("API_TOKEN_IDLE_HOURS", 12)),
    "AUTO_REFRESH": True,
    "AUTH_HEADER_PREFIX": "Token",
}
# A session (admin, browsable API) ends after 30 minutes without a request.
SESSION_COOKIE_AGE = 60 * env_number("DJANGO_SESSION_IDLE_MINUTES", 30)
SESSION_SAVE_EVERY_REQUEST = True

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "kneeclinic" / "static"]  # the project's own scripts
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))


def media_storage() -> dict:
    """Uploaded files and printed batches: the project folder, or an S3-compatible bucket.

    The bucket stays private: django-storages signs each URL, and the API serves printed
    PDFs itself. Credentials come from boto3's usual environment (AWS_ACCESS_KEY_ID, ...).
    """
    kind = os.environ.get("DJANGO_MEDIA_STORAGE", "filesystem").strip().lower()
    if kind == "filesystem":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if kind != "s3":
        raise ImproperlyConfigured(f"DJANGO_MEDIA_STORAGE must be filesystem or s3, got {kind!r}.")
    bucket = os.environ.get("DJANGO_MEDIA_BUCKET", "")
    if not bucket:
        raise ImproperlyConfigured("DJANGO_MEDIA_STORAGE=s3 needs DJANGO_MEDIA_BUCKET.")
    options = {
        "bucket_name": bucket,
        "endpoint_url": os.environ.get("DJANGO_MEDIA_ENDPOINT_URL") or None,
        "region_name": os.environ.get("DJANGO_MEDIA_REGION") or None,
        "default_acl": "private",
        "querystring_auth": True,
        "file_overwrite": False,
    }
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


STORAGES = {
    "default": media_storage(),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Security: on by default; DJANGO_SECURE_SSL_REDIRECT=false turns redirect, HSTS and secure
# cookies off together, for plain HTTP on a private host.
SECURE_SSL_REDIRECT = env_flag("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz/?"]  # load balancers probe over plain HTTP
SESSION_COOKIE_SECURE = SECURE_SSL_REDIRECT
CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT
SECURE_HSTS_SECONDS = 31536000 if SECURE_SSL_REDIRECT else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_SSL_REDIRECT
SECURE_HSTS_PRELOAD = SECURE_SSL_REDIRECT
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Everything from our own origin: the admin, the browsable API and the docs load only
# same-origin scripts and styles (Swagger UI and ReDoc from drf-spectacular-sidecar).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],  # Swagger UI and ReDoc set inline styles
        "img-src": ["'self'", "data:"],  # the admin's icons and Swagger UI's are data: URIs
        "font-src": ["'self'", "data:"],
        "worker-src": ["'self'", "blob:"],  # ReDoc renders in a worker
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Limits (../shared/api.md "Limits"): enforced by kneeclinic.limits and kneeclinic.parsers.
REQUEST_BODY_LIMIT_BYTES = 1024 * 1024
PICTURE_BODY_LIMIT_BYTES = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = REQUEST_BODY_LIMIT_BYTES
JSON_MAX_DEPTH = 20

# The OpenAPI schema and docs: public only in development or when this says so.
API_DOCS_PUBLIC = env_flag("API_DOCS_PUBLIC", DEBUG)

# Requests per signed-in user, e.g. "1000/minute"; "none" turns the limit off (load tests).
_user_rate = os.environ.get("API_USER_RATE", "").strip() or "1000/minute"
API_USER_RATE = None if _user_rate.lower() == "none" else _user_rate

REST_FRAMEWORK = {
    # Token first, so a request without credentials gets 401 with WWW-Authenticate.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "kneeclinic.signin.ExpiringTokenAuthentication",  # knox without its per-request sweep
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": [
        "kneeclinic.parsers.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["kneeclinic.signin.SignedInUserThrottle"],
    "DEFAULT_THROTTLE_RATES": {"user": API_USER_RATE},
    "DEFAULT_PAGINATION_CLASS": "patients.pagination.StandardPagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "COERCE_DECIMAL_TO_STRING": False,
    "EXCEPTION_HANDLER": "kneeclinic.exceptions.api_exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "KneeClinic API",
    "DESCRIPTION": (
        "Clinic-scoped REST API for knee-pain assessments: patients, measurements, "
        "imbalance findings with their evidence, home exercise programs and PDF handouts."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SERVE_PERMISSIONS": ["kneeclinic.signin.DocsAccess"],
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Each vocabulary's enum under one name (not CodeEnum, ReasonEnum), values with labels.
    "ENUM_NAME_OVERRIDES": {
        "LegSideEnum": "patients.models.AffectedSide",
        "MeasurementCode": "assessments.vocabulary.MEASUREMENT_CODE_CHOICES",
        "FindingCode": "assessments.vocabulary.FINDING_CODE_CHOICES",
        "MetricCode": "assessments.vocabulary.METRIC_CODE_CHOICES",
        "ProgramReasonCode": "assessments.vocabulary.PROGRAM_REASON_CHOICES",
        "RedFlagCode": "assessments.vocabulary.RED_FLAG_CHOICES",
        "PainSite": "assessments.vocabulary.PAIN_SITE_CHOICES",
        "StrengthMethod": "assessments.vocabulary.METHOD_CHOICES",
        "Side": "assessments.vocabulary.SIDE_CHOICES",
        "EvidenceGrade": "assessments.models.Evidence",
        "ReferralTier": "assessments.vocabulary.TIER_CHOICES",
        "StrategyExercise": "assessments.vocabulary.STRATEGY_EXERCISE_CHOICES",
        "AssessmentStatusEnum": "assessments.models.AssessmentStatus",
        "InstrumentEnum": "progress.models.PromInstrument",
        "ChangeLabel": "reports.progress_views.CHANGE_LABELS",
        "JudgedChangeLabel": "reports.progress_views.JUDGED_LABELS",
        "ItemResponseChoice": "reports.models.ItemResponseChoice",
    },
    # api.md: JSON in and out (forms still work in the browsable API, undocumented).
    "PARSER_WHITELIST": ["rest_framework.parsers.JSONParser"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "kneeclinic.exceptions.document_error_responses",
        "kneeclinic.schema_hooks.document_roles_and_versions",
        "kneeclinic.schema_hooks.require_response_fields",
        "kneeclinic.schema_hooks.drop_inherited_descriptions",
        "kneeclinic.schema_hooks.ids_are_positive",
    ],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"bare": {"format": "%(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "request_lines": {"class": "logging.StreamHandler", "formatter": "bare"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own console handler would print each request warning a second time.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # Its "Not Found: /path" lines would repeat the request log (and a path a client
        # typed may hold a name); server errors still log with their traceback.
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        # One JSON line per request (kneeclinic/request_log.py).
        "kneeclinic.requests": {
            "handlers": ["request_lines"],
            "level": "INFO",
            "propagate": False,
        },
    },
}

# Cache: Redis in production (rendered handouts, reports/printing.py); `locmem://` for a
# machine without Redis (`make run` uses it).
CACHE_URL = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/1"
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
        if CACHE_URL.startswith("locmem://")
        else {
            "BACKEND": "kneeclinic.cache.RedisCache",  # Django's, one redis-py client a pool
            "LOCATION": CACHE_URL,
            "TIMEOUT": 7 * 24 * 3600,  # a week; keys change with their inputs
        }
    )
}

# Celery (kneeclinic/celery.py): batch printing runs on a worker (`make worker`).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0")
CELERY_TASK_ALWAYS_EAGER = env_flag("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True  # a worker that dies mid-chunk leaves it for another
CELERY_WORKER_PREFETCH_MULTIPLIER = 1  # chunks are long: no worker hoards them
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_IGNORE_RESULT = True  # progress lives in the database (PrintBatch)
