"""Small helpers for the rule tests: a fixed set of subjects and a one-line extract."""

import datetime

from chanye.extraction.engine import Subjects, extract

SUBJECTS = Subjects(
    clusters={
        "大数据智能化": ["大数据智能化产业", "大数据智能化"],
        "新材料": ["新材料产业", "新材料"],
        "生态环保": ["生态环保产业", "生态环保"],
        "重庆小面": ["重庆小面"],
        "现代服务业": ["现代服务业", "现代服务产业办"],
    },
    enterprises={
        "重庆国际复合材料股份有限公司": ["国际复材", "国际复合材料"],
        "重庆三峰环境集团股份有限公司": ["三峰环境"],
        "井谷元": [],
        "中元汇吉": [],
    },
    district="大渡口区",
    parks={"4号仓库影视产业园": []},
)
DECEMBER = datetime.date(2023, 12, 25)


def facts(text: str, published: datetime.date = DECEMBER, kind: str | None = None):
    found = extract(text, published, SUBJECTS)
    return [f for f in found if kind is None or f.kind == kind]


def one(text: str, published: datetime.date = DECEMBER, kind: str = "metric"):
    found = facts(text, published, kind)
    assert len(found) == 1, [f.to_json(full=True) for f in found]
    return found[0]
