"""The users of `chanye bench load` (chanye/benchmarks/load.py), run by locust in a process of its own
(no Django here): each is signed in as one of the demo accounts and opens pages, searches and writes with a
pause of 0.5–2 s between requests, as a colleague at work would. What to open comes from the plan that
load.py wrote (CHANYE_LOAD_PLAN)."""

import datetime
import itertools
import json
import os
from pathlib import Path

from locust import HttpUser, between, task

PLAN = json.loads(Path(os.environ["CHANYE_LOAD_PLAN"]).read_text(encoding="utf-8"))
ACCOUNTS = iter(PLAN["accounts"])
NUMBERS = itertools.count()
FIRST_DAY = datetime.date(1960, 1, 1)


class Colleague(HttpUser):
    wait_time = between(0.5, 2)

    def on_start(self):
        self.account = next(ACCOUNTS)
        self.number = next(NUMBERS)
        self.written = 0
        # Signed in already (load.py made the session); the first page sets the CSRF cookie the API writes need.
        self.client.cookies.set(PLAN["session_cookie"], self.account["session"])
        self.page("驾驶舱")

    def page(self, name: str):
        self.client.get(PLAN["pages"][name], name=name)

    @task(3)
    def cockpit(self):
        self.page("驾驶舱")

    @task(2)
    def chain(self):
        self.page("产业链")

    @task(2)
    def enterprises(self):
        self.page("企业列表")

    @task(1)
    def projects(self):
        self.page("项目列表")

    @task(2)
    def document(self):
        self.page("文档")

    @task(2)
    def search(self):
        self.client.get(PLAN["search"], name="检索")

    @task(1)
    def write(self):
        """A visit or an observation through the API, as the account's role allows; a reader reads."""
        if not self.account["writes"]:
            self.page("驾驶舱")
            return
        kind = self.account["writes"][self.written % len(self.account["writes"])]
        self.written += 1
        headers = {"X-CSRFToken": self.client.cookies.get("csrftoken", "")}
        if kind == "visit":
            body = {
                "date": "2026-11-02",
                "enterprise": PLAN["visit"]["enterprise"],
                "purpose": "负载测试：走访",
                "other_officials": "负载测试",
            }
            self.client.post(PLAN["visit"]["url"], json=body, headers=headers, name="写：走访 (API)")
        else:
            # A day of its own for each write, so that no two observations collide (1960 onwards).
            day = FIRST_DAY + datetime.timedelta(days=self.written * 40 + self.number)
            body = {
                "subject_kind": "cluster",
                "cluster": PLAN["observation"]["cluster"],
                "indicator": PLAN["observation"]["indicator"],
                "period": f"{day.year}年{day.month}月{day.day}日",
                "value": "100",
            }
            self.client.post(PLAN["observation"]["url"], json=body, headers=headers, name="写：统计数据 (API)")
