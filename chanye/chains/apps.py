from django.apps import AppConfig


class ChainsConfig(AppConfig):
    name = "chanye.chains"
    label = "chains"
    verbose_name = "产业链图谱"
