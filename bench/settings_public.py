"""Production-like settings for the public load benchmark (bench/bench_public.py): DEBUG off, PostgreSQL
from THIDUA_DB_*, a per-process memory cache, no per-address limit (the load comes from one address)."""

import os

os.environ.setdefault("THIDUA_SECRET_KEY", "bench-only-secret-key-not-for-production")
os.environ.setdefault("THIDUA_INSECURE_COOKIES", "1")

from config.settings.prod import *  # noqa: F403

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
THIDUA_PUBLIC_LOOKUPS_PER_MINUTE = 10**9
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
