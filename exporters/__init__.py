"""Interview press: interviews in Markdown, out as HTML, PDF and EPUB.

The pipeline, one module per stage::

    load.py      file -> Source (front matter split, line numbers)
    metadata.py  front matter -> validated Metadata
    body.py      Markdown body -> introduction, parts, turns, notes
    model.py     Source -> Interview (the validated interview model)
    render.py    Interview -> HTML/XHTML text through Jinja templates
    formats/     one exporter module per edition (html, pdf, epub)
    build.py     runs the exporters over a batch, writes files atomically
    cli.py       the ``make.py`` command line
"""

__version__ = "0.1.0"
