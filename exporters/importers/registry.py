"""The importers: the built-in ones, and any that other packages add.

Each importer is a subclass of :class:`~exporters.importers.importer.Importer`. The built-in
ones are listed in :data:`BUILT_IN`; a third-party package adds one through the entry point
group ``interview_press.importers`` (``name = "package.module:Class"``), as it adds an
edition through ``interview_press.editions``. A plugin named as a built-in one is ignored.

Which importer reads a file, in turn (a file that starts as a PDF does is read as a PDF
before any of these, whatever its name):

1. a file whose suffix a built-in importer has (``.docx``, ``.pdf``, ``.vtt``, ``.srt``, ``.ttml``,
   ``.dfxp``, ``.html``, ``.htm``, ``.xhtml``, ``.adoc``, ``.md``, ``.markdown``, ``.txt``) is
   read as before, and no plugin is loaded;
2. otherwise, a plugin that lists the file's suffix reads it, even when its first bytes look
   like a built-in format's (an ``.odt`` file starts as a DOCX does: both are ZIP files);
3. otherwise, the built-in importers that know a format by its first bytes (DOCX, PDF, WebVTT,
   SubRip, OHMS and TTML ``.xml``, HTML), then the plugins' own :meth:`~Importer.recognises`,
   then the built-in JSON transcripts by ``.json``;
4. otherwise, plain text.
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path

from .importer import Importer, ImporterError

ENTRY_POINT_GROUP = "interview_press.importers"
BUILT_IN = {
    "docx": "exporters.importers.builtin:DocxImporter",
    "pdf": "exporters.importers.builtin:PdfImporter",
    "webvtt": "exporters.importers.builtin:VttImporter",
    "subrip": "exporters.importers.builtin:SrtImporter",
    "json": "exporters.importers.builtin:JsonTranscriptImporter",
    "ohms": "exporters.importers.builtin:OhmsImporter",
    "ttml": "exporters.importers.builtin:TtmlImporter",
    "html": "exporters.importers.builtin:HtmlImporter",
    "asciidoc": "exporters.importers.builtin:AsciidocImporter",
    "markdown": "exporters.importers.builtin:MarkdownImporter",
    "text": "exporters.importers.builtin:TextImporter",
}
"""Name -> ``module:Class``."""
FALLBACK = "text"
"""The importer of a file no other one recognises."""
ERROR_DETAIL_CHARS = 160
"""A plugin's import error is cut to this in the one line that reports it."""


def plugin_names() -> list[str]:
    """The names of the importers other packages add, sorted; none is imported."""
    return sorted(_plugin_points())


def choose(path: Path, head: bytes) -> type[Importer]:
    """The importer of ``path``, whose first bytes are ``head``.

    Raises :class:`ImporterError` when a plugin it has to ask cannot be loaded."""
    return next(importer for importer in _candidates(path)
                if importer.recognises(path, head))


def _candidates(path: Path) -> list[type[Importer]]:
    """The importers to ask about ``path``, in turn; the last one takes any file."""
    built_in = sorted((_load(name, reference) for name, reference in BUILT_IN.items()
                       if name != FALLBACK), key=lambda importer: importer.order)
    fallback = _load(FALLBACK, BUILT_IN[FALLBACK])
    suffix = path.suffix.lower()
    if any(suffix in importer.suffixes for importer in (*built_in, fallback)):
        return [*built_in, fallback]
    plugins = plugin_importers()
    claimed = [plugin for plugin in plugins if suffix in plugin.suffixes]
    return [*claimed, *built_in, *plugins, fallback]


def plugin_importers() -> list[type[Importer]]:
    """The importer classes other packages add, imported now, lower :attr:`order` first."""
    plugins = [_load_point(point) for point in _plugin_points().values()]
    return sorted(plugins, key=lambda importer: (importer.order, importer.name))


def _plugin_points() -> dict[str, EntryPoint]:
    return {point.name: point for point in entry_points(group=ENTRY_POINT_GROUP)
            if point.name not in BUILT_IN}


def _load_point(point: EntryPoint) -> type[Importer]:
    package = point.dist.name if point.dist else ""
    fix = (f"reinstall {package}, or uninstall it (pip uninstall {package})" if package else
           "reinstall or uninstall the package that provides it")
    return _load(point.name, point.value, fix)


def _load(name: str, reference: str,
          fix: str = "reinstall interview-press") -> type[Importer]:
    """The class ``reference`` (``module:Class``) names, checked to be an importer."""
    module_name, _, class_name = reference.partition(":")
    where = f"the importer '{name}' ({reference})"
    try:
        importer = getattr(import_module(module_name), class_name)
    except Exception as error:  # noqa: BLE001 - whatever a plugin raises, one line
        detail = " ".join(f"{type(error).__name__}: {error}".split())[:ERROR_DETAIL_CHARS]
        raise ImporterError(f"{where} cannot be loaded ({detail}); {fix}") from None
    if not (isinstance(importer, type) and issubclass(importer, Importer)):
        raise ImporterError(f"{where} is not an Importer subclass; {fix}")
    if not (isinstance(importer.suffixes, tuple)
            and all(isinstance(suffix, str) and suffix.startswith(".")
                    and suffix == suffix.lower()
                    for suffix in importer.suffixes)):
        raise ImporterError(f"{where} has suffixes {importer.suffixes!r}, not a tuple of "
                            f"lower-case endings such as ('.qa',); {fix}")
    return importer
