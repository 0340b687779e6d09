"""Permission tests every domain inherits, in the spirit of NetBox's ViewTestCases / APIViewTestCases.

A test class declares a model, where its pages (`PageCases`) or its endpoint (`ApiCases`) live, which
personas of chanye/conftest.py may read, add, change and delete, and four fixtures:

    own          an object the `office` persona may change, made fresh for each test
    foreign      an object `office` may not change: 403 if it may see it (`foreign_visible`), else 404
    create_data  valid data for a new object (form fields for pages, JSON for the API)
    update_data  valid changed data for `own`

It inherits parametrised tests that send real requests through Django's test client to the test
database: anonymous → the sign-in page (pages) or 401 (API); signed in without a role → 403; a persona
without the right → 403, or 404 where it may not even see the object, and nothing written; a persona
with the right → success and exactly one AuditEntry, whose before/after values are what is stored.

    class ParkCase:
        model = Park
        may_add = may_change = may_delete = {"admin", "office"}
        may_add_elsewhere = {"other_office"}  # adds parks, only not in the office's cluster

        @pytest.fixture
        def own(self, demo): ...

        @pytest.fixture
        def foreign(self, demo): ...

    class TestParkPages(ParkCase, PageCases):
        urls = "registry:park"  # registry:park-list, -create, -detail, -update, -delete, -history

    class TestParkApi(ParkCase, ApiCases):
        endpoint = "/api/v1/parks/"
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.db import models
from django.db.models import Max
from django.urls import reverse

from chanye.core.audit import snapshot
from chanye.core.models import AuditEntry

ROLES = ("admin", "leader", "office", "other_office", "investment", "statistics")  # personas with a role
WRITES = ("create", "update", "delete")


def token_header(user) -> dict:
    from rest_framework.authtoken.models import Token

    return {"HTTP_AUTHORIZATION": f"Token {Token.objects.get_or_create(user=user)[0].key}"}


def by_value(model, fields: dict | None) -> dict | None:
    """Snapshot values with decimals compared by value: an audit entry keeps a figure as it was
    typed ("90000000"), a fresh snapshot as its column stores it ("90000000.0000")."""
    if fields is None:
        return None
    decimals = {f.name for f in model._meta.concrete_fields if isinstance(f, models.DecimalField)}
    return {k: Decimal(v) if k in decimals and v is not None else v for k, v in fields.items()}


class Ledger:
    """What a request wrote: the audit entries recorded since, rows of the model added or removed,
    and the stored values of the object watched."""

    def __init__(self, model, obj=None):
        self.model, self.obj = model, obj
        self.last_entry = AuditEntry.objects.aggregate(last=Max("pk"))["last"] or 0
        self.pks = self._pks()
        self.before = self.stored(self.fresh()) if obj is not None else None

    def _pks(self) -> set:
        return set(self.model._default_manager.values_list("pk", flat=True))

    def fresh(self):
        return self.model._default_manager.filter(pk=self.obj.pk).first()

    def stored(self, obj) -> dict:
        return by_value(self.model, snapshot(obj))

    def entries(self) -> list[AuditEntry]:
        return list(AuditEntry.objects.filter(pk__gt=self.last_entry).order_by("pk"))

    def assert_nothing_written(self) -> None:
        assert [str(e) for e in self.entries()] == [], "a refused request recorded an audit entry"
        assert self._pks() == self.pks, "a refused request added or removed rows"
        if self.obj is not None:
            assert self.stored(self.fresh()) == self.before, "a refused request changed the object"

    def _only_entry(self, action: str, user, pk) -> AuditEntry:
        entries = self.entries()
        assert len(entries) == 1, f"expected one audit entry, got {[str(e) for e in entries]}"
        entry = entries[0]
        assert (entry.action, entry.actor_id, entry.actor_name) == (action, user.pk, user.get_username())
        assert (entry.content_type.model_class(), entry.object_id) == (self.model, str(pk))
        return entry

    def assert_recorded(self, op: str, user) -> None:
        """Exactly one audit entry for the write, with the before/after values of what is stored."""
        now = self._pks()
        if op == "create":
            added = now - self.pks
            assert len(added) == 1 and now >= self.pks, f"expected one new row, got {sorted(added)}"
            obj = self.model._default_manager.get(pk=added.pop())
            entry = self._only_entry("create", user, obj.pk)
            assert entry.before is None and by_value(self.model, entry.after) == self.stored(obj)
        elif op == "update":
            assert now == self.pks, "an update added or removed rows"
            entry = self._only_entry("update", user, self.obj.pk)
            after = by_value(self.model, entry.after)
            assert by_value(self.model, entry.before) == self.before != after
            assert after == self.stored(self.fresh())
        else:
            assert self.pks - now == {self.obj.pk} and now <= self.pks, "expected exactly the object deleted"
            entry = self._only_entry("delete", user, self.obj.pk)
            assert by_value(self.model, entry.before) == self.before and entry.after is None


class PermissionCases:
    """What PageCases and ApiCases share: the declaration and the parametrisation it drives."""

    model = None
    may_read = frozenset(ROLES)  # personas that see `own`; the others get 404 for it
    may_add = frozenset({"admin"})  # personas that create an object with `create_data`
    may_add_elsewhere = frozenset()  # personas that create objects of the model, only not this one
    may_change = frozenset({"admin"})  # personas that change `own`
    may_delete = frozenset({"admin"})  # personas that delete `own`
    foreign_visible = True  # whether `office` sees `foreign` (so 403 on writes) or not (404 throughout)
    broken = {}  # a write known to fail where it should succeed: {"delete": "why"}; its tests are strict xfails
    elsewhere_status = 403  # a `may_add_elsewhere` persona's create; pages: 200 where the form lacks the choice

    def allowed(self, op: str) -> frozenset:
        return frozenset({"create": self.may_add, "update": self.may_change, "delete": self.may_delete}[op])

    def writes(self) -> list[str]:
        raise NotImplementedError

    def parameters(self) -> dict[str, list]:
        writes = self.writes()
        return {
            "persona": list(ROLES),
            "allowed": [(op, p) for op in writes for p in ROLES if p in self.allowed(op)],
            "refused": [(op, p) for op in writes for p in ROLES if p not in self.allowed(op)],
        }

    def pytest_generate_tests(self, metafunc):
        for name, params in self.parameters().items():
            if name in metafunc.fixturenames:
                metafunc.parametrize(name, [self._param(name, p) for p in params])

    def _param(self, name: str, value):
        """A parameter with its id ("update-office"); a write that should succeed but is `broken` is a strict xfail."""
        op = value[0] if isinstance(value, tuple) else value
        broken = name in ("allowed", "undeclared") and op in self.broken
        marks = [pytest.mark.xfail(reason=self.broken[op], strict=True)] if broken else []
        return pytest.param(value, id="-".join(value) if isinstance(value, tuple) else value, marks=marks)

    def data(self, request, op: str) -> dict:
        return {} if op == "delete" else request.getfixturevalue(f"{op}_data")

    def target(self, request, op: str):
        """The object an operation acts on: `own`, or None for list and create."""
        return None if op in ("list", "create") else request.getfixturevalue("own")

    def refusal(self, op: str, persona: str) -> int:
        if op == "create":
            return self.elsewhere_status if persona in self.may_add_elsewhere else 403
        return 403 if persona in self.may_read else 404


def _form_errors(response) -> str:
    context = getattr(response, "context", None) or {}
    form = context.get("form") if hasattr(context, "get") else None
    return f"{response.status_code}: {form.errors.as_text() if form is not None else response.content[:300]!r}"


class PageCases(PermissionCases):
    """The refusal tests of a model's pages, for a class that declares `urls` (the URL name prefix:
    "registry:park" gives registry:park-list, registry:park-create, …) and the `pages` it has."""

    urls = ""
    pages = ("list", "create", "detail", "update", "delete", "history")
    # a create the page allows but its input does not (another office's cluster): the form again,
    # with the reason and what was typed, whether the form or the service refuses it
    elsewhere_status = 200
    url_names = {}  # a page whose URL name does not follow the prefix, e.g. {"update": "extraction:fact-reject"}
    form_pages = ("create", "update", "delete")  # pages that also answer GET with a form or a confirmation
    OBJECT_PAGES = ("detail", "update", "delete", "history")

    def writes(self) -> list[str]:
        return [p for p in self.pages if p in WRITES]

    def parameters(self) -> dict[str, list]:
        return {
            **super().parameters(),
            "page": list(self.pages),
            "foreign_page": [p for p in self.pages if p in self.OBJECT_PAGES],
        }

    def url(self, page: str, obj=None) -> str:
        name = self.url_names.get(page, f"{self.urls}-{page}")
        return reverse(name, args=[obj.pk] if page in self.OBJECT_PAGES else [])

    def test_anonymous_is_sent_to_sign_in(self, db, client, request, page):
        obj, data = self.target(request, page), self.data(request, page) if page in WRITES else None
        ledger = Ledger(self.model, obj)
        responses = [client.get(self.url(page, obj))]
        if page in WRITES:
            responses.append(client.post(self.url(page, obj), data))
        for response in responses:
            assert response.status_code == 302 and response.url.startswith(reverse("login"))
        ledger.assert_nothing_written()

    def test_a_user_without_a_role_is_refused(self, client, personas, request, page):
        obj, data = self.target(request, page), self.data(request, page) if page in WRITES else None
        client.force_login(personas["norole"])
        ledger = Ledger(self.model, obj)
        assert client.get(self.url(page, obj)).status_code == 403
        if page in WRITES:
            assert client.post(self.url(page, obj), data).status_code == 403
        ledger.assert_nothing_written()

    def test_reading(self, client, personas, own, persona):
        client.force_login(personas[persona])
        for page in self.pages:
            if page in ("list", "detail", "history"):
                expected = 200 if page == "list" or persona in self.may_read else 404
                assert client.get(self.url(page, own)).status_code == expected, page

    def test_allowed_write(self, client, personas, request, allowed):
        op, persona = allowed
        obj, data, user = self.target(request, op), self.data(request, op), personas[persona]
        client.force_login(user)
        if op in self.form_pages:
            assert client.get(self.url(op, obj)).status_code == 200
        ledger = Ledger(self.model, obj)
        response = client.post(self.url(op, obj), data)
        assert response.status_code == 302, _form_errors(response)
        ledger.assert_recorded(op, user)

    def test_refused_write(self, client, personas, request, refused):
        op, persona = refused
        obj, data = self.target(request, op), self.data(request, op)
        client.force_login(personas[persona])
        ledger = Ledger(self.model, obj)
        if op in self.form_pages:
            expected = 200 if persona in self.may_add_elsewhere and op == "create" else self.refusal(op, persona)
            assert client.get(self.url(op, obj)).status_code == expected
        assert client.post(self.url(op, obj), data).status_code == self.refusal(op, persona)
        ledger.assert_nothing_written()

    def test_office_and_a_foreign_object(self, client, personas, request, foreign_page):
        foreign = request.getfixturevalue("foreign")
        data = self.data(request, foreign_page) if foreign_page in WRITES else None
        client.force_login(personas["office"])
        ledger = Ledger(self.model, foreign)
        url = self.url(foreign_page, foreign)
        if foreign_page in WRITES:
            expected = 403 if self.foreign_visible else 404
            if foreign_page in self.form_pages:
                assert client.get(url).status_code == expected
            assert client.post(url, data).status_code == expected
        else:
            assert client.get(url).status_code == (200 if self.foreign_visible else 404)
        ledger.assert_nothing_written()

    def test_a_missing_object_is_404(self, client, personas):
        page = next(p for p in self.pages if p in self.OBJECT_PAGES)
        client.force_login(personas["admin"])
        missing = self.model(pk=(self.model._default_manager.aggregate(last=Max("pk"))["last"] or 0) + 1000)
        assert client.get(self.url(page, missing)).status_code == 404


class ApiCases(PermissionCases):
    """The refusal tests of a model's /api/v1/ endpoint, for a class that declares `endpoint`
    ("/api/v1/parks/") and the `operations` it has."""

    endpoint = ""
    operations = ("list", "detail", "create", "update", "delete")
    update_method, update_action = "patch", ""  # e.g. "post", "reject/" for a decision
    SUCCESS = {"create": 201, "update": 200, "delete": 204}

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if set(WRITES) <= set(cls.operations):  # every write is offered: nothing to refuse with 405
            cls.test_an_undeclared_write_is_not_allowed = None

    def writes(self) -> list[str]:
        return [op for op in self.operations if op in WRITES]

    def parameters(self) -> dict[str, list]:
        objects = [op for op in self.operations if op in ("detail", "update", "delete")]
        return {
            **super().parameters(),
            "operation": list(self.operations),
            "foreign_operation": objects,
            "undeclared": [op for op in WRITES if op not in self.operations],
        }

    def call(self, client, op: str, obj=None, data=None, user=None):
        headers = token_header(user) if user is not None else {}
        url = self.endpoint if obj is None else f"{self.endpoint}{obj.pk}/"
        json = {"content_type": "application/json"}
        if op == "list":
            return client.get(url, {"page_size": 500}, **headers)
        if op == "detail":
            return client.get(url, **headers)
        if op == "create":
            return client.post(url, data, **json, **headers)
        if op == "update":
            return getattr(client, self.update_method)(url + self.update_action, data, **json, **headers)
        return client.delete(url, **headers)

    def test_anonymous_gets_401(self, db, client, request, operation):
        obj = self.target(request, operation)
        data = self.data(request, operation) if operation in WRITES else None
        ledger = Ledger(self.model, obj)
        assert self.call(client, operation, obj, data).status_code == 401
        ledger.assert_nothing_written()

    def test_a_user_without_a_role_gets_403(self, client, personas, request, operation):
        obj = self.target(request, operation)
        data = self.data(request, operation) if operation in WRITES else None
        ledger = Ledger(self.model, obj)
        assert self.call(client, operation, obj, data, personas["norole"]).status_code == 403
        ledger.assert_nothing_written()

    def test_reading(self, client, personas, own, persona):
        user = personas[persona]
        if "list" in self.operations:
            response = self.call(client, "list", user=user)
            assert response.status_code == 200
            listed = {row["id"] for row in response.json()["results"]}
            assert (own.pk in listed) == (persona in self.may_read)
        if "detail" in self.operations:
            expected = 200 if persona in self.may_read else 404
            assert self.call(client, "detail", own, user=user).status_code == expected

    def test_allowed_write(self, client, personas, request, allowed):
        op, persona = allowed
        obj, data, user = self.target(request, op), self.data(request, op), personas[persona]
        ledger = Ledger(self.model, obj)
        response = self.call(client, op, obj, data, user)
        assert response.status_code == self.SUCCESS[op], response.content[:500]
        ledger.assert_recorded(op, user)

    def test_refused_write(self, client, personas, request, refused):
        op, persona = refused
        obj, data = self.target(request, op), self.data(request, op)
        ledger = Ledger(self.model, obj)
        response = self.call(client, op, obj, data, personas[persona])
        assert response.status_code == self.refusal(op, persona), response.content[:500]
        ledger.assert_nothing_written()

    def test_office_and_a_foreign_object(self, client, personas, request, foreign_operation):
        foreign = request.getfixturevalue("foreign")
        data = self.data(request, foreign_operation) if foreign_operation in WRITES else None
        ledger = Ledger(self.model, foreign)
        response = self.call(client, foreign_operation, foreign, data, personas["office"])
        if foreign_operation == "detail":
            assert response.status_code == (200 if self.foreign_visible else 404)
        else:
            assert response.status_code == (403 if self.foreign_visible else 404), response.content[:500]
        ledger.assert_nothing_written()

    def test_an_undeclared_write_is_not_allowed(self, client, personas, request, undeclared):
        """A write the endpoint does not offer is 405 even for an administrator, and writes nothing."""
        obj = self.target(request, undeclared)
        ledger = Ledger(self.model, obj)
        response = self.call(client, undeclared, obj, {}, personas["admin"])
        assert response.status_code == 405, response.content[:500]
        ledger.assert_nothing_written()

    def test_a_missing_object_is_404(self, client, personas):
        op = next(op for op in self.operations if op in ("detail", "update", "delete"))
        missing = self.model(pk=(self.model._default_manager.aggregate(last=Max("pk"))["last"] or 0) + 1000)
        data = {} if op in WRITES else None
        assert self.call(client, op, missing, data, personas["admin"]).status_code == 404


# ---- office scope on every relation (issue 16, defect 3)


@dataclass(frozen=True)
class ScopeWrite:
    """One API write through a relation that puts a row in an office's charge (an enterprise's clusters, a
    title's enterprise, a figure's subject), and what each persona gets. `objects` is the test class's
    fixture: a dict of named rows; `target` names the row a PATCH changes (None: a POST creates one);
    `data(objects)` is the JSON sent. Personas not in `expect` are refused with 403 and nothing written."""

    name: str
    model: type
    endpoint: str
    target: str | None
    data: Callable[[dict], dict]
    expect: dict = field(default_factory=dict)  # persona -> 200/201 (written, one audit entry) or 409 (a repeat)


class ScopeCases:
    """Every `scope_writes` row tried by every persona with a role, through real requests: a success writes
    exactly one audited row; a refusal (403, or 409 for a repeat) writes nothing and says why in Chinese."""

    scope_writes: tuple[ScopeWrite, ...] = ()

    def pytest_generate_tests(self, metafunc):
        if "scope_write" in metafunc.fixturenames:
            params = [pytest.param(w, p, id=f"{w.name}-{p}") for w in self.scope_writes for p in ROLES]
            metafunc.parametrize(("scope_write", "persona"), params)

    def test_scope_write(self, client, personas, objects, scope_write, persona):
        write, user = scope_write, personas[persona]
        obj = objects[write.target] if write.target else None
        ledger = Ledger(write.model, obj)
        url = write.endpoint if obj is None else f"{write.endpoint}{obj.pk}/"
        send = client.post if obj is None else client.patch
        response = send(url, write.data(objects), content_type="application/json", **token_header(user))
        expected = write.expect.get(persona, 403)
        assert response.status_code == expected, response.content[:500]
        if expected in (200, 201):
            ledger.assert_recorded("create" if obj is None else "update", user)
        else:
            ledger.assert_nothing_written()
            assert re.search("[\u4e00-\u9fff]", response.content.decode()), "a refusal says why, in Chinese"


# ---- bounded imports (issue 16, defect 1)


def huge_xlsx(rows: int = 1_000_000, header: str = "企业名称") -> bytes:
    """A real workbook of a few hundred KB whose one sheet holds `rows` tiny rows: its sheet XML written
    directly (openpyxl would take a minute to write it), the rest of the package from openpyxl."""
    import io
    import zipfile

    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    body = '<row><c t="inlineStr"><is><t>企</t></is></c></row>' * rows  # rows without r= are numbered in turn
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        f'<row><c t="inlineStr"><is><t>{header}</t></is></c></row>{body}</sheetData></worksheet>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            data = sheet.encode() if member.filename == "xl/worksheets/sheet1.xml" else source.read(member)
            target.writestr(member.filename, data)
    return out.getvalue()


def zip_bomb(template: bytes, unpacked: int) -> bytes:
    """A copy of an XLSX or DOCX with one more part of `unpacked` zero bytes: a few hundred KB that
    unpack to far more. Written in chunks, never held whole."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(template)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            target.writestr(member.filename, source.read(member))
        with target.open("customXml/padding.xml", "w", force_zip64=True) as part:
            chunk = bytes(1024 * 1024)
            for _ in range(unpacked // len(chunk) + 1):
                part.write(chunk)
    return out.getvalue()
