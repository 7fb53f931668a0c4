"""Login form with throttling."""

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.accounts import services


def client_ip(request: Any) -> str | None:
    """Return the client's address as the server saw it."""
    return request.META.get("REMOTE_ADDR") or None


class ThrottledLoginForm(AuthenticationForm):
    """Refuse to check passwords after too many failures for a user name or address."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "throttled": _("Too many failed logins. Please wait 15 minutes and try again."),
    }

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        ip = client_ip(self.request)
        now = timezone.now()
        if services.login_is_throttled(username=username, ip_address=ip, now=now):
            raise forms.ValidationError(self.error_messages["throttled"], code="throttled")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            services.login_failed(username=username, ip_address=ip, now=now)
            raise
        services.login_succeeded(username=username, now=now)
        return cleaned
