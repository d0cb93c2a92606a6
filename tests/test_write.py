"""Write stage: a complete new dist/ swapped in whole; a failed build leaves the old one untouched."""

import pytest
from conftest import snapshot

from microsite.errors import BuildFailed
from microsite.pipeline import build_site
from microsite.write import check_output_paths, write_site


def test_swap_replaces_the_whole_folder(tmp_path):
    dist = tmp_path / "dist"
    write_site({"index.html": b"one", "old/index.html": b"old"}, dist)
    write_site({"index.html": b"two"}, dist)
    assert snapshot(dist) == {"index.html": b"two"}
    assert [p.name for p in tmp_path.iterdir()] == ["dist"]


@pytest.mark.parametrize("name", ["../escape.html", "/etc/passwd", "a/../../b", ".hidden", "a\\b"])
def test_paths_outside_dist_are_refused(tmp_path, name):
    assert check_output_paths({name: b""})
    with pytest.raises(BuildFailed):
        write_site({name: b"x"}, tmp_path / "dist")
    assert not (tmp_path / "dist").exists()


def test_failed_build_leaves_dist_byte_for_byte(tiny):
    build_site(tiny)
    before = snapshot(tiny.dist)
    (tiny.root / "content/objectives/small.yaml").write_text("id: small\norder: [\n", encoding="utf-8")
    with pytest.raises(BuildFailed):
        build_site(tiny)
    assert snapshot(tiny.dist) == before


def test_leftovers_of_a_killed_build_are_cleared(tmp_path):
    (tmp_path / ".dist.new-99999").mkdir()
    write_site({"index.html": b"x"}, tmp_path / "dist")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dist"]


def test_a_cancelled_write_leaves_dist_as_it_was_and_nothing_beside_it(tmp_path):
    dist = tmp_path / "dist"
    assert write_site({"index.html": b"one"}, dist) is True
    asked = []

    def cancelled():
        asked.append(1)
        return len(asked) > 1  # let the first few files be written, then cancel
    files = {f"page-{n}/index.html": b"new" for n in range(200)}
    assert write_site(files, dist, cancelled) is False
    assert snapshot(dist) == {"index.html": b"one"}
    assert [p.name for p in tmp_path.iterdir()] == ["dist"]
    assert write_site(files, dist, lambda: False) is True
    assert snapshot(dist) == files
