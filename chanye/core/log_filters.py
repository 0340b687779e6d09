"""Refusals are part of normal use (a link followed by the wrong role, an expired page): the server log
gets one line for each, not the traceback Django attaches to every 403."""

import logging


class ForbiddenOnOneLine(logging.Filter):
    """On django.request: a 403 logged with its exception becomes one warning line saying who was
    refused what and why; every other record passes unchanged."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) != 403 or not record.exc_info:
            return True
        error = record.exc_info[1]
        user = getattr(getattr(record, "request", None), "user", None)
        who = getattr(user, "username", "") or "匿名"
        record.msg, record.args = "%s (%s: %s)", (record.getMessage(), who, str(error) or type(error).__name__)
        record.exc_info = record.exc_text = None
        return True
