"""Settings for `make run`: SQLite by default, debug on, local host only."""

from .base import *  # noqa: F403

DEBUG = True
