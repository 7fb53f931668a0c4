"""Settings for the test suite. THIDUA_DB_ENGINE=postgresql runs it on PostgreSQL."""

from .base import *  # noqa: F403
from .base import database_from_env, env

DATABASES = {"default": database_from_env()}
if str(DATABASES["default"]["ENGINE"]).endswith("sqlite3"):
    DATABASES["default"]["NAME"] = env("DB_PATH", ":memory:")
    DATABASES["default"]["TEST"] = {"NAME": env("DB_PATH", ":memory:")}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; Argon2 has its own test
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
LANGUAGE_CODE = "vi"
