from django.apps import AppConfig


class OrganizationConfig(AppConfig):
    name = "thidua.organization"
    verbose_name = "Organisation"
