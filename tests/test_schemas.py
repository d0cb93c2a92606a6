"""schemas/: generated from the content model, committed, and true to the content files (the sample site's
here; tests/site/ checks the default site's)."""

import json
from pathlib import Path

from conftest import ROOT, SAMPLE, run_cli
from jsonschema import Draft7Validator, FormatChecker

from microsite.kinds import KINDS
from microsite.load import find_content_files, load_document
from microsite.schema_files import json_schema, schema_texts, stale_schemas

SCHEMAS = ROOT / "schemas"
FILE_OF_KIND = {"site": "site.schema.json", **{k.name: f"{k.command}.schema.json" for k in KINDS.values()}}


def validator(kind: str) -> Draft7Validator:
    return Draft7Validator(json.loads((SCHEMAS / FILE_OF_KIND[kind]).read_text(encoding="utf-8")), format_checker=FormatChecker())


def content_documents(root: Path):
    """Every content file of the site at root, loaded."""
    files, errors = find_content_files(root)
    assert errors == []
    for file, shown, kind in files:
        document, problems = load_document(file, shown, kind)
        assert problems == [] and document is not None, shown
        yield document


def problems(kind: str, data) -> list[str]:
    return sorted(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(kind).iter_errors(data))


def test_the_committed_schemas_match_the_model():
    stale = stale_schemas(SCHEMAS)
    assert stale == [], f"schemas/ and the content model differ ({', '.join(stale)}): run python build.py schemas and commit the result"


def test_each_schema_is_a_valid_draft_7_schema():
    for name in FILE_OF_KIND.values():
        Draft7Validator.check_schema(json_schema(name.removesuffix(".schema.json")))
    assert sorted(schema_texts()) == sorted(p.name for p in SCHEMAS.glob("*.schema.json"))


def test_the_schemas_accept_every_file_of_the_sample_site():
    documents = list(content_documents(SAMPLE.parent))
    assert {d.kind for d in documents} == set(FILE_OF_KIND)
    for document in documents:
        assert problems(document.kind, document.data) == [], document.path


def test_the_schemas_reject_a_broken_file():
    shown = "content/case-studies/shared-booking-platform.md"
    document = load_document(SAMPLE.parent / shown, shown, "case_study")[0]
    broken = dict(document.data)
    broken["date"] = "27 November 2026"
    broken["principles"] = ["User Needs"]
    broken["sumary"] = broken.pop("summary")
    assert problems("case_study", broken) == [
        ": 'summary' is a required property",
        ": Additional properties are not allowed ('sumary' was unexpected)",
        "date: '27 November 2026' does not match '^\\\\d{4}-\\\\d{2}-\\\\d{2}$'",
        "date: '27 November 2026' is not a 'date'",
        "principles/0: 'User Needs' does not match '^[a-z0-9]+(-[a-z0-9]+)*$'",
    ]


def test_the_schemas_reject_an_impossible_date_and_a_bad_setting():
    assert problems("news", {"id": "a", "title": "A", "summary": "A.", "date": "2026-02-30"}) == ["date: '2026-02-30' is not a 'date'"]
    site = load_document(SAMPLE / "site.yaml", "content/site.yaml", "site")[0].data
    assert problems("site", {**site, "phase": "gamma"}) == ["phase: 'gamma' is not one of ['alpha', 'beta', 'none']"]


def test_descriptions_come_from_the_model():
    schema = json.loads((SCHEMAS / "objective.schema.json").read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert schema["properties"]["commitments"]["description"] == "the 'We will…' commitments, in order"
    # The file's name is the id, so 'id' may be left out.
    assert schema["required"] == ["order", "title", "summary", "commitments"]
    assert "id" in schema["properties"]


def run_schemas(root, *args):
    """`build.py schemas` for the site at root."""
    return run_cli(root, "schemas", *args)


def test_the_schemas_command_writes_and_checks(tmp_path):
    result = run_schemas(tmp_path, "--check")
    assert result.returncode == 1
    assert "schemas/objective.schema.json is out of date: run python build.py schemas\n" in result.stderr
    result = run_schemas(tmp_path)
    assert result.returncode == 0 and result.stdout.startswith("Wrote schemas/site.schema.json, schemas/home.schema.json")
    assert sorted(p.name for p in (tmp_path / "schemas").iterdir()) == sorted(schema_texts())
    (tmp_path / "schemas/old.schema.json").write_text("{}", encoding="utf-8")
    assert run_schemas(tmp_path, "--check").stderr == "schemas/old.schema.json is out of date: run python build.py schemas\n"
    assert run_schemas(tmp_path).stdout == "Wrote schemas/old.schema.json.\n"
    assert not (tmp_path / "schemas/old.schema.json").exists()
    assert run_schemas(tmp_path).stdout == "schemas/ is up to date.\n"
    assert run_schemas(tmp_path, "--check").returncode == 0
