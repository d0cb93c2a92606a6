"""Where the engine's own files are: its templates, Sass, JavaScript, images, and GOV.UK Frontend's.

Installed from a wheel, they are inside the package (``microsite/_engine/``), with GOV.UK Frontend's
compiled CSS, JavaScript, fonts and images made when the wheel was built, so no Node is needed. In
a checkout of the engine's repository they are the repository's own ``templates/``, ``assets/``
and ``node_modules/``, and the CSS is compiled with Dart Sass. A site folder never holds the
engine's files: it holds only what it overrides.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
BUNDLED = PACKAGE / "_engine"          # made by hatch_build.py when the wheel is built
CHECKOUT = PACKAGE.parent              # the repository, when running from a checkout


@dataclass(frozen=True)
class Engine:
    """The engine's templates and assets, GOV.UK Frontend's dist/, and precompiled CSS or Dart Sass.

    An installed engine has precompiled CSS; a checkout has the node_modules/ that holds Dart Sass.
    """

    templates: Path
    assets: Path
    # GOV.UK Frontend's dist/ folder: govuk/govuk-frontend.min.js, govuk/assets/
    frontend: Path
    css: Path | None = None          # precompiled brand-<brand>.css files (installed engine)
    node_modules: Path | None = None  # where Dart Sass and GOV.UK Frontend's Sass are (checkout)


@functools.cache
def engine_files() -> Engine:
    """The engine's files: in the package when installed from a wheel, else the checkout's."""
    if (BUNDLED / "templates").is_dir():
        return Engine(BUNDLED / "templates", BUNDLED / "assets", BUNDLED / "frontend",
                      css=BUNDLED / "css")
    modules = CHECKOUT / "node_modules"
    return Engine(CHECKOUT / "templates", CHECKOUT / "assets", modules / "govuk-frontend" / "dist",
                  node_modules=modules)
