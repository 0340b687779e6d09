"""The kinds of job. An app declares its own in its `jobs.py` (discovered at start-up by
chanye.jobs.apps), so a worker knows every kind:

    from chanye.jobs.registry import job

    @job("archive.ingest", "资料入库", max_attempts=3)
    def ingest(progress, *, run_id: int) -> dict:
        ...
        progress(done, total, "第 3 个文件")
        return {"summary": "入库 3 个", "link": "/archive/runs/1/"}

The handler is called with a `progress(done, total, message="")` function and the job's parameters
(JSON) as keyword arguments, plus `actor` (the user who started it, or None for the system). It returns
a JSON-ready dict (its `summary` and `link` are shown on the job's page) or None. It must be
idempotent: a retry after a failure half-way, or a second run, changes nothing more than one run.

Report generation (`chanye report brief`) registers its kind the same way, and its monthly slot is
declared in chanye/schedules.py."""

from collections.abc import Callable
from dataclasses import dataclass

DEFAULT_MAX_ATTEMPTS = 3


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    handler: Callable
    max_attempts: int = DEFAULT_MAX_ATTEMPTS


KINDS: dict[str, Kind] = {}


class UnknownKind(LookupError):
    pass


def job(name: str, label: str, *, max_attempts: int = DEFAULT_MAX_ATTEMPTS):
    """Register the decorated function as the handler of jobs of kind `name`."""

    def register(handler: Callable) -> Callable:
        existing = KINDS.get(name)
        path = f"{handler.__module__}.{handler.__qualname__}"
        if existing is not None and f"{existing.handler.__module__}.{existing.handler.__qualname__}" != path:
            raise ValueError(f"job kind {name!r} is registered twice")
        KINDS[name] = Kind(name, label, handler, max_attempts)
        return handler

    return register


def get(name: str) -> Kind:
    try:
        return KINDS[name]
    except KeyError:
        raise UnknownKind(f"未知的任务类型：{name}") from None
