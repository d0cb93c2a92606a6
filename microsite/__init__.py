"""The strategy microsite generator: content/ (YAML + Markdown) in, dist/ (plain HTML) out."""
