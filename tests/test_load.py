"""Load stage: YAML with line numbers, front matter, encodings, and every syntax problem named by line."""

import os

from microsite.load import load_sources, parse_yaml, split_front_matter


def messages(errors):
    return [str(e) for e in errors]


def test_keys_remember_their_lines():
    data, errors = parse_yaml("title: A\nitems:\n  - one\n  - two\n", "x.yaml")
    assert errors == []
    assert data.lines == {"title": 1, "items": 2}
    assert data["items"].lines == [3, 4]


def test_dates_stay_text_for_the_model_to_check():
    data, _ = parse_yaml("date: 2026-02-30\n", "x.yaml")
    assert data["date"] == "2026-02-30"


def test_duplicate_key_is_an_error():
    _, errors = parse_yaml("title: A\nsummary: B\ntitle: C\n", "content/x.yaml")
    assert messages(errors) == ["content/x.yaml:3: duplicate key 'title' (first on line 1); YAML keeps only one of them, so remove or rename the other"]


def test_unclosed_quote_names_the_line_it_starts():
    _, errors = parse_yaml('title: "Open\nsummary: B\n', "content/x.yaml")
    assert messages(errors) == ["content/x.yaml:1: YAML syntax error: the quoted value that starts on line 1 is never closed"]


def test_tab_indentation():
    _, errors = parse_yaml("items:\n\t- one\n", "content/x.yaml")
    assert messages(errors) == ["content/x.yaml:2: YAML syntax error: a tab character is used for indentation; indent with spaces"]


def test_bad_indentation():
    _, errors = parse_yaml("title: A\n  summary: B\n", "content/x.yaml")
    assert messages(errors) == ["content/x.yaml:2: YAML syntax error: a ':' is not allowed here: is the line indented too far, or does a value with ': ' in it need quotes?"]


def test_aliases_are_refused():
    _, errors = parse_yaml("a: &x [1, 2]\nb: *x\n", "content/x.yaml")
    assert messages(errors) == ["content/x.yaml:1: YAML anchors and aliases (&name, *name) are not allowed in content: the value on line 1 is reused; write it out in full"]


def test_billion_laughs_is_refused_quickly():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8)
    )
    data, errors = parse_yaml(bomb, "content/x.yaml")
    assert errors and all("anchors and aliases" in e.message for e in errors)


def test_deep_nesting_is_refused():
    _, errors = parse_yaml("a: " + "[" * 200 + "]" * 200 + "\n", "content/x.yaml")
    assert messages(errors) == ["content/x.yaml:1: data is nested more than 50 levels deep"]


def test_front_matter_is_split_with_the_body_line():
    yaml_text, body, line, errors = split_front_matter("---\ntitle: A\n---\n## Body\n", "x.md")
    assert (yaml_text, body, line, errors) == ("title: A", "## Body\n", 4, [])


def test_front_matter_that_never_closes():
    *_, errors = split_front_matter("---\ntitle: A\n## Body\n", "content/pages/x.md")
    assert messages(errors) == ["content/pages/x.md:1: the front matter starting on line 1 never closes: add a line '---' after the last field"]


def test_missing_front_matter():
    *_, errors = split_front_matter("## Body only\n", "content/pages/x.md")
    assert messages(errors) == ["content/pages/x.md:1: the file must start with front matter: a line '---', the fields, then another '---'"]


def test_byte_order_mark_and_crlf_are_accepted(tiny):
    page = tiny.root / "content/pages/about.md"
    page.write_bytes(b"\xef\xbb\xbf" + page.read_bytes().replace(b"\n", b"\r\n"))
    sources = load_sources(tiny.root)
    assert sources.errors == ()
    about = next(d for d in sources.documents if d.path == "content/pages/about.md")
    assert about.data["title"] == "About this site" and "\r" not in about.body


def test_invalid_utf8_names_the_line(tiny):
    (tiny.root / "content/pages/about.md").write_bytes(b"---\nid: about\ntitle: Caf\xe9\n---\n")
    assert messages(load_sources(tiny.root).errors) == [
        "content/pages/about.md:3: the file is not valid UTF-8 text (byte 0xe9 cannot be read); save it as UTF-8"
    ]


def test_empty_file(tiny):
    (tiny.root / "content/objectives/small.yaml").write_text("", encoding="utf-8")
    assert messages(load_sources(tiny.root).errors) == ["content/objectives/small.yaml:1: the file has no fields: it is empty"]


def test_yaml_syntax_error_in_front_matter_has_the_file_line(tiny):
    (tiny.root / "content/pages/about.md").write_text('---\nid: about\ntitle: "Open\n---\nBody\n', encoding="utf-8")
    errors = messages(load_sources(tiny.root).errors)
    assert errors == ["content/pages/about.md:3: YAML syntax error: the quoted value that starts on line 3 is never closed"]


def test_missing_site_settings(tiny):
    (tiny.root / "content/site.yaml").unlink()
    assert messages(load_sources(tiny.root).errors) == ["content/site.yaml:1: this file is missing"]


def test_wrong_file_type_in_a_section(tiny):
    (tiny.root / "content/principles/notes.txt").write_text("hello", encoding="utf-8")
    assert messages(load_sources(tiny.root).errors) == ["content/principles/notes.txt:1: unexpected file in content/principles/: files here must end in '.md'"]


def test_editor_backup_and_hidden_files_are_ignored(tiny):
    (tiny.root / "content/principles/.be-small.md.swp").write_text("x", encoding="utf-8")
    (tiny.root / "content/principles/be-small.md~").write_text("x", encoding="utf-8")
    assert load_sources(tiny.root).errors == ()


def test_symlink_outside_content_is_refused(tiny, tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text("---\nid: secret\ntitle: S\nsummary: S\n---\n", encoding="utf-8")
    os.symlink(secret, tiny.root / "content/pages/secret.md")
    assert messages(load_sources(tiny.root).errors) == [
        "content/pages/secret.md:1: this is a link to a file outside content/; content files must live inside content/"
    ]


def test_very_large_file_is_refused(tiny):
    (tiny.root / "content/pages/about.md").write_text("---\nid: about\n---\n" + "x" * (3 * 1024 * 1024), encoding="utf-8")
    assert messages(load_sources(tiny.root).errors) == ["content/pages/about.md:1: the file is 3.0 MB; content files must be under 2 MB"]
