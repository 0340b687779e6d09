"""Importing a table through the same validation as the pages' forms, all or nothing.

1. read the file (chanye.core.tables), check the header against the form's labels;
2. validate every row with the form, and flag rows that repeat another row's unique value;
3. dry-run the domain's create service for every row inside a transaction that is rolled
   back, so permission and database rules are reported per row in the preview too;
4. commit: the same again inside one transaction that is kept only if every row succeeds.
Every bad row is reported; when any row is bad nothing is written.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction

from chanye.lib.names import split_names

from .forms import ScopedModelForm
from .tables import Table, write_xlsx


@dataclass
class RowErrors:
    """What an import found wrong: problems with the header, and every bad row with its reasons."""

    filename: str
    header_errors: list[str] = field(default_factory=list)
    row_errors: dict[int, list[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.header_errors and not self.row_errors

    def add(self, number: int, message: str) -> None:
        self.row_errors.setdefault(number, []).append(message)

    @property
    def sorted_row_errors(self) -> list[tuple[int, list[str]]]:
        return sorted(self.row_errors.items())


@dataclass
class Report(RowErrors):
    valid: list[tuple[int, dict]] = field(default_factory=list)
    preview: list[tuple[int, list[str]]] = field(default_factory=list)


class _DryRun(Exception):
    """Raised to roll back the rehearsal of an import."""


def _messages(error: Exception) -> list[str]:
    if isinstance(error, ValidationError):
        return error.messages
    return [str(error)]


class Importer:
    """Import rows of `model` validated by `form_class` and written by `create_service`."""

    def __init__(self, *, model, form_class, create_service):
        self.model = model
        self.form_class = form_class
        self.create_service = create_service
        fields = form_class().fields
        self.columns = {str(f.label): name for name, f in fields.items()}  # header label -> field name
        # A column may be left out when the model has a default for it (角色 defaults to 其他).
        self.defaults = {
            name: model._meta.get_field(name).get_default()
            for name in fields
            if model._meta.get_field(name).has_default()
        }
        self.required = [str(f.label) for name, f in fields.items() if f.required and name not in self.defaults]
        self.multiple = {
            name for name, f in fields.items() if hasattr(f, "queryset") and f.widget.allow_multiple_selected
        }

    @property
    def headers(self) -> list[str]:
        return list(self.columns)

    def check_headers(self, headers: list[str]) -> list[str]:
        errors = []
        if unknown := [h for h in headers if h not in self.columns]:
            errors.append(f"未知的列：{'、'.join(unknown)}（允许的列：{'、'.join(self.columns)}）")
        if missing := [h for h in self.required if h not in headers]:
            errors.append(f"缺少必填列：{'、'.join(missing)}")
        if repeated := sorted({h for h in headers if h and headers.count(h) > 1}):
            errors.append(f"列名重复：{'、'.join(repeated)}")
        return errors

    def _form_data(self, headers: list[str], cells: list[str]) -> dict:
        data = dict(self.defaults)
        for header, value in zip(headers, cells, strict=False):
            name = self.columns[header]
            if name in self.multiple:
                data[name] = split_names(value)
            else:
                data[name] = value
        return data

    def _form_user(self, actor) -> dict:
        """A form whose choices depend on who imports gets the importer (None: the system)."""
        return {"user": actor} if issubclass(self.form_class, ScopedModelForm) and actor is not None else {}

    def _unique_keys(self) -> list[tuple[str, ...]]:
        keys = [(f.name,) for f in self.model._meta.fields if f.unique and not f.primary_key]
        keys += [tuple(c.fields) for c in self.model._meta.constraints if getattr(c, "fields", None)]
        return keys

    def validate(self, table: Table, filename: str, actor) -> Report:
        report = Report(filename=filename, preview=table.rows[:20])
        report.header_errors = self.check_headers(table.headers)
        if report.header_errors:
            return report
        if not table.rows:
            report.header_errors.append("文件只有表头，没有数据行")
            return report
        if actor is not None and not self.model._default_manager.can_add(actor):
            for number, _cells in table.rows:
                report.add(number, f"您没有新建{self.model._meta.verbose_name}的权限")
            return report
        seen: dict[tuple, int] = {}
        for number, cells in table.rows:
            form = self.form_class(data=self._form_data(table.headers, cells), **self._form_user(actor))
            if not form.is_valid():
                for name, errors in form.errors.items():
                    label = str(form.fields[name].label) if name in form.fields else "整行"
                    report.add(number, f"{label}：{'；'.join(errors)}")
                continue
            for key in self._unique_keys():
                values = tuple(form.cleaned_data.get(name) for name in key)
                if all(v not in (None, "") for v in values):
                    if (key, values) in seen:
                        report.add(number, f"与第{seen[(key, values)]}行重复（{'、'.join(map(str, values))}）")
                    seen.setdefault((key, values), number)
            report.valid.append((number, form.cleaned_data))
        if report.ok:
            self._rehearse(report, actor)
        return report

    def _rehearse(self, report: Report, actor) -> None:
        """Run the real create service on every row and roll everything back."""
        try:
            with transaction.atomic():
                for number, data in report.valid:
                    try:
                        with transaction.atomic():
                            self.create_service(actor=actor, data=data, note=f"导入 {report.filename} 第{number}行")
                    except (PermissionDenied, ValidationError) as error:
                        for message in _messages(error):
                            report.add(number, message)
                raise _DryRun
        except _DryRun:
            pass

    @transaction.atomic
    def commit(self, table: Table, filename: str, actor) -> list[models.Model]:
        """Validate again (the database may have changed since the preview) and write every row,
        or raise ValidationError listing every bad row and write nothing."""
        report = self.validate(table, filename, actor)
        if not report.ok:
            lines = report.header_errors + [f"第{n}行：{'；'.join(m)}" for n, m in report.sorted_row_errors]
            raise ValidationError(lines)
        return [
            self.create_service(actor=actor, data=data, note=f"导入 {filename} 第{number}行")
            for number, data in report.valid
        ]

    def export(self, queryset, title: str) -> bytes:
        rows = [[self._export_value(obj, name) for name in self.columns.values()] for obj in queryset]
        return write_xlsx(title, self.headers, rows)

    def _export_value(self, obj, name: str):
        value = getattr(obj, name)
        if name in self.multiple:
            return "、".join(str(v) for v in value.all())
        if isinstance(value, models.Model):
            return str(value)
        return "" if value is None else value
