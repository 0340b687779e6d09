"""The two seed articles, read from ../shared/seeds relative to the project root."""

from pathlib import Path

SEEDS = Path(__file__).resolve().parents[4].parent / "shared" / "seeds"
RMRB = SEEDS / "000_bab4f8e620e8fad7.txt"  # 人民日报 page saved from its database: page chrome, no breaks
PAPER = SEEDS / "002_3d946e0c8bd40bb3.txt"  # PDF-extracted page: headings, captions, columns out of order


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")
