"""Where the shared data lives. The two seed articles and the published reference tables are not part of the
repository: they sit in ../shared beside the checkout (or wherever CHANYE_SHARED points), so a fresh clone
has none, and what needs them says so instead of failing."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("CHANYE_SHARED") or ROOT.parent / "shared")
SEEDS = SHARED / "seeds"
SEED_NAMES = ("000_bab4f8e620e8fad7.txt", "002_3d946e0c8bd40bb3.txt")


def missing(path: Path) -> str:
    """Why something under ../shared cannot be used, in words a person who just cloned can act on."""
    return (
        f"needs {path}, which is not part of the repository: put the shared data (seed articles, reference "
        f"tables) in {SHARED} or point CHANYE_SHARED at it"
    )
