"""Regional analytics in plain Python (NumPy, no Django): location quotients, the strong-cluster rule
of the U.S. Cluster Mapping Project, and shift-share decomposition. The pages and the API gather the
figures; these functions only compute, so that each formula is tested on a published worked example
(tests/test_analytics.py) and written once, here.

Location quotient (区位商) of industry i in region r, against a reference region (the regions compared,
taken together):

    LQ_ri = (e_ri / e_r) / (E_i / E)

e_ri the size of i in r (enterprises, output, revenue …), e_r the size of all industries in r, E_i the size
of i in the reference, E the size of all of it. LQ > 1: r is more specialised in i than the reference.

Strong cluster (Delgado, Porter & Stern; clustermapping.us, data/processing/cluster_calcs_reducer.js):
among the regions where the industry is present (size > 0), a region's industry is strong when its LQ is
at or above the 75th percentile of the industry's LQs and at least 1, and its size is above the 25th
percentile of the industry's sizes (and its enterprise count above theirs, where counted apart).
Percentiles are linear interpolation between the sorted values (NumPy's default, d3.quantile's).

Shift-share (偏离-份额分析, Dunn's form) of a region's change between two periods, against the reference's:

    national share     NS_i = e_i,0 · G                 G = E_1 / E_0 − 1, the reference's growth
    industry mix       IM_i = e_i,0 · (G_i − G)          G_i = E_i,1 / E_i,0 − 1, the industry's in the reference
    regional shift     RS_i = e_i,0 · (g_i − G_i)        g_i = e_i,1 / e_i,0 − 1, the industry's in the region

NS_i + IM_i + RS_i = e_i,1 − e_i,0: the change is the reference's growth, plus what the mix of industries
adds, plus what the region did better or worse than the reference in each industry.
"""

from dataclasses import dataclass

import numpy as np

STRONG_LQ_PERCENTILE, SIZE_PERCENTILE = 75, 25


def location_quotients(sizes: np.ndarray) -> np.ndarray:
    """LQ of every region (rows) and industry (columns) of a size matrix, against all its rows taken
    together. Where a region or industry has no size at all, the LQ is NaN (not 0: nothing to compare)."""
    sizes = np.asarray(sizes, dtype=float)
    region_totals = sizes.sum(axis=1, keepdims=True)
    industry_totals = sizes.sum(axis=0, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        shares = sizes / region_totals
        reference = industry_totals / sizes.sum()
        return shares / reference


def location_quotient(e_ri: float, e_r: float, e_i: float, e: float) -> float:
    """One LQ from its four numbers (the reference's e_i and e include the region)."""
    return (e_ri / e_r) / (e_i / e)


def strong(lq: np.ndarray, size: np.ndarray, count: np.ndarray | None = None) -> np.ndarray:
    """Which regions (rows) are strong in which industries (columns), by the Cluster Mapping rule.
    `count` is the enterprise count when the size is something else (output, employment)."""
    lq, size = np.asarray(lq, dtype=float), np.asarray(size, dtype=float)
    count = size if count is None else np.asarray(count, dtype=float)
    result = np.zeros(lq.shape, dtype=bool)
    for column in range(lq.shape[1]):
        present = size[:, column] > 0
        if not present.any():
            continue
        lq_75 = np.percentile(lq[present, column], STRONG_LQ_PERCENTILE)
        size_25 = np.percentile(size[present, column], SIZE_PERCENTILE)
        count_25 = np.percentile(count[present, column], SIZE_PERCENTILE)
        result[:, column] = (
            present
            & (lq[:, column] >= lq_75)
            & (lq[:, column] >= 1)
            & (size[:, column] > size_25)
            & (count[:, column] > count_25)
        )
    return result


@dataclass(frozen=True)
class ShiftShare:
    """A region's change between two periods, by industry, in Dunn's three parts."""

    change: np.ndarray  # e_i,1 − e_i,0
    national_share: np.ndarray
    industry_mix: np.ndarray
    regional_shift: np.ndarray

    def totals(self) -> dict[str, float]:
        return {
            "change": float(self.change.sum()),
            "national_share": float(self.national_share.sum()),
            "industry_mix": float(self.industry_mix.sum()),
            "regional_shift": float(self.regional_shift.sum()),
        }


def shift_share(region_0, region_1, reference_0, reference_1) -> ShiftShare:
    """The shift-share decomposition of a region's industries (arrays of the same length, one value an
    industry) against a reference region's same industries, from period 0 to period 1. An industry the
    reference did not have in period 0 has no growth rate: its parts are NaN."""
    e0, e1 = np.asarray(region_0, dtype=float), np.asarray(region_1, dtype=float)
    r0, r1 = np.asarray(reference_0, dtype=float), np.asarray(reference_1, dtype=float)
    growth = r1.sum() / r0.sum() - 1
    with np.errstate(divide="ignore", invalid="ignore"):
        industry_growth = r1 / r0 - 1
        regional_growth = np.where(e0 > 0, e1 / e0 - 1, 0.0)
    return ShiftShare(
        change=e1 - e0,
        national_share=e0 * growth,
        industry_mix=e0 * (industry_growth - growth),
        regional_shift=np.where(e0 > 0, e0 * (regional_growth - industry_growth), e1 - e0 * (1 + industry_growth)),
    )
