"""Files a document refers to: images and fonts, and who may read them.

Content is data: an image path may only name a file inside the content folder.
"""

from __future__ import annotations

import base64
import io
import mimetypes
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

from .errors import ContentError, Problem
from .errors import display_path

IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif"}
BASIC_LATIN = frozenset(map(chr, range(0x20, 0x7F)))
"""Characters every web font keeps, whatever the page uses."""
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def resolve_local(reference: str, document: Path, content_root: Path, line: int,
                  what: str = "image") -> Path:
    """The file an image reference names, checked to be a readable image in the project."""
    def fail(message: str, hint: str) -> ContentError:
        return ContentError(Problem(document, line, message, hint))

    folder = display_path(content_root)
    if _SCHEME.match(reference) and not re.match(r"^[a-zA-Z]:[\\/]", reference):
        if urlparse(reference).scheme in ("http", "https"):
            raise fail(f"the {what} '{reference}' is on the web and is not fetched",
                       f"download it into {folder}/images/ and write its path, e.g. images/photo.jpg")
        raise fail(f"the {what} '{reference}' is not a file inside the project",
                   f"put the file under {folder}/ and write its path relative to this file")
    path = (document.parent / unquote(reference)).resolve()
    if Path(unquote(reference)).is_absolute() or not path.is_relative_to(content_root.resolve()):
        raise fail(f"the {what} '{reference}' is outside {folder}/",
                   f"copy the file under {folder}/ and write its path relative to this file")
    if not path.is_file():
        raise fail(f"the {what} '{reference}' was not found (looked for {display_path(path)})",
                   "check the file name and folder")
    if path.suffix.lower() not in IMAGE_TYPES:
        raise fail(f"the {what} '{reference}' is not a PNG, JPEG or GIF file",
                   "convert it to one of those formats")
    return path


def media_type(path: Path) -> str:
    return IMAGE_TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def data_uri(data: bytes, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def web_font(path: Path, text: str) -> bytes:
    """``path`` cut down to the glyphs ``text`` needs (plus basic Latin), as WOFF2."""
    from fontTools import subset  # imported here: only the HTML edition needs it

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = subset.load_font(str(path), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text + "".join(sorted(BASIC_LATIN)))
    subsetter.subset(font)
    output = io.BytesIO()
    subset.save_font(font, output, options)
    return output.getvalue()
