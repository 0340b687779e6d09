from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "chanye.registry"
    label = "registry"
    verbose_name = "产业体系"

    def ready(self):
        from . import names

        names.connect()
