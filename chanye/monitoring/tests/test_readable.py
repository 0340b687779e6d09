"""The import page and a figure's page read as reports do: subjects by name, values without
trailing zeros, no unit-less dashes; the long layout can be downloaded as a template to fill in."""

import io
import re
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from chanye.lib.periods import Period
from chanye.monitoring import services
from chanye.monitoring.models import Indicator, Observation
from chanye.registry.models import Cluster

IMPORT_URL = reverse("monitoring:observation-import")


def cells(response) -> list[list[str]]:
    rows = re.findall(
        r"<tr>(.*?)</tr>", re.search(r'id="import-preview".*?</table>', response.content.decode(), re.S)[0]
    )
    return [re.findall(r"<td>(.*?)</td>", row) for row in rows if "<td>" in row]


def test_the_downloaded_template_imports_and_the_preview_names_its_subjects(client_for, personas):
    client = client_for(personas["statistics"])
    response = client.get(reverse("monitoring:observation-template"))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]][:6] == ["地区", "主体类型", "主体", "指标", "期间", "数值"]
    preview = client.post(IMPORT_URL, {"file": SimpleUploadedFile("模板.xlsx", response.content)})
    assert preview.status_code == 200 and "全部通过校验" in preview.content.decode()
    rows = cells(preview)
    assert [row[1] for row in rows] == [
        "大渡口区全区",
        Cluster.objects.filter(region__name="大渡口区").order_by("order", "name")[0].name,
    ]
    assert {row[4] for row in rows} == {"12.5亿元"} and {row[5] for row in rows} == {"+6.1%"}
    assert "cluster" not in preview.content.decode().split('id="import-preview"')[1]


def test_a_figure_page_shows_plain_numbers_and_no_bare_percent(client_for, personas):
    figure = services.create_observation(
        actor=None,
        data={
            "subject_kind": "cluster",
            "cluster": Cluster.objects.get(name="大数据智能化"),
            "indicator": Indicator.objects.get(key="enterprises"),
            "period": Period.parse("2023年11月末"),
            "value": Decimal("450"),
        },
    )
    html = client_for(personas["leader"]).get(figure.get_absolute_url()).content.decode()
    assert "450 家" in html and "450.0000" not in html
    assert "—%" not in html
    assert Observation.objects.get(pk=figure.pk).yoy_pct is None
