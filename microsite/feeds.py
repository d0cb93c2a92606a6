"""Files for search engines and feed readers: sitemap.xml, robots.txt and an Atom feed.

All their URLs are absolute. They are made from content dates only (never the time of the build), so
the same content gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape, quoteattr

from .model import Site
from .provenance import dates_index
from .render.plan import plan_pages

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
FEED_PATH = "feed.xml"
# Feed readers want what is new: the newest 50 entries, as most sites' feeds give (the sitemap lists
# every page).
FEED_ENTRIES = 50
# Atom needs a feed-level date; with no dated content at all this fixed one keeps the output
# reproducible.
EPOCH = dt.date(1970, 1, 1)


def site_files(site: Site, specs=None) -> dict[str, bytes]:
    """sitemap.xml, robots.txt and feed.xml in memory (``specs``: the page plan, if made).

    ``feed: false`` in site.yaml leaves the feed out (and base.html its link).
    """
    files = {"sitemap.xml": sitemap(site, specs), "robots.txt": robots(site)}
    if site.config.feed:
        files[FEED_PATH] = atom_feed(site)
    return files


XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'


def _element(tag: str, text: str, indent: str) -> str:
    """One element with escaped text, on its own line.

    The files are built as text: at thousands of entries that is many times faster than building an
    ElementTree, which matters in the preview.
    """
    return f"{indent}<{tag}>{escape(text)}</{tag}>\n"


def sitemap(site: Site, specs=None) -> bytes:
    """Every page's absolute URL (not the 404 page's), with the date it last changed if known."""
    lines = [XML_DECLARATION, f'<urlset xmlns="{SITEMAP}">\n']
    for spec in plan_pages(site) if specs is None else specs:
        if (canonical := spec.context["canonical"]) is not None:
            lines.append(_url_element(canonical, spec.context["page_meta"].updated))
    lines.append("</urlset>\n")
    return "".join(lines).encode("utf-8")


def _url_element(canonical: str, updated: dt.date | None) -> str:
    """One page's <url> element."""
    lastmod = _element("lastmod", updated.isoformat(), "    ") if updated is not None else ""
    return "  <url>\n" + _element("loc", canonical, "    ") + lastmod + "  </url>\n"


def robots(site: Site) -> bytes:
    """Let every crawler in and say where the sitemap is (robots.txt is read at a domain's root)."""
    return (f"User-agent: *\nAllow: /\n\nSitemap: {site.config.base_url}sitemap.xml\n"
            .encode("utf-8"))


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def feed_entries(site: Site) -> list[tuple[str, object, dt.date, dt.date]]:
    """(kind, entry, published, updated) for every case study and news post, newest first."""
    sections = site.config.sections
    items = ([(sections.case_studies.singular, c) for c in site.case_studies]
             + [(sections.news.singular, n) for n in site.news])
    rows, dates = [], dates_index(site)
    for kind, entry in items:
        changed = dates.of(entry.path)
        rows.append((kind, entry, entry.date, max(entry.date, changed) if changed else entry.date))
    rows.sort(key=lambda row: (row[2], row[1].url), reverse=True)
    return rows


def atom_feed(site: Site) -> bytes:
    """An Atom feed of the newest case studies and news posts, newest first."""
    config = site.config
    rows = feed_entries(site)
    newest = max((row[3] for row in rows), default=EPOCH)  # the feed changed when any entry did
    lines = _feed_head(config, newest)
    for kind, entry, published, updated in rows[:FEED_ENTRIES]:
        lines += _feed_entry(config.base_url + entry.url, kind, entry, published, updated)
    lines.append("</feed>\n")
    return "".join(lines).encode("utf-8")


def _feed_head(config, newest: dt.date) -> list[str]:
    """The feed's opening lines: what and where it is, when it changed, who publishes it."""
    self_url = quoteattr(config.base_url + FEED_PATH)
    return [
        XML_DECLARATION,
        f'<feed xmlns="{ATOM}" xml:lang={quoteattr(config.language)}>\n',
        _element("title", config.name, "  "),
        _element("subtitle", config.description, "  "),
        f'  <link rel="self" type="application/atom+xml" href={self_url} />\n',
        f'  <link rel="alternate" type="text/html" href={quoteattr(config.base_url)} />\n',
        _element("id", config.base_url, "  "),
        _element("updated", _timestamp(newest), "  "),
        "  <author>\n" + _element("name", config.organisation, "    ") + "  </author>\n",
    ]


def _feed_entry(url: str, kind: str, entry, published: dt.date, updated: dt.date) -> list[str]:
    """One <entry> of the feed, for the case study or news post at ``url``."""
    return [
        "  <entry>\n",
        _element("title", entry.title, "    "),
        f'    <link rel="alternate" type="text/html" href={quoteattr(url)} />\n',
        _element("id", url, "    "),
        _element("published", _timestamp(published), "    "),
        _element("updated", _timestamp(updated), "    "),
        f"    <category term={quoteattr(kind)} />\n",
        _element("summary", entry.summary, "    "),
        "  </entry>\n",
    ]
