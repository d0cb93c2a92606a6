"""The GitHub-Pages-like server used by tests and the gate: base path, folders, 404.html, no escape."""

import http.client

import pytest
from pages_server import resolve, start


@pytest.fixture
def site(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text("home", encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text("page a", encoding="utf-8")
    (tmp_path / "404.html").write_text("not found page", encoding="utf-8")
    (tmp_path.parent / "secret.txt").write_text("secret", encoding="utf-8")
    server = start(tmp_path, "/strategy")
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def get(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    connection.request("GET", path)
    response = connection.getresponse()
    return response.status, response.getheader("Location"), response.read().decode()


def test_pages_under_the_base_path(site):
    assert get(site, "/strategy/") == (200, None, "home")
    assert get(site, "/strategy/a/") == (200, None, "page a")


def test_folder_without_slash_redirects(site):
    assert get(site, "/strategy/a")[:2] == (301, "/strategy/a/")
    assert get(site, "/strategy")[:2] == (301, "/strategy/")


@pytest.mark.parametrize("path", ["/strategy/missing/", "/", "/a/", "/strategy/../secret.txt", "/strategy/%2e%2e/secret.txt",
                                  "/strategy/..%2fsecret.txt", "/strategy/%2e%2e%2fsecret.txt", "/strategy/a/%00"])
def test_missing_and_escaping_paths_get_the_404_page(site, path):
    assert get(site, path) == (404, None, "not found page")


def test_binds_to_loopback(tmp_path):
    server = start(tmp_path, "")
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.shutdown()
        server.server_close()


def test_resolve_never_leaves_the_folder(tmp_path):
    assert resolve(tmp_path, "", "/../../etc/passwd") == (None, None)
