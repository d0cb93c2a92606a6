"""Every YAML syntax error content can meet, in plain English, the same from libyaml and from PyYAML's own parser.

Each case names the words the parsers use for it (libyaml's / PyYAML's, from yaml/scanner.py and yaml/parser.py):
what an editor saw before the message was made plain. Both loaders must give exactly the plain message.
"""

import pytest

from microsite.yaml_lines import LOADERS, parse_yaml
from microsite.yaml_messages import DIRECTIVE, ESCAPE, KEY, NESTED, TAB, UNCLOSED

S = "YAML syntax error: "
TAG = ("a value cannot start with '!' unless it is in quotes (YAML reads !name as a tag, and content holds only "
       "text, numbers, true/false, lists and mappings)")
NOT_ALLOWED = "the tag '{}' is not allowed: content holds only text, numbers, true/false, lists and mappings"
BLOCK = ("a value that starts with '|' or '>' is text written on the lines below it, so nothing else may follow on "
         "its line: move the text to the next line, indented, or put the whole value in quotes")
ANCHOR = "a value cannot start with '*' or '&' unless it is in quotes"
LIST = "the list that starts with '[' on line 1 is not closed with ']', or an item in it needs a comma or quotes"
BOTH = tuple(LOADERS)
LIBYAML = ("libyaml",)  # PyYAML's own parser reads these as YAML allows, so only libyaml objects

# (id, YAML, line, message without "YAML syntax error: ", loaders that must refuse it)
CASES = [
    # found a tab character that violates indentation / found character '\t' that cannot start any token
    ("tab-in-a-continued-value", "title: Building\n\tteams\n", 2, TAB, BOTH),
    # found character that cannot start any token (a tab) / the same
    ("tab-before-a-list-item", "items:\n\t- one\n", 2, TAB, BOTH),
    # found a tab character where an indentation space is expected / found character '\t' ...
    ("tab-in-block-text", "title: |\n  a\n\tb\n", 3, TAB, BOTH),
    # found character that cannot start any token / found character '@' that cannot start any token
    ("at-sign", "title: @home\n", 1, "a value cannot start with '@' unless it is in quotes", BOTH),
    ("backtick", "title: `code`\n", 1, "a value cannot start with '`' unless it is in quotes", BOTH),
    ("percent", "title: %x\n", 1, "a value cannot start with '%' unless it is in quotes", BOTH),
    # found unexpected end of stream
    ("unclosed-quote", 'title: "Open\n', 1, UNCLOSED.format(1), BOTH),
    # found unexpected document indicator / found unexpected document separator
    ("quote-crossed-by-dashes", 'title: "Open\n---\nb"\n', 1, UNCLOSED.format(1), BOTH),
    # found unknown escape character / found unknown escape character 'q'
    ("unknown-escape", 'title: "C:\\query"\n', 1, ESCAPE, BOTH),
    # did not find expected hexdecimal number / expected escape sequence of 8 hexadecimal numbers
    ("short-escape", 'title: "C:\\Users"\n', 1, ESCAPE, BOTH),
    # found invalid Unicode character escape code / chr() arg not in range(0x110000) (a ValueError)
    ("escape-out-of-range", 'title: "a\n\\U0011FFFF b"\n', 2, ESCAPE, BOTH),
    # did not find expected ',' or ']' / expected ',' or ']', but got '<stream end>'
    ("unclosed-list", "title: [a, b\nsummary: c\n", 1, LIST, BOTH),
    ("unclosed-mapping", "title: {a: b\n", 1,
     "the mapping that starts with '{' on line 1 is not closed with '}', or an item in it needs a comma or quotes",
     BOTH),
    # could not find expected ':'
    ("missing-colon", "title: a\nsummary\n", 2, "this line needs a ':' after its name, like 'name: value'", BOTH),
    # did not find expected <document start> / expected '<document start>', but found '<scalar>' (after a directive)
    ("directive", "%YAML 1.1\ntitle: a\n", 1, DIRECTIVE, BOTH),
    # found duplicate %YAML directive / found duplicate YAML directive
    ("directive-twice", "%YAML 1.1\n%YAML 1.1\n---\na: b\n", 2, DIRECTIVE, BOTH),
    # found incompatible YAML document / found incompatible YAML document (version 1.* is required)
    ("directive-version-two", "%YAML 2.0\n---\na: b\n", 1, DIRECTIVE, BOTH),
    # did not find expected version number / expected a digit, but found 'x'
    ("directive-no-version", "%YAML x\n---\na: b\n", 1, DIRECTIVE, BOTH),
    # did not find expected digit or '.' character / expected a digit or '.', but found 'a'
    ("directive-bad-version", "%YAML 1a1\n---\na: b\n", 1, DIRECTIVE, BOTH),
    # found extremely long version number / found incompatible YAML document
    ("directive-long-version", "%YAML 11111111111111111111.1\n---\na: b\n", 1, DIRECTIVE, BOTH),
    # did not find expected comment or line break / expected a comment or a line break, but found 'x'
    ("directive-extra-words", "%TAG !x! tag:a x\n---\na: b\n", 1, DIRECTIVE, BOTH),
    # could not find expected directive name / expected alphabetic or numeric character, but found '\n'
    ("directive-no-name", "%\ntitle: a\n", 1, DIRECTIVE, BOTH),
    # found unexpected non-alphabetical character / expected alphabetic or numeric character, but found '!'
    ("directive-odd-name", "%x! y\n---\na: b\n", 1, DIRECTIVE, BOTH),
    # found unknown directive name (PyYAML ignores an unknown directive)
    ("directive-unknown", "%of teams\n---\na: b\n", 1, DIRECTIVE, LIBYAML),
    # found duplicate %TAG directive / duplicate tag handle '!x!'
    ("tag-directive-twice", "%TAG !x! tag:a\n%TAG !x! tag:b\n---\na: b\n", 2, DIRECTIVE, BOTH),
    # did not find expected '!' / expected '!', but found ' '
    ("tag-directive-no-handle", "%TAG !x y\n---\na: b\n", 1, DIRECTIVE, BOTH),
    # did not find expected whitespace / expected ' ', but found '\n'
    ("tag-directive-no-prefix", "%TAG !x!\n---\na: b\n", 1, DIRECTIVE, BOTH),
    # did not find URI escaped octet / expected URI escape sequence of 2 hexadecimal numbers
    ("tag-directive-bad-escape", "%TAG !x! %zz\n---\na: b\n", 1, DIRECTIVE, BOTH),
    # did not find expected <document start>, after '...'
    ("document-end", "title: a\n...\nsummary: b\n", 2,
     "a line '...' ends the fields, so the lines after it cannot be read: remove it", BOTH),
    # did not find expected <document start>, the first line indented
    ("indented-first-line", "  title: a\nsummary: b\n", 1,
     "the first line is indented: start each top-level name at the beginning of its line", BOTH),
    # did not find expected <document start>, after a whole quoted value
    ("more-after-a-value", '"a" b\n', 1, KEY, BOTH),
    # while scanning an anchor: did not find expected alphabetic or numeric character
    ("ampersand", "title: & Co\n", 1, ANCHOR, BOTH),
    # while scanning an alias: the same
    ("asterisk", "title: * note\n", 1, ANCHOR, BOTH),
    # found duplicate anchor; first occurrence ... second occurrence
    ("anchor-twice", "a: &x 1\nb: &x 2\n", 2,
     "a value cannot start with '&' unless it is in quotes (YAML reads &name as a name for the value, and this name "
     "is used twice)", BOTH),
    # found undefined alias
    ("undefined-alias", "title: *x\n", 1,
     "a value cannot start with '*' unless it is in quotes (YAML reads *name as a reference)", BOTH),
    # did not find the expected '>' / expected '>', but found '\x00'
    ("tag-unclosed", "title: !<a\n", 1, TAG, BOTH),
    # did not find expected whitespace or line break / expected ' ', but found 'b'
    ("tag-touching-text", "title: !<a>b\n", 1, TAG, BOTH),
    # did not find URI escaped octet / expected URI escape sequence of 2 hexadecimal numbers
    ("tag-bad-escape", "title: !x%zz\n", 1, TAG, BOTH),
    # did not find expected tag URI / expected URI, but found ' '
    ("tag-empty", "title: !! x\n", 1, TAG, BOTH),
    # found undefined tag handle / found undefined tag handle '!x!'
    ("tag-undefined-handle", "title: !x!y z\n", 1, TAG, BOTH),
    # PyYAML builds these, or fails with a traceback (ValueError, KeyError, AttributeError): no tag is allowed
    ("tag-int-on-text", "order: !!int second\n", 1, NOT_ALLOWED.format("!!int"), BOTH),
    ("tag-bool-on-text", "title: !!bool maybe\n", 1, NOT_ALLOWED.format("!!bool"), BOTH),
    ("tag-timestamp", "date: !!timestamp soon\n", 1, NOT_ALLOWED.format("!!timestamp"), BOTH),
    ("tag-binary", "title: !!binary abc\n", 1, NOT_ALLOWED.format("!!binary"), BOTH),
    ("tag-set", "title: !!set [a]\n", 1, NOT_ALLOWED.format("!!set"), BOTH),
    ("tag-on-a-list", "title: !!str [a]\n", 1, NOT_ALLOWED.format("!!str"), BOTH),
    ("tag-local", "title: !important teams\n", 1, NOT_ALLOWED.format("!important"), BOTH),
    ("tag-python", "title: !!python/name:os.system\n", 1, NOT_ALLOWED.format("!!python/name:os.system"), BOTH),
    # found an indentation indicator equal to 0 / expected indentation indicator in the range 1-9, but found 0
    ("block-text-zero", "title: |0\n  a\n", 1, BLOCK, BOTH),
    # did not find expected comment or line break / expected chomping or indentation indicators, but found 'G'
    ("block-text-words-after", "summary: > Giving teams\n", 1, BLOCK, BOTH),
    # expected a comment or a line break, but found 'x' (PyYAML) / did not find expected comment or line break
    ("block-text-after-indicator", "title: |2x\n  a\n", 1, BLOCK, BOTH),
    # block sequence entries are not allowed in this context / sequence entries are not allowed here
    ("list-item-after-a-name", "title: - a\n", 1,
     "a list item ('- …') cannot start here: start the list on the line after its name, indented, or put a value "
     "that starts with '- ' in quotes", BOTH),
    # mapping keys are not allowed in this context / mapping keys are not allowed here
    ("question-mark", "title: ? a\n", 1, "a value cannot start with '? ' unless it is in quotes", BOTH),
    # mapping values are not allowed in this context / mapping values are not allowed here
    ("colon-in-a-value", "title: a: b\n", 1,
     "a ':' is not allowed here: is the line indented too far, or does a value with ': ' in it need quotes?", BOTH),
    # found unexpected ':' (PyYAML reads [a:, b] as a mapping in a list)
    ("colon-in-brackets", "title: [a:, b]\n", 1,
     "a ':' inside '[ … ]' or '{ … }' needs a space after it, or the item with it needs quotes", LIBYAML),
    # did not find expected node content / expected the node content, but found ']' (block node)
    ("closing-bracket", "title: ] a\n", 1,
     "']' cannot start a value here: if it is part of the text, put the whole value in quotes", BOTH),
    # the same, in a flow node
    ("dash-in-brackets", "title: [a, - b]\n", 1,
     "'-' cannot start a value here: if it is part of the text, put the whole value in quotes", BOTH),
    # did not find expected key / expected <block end>, but found '<scalar>'
    ("words-after-a-quote", "title: 'it's'\n", 1, KEY, BOTH),
    # did not find expected '-' indicator / expected <block end>, but found '?'
    ("field-in-a-list", "a:\n  - b\n  c: d\n", 3, "expected a list item ('- …') here: check the indentation", BOTH),
    # expected a single document in the stream, but found another document
    ("second-document", "title: a\n---\nb: c\n", 2,
     "a line '---' starts a second set of fields; a file holds one set, so remove that line", BOTH),
]


@pytest.mark.parametrize("loader", BOTH)
@pytest.mark.parametrize(("text", "line", "message", "loaders"), [case[1:] for case in CASES],
                         ids=[case[0] for case in CASES])
def test_each_syntax_error_is_plain_english(loader, text, line, message, loaders):
    data, errors = parse_yaml(text, "content/x.yaml", 0, LOADERS[loader])
    if loader in loaders:
        assert [str(e) for e in errors] == [f"content/x.yaml:{line}: {S}{message}"]
    else:
        assert errors == [] and data is not None


@pytest.mark.parametrize("loader", BOTH)
def test_deep_flow_nesting_is_refused_plainly(loader):
    _, errors = parse_yaml("title: " + "[" * 1000 + "]" * 1000 + "\n", "content/x.yaml", 0, LOADERS[loader])
    # libyaml: exceeded maximum nesting depth while increasing flow level; PyYAML: a RecursionError.
    assert [str(e) for e in errors] == [f"content/x.yaml:1: {NESTED}"]


@pytest.mark.parametrize("loader", BOTH)
def test_lines_in_messages_count_from_the_file(loader):
    _, errors = parse_yaml('id: a\ntitle: "Open\n', "content/pages/a.md", 1, LOADERS[loader])
    assert [str(e) for e in errors] == [f"content/pages/a.md:3: {S}{UNCLOSED.format(3)}"]


@pytest.mark.parametrize("loader", BOTH)
@pytest.mark.parametrize(("text", "data"), [("order: 0x_\n", {"order": "0x_"}), ("order: 0b_\n", {"order": "0b_"}),
                                            ("title: <<\n", {"title": "<<"}), ("title: =\n", {"title": "="}),
                                            ("<<: x\n", {"<<": "x"})])
def test_values_that_yaml_misreads_are_text(loader, text, data):
    # PyYAML fails on '0x_' with a traceback, and reads '<<' and '=' as instructions no content means.
    assert parse_yaml(text, "content/x.yaml", 0, LOADERS[loader]) == (data, [])



@pytest.mark.parametrize("loader", BOTH)
def test_a_control_character_is_named_at_its_line(loader):
    # libyaml counts its position in bytes and PyYAML in characters; both must give the line.
    _, errors = parse_yaml("title: é\nsummary: a\x08\n", "content/x.yaml", 0, LOADERS[loader])
    assert [str(e) for e in errors] == [
        f"content/x.yaml:2: {S}the character U+0008 is not allowed in YAML (it is invisible or a control code); delete it"]
