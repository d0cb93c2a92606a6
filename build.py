#!/usr/bin/env python3
"""The engine's command line, run from its repository: the installed `strategy-microsite` command.

It builds this repository's own site (content/) unless --site names another.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from microsite.cli import Program, main  # noqa: E402

PROGRAM = Program(name="build.py", site=ROOT, preview_hint="python3 dev.py preview",
                  run="python build.py")

if __name__ == "__main__":
    sys.exit(main(program=PROGRAM))
