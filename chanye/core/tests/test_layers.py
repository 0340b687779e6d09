"""Imports go down: the layering rule of README's Layout section, as contracts in pyproject.toml
([tool.importlinter]), checked by import-linter over the whole package on every test run."""

from pathlib import Path

import pytest

importlinter_cli = pytest.importorskip("importlinter.cli", reason="import-linter is a test dependency")

PYPROJECT = Path(__file__).resolve().parents[3] / "pyproject.toml"


@pytest.mark.skipif(not PYPROJECT.is_file(), reason="the contracts live in the checkout's pyproject.toml")
def test_imports_go_down_and_engines_stay_plain_python(capsys):
    code = importlinter_cli.lint_imports(config_filename=str(PYPROJECT), no_cache=True, no_logo=True)
    report = capsys.readouterr().out
    assert code == 0, report
    assert "3 kept, 0 broken" in report
