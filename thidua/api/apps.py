from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "thidua.api"
    verbose_name = _("REST API")

    def ready(self) -> None:
        # Registers the OpenAPI descriptions of our authentication classes.
        from thidua.api import schema  # noqa: F401, PLC0415
