from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "chanye.core"
    label = "core"
    verbose_name = "平台"
