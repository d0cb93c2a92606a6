"""The engine version a site asks for in site.yaml ('engine'), checked against the installed engine."""

from __future__ import annotations

import pytest

from microsite import __version__
from microsite.config import engine_problem
from microsite.errors import BuildFailed
from microsite.pipeline import build_site


def test_a_matching_range_is_accepted():
    assert engine_problem(">=0.2,<0.3", "0.2.0") is None
    assert engine_problem("==0.2.*", "0.2.7") is None


def test_a_mismatch_names_both_versions():
    assert engine_problem(">=0.3,<0.4", "0.2.0") == (
        "this site needs engine version '>=0.3,<0.4', but the installed engine is 0.2.0: install a matching "
        "version (pip install 'strategy-microsite>=0.3,<0.4') or change 'engine'")


def test_a_range_that_is_not_one_is_explained():
    assert engine_problem("version 2", "0.2.0") == (
        "'engine' is 'version 2', which is not a version range: write one like '>=0.2,<0.3' or '==0.2.0'")


def test_a_site_that_needs_another_engine_does_not_build(tiny):
    site = tiny.root / "content" / "site.yaml"
    text = site.read_text(encoding="utf-8")
    site.write_text(text + 'engine: ">=99.0"\n', encoding="utf-8")
    line = text.count("\n") + 1
    with pytest.raises(BuildFailed) as failed:
        build_site(tiny)
    assert [str(e) for e in failed.value.errors] == [
        f"content/site.yaml:{line}: this site needs engine version '>=99.0', but the installed engine is "
        f"{__version__}: install a matching version (pip install 'strategy-microsite>=99.0') or change 'engine'"]
    assert not tiny.dist.exists()
