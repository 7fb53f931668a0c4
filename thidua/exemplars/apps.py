from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExemplarsConfig(AppConfig):
    name = "thidua.exemplars"
    verbose_name = _("Exemplary people and good deeds")
