"""Which indicator a figure is: the catalogue and its rules live in chanye.lib.catalogue, shared with the
statistics import (which may not import the engine); this name stays for the engine's modules."""

from chanye.lib.catalogue import (
    BLOCKED_AFTER,
    BLOCKED_BEFORE,
    CATALOGUE,
    COMPATIBLE,
    EXTRA_PATTERNS,
    NEW_ONES,
    NOT_METRIC_ALIASES,
    NOUN_AFTER_COUNT,
    Catalogue,
    Indicator,
    IndicatorMention,
)

__all__ = [
    "BLOCKED_AFTER",
    "BLOCKED_BEFORE",
    "CATALOGUE",
    "COMPATIBLE",
    "EXTRA_PATTERNS",
    "NEW_ONES",
    "NOT_METRIC_ALIASES",
    "NOUN_AFTER_COUNT",
    "Catalogue",
    "Indicator",
    "IndicatorMention",
]
