"""The analytics formulas on worked examples from published sources.

- LQ, one value: Farhauer, O. & Kröll, A. (2013), Standorttheorien, Springer Gabler, as quoted in the
  documentation of the R package REAT (T. Wieland), `locq`: locq(1714, 79006, 879213, 15593224) = 0.3847623.
- LQ and shift-share, a four-industry region: G. Krumme, "Shift & Share Table with Excel Explanations",
  Geography 350, University of Washington (faculty.washington.edu/krumme/350/ssexcel.html): region
  "Holukuluku", 1985–1995. Published: LQs 5, .5, .5, .667; regional growth 630 = national growth effect 290
  + differential (regional shift) 420 + composition (industry mix) −80; by industry differential 450, −20,
  −10, 0 and composition −95, −9, 2, 22 (the signs follow from the published columns' formulas).
- Shift-share, three regions (Dunn's form as REAT implements it): the inputs of Farhauer & Kröll's example
  in REAT's `shift` documentation; the source prints no results, so these parts are the formula's own.
- Strong clusters: the rule of the U.S. Cluster Mapping Project (github.com/clustermapping/cmp,
  data/processing/cluster_calcs_reducer.js), on nine regions built to exercise each of its tests.
"""

import numpy as np
import pytest

from chanye.regions.analytics import location_quotient, location_quotients, shift_share, strong


def test_one_location_quotient_as_the_textbook_prints_it():
    assert location_quotient(1714, 79006, 879213, 15593224) == pytest.approx(0.3847623, abs=5e-8)


def test_location_quotients_of_the_four_industry_region():
    # Region 500/100/200/200 against a nation with shares 10/20/40/30 %: the region and the rest of the
    # nation as two rows, so that all rows together are the nation (any total with those shares works).
    nation = np.array([1000, 2000, 4000, 3000])
    region = np.array([500, 100, 200, 200])
    lq = location_quotients(np.vstack([region, nation - region]))
    # The published LQs are against the nation's shares, which include the region: 5, .5, .5, .667.
    assert location_quotient(500, 1000, 1000, 10000) == 5
    published = np.array([5, 0.5, 0.5, 0.667])
    assert np.allclose(region / region.sum() / (nation / nation.sum()), published, atol=5e-4)
    assert lq.shape == (2, 4) and np.all(lq[0] > 0)


def test_shift_share_of_the_four_industry_region_adds_up_as_published():
    region_0, region_1 = [500, 100, 200, 200], [1000, 100, 250, 280]
    nation_0, nation_1 = [1000, 2000, 4000, 3000], [1100, 2400, 5200, 4200]  # 10, 20, 30, 40 % and 29 % in all
    parts = shift_share(region_0, region_1, nation_0, nation_1)
    assert parts.totals() == pytest.approx(
        {"change": 630, "national_share": 290, "industry_mix": -80, "regional_shift": 420}
    )
    assert np.allclose(parts.regional_shift, [450, -20, -10, 0])
    assert np.allclose(parts.industry_mix, [-95, -9, 2, 22])
    assert np.allclose(parts.national_share + parts.industry_mix + parts.regional_shift, parts.change)


@pytest.mark.parametrize(
    "t0, t1, expected",
    [
        ([90, 20, 10, 60], [100, 40, 10, 55], (25, 27, 1, -3)),
        ([60, 30, 30, 40], [85, 55, 40, 35], (55, 24, -1, 32)),
        ([250, 100, 110, 300], [255, 115, 85, 390], (85, 114, 0, -29)),
    ],
)
def test_shift_share_of_the_three_region_textbook_example(t0, t1, expected):
    nation_0, nation_1 = [400, 150, 150, 400], [440, 210, 135, 480]  # the three regions together
    totals = shift_share(t0, t1, nation_0, nation_1).totals()
    assert (
        tuple(round(totals[k], 6) for k in ("change", "national_share", "industry_mix", "regional_shift")) == expected
    )


def test_strong_clusters_by_the_cluster_mapping_rule():
    # (LQ, size, enterprises) of one industry in nine regions; R6 has none and is left out of the percentiles.
    rows = [(0.4, 100, 3), (0.8, 900, 12), (1.1, 1500, 20), (1.3, 300, 2), (2.0, 4000, 40), (0, 0, 0),
            (1.6, 50, 1), (0.9, 700, 9), (3.5, 2600, 25)]  # fmt: skip
    lq, size, count = (np.array([[r[i]] for r in rows]) for i in range(3))
    found = strong(lq, size, count)[:, 0]
    # Thresholds over the eight present: LQ 75th percentile 1.7, size 25th 250, enterprises 25th 2.75.
    assert [f"R{i + 1}" for i in np.flatnonzero(found)] == ["R5", "R9"]


def test_an_industry_nobody_has_is_not_a_quotient_of_zero():
    lq = location_quotients(np.array([[5, 0], [5, 0]]))
    assert np.allclose(lq[:, 0], 1) and np.all(np.isnan(lq[:, 1]))
