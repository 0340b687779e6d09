"""Large statistics files as background work (chanye.jobs): a file over
settings.CHANYE_BACKGROUND_IMPORT_BYTES is checked by a worker (every bad row, or a preview), and after
the officer confirms, imported by a worker with its progress shown. The file waits on disk under its
SHA-256 between the two; importing it twice changes nothing (the batch's fingerprint)."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.urls import reverse

from chanye.core.storage import data_dir
from chanye.jobs.registry import job

from . import imports
from .preview import preview_rows

PREVIEW_ROWS = 20
ERROR_ROWS = 500


def upload_dir() -> Path:
    return data_dir("uploads")


def staged(sha256: str) -> Path:
    return upload_dir() / f"{sha256}.upload"


def _read(sha256: str) -> bytes:
    path = staged(sha256)
    if not path.exists():
        raise ValidationError("待导入的文件已不存在，请重新上传")
    return path.read_bytes()


def summary_of(parsed: imports.ObservationImport) -> dict:
    """What the page shows of a checked file: every bad row (the first 500), or a preview."""
    return {
        "ok": parsed.ok,
        "filename": parsed.filename,
        "sha256": parsed.sha256,
        "layout": parsed.layout,
        "rows": len(parsed.rows),
        "header_errors": parsed.header_errors,
        "row_errors": [[n, messages] for n, messages in parsed.sorted_row_errors[:ERROR_ROWS]],
        "error_rows": len(parsed.row_errors),
        "previous": parsed.previous.imported_at.isoformat() if parsed.previous else None,
        "preview": preview_rows(parsed.rows[:PREVIEW_ROWS]),
    }


@job("monitoring.check_import", "校验统计数据文件", max_attempts=2)
def check_import(progress, *, actor=None, filename: str, sha256: str) -> dict:
    progress(0, 1, "读取并校验每一行")
    parsed = imports.parse(filename, _read(sha256), actor)
    result = summary_of(parsed)
    if parsed.ok:
        result["summary"] = f"“{filename}”共 {len(parsed.rows)} 个数，全部通过校验，等待确认导入"
    else:
        result["summary"] = f"“{filename}”有 {len(parsed.row_errors) + len(parsed.header_errors)} 处错误，未导入"
    result["link"] = f"{reverse('monitoring:observation-import')}?job={progress.job_id}"
    return result


@job("monitoring.commit_import", "导入统计数据")
def commit_import(progress, *, actor=None, filename: str, sha256: str) -> dict:
    progress(0, 1, "再次校验")
    parsed = imports.parse(filename, _read(sha256), actor)
    if not parsed.ok:  # the database changed since the check: nothing is written
        lines = parsed.header_errors + [f"第{n}行：{'；'.join(m)}" for n, m in parsed.sorted_row_errors[:20]]
        raise ValidationError(["导入未执行，数据已变化：", *lines])
    batch = imports.commit(parsed, actor, progress=lambda done, total: progress(done, total, "写入"))
    staged(sha256).unlink(missing_ok=True)
    if batch is None:
        summary = f"“{filename}”已于 {parsed.previous.imported_at:%Y-%m-%d %H:%M} 导入过，未作改动"
    else:
        summary = f"已导入“{filename}”：{batch.rows} 个数（批次 #{batch.pk}）"
    return {"summary": summary, "link": reverse("monitoring:observation-list"), "rows": len(parsed.rows)}
