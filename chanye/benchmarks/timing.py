"""How every benchmark reports a set of timings: the median and the 95th percentile, in milliseconds."""

import statistics


def percentiles(seconds: list[float], prefix: str = "") -> dict:
    """{"p50_ms", "p95_ms"} of timings in seconds (with a prefix, e.g. "cpu_" for CPU times)."""
    ordered = sorted(seconds)
    return {
        f"{prefix}p50_ms": round(statistics.median(ordered) * 1000, 1),
        f"{prefix}p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)] * 1000, 1),
    }
