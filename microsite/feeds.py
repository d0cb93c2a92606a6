"""Files for search engines and feed readers: sitemap.xml, robots.txt and an Atom feed, all with absolute URLs.

They are made from content dates only (never the time of the build), so the same content gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from .model import Site
from .provenance import page_meta
from .render import plan_pages

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
FEED_PATH = "feed.xml"
# Atom needs a feed-level date; with no dated content at all this fixed one keeps the output reproducible.
EPOCH = dt.date(1970, 1, 1)


def site_files(site: Site) -> dict[str, bytes]:
    """sitemap.xml, robots.txt and feed.xml for this site, in memory."""
    return {"sitemap.xml": sitemap(site), "robots.txt": robots(site), FEED_PATH: atom_feed(site)}


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8", xml_declaration=False) + b"\n"


def sitemap(site: Site) -> bytes:
    """Every page's absolute URL, with the date it last changed when that is known (the 404 page is left out)."""
    root = ET.Element("urlset", xmlns=SITEMAP)
    for spec in plan_pages(site):
        if spec.context["canonical"] is None:
            continue
        url = ET.SubElement(root, "url")
        ET.SubElement(url, "loc").text = spec.context["canonical"]
        if (updated := spec.context["page_meta"].updated) is not None:
            ET.SubElement(url, "lastmod").text = updated.isoformat()
    return _xml(root)


def robots(site: Site) -> bytes:
    """Let every crawler in, and tell it where the sitemap is (crawlers only read robots.txt at a domain's root)."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {site.config.base_url}sitemap.xml\n".encode("utf-8")


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def feed_entries(site: Site) -> list[tuple[str, object, dt.date, dt.date]]:
    """(kind, entry, published, updated) for every case study and news post, newest first."""
    items = [("Case study", c) for c in site.case_studies] + [("News", n) for n in site.news]
    rows = []
    for kind, entry in items:
        changed = page_meta(site, entry.path).updated
        rows.append((kind, entry, entry.date, max(entry.date, changed) if changed else entry.date))
    return sorted(rows, key=lambda row: (row[2], row[1].url), reverse=True)


def atom_feed(site: Site) -> bytes:
    """An Atom feed of the case studies and news posts, newest first."""
    config = site.config
    rows = feed_entries(site)
    root = ET.Element("feed", {"xmlns": ATOM, "xml:lang": config.language})
    ET.SubElement(root, "title").text = config.name
    ET.SubElement(root, "subtitle").text = config.description
    ET.SubElement(root, "link", rel="self", type="application/atom+xml", href=config.base_url + FEED_PATH)
    ET.SubElement(root, "link", rel="alternate", type="text/html", href=config.base_url)
    ET.SubElement(root, "id").text = config.base_url
    ET.SubElement(root, "updated").text = _timestamp(max((row[3] for row in rows), default=EPOCH))
    ET.SubElement(ET.SubElement(root, "author"), "name").text = config.organisation
    for kind, entry, published, updated in rows:
        item = ET.SubElement(root, "entry")
        ET.SubElement(item, "title").text = entry.title
        ET.SubElement(item, "link", rel="alternate", type="text/html", href=config.base_url + entry.url)
        ET.SubElement(item, "id").text = config.base_url + entry.url
        ET.SubElement(item, "published").text = _timestamp(published)
        ET.SubElement(item, "updated").text = _timestamp(updated)
        ET.SubElement(item, "category", term=kind)
        ET.SubElement(item, "summary").text = entry.summary
    return _xml(root)
