"""make.py import through a third-party importer: installed as pip installs it (a module and a
``*.dist-info`` with its entry point in a folder on the path), found through the entry point
group ``interview_press.importers``, run through the command line in-process.
"""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path

import pytest

from exporters.cli import main

PLUGIN = '''
import json

from exporters.importers.importer import Extract, Importer, Para, escape


class JsonTranscript(Importer):
    """A JSON transcript: {"title": ..., "turns": [{"speaker": ..., "text": ...}]}."""

    name = "json-transcript"
    kind = "JSON transcript"
    suffixes = (".json",)

    def read(self, path, data):
        transcript = json.loads(data)
        paras = [Para(escape(turn["text"]), number, label=turn["speaker"])
                 for number, turn in enumerate(transcript["turns"], 1)]
        return Extract(paras, hints={"title": transcript["title"]})
'''
BROKEN = "import a_dependency_that_is_not_installed\n"
TRANSCRIPT = {
    "title": "Salt and Light",
    "turns": [
        {"speaker": "Maya Ortiz", "text": "How did you start making glass?"},
        {"speaker": "Tomas Lind", "text": "Quite by accident, in my uncle's shed."},
        {"speaker": "Maya Ortiz", "text": "What keeps you at it?"},
        {"speaker": "Tomas Lind", "text": "The light through a finished bowl."},
    ],
}


def install(site: Path, module: str, source: str, monkeypatch) -> None:
    """What pip writes for an installed package: the module and a dist-info naming it."""
    site.mkdir()
    (site / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    info = site / f"{module}-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module.replace('_', '-')}\n"
                                   "Version: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(
        f"[interview_press.importers]\njson-transcript = {module}:JsonTranscript\n",
        encoding="utf-8")
    monkeypatch.syspath_prepend(str(site))  # also clears the import system's caches


@pytest.fixture
def plugin_module():
    """The plugin's module name, taken out of sys.modules afterwards: no other test sees it."""
    name = "interview_press_json_transcript"
    yield name
    sys.modules.pop(name, None)


def import_command(*argv: str, capsys) -> tuple[int, list[str], list[str]]:
    code = main(["import", *argv])
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), [line for line in captured.err.splitlines()
                                            if line.strip()]


def test_a_plugin_importer_reads_its_suffix(tmp_path, monkeypatch, capsys, plugin_module):
    install(tmp_path / "site", plugin_module, PLUGIN, monkeypatch)
    source = tmp_path / "salt.json"
    source.write_text(json.dumps(TRANSCRIPT), encoding="utf-8")
    target = tmp_path / "content" / "salt.md"

    code, out, errors = import_command(str(source), "-o", str(target), capsys=capsys)

    assert code == 0, errors
    assert "(JSON transcript)" in out[0] and "2 questions, 2 answers" in out[1], out
    written = target.read_text(encoding="utf-8")
    assert "title: Salt and Light" in written and "interviewer: Maya Ortiz" in written
    assert written.split("---\n", 2)[2].strip() == (
        "Q: How did you start making glass?\n\n"
        "A: Quite by accident, in my uncle's shed.\n\n"
        "Q: What keeps you at it?\n\n"
        "A: The light through a finished bowl.")


def test_the_built_in_importers_keep_their_suffixes(tmp_path, monkeypatch, capsys,
                                                    plugin_module):
    plugin = PLUGIN.replace('suffixes = (".json",)', 'suffixes = (".json", ".txt")')
    install(tmp_path / "site", plugin_module, plugin, monkeypatch)
    source = tmp_path / "notes.txt"
    source.write_text("Q: How did you start?\n\nA: By accident.\n", encoding="utf-8")

    code, out, errors = import_command(str(source), "-o", str(tmp_path / "notes.md"),
                                       capsys=capsys)

    assert code == 0, errors
    assert "(text)" in out[0], out


def test_a_plugin_that_cannot_be_loaded_is_one_line(tmp_path, monkeypatch, capsys,
                                                    plugin_module):
    install(tmp_path / "site", plugin_module, BROKEN, monkeypatch)
    source = tmp_path / "salt.json"
    source.write_text(json.dumps(TRANSCRIPT), encoding="utf-8")
    package = plugin_module.replace("_", "-")

    code, out, errors = import_command(str(source), capsys=capsys)

    assert code == 1 and not out
    assert errors == [
        f"import: the importer 'json-transcript' ({plugin_module}:JsonTranscript) cannot be "
        "loaded (ModuleNotFoundError: No module named 'a_dependency_that_is_not_installed'); "
        f"reinstall {package}, or uninstall it (pip uninstall {package})"], errors
    assert not (tmp_path / "content").exists()

    text = tmp_path / "notes.txt"
    text.write_text("Q: How did you start?\n\nA: By accident.\n", encoding="utf-8")
    assert import_command(str(text), "-o", str(tmp_path / "notes.md"), capsys=capsys)[0] == 0


def test_a_plugin_class_that_is_not_an_importer_is_one_line(tmp_path, monkeypatch, capsys,
                                                            plugin_module):
    install(tmp_path / "site", plugin_module, "class JsonTranscript:\n    pass\n", monkeypatch)
    source = tmp_path / "salt.json"
    source.write_text(json.dumps(TRANSCRIPT), encoding="utf-8")

    code, _, errors = import_command(str(source), capsys=capsys)

    assert code == 1
    assert errors == [f"import: the importer 'json-transcript' ({plugin_module}:JsonTranscript)"
                      f" is not an Importer subclass; reinstall "
                      f"{plugin_module.replace('_', '-')}, or uninstall it (pip uninstall "
                      f"{plugin_module.replace('_', '-')})"], errors
