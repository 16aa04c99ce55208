"""The PDF renderer's URL fetcher: files inside the project and ``data:`` URLs, never the network.

WeasyPrint is imported only when a fetcher is made, so that commands which
render no PDF (check, a build with nothing to do) start fast.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

from .assets import media_type


def LocalFetcher(roots: list[Path]):  # noqa: N802 - used like the class it makes
    """A WeasyPrint fetcher that serves ``data:`` URLs and files under ``roots`` only."""
    return _fetcher_class()([root.resolve() for root in roots])


@lru_cache(maxsize=1)
def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalFileFetcher(URLFetcher):
        def __init__(self, roots: list[Path]):
            super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)
            self.roots = roots

        def fetch(self, url: str, headers=None) -> URLFetcherResponse:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if not url.startswith("file:"):
                raise ValueError(f"not fetched (network access is off): {url}")
            path = Path(url2pathname(urlparse(url).path)).resolve()
            if not any(path.is_relative_to(root) for root in self.roots) or not path.is_file():
                raise ValueError(f"not fetched (outside the project): {url}")
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": media_type(path)})

    return LocalFileFetcher
