"""Screens of the proposals app (`/de-nghi/`)."""
