from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    name = "thidua.proposals"
    verbose_name = "Proposals"
