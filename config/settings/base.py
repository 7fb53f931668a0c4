"""Settings shared by every environment. Environment variables are named THIDUA_*."""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(f"THIDUA_{name}", default)


def database_from_env() -> dict[str, object]:
    """Return the default database: SQLite unless THIDUA_DB_ENGINE=postgresql."""
    if env("DB_ENGINE", "sqlite") == "postgresql":
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": env("DB_NAME", "thidua"),
            "USER": env("DB_USER", "postgres"),
            "PASSWORD": env("DB_PASSWORD", ""),
            "HOST": env("DB_HOST", "127.0.0.1"),
            "PORT": env("DB_PORT", "5432"),
            "CONN_MAX_AGE": 60,
            # Sorting a search's matches (tens of thousands of index entries) must not spill to disk.
            "OPTIONS": {"options": f"-c work_mem={env('DB_WORK_MEM', '32MB')}"},
        }
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": env("DB_PATH", str(BASE_DIR / "var" / "thidua.sqlite3")),
        # IMMEDIATE takes the write lock at BEGIN, so concurrent writers wait instead of failing mid-way.
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }


SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = False
ALLOWED_HOSTS = [h for h in env("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "thidua.core",
    "thidua.organization",
    "thidua.accounts",
    "thidua.documents",
    "thidua.targets",
    "thidua.movements",
    "thidua.scoring",
    "thidua.awards",
    "thidua.proposals",
    "thidua.council",
    "thidua.decisions",
    "thidua.exemplars",
    "thidua.reports",
    "thidua.public",
    "thidua.api",
    "thidua.web",
    "thidua.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "thidua.web.middleware.NotFoundMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "thidua" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "thidua.web.context_processors.navigation",
                "thidua.public.context_processors.public",
            ],
            "builtins": ["thidua.core.templatetags.vn"],
        },
    }
]

DATABASES = {"default": database_from_env()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Failed logins allowed per (username, address) within the window before the login form refuses.
LOGIN_THROTTLE_ATTEMPTS = int(env("LOGIN_THROTTLE_ATTEMPTS", "5"))
LOGIN_THROTTLE_WINDOW_SECONDS = int(env("LOGIN_THROTTLE_WINDOW_SECONDS", "900"))

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
]
MEDIA_ROOT = BASE_DIR / env("MEDIA_DIR", "var/media")

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "thidua_cache",
    }
}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# The public address printed in certificates' QR codes (the verification page).
THIDUA_PUBLIC_BASE_URL = env("PUBLIC_BASE_URL", "http://127.0.0.1:8000")

# The public portal's name and the authority shown above it (configuration, Vietnamese as printed).
THIDUA_PUBLIC_SITE_NAME = env("PUBLIC_SITE_NAME", "Cổng thi đua – khen thưởng")
THIDUA_PUBLIC_AUTHORITY_NAME = env("PUBLIC_AUTHORITY_NAME", "")

# Online public service: the dossier code (TT 01/2018 Điều 19: receiving unit, YYMMDD, daily serial),
# the receipt's notation, the hour after which a dossier counts as received the next working day
# ("" turns the rule off), and the SMS gateway (dotted path to callable(phone, text)).
THIDUA_DOSSIER_CODE_FORMAT = env("DOSSIER_CODE_FORMAT", "{unit}-{date:%y%m%d}-{serial:04d}")
THIDUA_RECEIPT_NOTATION = env("RECEIPT_NOTATION", "TNHS")  # receipt slips (Mẫu 01)
THIDUA_SUPPLEMENT_NOTATION = env("SUPPLEMENT_NOTATION", "YCBS")  # supplement requests (Mẫu 02)
THIDUA_REFUSAL_NOTATION = env("REFUSAL_NOTATION", "TCTN")  # refusals to accept (Mẫu 03)
THIDUA_APOLOGY_NOTATION = env("APOLOGY_NOTATION", "XLHL")  # apologies with a new date (Mẫu 04)
THIDUA_INTAKE_CUTOFF = env("INTAKE_CUTOFF", "15:00")
THIDUA_SMS_BACKEND = env("SMS_BACKEND", "thidua.public.notify.log_sms")

# Optional PAdES signing of issued documents: a PKCS#12 file and its password.
THIDUA_SIGNING_P12 = env("SIGNING_P12", "")
THIDUA_SIGNING_P12_PASSWORD = env("SIGNING_P12_PASSWORD", "")

# Outgoing e-mail (document distribution, reminders). The console mailer prints messages in development.
MAILERS = {"default": {"BACKEND": env("MAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")}}
DEFAULT_FROM_EMAIL = env("MAIL_FROM", "thidua@localhost")

# Largest spreadsheet accepted by the people import, in bytes.
IMPORT_MAX_BYTES = int(env("IMPORT_MAX_BYTES", str(10 * 1024 * 1024)))
# Uploaded files (thidua.core.uploads, docs/howto/uploads.md): the largest file, the most a ZIP-based office
# file may expand to, and the virus scanner (a dotted path to scanner(name, data) -> threat name or None).
THIDUA_UPLOAD_MAX_BYTES = int(env("UPLOAD_MAX_BYTES", str(10 * 1024 * 1024)))
THIDUA_UPLOAD_MAX_EXPANDED_BYTES = int(env("UPLOAD_MAX_EXPANDED_BYTES", str(100 * 1024 * 1024)))
THIDUA_UPLOAD_SCANNER = env("UPLOAD_SCANNER", "thidua.core.uploads.eicar_scanner")
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# The REST API (thidua/api, docs/howto/api.md): tokens for systems, the session for the browser.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "thidua.api.authentication.BearerTokenAuthentication",
        "thidua.api.authentication.CsrfSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "thidua.api.pagination.KeysFirstPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_CLASSES": ["thidua.api.throttling.UserThrottle", "thidua.api.throttling.AnonThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "user": env("API_RATE_USER", "1200/hour"),
        "anon": env("API_RATE_ANON", "120/hour"),
        "imports": env("API_RATE_IMPORTS", "30/hour"),
        "regulations_anon": env("API_RATE_REGULATIONS_ANON", "60/hour"),
    },
    "EXCEPTION_HANDLER": "thidua.api.errors.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "thidua.api.schema.ThiduaAutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "thidua API",
    "DESCRIPTION": "REST API of thidua (thi đua – khen thưởng). See docs/howto/api.md.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "MovementStatusEnum": "thidua.movements.models.MovementStatus",
        "RegistrationStatusEnum": "thidua.movements.models.RegistrationStatus",
        "ScorecardStatusEnum": "thidua.scoring.models.ScorecardStatus",
        "ProposalStatusEnum": "thidua.proposals.models.ProposalStatus",
        "SessionStatusEnum": "thidua.council.models.SessionStatus",
        "DecisionStatusEnum": "thidua.decisions.models.DecisionStatus",
        "AwardStatusEnum": "thidua.awards.models.AwardStatus",
        "MovementKindEnum": "thidua.movements.models.MovementKind",
        "IndicatorKindEnum": "thidua.targets.models.IndicatorKind",
        "ClusterKindEnum": "thidua.scoring.models.ClusterKind",
        "UnitKindEnum": "thidua.organization.models.UnitKind",
        "ProposalKindEnum": "thidua.proposals.models.ProposalKind",
        "AwardsFormatEnum": ["thidua.awards/1"],
        "DecisionsFormatEnum": ["thidua.decisions/1"],
    },
}

# Vietnamese locale choices (see docs/glossary.md and shared/domain/vietnamese.md).
THIDUA_NAME_SORT = env(
    "NAME_SORT", "ELECTION"
)  # ELECTION = (tên, họ, tên đệm, ngày sinh); or GIVEN_MIDDLE_FAMILY

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
