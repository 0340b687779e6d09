from django.apps import AppConfig


class DemoConfig(AppConfig):
    """`chanye demo`: the Dadukou district as the two source articles describe it."""

    name = "chanye.demo"
    label = "demo"
    verbose_name = "演示数据"
