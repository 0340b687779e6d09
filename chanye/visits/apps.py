from django.apps import AppConfig


class VisitsConfig(AppConfig):
    name = "chanye.visits"
    label = "visits"
    verbose_name = "走访与诉求"
