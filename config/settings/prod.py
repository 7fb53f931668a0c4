"""Production settings: PostgreSQL, secrets from the environment, secure cookies."""

import os

from .base import *  # noqa: F403
from .base import env

DEBUG = False
if not os.environ.get("THIDUA_SECRET_KEY"):
    raise RuntimeError("Set THIDUA_SECRET_KEY in production.")
SECRET_KEY = env("SECRET_KEY")
SESSION_COOKIE_SECURE = env("INSECURE_COOKIES", "") != "1"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
