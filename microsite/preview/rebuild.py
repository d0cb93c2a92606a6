"""The rebuild: the pipeline's own stages, with one BuildMemory for the session, and what they publish."""

from __future__ import annotations

import os
import threading
import time
import traceback
from typing import Callable
from urllib.parse import urlsplit

from ..config import check_base_url, load_config, normalise_base_url
from ..errors import BuildFailed, ContentError, format_error
from ..load import load_document
from ..pipeline import BuildMemory, Project, build_site
from ..words import ENGLISH
from .respond import PREVIEW_CSS_URL, Published, render_errors


def only_styles(changed: frozenset[str]) -> bool:
    """True when every change is to our Sass, so browsers can swap the stylesheet without a page reload."""
    return bool(changed) and all(p.replace(os.sep, "/").startswith("assets/scss/") for p in changed)


def guess_base_path(project: Project, base_url: str | None) -> str:
    """The base path when no build has worked yet: from --base-url, or the site settings if they load."""
    if base_url:
        return "" if check_base_url(base_url) else urlsplit(normalise_base_url(base_url)).path.rstrip("/")
    try:
        document, _ = load_document(project.root / "content" / "site.yaml", "content/site.yaml", "site")
        config, _ = load_config(document) if document is not None else (None, [])
    except Exception:  # only a guess, made while showing errors: it must not become another one
        return ""
    return config.base_path if config is not None else ""


class Rebuilder:
    """One preview's builds: each rebuild runs the pipeline and publishes the good build or its problems."""

    def __init__(self, project: Project, base_url: str | None, say: Callable[[str], None],
                 write: Callable[[dict[str, bytes]], None], notify: Callable[[str], None]):
        self.project, self.base_url, self.say = project, base_url, say
        self.write, self.notify = write, notify  # queue a good build for dist/; reload the browsers
        self.memory = BuildMemory()
        self.published = Published()
        self.words = ENGLISH  # the last good build's, for the error page
        self.rebuilds = 0
        self.changed = threading.Condition()

    def rebuild(self, changed: frozenset[str]) -> None:
        """Build again after the changes named (paths relative to the project); publish what came of it."""
        started = time.perf_counter()
        was_good = not self.published.errors and bool(self.published.files)
        try:
            # The first build runs before the server and watcher threads start, so it may fork
            # workers to render (as `build` does); later ones render the few pages an edit changed.
            jobs = None if self.rebuilds == 0 else 1
            built = build_site(self.project, self.base_url, self.memory, write=None, jobs=jobs)
            site, files = built.site, built.files
        except BuildFailed as failed:
            self._publish_errors(failed.errors)
            return
        except Exception as exc:  # an internal fault, not a content mistake: show it, keep serving
            self.memory = BuildMemory()  # start clean next time, in case the fault left it part-way
            self.say(traceback.format_exc())
            message = f"internal error: {type(exc).__name__}: {exc} (the traceback is in the terminal)"
            self._publish_errors((ContentError("build.py", 0, message),))
            return
        stylesheet = next((n.rsplit("/", 1)[1] for n in files if n.startswith("assets/css/app-")), None)
        self.words = site.config.words
        self.write(files)  # queued for dist/ before it is published, so a stop right after still writes it
        self._publish(Published(files, site.config.base_path, stylesheet, generation=self.rebuilds + 1))
        took = (time.perf_counter() - started) * 1000
        rendered = len(self.memory.rendered)
        self.say(f"Built in {took:.0f} ms ({rendered} page{'s' if rendered != 1 else ''} rendered, "
                 "the rest unchanged).")
        styles_only = was_good and only_styles(changed) and stylesheet is not None
        self.notify(f"{site.config.base_path}/assets/css/{stylesheet}" if styles_only else "index.html")

    def _publish_errors(self, errors: tuple[ContentError, ...]) -> None:
        old = self.published
        base_path = old.base_path if old.files else guess_base_path(self.project, self.base_url)
        css = f"{base_path}/assets/css/{old.stylesheet}" if old.stylesheet else PREVIEW_CSS_URL
        summary, page = render_errors(self.project, errors, css, self.words)
        for error in errors:
            self.say(format_error(error))
        count = len(errors)
        self.say(f"Build failed: {count} problem{'s' if count != 1 else ''}. "
                 "Still serving the last good build; dist/ was not changed.")
        self._publish(Published(old.files, base_path, old.stylesheet, tuple(errors), summary, page,
                                self.rebuilds + 1))
        self.notify("index.html")

    def _publish(self, state: Published) -> None:
        with self.changed:
            self.published = state
            self.rebuilds += 1
            self.changed.notify_all()

    def wait_for_rebuild(self, after: int, timeout: float) -> bool:
        """Wait until more than ``after`` rebuilds have been published; False on timeout."""
        with self.changed:
            return self.changed.wait_for(lambda: self.rebuilds > after, timeout)
