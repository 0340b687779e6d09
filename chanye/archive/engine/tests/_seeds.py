"""The two seed articles, read from ../shared/seeds (not part of the repository: a test that reads one is
skipped, saying so, when they are absent)."""

from pathlib import Path

import pytest

from chanye.lib.shared import SEEDS, missing

RMRB = SEEDS / "000_bab4f8e620e8fad7.txt"  # 人民日报 page saved from its database: page chrome, no breaks
PAPER = SEEDS / "002_3d946e0c8bd40bb3.txt"  # PDF-extracted page: headings, captions, columns out of order


def read(path: Path) -> str:
    if not path.exists():
        pytest.skip(missing(path))
    return path.read_text(encoding="utf-8")
