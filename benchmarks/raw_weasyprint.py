"""The baseline for PDF speed: plain WeasyPrint, warm workers, no toolchain around it.

``python benchmarks/raw_weasyprint.py --jobs 2 --out DIR FILE.html ...`` renders each
HTML file to ``DIR/<name>.pdf`` in a pool of worker processes. Each worker imports
WeasyPrint and makes its font configuration once, then renders document after
document, the way a hand-written batch script would.
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing
from pathlib import Path

_fonts = None  # the worker's FontConfiguration, made once by _start


def _start() -> None:
    global _fonts
    import weasyprint  # noqa: F401 - imported once per worker, on purpose
    from weasyprint.text.fonts import FontConfiguration

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    _fonts = FontConfiguration()


def _render(job: tuple[Path, Path]) -> int:
    from weasyprint import HTML

    source, target = job
    document = HTML(filename=str(source)).render(font_config=_fonts)
    document.write_pdf(target)
    return len(document.pages)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", type=Path, nargs="+", help="HTML files to render")
    parser.add_argument("--out", type=Path, required=True, help="folder for the PDFs")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    arguments = parser.parse_args(argv)
    arguments.out.mkdir(parents=True, exist_ok=True)
    jobs = [(path, arguments.out / f"{path.stem}.pdf") for path in arguments.files]
    pool = multiprocessing.Pool(arguments.jobs, initializer=_start)
    pages = pool.map(_render, jobs, chunksize=1)
    pool.close()
    pool.join()  # reaped workers count in the caller's view of peak memory
    print(f"rendered {len(pages)} PDF(s), {sum(pages)} page(s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
