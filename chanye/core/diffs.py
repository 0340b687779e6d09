"""Audit entries as a person reads them: each change as 字段: 旧值 → 新值, with the model's Chinese field
labels, related rows by name rather than id, times in the site's time zone, and large technical values
(reading-order joins, similarity sketches, long texts) summarised with the full value one click away.

An entry stores plain JSON snapshots (chanye.core.audit.snapshot); the model's fields are read back through
the entry's content type, so nothing here knows the domains."""

import json
import re
from collections import defaultdict
from dataclasses import dataclass

from django.db import models
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime

# Fields whose verbose name is Django's default (the attribute name), and the keys of snapshots that are not
# fields (an account's, chanye.accounts.services): labelled here.
FALLBACK_LABELS = {
    "id": "编号",
    "subject_key": "主体",
    "roles": "角色",
    "offices": "所属部门",
    "region": "负责区域",
    "full_name": "姓名",
    "password": "密码",
    "api_token": "API 令牌",
}
# What one item of a list-valued technical field is, so that its summary says what was done.
ITEM_UNITS = {"joins": "处断段修复", "removed_lines": "行页面杂项", "results": "条结果"}
# A value longer than this (as shown) is summarised, the whole of it behind a 展开.
SHORT = 80
# A new or deleted object shows this many of its values; the rest wait behind 其余 N 项.
FIRST_VALUES = 6
# "cluster:3", "region:7": a subject key, resolved through the model's field of that name.
SUBJECT_KEY = re.compile(r"^([a-z_]+):(\d+)$")
EMPTY = "（空）"


@dataclass
class Value:
    text: str  # what the row shows
    full: str = ""  # the whole value when `text` is a summary of it


@dataclass
class Change:
    label: str
    before: Value | None
    after: Value | None


def readable(entries) -> list:
    """The entries, each given `.rows` (its readable changes) and `.more` (those folded away), every
    related row the page names looked up in one query per model."""
    entries = list(entries)
    names = _Names()
    pending = []
    for entry in entries:
        model = entry.content_type.model_class() if entry.content_type_id else None
        changed = _changed(entry)
        pending.append((entry, model, changed))
        for field_name, before, after in changed:
            for value in (before, after):
                names.want(_field(model, field_name), value)
    names.fetch()
    for entry, model, changed in pending:
        rows = [
            Change(
                _label(model, field_name),
                # A note of what was done (密码 已重置) has no "before": shown as the new value alone.
                None
                if entry.action == "create" or (entry.action == "update" and entry.before is None)
                else _value(_field(model, field_name), model, before, names),
                None if entry.action == "delete" else _value(_field(model, field_name), model, after, names),
            )
            for field_name, before, after in changed
        ]
        entry.rows, entry.more = (rows, []) if entry.action == "update" else (rows[:FIRST_VALUES], rows[FIRST_VALUES:])
    return entries


def _changed(entry) -> list[tuple[str, object, object]]:
    """The fields that changed; a new or deleted object lists only the values it had (no empty ones, no id)."""
    if entry.action == "update":
        return entry.changes()
    values = (entry.after if entry.action == "create" else entry.before) or {}
    return [
        (name, value, value)
        for name, value in values.items()
        if name != "id" and value not in (None, "", [], {}, False)
    ]


def _field(model, name: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except Exception:  # a field removed since the entry was written
        return None


def _label(model, name: str) -> str:
    field = _field(model, name)
    verbose = str(getattr(field, "verbose_name", "") or "")
    if not verbose or verbose == name.replace("_", " "):
        return FALLBACK_LABELS.get(name, name)
    return verbose


def _related_model(field):
    return field.related_model if field is not None and field.is_relation else None


def _subject_key_target(model, value):
    """(related model, pk) of a "cluster:3" subject key, or None."""
    match = SUBJECT_KEY.match(value) if isinstance(value, str) else None
    if match is None:
        return None
    related = _related_model(_field(model, match.group(1)))
    return (related, int(match.group(2))) if related is not None else None


class _Names:
    """The names of the related rows a page of entries mentions, fetched in one query per model."""

    def __init__(self):
        self.wanted = defaultdict(set)
        self.found = {}

    def want(self, field, value) -> None:
        related = _related_model(field)
        if related is not None:
            for pk in value if isinstance(value, list) else [value]:
                if isinstance(pk, int):
                    self.wanted[related].add(pk)
        elif field is not None and field.name == "subject_key":
            target = _subject_key_target(field.model, value)
            if target is not None:
                self.wanted[target[0]].add(target[1])

    def fetch(self) -> None:
        for model, pks in self.wanted.items():
            for pk, obj in model._default_manager.in_bulk(pks).items():
                self.found[model, pk] = _name_of(obj)

    def of(self, model, pk) -> str:
        return self.found.get((model, pk), f"#{pk}（已删除）")


def _name_of(obj) -> str:
    """A user by their full name (and account), anything else as it calls itself."""
    full_name = obj.get_full_name() if hasattr(obj, "get_full_name") else ""
    if full_name:
        return f"{full_name}（{obj.get_username()}）"
    return str(obj)


def _value(field, model, value, names: _Names) -> Value:
    if value is None or value in ("", [], {}):
        return Value(EMPTY)
    related = _related_model(field)
    if related is not None:
        if isinstance(value, list):
            return _summarised("、".join(names.of(related, pk) for pk in value) or EMPTY, len(value), "项")
        return Value(names.of(related, value))
    if field is not None and field.name == "subject_key":
        target = _subject_key_target(model, value)
        return Value(names.of(*target) if target else str(value))
    if field is not None and field.choices:
        return Value(str(dict(field.flatchoices).get(value, value)))
    if isinstance(value, bool):
        return Value("是" if value else "否")
    if isinstance(field, models.DateTimeField) and isinstance(value, str):
        moment = parse_datetime(value)
        if moment is not None:
            if timezone.is_aware(moment):
                moment = timezone.localtime(moment)
            return Value(formats.date_format(moment, "Y-m-d H:i"))
    if isinstance(value, (list, dict)):
        whole = json.dumps(value, ensure_ascii=False)
        unit = ITEM_UNITS.get(getattr(field, "name", ""), "项")
        if len(whole) <= SHORT and isinstance(value, dict):
            return Value(json.dumps(value, ensure_ascii=False))
        return _summarised(whole, len(value), unit)
    return _summarised(str(value), None, "")


def _summarised(text: str, count: int | None, unit: str) -> Value:
    """The text itself when short; otherwise a count ("8 处断段修复") or its start, and the whole of it."""
    if count is not None and (len(text) > SHORT or unit != "项"):
        return Value(f"{count} {unit}", text)
    if len(text) <= SHORT:
        return Value(text)
    return Value(f"{text[:SHORT]}…", text)
