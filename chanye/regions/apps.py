from django.apps import AppConfig


class RegionsConfig(AppConfig):
    """Pages across regions: the regions themselves, a city's roll-up, peers (对标) and regional analytics."""

    name = "chanye.regions"
    label = "regions"
    verbose_name = "区域"
