"""The tool as users install it: a wheel in a fresh virtual environment, the
``interview-press`` command in a folder outside the checkout, and a third-party edition
registered through its entry point."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from conftest import EPOCH, GOOD, REPO

PLUGIN = '''
"""A tiny third-party edition: the interview's questions as a plain-text list."""

from exporters.edition import Document, Edition, Written


class QuestionsEdition(Edition):
    name = "questions"
    order = 50

    def export(self, document: Document) -> list[Written]:
        lines = [document.meta.title]
        for interview in document.interviews:
            for turn in (turn for part in interview.body.parts for turn in part.turns):
                if turn.kind == "question":
                    lines.append("- " + " ".join(block.inner for block in turn.blocks))
        slug = document.meta.slug
        target = self.settings.target(slug, f"{slug}-questions.txt")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\\n".join(lines) + "\\n", encoding="utf-8")
        return [Written(target)]
'''


def environment() -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "COLUMNS": "200"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("wheel")
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps",
                           "-q", "-w", str(folder), str(REPO)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return next(folder.glob("interview_press-*.whl"))


def test_the_wheel_carries_templates_fonts_profile_and_words(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for wanted in ("exporters/templates/theme.yml", "exporters/templates/common/words.yml",
                   "exporters/templates/icc/cmyk.icc", "exporters/templates/pdf/style.css",
                   "exporters/templates/fonts/GentiumBookPlus-Regular.ttf",
                   "exporters/templates/fonts/NotoNaskhArabic-Regular.ttf"):
        assert wanted in names
    entry_points = next(name for name in names if name.endswith("entry_points.txt"))
    assert "interview-press = exporters.cli:main" in zipfile.ZipFile(wheel).read(
        entry_points).decode()


def test_installed_wheel_builds_in_a_folder_outside_the_checkout(wheel, tmp_path):
    venv = tmp_path / "venv"
    # the dependencies come from this Python's site-packages; the tool itself from the wheel
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    done = subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "--no-deps",
                           "--no-index", "--force-reinstall", str(wheel)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    project = tmp_path / "magazine"
    (project / "content").mkdir(parents=True)
    (project / "content" / "a.md").write_text(GOOD, encoding="utf-8")
    command = str(venv / "bin" / "interview-press")

    version = subprocess.run([command, "--version"], capture_output=True, text=True)
    built = subprocess.run([command, "build", "--format", "html,epub,pdf"], cwd=project,
                           capture_output=True, text=True, env=environment())
    module = subprocess.run([str(venv / "bin" / "python"), "-m", "exporters", "check"],
                            cwd=project, capture_output=True, text=True, env=environment())
    where = subprocess.run([str(venv / "bin" / "python"), "-c",
                            "import exporters.render as r; print(r.BUILTIN_TEMPLATES)"],
                           cwd=project, capture_output=True, text=True)

    assert version.stdout.strip() == "interview-press 0.1.0"
    assert built.returncode == 0, built.stderr
    assert "Traceback" not in built.stderr
    for name in ("a.html", "a.epub", "a.pdf"):
        assert (project / "dist" / "a" / name).stat().st_size > 1000
    assert module.returncode == 0 and "Checked 1 file(s): 0 with errors" in module.stdout
    assert str(venv) in where.stdout and str(REPO) not in where.stdout


def test_a_plugin_edition_builds_through_its_entry_point(tmp_path):
    # What pip writes for an installed package: the module and a dist-info with its entry point
    site = tmp_path / "site"
    site.mkdir()
    (site / "questions_edition.py").write_text(textwrap.dedent(PLUGIN), encoding="utf-8")
    info = site / "questions_edition-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: questions-edition\n"
                                   "Version: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(
        "[interview_press.editions]\nquestions = questions_edition:QuestionsEdition\n",
        encoding="utf-8")
    project = tmp_path / "project"
    (project / "content").mkdir(parents=True)
    (project / "content" / "a.md").write_text(GOOD, encoding="utf-8")
    env = {**environment(), "PYTHONPATH": os.pathsep.join([str(site), str(REPO)])}

    help_text = subprocess.run([sys.executable, "-m", "exporters", "build", "--help"],
                               cwd=project, capture_output=True, text=True, env=env)
    built = subprocess.run([sys.executable, "-m", "exporters", "build", "--format",
                            "questions,epub"], cwd=project, capture_output=True, text=True,
                           env=env)

    assert "questions" in help_text.stdout
    assert built.returncode == 0, built.stderr
    assert (project / "dist/a/a-questions.txt").read_text(encoding="utf-8") == (
        "A Good Interview\n- What is the question?\n")
    assert (project / "dist/a/a.epub").is_file()


def test_the_python_api_of_the_readme_runs_twice_in_one_process(tmp_path):
    """``exporters.build`` stays the function after its module of the same name is loaded."""
    (tmp_path / "content").mkdir()
    (tmp_path / "content/good.md").write_text(GOOD, encoding="utf-8")
    script = textwrap.dedent('''
        from pathlib import Path
        import exporters

        config = exporters.BuildConfig(formats=("html",), out_dir=Path("dist"),
                                       content_root=Path("content"))
        for _ in range(2):
            results = list(exporters.build(exporters.discover([], config.content_root), config))
            print(len(results), sum(len(result.problems) for result in results))
        ''')
    run = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True,
                         text=True, timeout=300, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["1", "0", "1", "0"]
    assert (tmp_path / "dist/good/good.html").is_file()
