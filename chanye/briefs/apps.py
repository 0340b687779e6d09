from django.apps import AppConfig


class BriefsConfig(AppConfig):
    name = "chanye.briefs"
    label = "briefs"
    verbose_name = "月度简报"
