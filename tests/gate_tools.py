"""The quality gate: judge a built site as a user's browser and an auditor would.

It knows nothing of how the site was made: give it the folder of HTML and the address the folder is
served at. For every page it runs axe-core in headless Chromium (WCAG 2.0, 2.1 and 2.2 A and AA, plus
best practice), checks every internal link, image, stylesheet, script and #fragment, forbids requests to
any other host, console errors and Content Security Policy violations, checks reflow at 320 CSS pixels,
the skip link, and that the main content is all there with JavaScript off. The W3C Nu HTML Checker
judges every HTML file in one Java run. Each problem is a Finding that names the page, the rule and
the element.

The tests run it (tests/test_gate.py). To run it by hand, build for the address it will be served at:

    .venv/bin/python build.py --base-url http://127.0.0.1:8765/strategy/ --out /tmp/gate-site
    .venv/bin/python tests/gate_tools.py /tmp/gate-site --base-path /strategy --port 8765
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

ROOT = Path(__file__).resolve().parent.parent
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = Path("/usr/bin/chromium")
# Quiet Chromium: no calls home, no update checks, no proxy; every request it makes is the page's own.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync", "--no-proxy-server"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
DESKTOP = {"width": 1280, "height": 900}
NARROW = {"width": 320, "height": 640}      # WCAG 1.4.10 Reflow: 320 CSS pixels wide
MISSING_PATH = "gate-no-such-page/"          # where the 404 page is looked at, as GitHub Pages would serve it


@dataclass(frozen=True, order=True)
class Finding:
    """One problem: the page it is on, the rule it breaks, the element at fault and what is wrong."""

    page: str
    rule: str
    element: str
    message: str

    def __str__(self) -> str:
        return f"{self.page}: [{self.rule}] {self.element}: {self.message}"


@dataclass(frozen=True)
class Page:
    """An HTML file of the site: its name in reports, the URL path it is served at, and the status expected."""

    name: str
    path: str
    file: Path
    status: int = 200


def site_pages(dist: Path, base_path: str) -> list[Page]:
    """Every HTML file under dist as a Page; 404.html is looked at where GitHub Pages serves it, a missing path."""
    base = base_path.rstrip("/")
    pages = []
    for file in sorted(dist.rglob("*.html")):
        relative = file.relative_to(dist).as_posix()
        if relative == "404.html":
            pages.append(Page(f"{base}/404.html", f"{base}/{MISSING_PATH}", file, 404))
        elif relative == "index.html" or relative.endswith("/index.html"):
            path = f"{base}/{relative.removesuffix('index.html')}"
            pages.append(Page(path, path, file))
        else:
            pages.append(Page(f"{base}/{relative}", f"{base}/{relative}", file))
    return pages


def clip(text: str, length: int = 160) -> str:
    """One line of at most length characters, for naming an element or quoting a message."""
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"


# --- The Nu HTML Checker ------------------------------------------------------------------------------

def start_html_check(pages: list[Page]) -> subprocess.Popen | None:
    """Start the W3C Nu HTML Checker on every page's file, one Java run for all, in the background."""
    if not pages:
        return None
    java = shutil.which("java")
    if java is None or not VNU_JAR.is_file():
        raise RuntimeError("the Nu HTML Checker needs Java (Debian: default-jre-headless) and npm's vnu-jar (npm ci)")
    command = [java, "-jar", str(VNU_JAR), "--errors-only", "--exit-zero-always", "--format", "json", "--stdout",
               *(str(page.file) for page in pages)]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish_html_check(process: subprocess.Popen | None, pages: list[Page]) -> list[Finding]:
    """Every error the Nu HTML Checker found, each naming the page, the line and the markup."""
    if process is None:
        return []
    stdout, stderr = process.communicate(timeout=600)
    try:
        messages = json.loads(stdout)["messages"]
    except (ValueError, KeyError) as exc:
        raise RuntimeError(f"the Nu HTML Checker gave no report: {stderr.strip() or stdout[:500]}") from exc
    by_file = {page.file.resolve(): page for page in pages}
    findings = []
    for message in messages:
        url = message.get("url", "")
        page = by_file.get(Path(unquote(urlsplit(url).path)).resolve()) if url.startswith("file:") else None
        where = f"line {message.get('lastLine', '?')}:{message.get('firstColumn', message.get('lastColumn', '?'))}"
        extract = clip(message.get("extract", ""), 120)
        findings.append(Finding(page.name if page else (url or "?"), "html-validity", f"{where} {extract}".strip(),
                                clip(message.get("message", ""), 300)))
    return findings


# --- The browser checks ------------------------------------------------------------------------------

# Listens for Content Security Policy violations from the first moment of every page.
CSP_LISTENER = """
window.__gateCsp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__gateCsp.push({directive: e.effectiveDirective, blocked: e.blockedURI || 'inline', source: e.sourceFile || '', line: e.lineNumber || 0, sample: e.sample || ''});
});
"""

# A short name for an element: its opening tag (attributes clipped) and the start of its text.
DESCRIBE = """
const describe = (el) => {
  if (!el || el === document) return 'document';
  if (el === document.body) return '<body>';
  const tag = el.outerHTML.slice(0, el.outerHTML.indexOf('>') + 1).replace(/\\s+/g, ' ');
  const text = (el.innerText || el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 50);
  return (tag.length > 130 ? tag.slice(0, 129) + '…>' : tag) + (text ? ' "' + text + '"' : '');
};
"""

# Every URL the page refers to, by the kind of thing that uses it, and every id a #fragment can land on.
COLLECT_REFERENCES = "() => {" + DESCRIBE + """
  const refs = [];
  const add = (kind, el, url) => { if (url) refs.push({kind, url, element: describe(el)}); };
  const absolute = (value) => new URL(value, document.baseURI).href;
  for (const el of document.querySelectorAll('a[href], area[href]')) add('link', el, el.href);
  for (const el of document.querySelectorAll('link[href]')) {
    const rel = (el.getAttribute('rel') || '').toLowerCase();
    add(rel.split(/\\s+/).includes('stylesheet') ? 'stylesheet' : (rel === 'canonical' || rel === 'alternate' ? 'link' : 'resource'), el, el.href);
  }
  for (const el of document.querySelectorAll('script[src]')) add('script', el, el.src);
  for (const el of document.querySelectorAll('img[src], input[type=image][src]')) add('image', el, el.src);
  for (const el of document.querySelectorAll('img[srcset], source[srcset]')) {
    for (const part of el.getAttribute('srcset').split(',')) { const url = part.trim().split(/\\s+/)[0]; if (url) add('image', el, absolute(url)); }
  }
  for (const el of document.querySelectorAll('iframe[src], embed[src], video[src], audio[src], source[src], track[src]')) add('resource', el, el.src);
  for (const el of document.querySelectorAll('object[data]')) add('resource', el, absolute(el.getAttribute('data')));
  for (const el of document.querySelectorAll('video[poster]')) add('image', el, absolute(el.getAttribute('poster')));
  for (const el of document.querySelectorAll('form[action]')) add('link', el, absolute(el.getAttribute('action')));
  for (const el of document.querySelectorAll('meta[property="og:image"], meta[name="twitter:image"]')) add('image', el, absolute(el.content));
  for (const el of document.querySelectorAll('meta[property="og:url"]')) add('link', el, absolute(el.content));
  const ids = [...document.querySelectorAll('[id]')].map((el) => el.id)
    .concat([...document.querySelectorAll('a[name]')].map((el) => el.name));
  // GOV.UK Frontend's Accordion remembers open sections in sessionStorage unless told not to.
  const remembering = [...document.querySelectorAll('[data-module~="govuk-accordion"]')]
    .filter((el) => el.getAttribute('data-remember-expanded') !== 'false').map(describe);
  return {refs, ids, remembering};
}"""

# Where keyboard focus is now.
ACTIVE_ELEMENT = "() => {" + DESCRIBE + """
  const el = document.activeElement;
  return {element: describe(el), tag: el ? el.tagName.toLowerCase() : '', id: el ? el.id : '',
          skipLink: !!(el && el.matches && el.matches('a.govuk-skip-link')), href: el && el.getAttribute ? (el.getAttribute('href') || '') : ''};
}"""

# Does the page scroll sideways? If so, the outermost elements that stick out past the viewport's right
# edge; an element inside its own scrolling box (such as a table wrapper with overflow-x: auto) does not.
OVERFLOW = "() => {" + DESCRIBE + """
  const root = document.documentElement;
  const width = root.clientWidth;
  const result = {width, scrollWidth: root.scrollWidth, offenders: []};
  if (root.scrollWidth <= width) return result;
  const inScroller = (el) => {
    for (let a = el.parentElement; a && a !== document.body && a !== root; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== 'visible') return true;
    }
    return false;
  };
  const found = new Set();
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 0.5 || inScroller(el)) continue;
    let inside = false;
    for (let a = el.parentElement; a; a = a.parentElement) if (found.has(a)) { inside = true; break; }
    if (inside) continue;
    found.add(el);
    result.offenders.push({element: describe(el), right: Math.round(box.right)});
  }
  return result;
}"""

AXE_RUN = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return results.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => ({target: n.target.join(' '), html: n.html}))}));
}"""

MAIN_TEXT = "() => { const main = document.querySelector('main'); return main ? main.innerText : null; }"

STORAGE = """() => ({cookie: document.cookie, local: Object.keys(localStorage), session: Object.keys(sessionStorage)})"""


@dataclass
class PageRecord:
    """What the browser saw of one page while the gate looked at it."""

    page: Page
    refs: list[dict] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    failed_responses: dict[str, int] = field(default_factory=dict)


class BrowserGate:
    """One Chromium for every page: a JavaScript-on context and a JavaScript-off one, traffic kept on the site's host."""

    def __init__(self, origin: str):
        self.origin = origin.rstrip("/")
        self.findings: list[Finding] = []
        self.current: PageRecord | None = None

    def __enter__(self) -> "BrowserGate":
        from playwright.sync_api import sync_playwright

        if not CHROMIUM.exists():
            raise RuntimeError("the gate needs Debian's chromium package at /usr/bin/chromium")
        self._playwright = sync_playwright().start()
        try:
            self.browser = self._playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            self.js_on = self._context(javascript=True)
            self.js_off = self._context(javascript=False)
            self.page = self.js_on.new_page()
            self.page_no_js = self.js_off.new_page()
        except BaseException:
            self._playwright.stop()
            raise
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self._add("javascript-error", "page script", clip(str(error), 300)))
        self.page.on("response", self._response)
        self.axe_source = AXE_JS.read_text(encoding="utf-8")
        return self

    def __exit__(self, *exc) -> None:
        try:
            self.browser.close()
        finally:
            self._playwright.stop()

    def _context(self, javascript: bool):
        context = self.browser.new_context(viewport=DESKTOP, java_script_enabled=javascript, service_workers="block")
        context.add_init_script(CSP_LISTENER)
        context.route("**/*", self._route)
        return context

    # Traffic: anything not for the site's own host is stopped here and reported, so nothing leaves the machine.
    def _route(self, route) -> None:
        url = route.request.url
        if self._is_internal(url) or url.startswith(("data:", "blob:")):
            route.continue_()
            return
        if self.current:
            self._add("external-request", clip(url, 200), f"the page asked for a {route.request.resource_type} from another host")
        route.abort("blockedbyclient")

    def _console(self, message) -> None:
        if message.type != "error":
            return
        text = message.text
        if "Content Security Policy" in text or "Failed to load resource" in text:
            return  # reported with more detail as csp-violation and broken-resource
        where = message.location.get("url", "") if message.location else ""
        self._add("console-error", clip(where or "console", 200), clip(text, 300))

    def _response(self, response) -> None:
        if self.current and response.status >= 400 and not response.request.is_navigation_request():
            self.current.failed_responses[urldefrag(response.url).url] = response.status

    def _is_internal(self, url: str) -> bool:
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}" == self.origin

    def _add(self, rule: str, element: str, message: str, page: Page | None = None) -> None:
        page = page or (self.current.page if self.current else None)
        self.findings.append(Finding(page.name if page else "?", rule, element, message))

    # --- one page ------------------------------------------------------------------------------

    def check_page(self, page: Page) -> PageRecord:
        """Every browser check of one page; findings gather in self.findings."""
        record = self.current = PageRecord(page)
        url = self.origin + page.path
        response = self.page.goto(url, wait_until="load")
        if response is None or response.status != page.status:
            self._add("page-status", url, f"expected HTTP {page.status}, got {response.status if response else 'nothing'}")
        self.page.evaluate(self.axe_source)
        self._axe("at 1280px wide")
        collected = self.page.evaluate(COLLECT_REFERENCES)
        record.refs = collected["refs"]
        for accordion in collected["remembering"]:
            self._add("storage", accordion, "this Accordion stores which sections are open in sessionStorage, "
                      "but the cookies page says nothing is stored: set rememberExpanded to false")
        text_with_js = self.page.evaluate(MAIN_TEXT)
        self._skip_link()
        self.page.set_viewport_size(NARROW)
        self._open_menu()
        self._reflow()
        self._axe("at 320px wide, menu open")
        self.page.set_viewport_size(DESKTOP)
        self._csp_and_storage()
        record.ids = self._without_javascript(page, url, text_with_js)
        self.current = None
        return record

    def _axe(self, when: str) -> None:
        seen = {(f.rule, f.element) for f in self.findings if f.page == self.current.page.name}
        for violation in self.page.evaluate(AXE_RUN, AXE_TAGS):
            for node in violation["nodes"]:
                element = f"{node['target']} {clip(node['html'], 120)}"
                if (f"axe:{violation['id']}", element) not in seen:
                    self._add(f"axe:{violation['id']}", element, f"{violation['help']} ({violation['impact']}, {when})")

    def _skip_link(self) -> None:
        self.page.keyboard.press("Tab")
        first = self.page.evaluate(ACTIVE_ELEMENT)
        if not first["skipLink"] or first["href"] != "#main-content":
            self._add("skip-link", first["element"], "the first Tab should focus the skip link to #main-content")
            return
        self.page.keyboard.press("Enter")
        landed = self.page.evaluate(ACTIVE_ELEMENT)
        if landed["tag"] != "main" or landed["id"] != "main-content":
            self._add("skip-link", landed["element"], 'activating the skip link should move focus to <main id="main-content">')

    def _open_menu(self) -> None:
        """On a narrow screen, open the service navigation's menu so its links are judged too."""
        toggle = self.page.locator(".govuk-js-service-navigation-toggle:visible")
        if toggle.count():
            toggle.first.click()
            if toggle.first.get_attribute("aria-expanded") != "true":
                self._add("menu", "<button> Menu", "the menu button did not open the navigation")

    def _reflow(self, page=None, when: str = "") -> None:
        overflow = (page or self.page).evaluate(OVERFLOW)
        if overflow["scrollWidth"] <= overflow["width"]:
            return
        offenders = overflow["offenders"] or [{"element": "<html>", "right": overflow["scrollWidth"]}]
        for offender in offenders:
            self._add("reflow", offender["element"],
                      f"the page scrolls sideways at 320px wide{when}: this reaches {offender['right']}px")

    def _csp_and_storage(self) -> None:
        for violation in self.page.evaluate("() => window.__gateCsp || []"):
            self._add("csp-violation", clip(violation["blocked"], 200),
                      f"blocked by the Content Security Policy's {violation['directive']}"
                      + (f" ({violation['source']} line {violation['line']})" if violation["source"] else ""))
        stored = self.page.evaluate(STORAGE)
        for kind, what in (("cookie", stored["cookie"]), ("localStorage", stored["local"]), ("sessionStorage", stored["session"])):
            if what:
                self._add("storage", kind, f"the page stored {clip(str(what), 200)} on the device; the cookies page says nothing is stored")
        if any(stored.values()):
            self.js_on.clear_cookies()
            self.page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")

    def _without_javascript(self, page: Page, url: str, text_with_js: str | None) -> set[str]:
        """Check the main content is all there with JavaScript off; return the ids in the page as served."""
        self.page_no_js.goto(url, wait_until="load")
        text_without_js = self.page_no_js.evaluate(MAIN_TEXT)
        if text_with_js is None:
            self._add("main-landmark", "<main>", "the page has no <main> element")
        else:
            missing = [line for line in _lines(text_with_js) if line not in set(_lines(text_without_js or ""))]
            if missing:
                self._add("no-javascript", "<main>", f"with JavaScript off the page does not show: {clip(' | '.join(missing), 240)}")
        for violation in self.page_no_js.evaluate("() => window.__gateCsp || []"):
            self._add("csp-violation", clip(violation["blocked"], 200), f"blocked by the Content Security Policy's {violation['directive']} (JavaScript off)")
        ids = set(self.page_no_js.evaluate(COLLECT_REFERENCES)["ids"])
        # Without JavaScript the service navigation shows every link at once: it must still fit.
        self.page_no_js.set_viewport_size(NARROW)
        if not any(f.rule == "reflow" and f.page == page.name for f in self.findings):
            self._reflow(self.page_no_js, " with JavaScript off")
        self.page_no_js.set_viewport_size(DESKTOP)
        return ids


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


# --- Links, images, stylesheets, scripts and fragments --------------------------------------------------

RESOURCE_KINDS = {"stylesheet", "script", "image", "resource"}


# Straight to the local server, whatever proxy the environment names.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def fetch(url: str) -> tuple[int, str, bytes]:
    """HTTP status, final URL (after redirects) and body of a GET to the local server."""
    try:
        with _OPENER.open(url, timeout=30) as response:
            return response.status, response.url, response.read()
    except urllib.error.HTTPError as error:
        return error.code, url, b""


class _IdParser(HTMLParser):
    """The ids (and <a name>s) in an HTML document: where a #fragment can land."""

    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in ("id",) + (("name",) if tag == "a" else ()):
            if attributes.get(name):
                self.ids.add(attributes[name])


def ids_in(html: bytes) -> set[str]:
    parser = _IdParser()
    parser.feed(html.decode("utf-8", "replace"))
    return parser.ids


class _Resolver:
    """What each internal URL answers (fetched once) and the ids on each page, for check_references."""

    def __init__(self, records: list[PageRecord], origin: str):
        self.origin = origin
        self.ids_at = {origin + record.page.path: record.ids for record in records if record.page.status == 200}
        self.statuses: dict[str, tuple[int, str]] = {}

    def status(self, url: str) -> tuple[int, str]:
        if url not in self.statuses:
            status, final, body = fetch(url)
            final = urldefrag(final).url
            self.statuses[url] = (status, final)
            if status == 200 and final not in self.ids_at and b"<html" in body[:1000].lower():
                self.ids_at[final] = ids_in(body)      # a page the browser did not visit this run
        return self.statuses[url]


def _reference_finding(record: PageRecord, ref: dict, resolver: _Resolver, reported: set) -> Finding | None:
    """What is wrong with one reference of a page, if anything."""
    url, fragment = urldefrag(ref["url"])
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return None  # mailto:, tel: and the like
    if f"{parts.scheme}://{parts.netloc}" != resolver.origin:
        if ref["kind"] in RESOURCE_KINDS:
            return Finding(record.page.name, "external-resource", ref["element"], f"loads {clip(ref['url'], 200)} from another host")
        return None
    wanted = fragment and fragment.lower() != "top"
    if url == resolver.origin + record.page.path:
        if wanted and fragment not in record.ids:
            return Finding(record.page.name, "broken-fragment", ref["element"], f"no element on this page has id \"{fragment}\"")
        return None
    status, final = resolver.status(url)
    if status != 200:
        reported.add(url)
        rule = "broken-link" if ref["kind"] == "link" else "broken-resource"
        return Finding(record.page.name, rule, ref["element"], f"{parts.path} answers HTTP {status}")
    if wanted and fragment not in (resolver.ids_at.get(final) or ()):
        return Finding(record.page.name, "broken-fragment", ref["element"], f"no element has id \"{fragment}\" at {urlsplit(final).path}")
    return None


def check_references(records: list[PageRecord], origin: str) -> list[Finding]:
    """Every internal URL the pages refer to must resolve, every #fragment must land, nothing may load from elsewhere."""
    resolver = _Resolver(records, origin.rstrip("/"))
    findings = []
    for record in records:
        reported: set[str] = set()
        findings += [f for ref in record.refs if (f := _reference_finding(record, ref, resolver, reported))]
        for url, status in sorted(record.failed_responses.items()):
            if url not in reported:
                findings.append(Finding(record.page.name, "broken-resource", clip(url, 200), f"the browser's request answered HTTP {status}"))
    return findings


# --- The whole gate ------------------------------------------------------------------------------------

def run_gate(dist: Path, origin: str, base_path: str, only: list[str] | None = None) -> list[Finding]:
    """Judge the site in dist, served at origin + base_path; only, if given, limits the pages by name."""
    pages = site_pages(dist, base_path)
    if only is not None:
        pages = [page for page in pages if page.name in only]
    html_check = start_html_check(pages)     # Java works while the browser does
    try:
        records = []
        with BrowserGate(origin) as gate:
            for page in pages:
                records.append(gate.check_page(page))
            findings = gate.findings
        findings += check_references(records, origin)
    except BaseException:
        if html_check:
            html_check.kill()
            html_check.wait()
        raise
    findings += finish_html_check(html_check, pages)
    return sorted(set(findings))


def format_findings(findings: list[Finding]) -> str:
    """The findings, one a line, with a count."""
    lines = [str(finding) for finding in findings]
    return f"{len(findings)} problem{'s' if len(findings) != 1 else ''} found:\n" + "\n".join(lines)


def main(argv: list[str]) -> int:
    """Build nothing: serve an already built folder on 127.0.0.1 and judge it."""
    import argparse
    import time

    sys.path.insert(0, str(ROOT))
    import pages_server

    parser = argparse.ArgumentParser(description="Run the quality gate over a built site folder.")
    parser.add_argument("dist", type=Path, nargs="?", default=ROOT / "dist")
    parser.add_argument("--base-path", default="/strategy", help="the sub-path the site was built for")
    parser.add_argument("--port", type=int, default=0, help="the port the site was built for (its base URL's port)")
    args = parser.parse_args(argv)
    server = pages_server.start(args.dist, args.base_path, port=args.port)
    try:
        started = time.perf_counter()
        origin = f"http://127.0.0.1:{server.server_address[1]}"
        findings = run_gate(args.dist, origin, args.base_path)
        print(format_findings(findings) if findings else "No problems found.")
        print(f"Gate took {time.perf_counter() - started:.1f} s.")
    finally:
        server.shutdown()
        server.server_close()
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
