"""The licence: Apache-2.0 in LICENSE and in the package metadata, and a NOTICE that credits every front-end
package vendored into chanye/static/vendor and every reference data file shipped."""

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_the_licence_is_the_full_apache_2_text_and_the_metadata_says_so():
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "Apache License" in licence and "Version 2.0, January 2004" in licence
    assert "END OF TERMS AND CONDITIONS" in licence and "Grant of Patent License" in licence
    assert 'license = "Apache-2.0"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def test_notice_credits_every_vendored_package_and_reference_file():
    notice = (ROOT / "NOTICE").read_text(encoding="utf-8")
    for package in json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]:
        assert f"({package})" in notice, f"NOTICE does not credit the npm package {package}"
    for data in (ROOT / "chanye" / "reference" / "data").glob("*.csv"):
        assert data.name in notice, f"NOTICE does not credit chanye/reference/data/{data.name}"
    # ECharts is Apache-2.0: its own NOTICE must be carried on (the licence's section 4(d)).
    assert "Apache ECharts\n    Copyright 2017-2026 The Apache Software Foundation" in notice
