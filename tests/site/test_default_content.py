"""The default site's content files (the repository's content/): they pass `build.py check`, the JSON
Schemas accept every one, editors find the schemas, and the case study CONTRIBUTING.md tells authors to paste
builds."""

import datetime as dt
import json

from conftest import ROOT, make_project
from test_schemas import FILE_OF_KIND, content_documents, problems

from microsite.check import check_project
from microsite.pipeline import build_site

CONTENT = ROOT / "content"
TODAY = dt.date(2026, 6, 1)
TODO = "this line still has a 'TODO' placeholder: replace it with the real text"


def test_the_default_content_passes_the_check(tmp_path):
    result = check_project(make_project(tmp_path / "site", CONTENT), today=TODAY)
    assert result.errors == () and result.warnings == ()
    assert result.pages > 20


def test_the_schemas_accept_every_default_content_file():
    documents = list(content_documents(ROOT))
    assert {d.kind for d in documents} == set(FILE_OF_KIND)
    for document in documents:
        assert problems(document.kind, document.data) == [], document.path


def test_editors_find_the_schemas():
    first_line = "# yaml-language-server: $schema=../schemas/site.schema.json\n"
    assert (CONTENT / "site.yaml").read_text(encoding="utf-8").startswith(first_line)
    settings = json.loads((ROOT / ".vscode/settings.json").read_text(encoding="utf-8"))
    bindings = settings["yaml.schemas"]
    assert bindings == {"./schemas/site.schema.json": "content/site.yaml",
                        "./schemas/objective.schema.json": "content/objectives/*.yaml"}
    for schema, pattern in bindings.items():
        assert (ROOT / schema).is_file()
        assert list(ROOT.glob(pattern)), pattern


def test_the_case_study_in_contributing_builds(tmp_path):
    project = make_project(tmp_path / "site", CONTENT)
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    start = "3. Paste this, then replace every `TODO` and check each field:\n\n   ```markdown\n"
    block = guide.split(start, 1)[1].split("   ```\n", 1)[0]
    text = "\n".join(line.removeprefix("   ") for line in block.split("\n"))
    (project.root / "content/case-studies/planning-data.md").write_text(text, encoding="utf-8")
    assert "case-studies/planning-data/index.html" in build_site(project)
    assert [str(e) for e in check_project(project, today=dt.date(2026, 3, 12)).errors] == [
        f"content/case-studies/planning-data.md:{line}: {TODO}" for line in (4, 11, 17)]
