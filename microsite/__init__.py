"""The strategy microsite engine: a site's content/ (YAML + Markdown) in, dist/ (plain HTML) out."""

__version__ = "0.2.0"
