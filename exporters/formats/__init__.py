"""The editions: one module here per built-in edition, and any that other packages add.

Each edition is a subclass of :class:`exporters.edition.Edition`. The built-in ones are
listed in :data:`BUILT_IN`; a third-party package adds one through the entry point group
``interview_press.editions`` (``name = "package.module:Class"``), as MkDocs plugins do.
Names are listed without importing any edition: ``check`` and ``--help`` stay light.
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import entry_points

from ..edition import Edition

ENTRY_POINT_GROUP = "interview_press.editions"
BUILT_IN = {
    "html": "exporters.formats.html:HtmlEdition",
    "pdf": "exporters.formats.pdf:ScreenPdfEdition",
    "epub": "exporters.formats.epub:EpubEdition",
    "print": "exporters.formats.print:PrintEdition",
    "booklet": "exporters.formats.booklet:BookletEdition",
    "bilingual": "exporters.formats.bilingual:BilingualEdition",
    "captions": "exporters.formats.captions:CaptionsEdition",
}
"""Name -> ``module:Class``, in build order."""


class EditionError(Exception):
    """A registered edition that cannot be used: not importable, or not an Edition."""


def edition_registry() -> dict[str, str]:
    """Every edition's name and what identifies its code, the built-in ones first, in build
    order; no edition is imported. A plugin is identified with its distribution's name and
    version, so that an upgrade is seen."""
    plugins = {point.name: f"{point.value} {point.dist.name if point.dist else ''} "
                           f"{point.dist.version if point.dist else ''}".rstrip()
               for point in entry_points(group=ENTRY_POINT_GROUP) if point.name not in BUILT_IN}
    return {**BUILT_IN, **dict(sorted(plugins.items()))}


def edition_names() -> list[str]:
    """Every edition's name, the built-in ones first, in build order; no edition is imported."""
    return list(edition_registry())


def load_editions(names: list[str] | tuple[str, ...]) -> dict[str, type[Edition]]:
    """The edition classes of ``names``, imported now, in build order."""
    registry = edition_registry()
    classes = {}
    for name in names:
        reference = registry.get(name)
        if reference is None:
            raise EditionError(f"no edition named '{name}'")
        reference = reference.split(" ")[0]  # module:Class
        module_name, _, class_name = reference.partition(":")
        try:
            edition = getattr(import_module(module_name), class_name)
        except (ImportError, AttributeError) as error:
            raise EditionError(f"the edition '{name}' ({reference}) cannot be loaded: {error}"
                               ) from None
        if not (isinstance(edition, type) and issubclass(edition, Edition)):
            raise EditionError(f"the edition '{name}' ({reference}) is not an Edition subclass")
        classes[name] = edition
    return dict(sorted(classes.items(), key=lambda item: item[1].order))
