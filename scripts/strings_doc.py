"""Write docs/strings.md, the list of every string a site prints and its English text, from the table."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from microsite.words import strings_markdown  # noqa: E402


def main() -> int:
    """Write the file and say so."""
    (ROOT / "docs" / "strings.md").write_text(strings_markdown(), encoding="utf-8")
    print("Wrote docs/strings.md.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
