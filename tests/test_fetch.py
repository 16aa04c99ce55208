"""The PDF renderer reads files inside the project and data: URLs, nothing else."""

import pytest

from exporters.fetch import LocalFetcher


def test_files_inside_the_roots_are_served(tmp_path):
    (tmp_path / "inside.png").write_bytes(b"png")
    fetcher = LocalFetcher([tmp_path])
    assert fetcher.fetch((tmp_path / "inside.png").as_uri()).read() == b"png"
    assert fetcher.fetch("data:text/plain;base64,aGk=").read() == b"hi"


@pytest.mark.parametrize("url", ["file:///etc/passwd", "http://127.0.0.1:9/x.png",
                                 "https://example.org/x.css", "ftp://example.org/x"])
def test_everything_else_is_refused(tmp_path, url):
    with pytest.raises(ValueError):
        LocalFetcher([tmp_path]).fetch(url)


def test_a_symlink_out_of_the_project_is_refused(tmp_path):
    (tmp_path / "link.png").symlink_to("/etc/hostname")
    with pytest.raises(ValueError):
        LocalFetcher([tmp_path]).fetch((tmp_path / "link.png").as_uri())
