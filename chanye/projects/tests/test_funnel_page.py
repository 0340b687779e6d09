"""The funnel reads without dates: how many projects reached and stand at each stage, with their
investment, a bar per stage, and 暂无 where no project has both dates for a median."""

import re

from django.urls import reverse

from chanye.projects.models import Project


def rows(html: str) -> dict[str, list[str]]:
    found = re.findall(r'<tr data-stage="([^"]+)">(.*?)</tr>', html, re.S)
    return {
        stage: [re.sub(r"<[^>]+>", " ", c).split() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        for stage, row in found
    }


def test_the_demo_funnel_has_counts_amounts_and_says_none_yet(client_for, personas):
    html = client_for(personas["leader"]).get(reverse("projects:funnel")).content.decode()
    table = rows(html)
    assert list(table) == ["线索", "在谈", "签约", "开工", "投产", "终止"]
    demo = Project.objects.all()
    lead = table["线索"]
    assert lead[1][-1] == str(demo.count())  # reached, beside its bar
    assert lead[2] == [str(demo.filter(stage="线索").count())]
    assert lead[3][0].endswith("亿元")
    assert table["开工"][2] == [str(demo.filter(stage="开工").count())]
    assert html.count("<progress") == 6
    assert table["线索"][5] == ["暂无"]  # the demo records no stage dates: no median
    assert "—" not in "".join(word for cells in table.values() for cell in cells[4:] for word in cell)
