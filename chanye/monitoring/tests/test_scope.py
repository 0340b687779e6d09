"""Figures and targets: the office scope on their subject, checked before anything is written, and a repeat
answered 409 with a Chinese message, never a 500 (issue 16, defects 3 and 4)."""

from decimal import Decimal

import pytest

from chanye.core.testing import ScopeCases, ScopeWrite
from chanye.lib.periods import Period
from chanye.monitoring import services
from chanye.monitoring.models import Indicator, Observation, Target
from chanye.registry.models import Cluster

FIGURES, TARGETS = "/api/v1/observations/", "/api/v1/targets/"


@pytest.fixture
def objects(demo):
    bigdata, materials = Cluster.objects.get(name="大数据智能化"), Cluster.objects.get(name="新材料")
    tax = Indicator.objects.get(key="tax")
    figure = {"subject_kind": "cluster", "indicator": tax, "period": Period.parse("2023年1-11月"), "value": 10**8}
    target = {"subject_kind": "cluster", "indicator": tax, "year": 2030, "value": Decimal(10**9)}
    return {
        "bigdata": bigdata,
        "materials": materials,
        "tax": tax,
        "own_figure": services.create_observation(actor=None, data={**figure, "cluster": bigdata}),
        "foreign_figure": services.create_observation(actor=None, data={**figure, "cluster": materials}),
        "own_target": services.create_target(actor=None, data={**target, "cluster": bigdata}),
        "foreign_target": services.create_target(actor=None, data={**target, "cluster": materials}),
    }


def figure_of(cluster: str, period: str = "2023年1-11月"):
    return lambda o: {
        "subject_kind": "cluster",
        "cluster": o[cluster].pk,
        "indicator": o["tax"].pk,
        "period": period,
        "value": "100000000",
    }


def target_of(cluster: str, year: int = 2030):
    return lambda o: {
        "subject_kind": "cluster",
        "cluster": o[cluster].pk,
        "indicator": o["tax"].pk,
        "year": year,
        "value": "1e9",
    }


REPEAT = {"admin": 409, "statistics": 409}


class TestFigureScope(ScopeCases):
    scope_writes = (
        ScopeWrite(
            "figure-of-another-offices-cluster",
            Observation,
            FIGURES,
            None,
            figure_of("materials", "2023年1-10月"),
            {"admin": 201, "statistics": 201, "other_office": 201},
        ),
        ScopeWrite(
            # the other office's figure of that period exists: whoever may not write there learns nothing of it
            "figure-moved-onto-another-offices-figure",
            Observation,
            FIGURES,
            "own_figure",
            lambda o: {"cluster": o["materials"].pk},
            REPEAT,
        ),
        ScopeWrite(
            "target-moved-to-another-offices-cluster",
            Target,
            TARGETS,
            "own_target",
            lambda o: {"cluster": o["materials"].pk, "year": 2031},
            {"admin": 200, "statistics": 200},
        ),
        ScopeWrite(
            "the-same-own-figure-twice", Observation, FIGURES, None, figure_of("bigdata"), {**REPEAT, "office": 409}
        ),
        ScopeWrite(
            "the-same-foreign-figure-twice",
            Observation,
            FIGURES,
            None,
            figure_of("materials"),
            {**REPEAT, "other_office": 409},
        ),
        ScopeWrite("the-same-own-target-twice", Target, TARGETS, None, target_of("bigdata"), {**REPEAT, "office": 409}),
        ScopeWrite(
            "the-same-foreign-target-twice",
            Target,
            TARGETS,
            None,
            target_of("materials"),
            {**REPEAT, "other_office": 409},
        ),
        ScopeWrite(
            "own-target-corrected",
            Target,
            TARGETS,
            "own_target",
            lambda o: {"year": 2030, "value": "2e9"},
            {"admin": 200, "statistics": 200, "office": 200},
        ),
    )


def test_a_repeated_figure_says_which_record_it_repeats(objects, personas, client_for):
    response = client_for(personas["statistics"]).post(
        FIGURES, figure_of("bigdata")(objects), content_type="application/json"
    )
    assert response.status_code == 409
    assert "已有相同的观测值" in response.content.decode()


def test_the_figure_page_shows_a_repeat_on_the_form(objects, personas, client_for):
    from django.urls import reverse

    data = {
        "subject_kind": "cluster",
        "cluster": objects["bigdata"].pk,
        "indicator": objects["tax"].pk,
        "period": "2023年1-11月",
        "value": "1",
        "unit": "亿元",
    }
    before = Observation.objects.count()
    response = client_for(personas["statistics"]).post(reverse("monitoring:observation-create"), data)
    assert response.status_code == 200 and "已有相同的观测值" in response.content.decode()
    assert Observation.objects.count() == before
