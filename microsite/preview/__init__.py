"""Serve stage: build, serve the site with live reload, and rebuild through the same pipeline on every save.

How it fits together (Preview, in preview.py, joins the parts):
- watch.py: a watcher thread waits for the operating system to report changes under content/, templates/
  and assets/ (never dist/), through watchfiles, or polls where that cannot be had (Poller). A burst of
  saves is waited out (debounced) and causes one rebuild; saves made during a rebuild cause one more, never
  a queue.
- rebuild.py: a rebuild runs the pipeline's own build_site (writing nothing) with one BuildMemory
  kept for the session, so only what an edit affects is rendered again. A good build is published to the
  web server at once.
- writer.py: a writer thread writes a good build to dist/ (atomically, with write_site) once editing
  pauses, because writing thousands of files takes longer than the rebuild itself.
- collector.py: Python's automatic garbage collection is off meanwhile, and the preview collects when
  nobody is waiting.
- server.py and respond.py: the web server (tornado, from python-livereload) serves the last good build
  from memory under the same sub-path as base_url, adds the livereload script to HTML responses only (so
  it never reaches dist/), and sends the reload message itself after each rebuild. That is why
  python-livereload's rule of ignoring a change within 3 seconds of the last reload never applies: two
  quick saves both show.
- A broken build does not replace anything. Every HTML response then carries a GOV.UK error summary of
  every problem at the top of the last good page (templates/layouts/build-error.html), and pages that do
  not exist yet get it on the 404 page; with no good build at all, the whole error page is served. Other
  files (CSS, JS, images) keep serving, so the old pages stay styled. When a save fixes the build,
  browsers reload.
"""

from .preview import Preview, serve
from .respond import Published, Response, respond
from .watch import Poller, force_polling, relevant_changes

__all__ = ["Poller", "Preview", "Published", "Response", "force_polling", "relevant_changes", "respond",
           "serve"]
