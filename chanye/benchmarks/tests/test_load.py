"""`chanye bench load` reads locust's final statistics: percentiles from its rounded buckets, totals over kinds."""

import io

from django.core.management.base import OutputWrapper

from chanye.benchmarks.load import percentile, report


def test_percentiles_come_from_the_buckets():
    buckets = {"10": 50, "20": 40, "300": 9, "2000": 1}
    assert percentile(buckets, 0.5) == 10
    assert percentile(buckets, 0.9) == 20
    assert percentile(buckets, 0.95) == 300
    assert percentile(buckets, 1.0) == 2000


def test_the_report_adds_every_kind_into_the_total():
    entries = [
        {"name": "驾驶舱", "method": "GET", "num_requests": 90, "num_failures": 0, "response_times": {"100": 90}},
        {"name": "写", "method": "POST", "num_requests": 10, "num_failures": 2, "response_times": {"900": 10}},
    ]
    text = io.StringIO()
    total = report(OutputWrapper(text), entries, seconds=10)  # as a management command's stdout
    assert (total["num_requests"], total["num_failures"]) == (100, 2)
    assert percentile(total["response_times"], 0.95) == 900
    last = text.getvalue().splitlines()[-1].split()
    assert last == ["合计", "100", "2", "10.0", "100", "900"]
