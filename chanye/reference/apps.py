from django.apps import AppConfig


class ReferenceConfig(AppConfig):
    name = "chanye.reference"
    label = "reference"
    verbose_name = "参考数据"
