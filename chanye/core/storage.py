"""Folders the platform keeps files in, under settings.DATA_DIR."""

from pathlib import Path

from django.conf import settings


def data_dir(*parts: str) -> Path:
    """A folder under DATA_DIR (uploads waiting for confirmation, rendered briefs), made if missing.
    DATA_DIR is read at each call: the tests point it at a temporary folder."""
    path = Path(settings.DATA_DIR).joinpath(*parts)
    path.mkdir(parents=True, exist_ok=True)
    return path
