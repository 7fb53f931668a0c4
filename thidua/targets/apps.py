from django.apps import AppConfig


class TargetsConfig(AppConfig):
    name = "thidua.targets"
    verbose_name = "Targets"
