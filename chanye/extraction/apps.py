from django.apps import AppConfig


class ExtractionConfig(AppConfig):
    name = "chanye.extraction"
    label = "extraction"
    verbose_name = "事实抽取"
