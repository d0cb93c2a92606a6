"""Worker processes: the same site whatever the number of workers, errors named as in one process."""

import io
import os

import pytest
from conftest import add_case_studies, make_project, run_cli, snapshot

from microsite import workers
from microsite.errors import BuildFailed
from microsite.pipeline import build_site
from microsite.progress import DELAY, SILENT, Line, StageLog, progress_for
from microsite.write import Staging

needs_fork = pytest.mark.skipif(not workers.can_fork(), reason="worker processes are forked on Linux only")


@pytest.fixture(scope="module")
def bigger(tmp_path_factory):
    """The sample site with 40 more case studies: enough pages to share among workers."""
    project = make_project(tmp_path_factory.mktemp("bigger") / "site")
    add_case_studies(project, 40)
    return project


def test_small_jobs_stay_in_one_process_and_large_ones_use_every_core(monkeypatch):
    monkeypatch.setattr(workers, "cores", lambda: 2)
    monkeypatch.setattr(workers, "can_fork", lambda: True)
    assert workers.jobs_for(workers.PARALLEL_FROM - 1) == 1
    assert workers.jobs_for(workers.PARALLEL_FROM) == 2
    assert workers.jobs_for(10, requested=3) == 3
    monkeypatch.setattr(workers, "can_fork", lambda: False)
    assert workers.jobs_for(10_000, requested=4) == 1


@needs_fork
def test_results_come_back_in_order_from_workers_that_inherit_the_work():
    inherited = {n: n * n for n in range(500)}  # not sent to the workers: they are forked with it
    told = []
    results = workers.parallel_map(lambda n: (os.getpid(), inherited[n]), list(range(500)), 2, told.append)
    assert [square for _, square in results] == [n * n for n in range(500)]
    assert sum(told) == 500
    assert os.getpid() not in {pid for pid, _ in results}
    assert workers._work is None  # nothing is left behind for the next build


@needs_fork
@pytest.mark.parametrize("jobs", [2, 3])
def test_the_site_is_byte_for_byte_the_same_whatever_the_number_of_workers(bigger, tmp_path, jobs):
    one = snapshot(build_site(bigger.__class__(bigger.root, tmp_path / "one", bigger.cache), jobs=1).files.dist)
    many = snapshot(build_site(bigger.__class__(bigger.root, tmp_path / "many", bigger.cache), jobs=jobs).files.dist)
    assert sum(name.endswith(".html") for name in one) > 50
    assert many == one
    in_memory = build_site(bigger, write=None, jobs=jobs)
    assert dict(in_memory) == one


@needs_fork
def test_a_template_fault_in_a_worker_is_named_as_in_one_process(bigger, tmp_path):
    layout = bigger.root / "templates/layouts/case-study.html"
    original = layout.read_text(encoding="utf-8")
    layout.write_text(original.replace(
        '<div class="govuk-grid-row">', '{{ case_study.no_such_field.deeper }}<div class="govuk-grid-row">', 1), encoding="utf-8")
    try:
        failures = []
        for jobs in (1, 2):
            with pytest.raises(BuildFailed) as failed:
                build_site(bigger.__class__(bigger.root, tmp_path / f"dist{jobs}", bigger.cache), jobs=jobs)
            failures.append([str(e) for e in failed.value.errors])
    finally:
        layout.write_text(original, encoding="utf-8")
    assert failures[0] == failures[1]
    assert len(failures[0]) == 43  # every case study's page, each named
    assert failures[0][0].startswith("templates/layouts/case-study.html:")
    assert "template error while rendering content/case-studies/" in failures[0][0]
    assert not (tmp_path / "dist1").exists() and not (tmp_path / "dist2").exists()
    assert [p.name for p in tmp_path.iterdir()] == []  # no half-written folder left beside them


def test_a_staging_folder_is_removed_unless_committed(tmp_path):
    dist = tmp_path / "dist"
    with Staging(dist) as out:
        out["a/index.html"] = b"one"
        assert out["a/index.html"] == b"one" and list(out) == ["a/index.html"]
    assert list(tmp_path.iterdir()) == []
    with Staging(dist) as out:
        out["a/index.html"] = b"two"
        out.commit()
    assert snapshot(dist) == {"a/index.html": b"two"}
    assert out["a/index.html"] == b"two"  # read back from dist/ once it is in place


def test_the_output_folder_being_a_file_fails_before_any_work(tmp_path):
    (tmp_path / "dist").write_text("not a folder", encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        Staging(tmp_path / "dist").__enter__()
    assert [str(e) for e in failed.value.errors] == [
        "dist:1: the output folder is a file or a link; remove it and build again"]


# --- progress ---

class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_a_quick_build_shows_no_progress_line():
    stream, clock = io.StringIO(), Clock()
    line = Line(stream, clock)
    line.stage("Rendering pages", 10)
    line.advance(10)
    line.finish()
    assert stream.getvalue() == ""


def test_a_long_build_shows_pages_rendered_of_the_total_then_clears_the_line():
    stream, clock = io.StringIO(), Clock()
    line = Line(stream, clock)
    line.stage("Converting Markdown", 4000)
    clock.now = DELAY + 0.5
    line.advance(1000)
    assert stream.getvalue().endswith("\r\x1b[KConverting Markdown: 1,000 of 4,000")
    line.stage("Rendering pages", 4107)
    clock.now += 1
    line.advance(2000)
    assert stream.getvalue().endswith("\r\x1b[KRendering pages: 2,000 of 4,107")
    line.stage("Writing dist/")
    assert stream.getvalue().endswith("\r\x1b[KWriting dist/...")
    line.finish()
    assert stream.getvalue().endswith("\r\x1b[K")


def test_verbose_says_what_each_stage_took():
    stream, clock = io.StringIO(), Clock()
    log = StageLog(stream, clock)
    log.stage("Reading content")
    clock.now = 0.25
    log.stage("Rendering pages", 4107)
    clock.now = 1.5
    log.finish()
    assert stream.getvalue() == "Reading content: 0.25 s\nRendering pages (4,107): 1.25 s\n"


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_is_shown_only_on_a_terminal_outside_ci():
    assert isinstance(progress_for(Terminal(), environ={}), Line)
    assert progress_for(Terminal(), environ={"CI": "true"}) is SILENT
    assert progress_for(Terminal(), environ={"TERM": "dumb"}) is SILENT
    assert progress_for(io.StringIO(), environ={}) is SILENT
    assert progress_for(Terminal(), quiet=True, environ={}) is SILENT
    assert isinstance(progress_for(io.StringIO(), verbose=True, environ={"CI": "true"}), StageLog)


def test_quiet_and_verbose_on_the_command_line(tiny):
    quiet = run_cli(tiny.root, "build", "--quiet")
    assert quiet.returncode == 0, quiet.stderr
    assert quiet.stdout == "" and quiet.stderr == ""
    verbose = run_cli(tiny.root, "-v", "build")
    assert verbose.returncode == 0, verbose.stderr
    stages = [line.split(":")[0] for line in verbose.stderr.splitlines()]
    assert stages == ["Reading content", "Converting Markdown (4)", "Making the model (6)", "Styles and images",
                      "Rendering pages (9)", "Writing dist/"]
    assert verbose.stdout.startswith("Built ")


@pytest.mark.parametrize("value", ["0", "-2", "many"])
def test_jobs_must_be_a_number_of_processes(tiny, value):
    result = run_cli(tiny.root, "build", "--jobs", value)
    assert result.returncode == 2
    assert f"argument --jobs/-j: '{value}' is not a number of processes: use 1 or more" in result.stderr
