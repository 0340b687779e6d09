from django.apps import AppConfig


class BenchmarksConfig(AppConfig):
    """`chanye bench`: timings on synthetic data, on a database of their own (results in docs/benchmarks.md)."""

    name = "chanye.benchmarks"
    label = "benchmarks"
    verbose_name = "性能基准"
