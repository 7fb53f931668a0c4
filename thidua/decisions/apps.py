from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "thidua.decisions"
    verbose_name = "Decisions"
