"""What a figure is of (an industry, a firm, a park): the rules live in chanye.lib.industries, shared with
the statistics import (which may not import the engine); this name stays for the engine's modules."""

from chanye.lib.industries import (
    BARE_INDUSTRIES,
    COMPANY,
    INDICATOR_INDUSTRY,
    INDUSTRY_END,
    PARK,
    PARK_KINDS,
    Subject,
    code_of,
    industry_key,
    is_parks,
    read_subject,
)

__all__ = [
    "BARE_INDUSTRIES",
    "COMPANY",
    "INDICATOR_INDUSTRY",
    "INDUSTRY_END",
    "PARK",
    "PARK_KINDS",
    "Subject",
    "code_of",
    "industry_key",
    "is_parks",
    "read_subject",
]
