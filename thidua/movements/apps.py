from django.apps import AppConfig


class MovementsConfig(AppConfig):
    name = "thidua.movements"
    verbose_name = "Movements"
