"""Interview press: interviews in Markdown, out as HTML, PDF and EPUB.

The pipeline, one module per stage::

    load.py      file -> Source (front matter split, line numbers)
    metadata.py  front matter -> validated Metadata
    body.py      Markdown body -> introduction, parts, turns, notes
    model.py     Source -> Interview (the validated interview model)
    render.py    Interview -> HTML/XHTML text through Jinja templates
    formats/     one exporter module per edition (html, pdf, epub)
    build.py     runs the exporters over a batch, writes files atomically
    cli.py       the ``interview-press`` command line

The Python API, for a publisher who scripts the tool (see "Python API" in the README)::

    from pathlib import Path
    import exporters

    config = exporters.BuildConfig(formats=("epub", "pdf"), out_dir=Path("dist"),
                                   content_root=Path("content"))
    files = exporters.discover([], config.content_root)
    for result in exporters.build(files, config):
        for problem in result.problems:
            print(problem)

Its names are imported when first used, so that ``import exporters`` stays cheap.
"""

from importlib import import_module

__version__ = "0.1.0"

_API = {
    "build": "build", "BuildConfig": "build", "Result": "build", "discover": "build",
    "read_interview": "model", "Interview": "model",
    "read_series": "series", "SeriesMeta": "series", "assemble": "series",
    "Problem": "errors", "ContentError": "errors",
}
__all__ = ["__version__", *_API]


def __getattr__(name: str):
    if name in _API:
        module = import_module(f".{_API[name]}", __name__)
        # kept here, so that the function build, not the module of that name that its import
        # has just set, is what exporters.build is from now on
        globals().update({each: getattr(module, each)
                          for each, source in _API.items() if source == _API[name]})
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
