from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "chanye.archive"
    label = "archive"
    verbose_name = "资料库"
