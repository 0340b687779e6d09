"""Exports never carry a live formula: a name typed as =HYPERLINK(…) comes back as text (issue 16, defect 5)."""

import io

from django.urls import reverse
from openpyxl import Workbook, load_workbook

from chanye.core.tables import workbook_bytes
from chanye.registry import services
from chanye.registry.models import Cluster

FORMULA = '=HYPERLINK("http://x","y")'


def test_a_name_typed_as_a_formula_is_exported_as_text(personas, client_for):
    cluster = Cluster.objects.get(name="大数据智能化")
    services.create_enterprise(actor=None, data={"name": FORMULA, "short_name": "+1-2", "clusters": [cluster]})
    response = client_for(personas["leader"]).get(reverse("registry:enterprise-export"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == FORMULA)
    assert (row[0].data_type, row[1].data_type) == ("s", "s")
    assert row[1].value == "+1-2"


def test_numbers_stay_numbers_and_every_formula_start_is_text():
    workbook = Workbook()
    workbook.active.append([-5, -1.5, "=1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1", "普通文字"])
    cells = next(load_workbook(io.BytesIO(workbook_bytes(workbook))).active.iter_rows())
    assert [c.data_type for c in cells] == ["n", "n", "s", "s", "s", "s", "s", "s"]
    assert [c.value for c in cells[:3]] == [-5, -1.5, "=1+1"]
