#!/usr/bin/env python3
"""What the three PDF editions cost together, against the screen edition alone.

Every interview is laid out once; the screen, print and booklet PDFs are written from that
layout. This lays out and writes the sample interviews (in one warm process, as a build
worker does) in two ways, alternately, and prints the median time of each and their ratio:

  screen  lay out, write the tagged screen PDF
  all     lay out, write the screen PDF, the print PDF and the imposed booklet

    python benchmarks/print_editions.py [--repeat 7] [--templates DIR] [--preset kdp]

The budget is a ratio of at most 1.6. Results are noted in BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from exporters.build import discover  # noqa: E402
from exporters.edition import Settings  # noqa: E402
from exporters.impose import impose  # noqa: E402
from exporters.layout import Layout, Layouts  # noqa: E402
from exporters.model import read_interview, root_for  # noqa: E402
from exporters.render import Templates  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--content", type=Path, default=REPO / "content")
    parser.add_argument("--templates", type=Path)
    parser.add_argument("--preset", choices=("none", "kdp", "lulu"))
    arguments = parser.parse_args()
    options = {"print_preset": arguments.preset} if arguments.preset else {}
    out = Path(tempfile.mkdtemp(prefix="print-editions-"))
    settings = Settings(templates=Templates(arguments.templates, options), out_dir=out,
                        content_root=arguments.content, source_date_epoch=0)
    layouts = Layouts.of(settings)
    interviews = [read_interview(path, root_for(path, arguments.content))
                  for path in discover([], arguments.content)]

    def screen_only() -> None:
        for interview in interviews:
            layout = Layout(layouts, interview, layouts.render(interview, layouts.stylesheet))
            layout.screen_pdf(out / f"{interview.meta.slug}.pdf")

    def all_three() -> None:
        for interview in interviews:
            layout = Layout(layouts, interview, layouts.render(interview, layouts.stylesheet))
            pages = layout.screen_pdf(out / f"{interview.meta.slug}.pdf")
            printed = layout.print_pdf()
            (out / f"{interview.meta.slug}-print.pdf").write_bytes(printed)
            booklet, _ = impose(printed, layouts.paper.sheet, layouts.paper.creep)
            (out / f"{interview.meta.slug}-booklet.pdf").write_bytes(booklet)
            assert pages == layout.pages

    screen_only(), all_three()  # warm up: imports, fonts, caches
    times: dict[str, list[float]] = {"screen": [], "all": []}
    for _ in range(arguments.repeat):
        for name, run in (("screen", screen_only), ("all", all_three)):
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    screen, together = statistics.median(times["screen"]), statistics.median(times["all"])
    pages = sum(Layout(layouts, i, layouts.render(i, layouts.stylesheet)).pages
                for i in interviews)
    print(f"{len(interviews)} interviews, {pages} pages, preset {layouts.paper.preset}, "
          f"median of {arguments.repeat}")
    print(f"screen edition alone:       {screen:.3f} s")
    print(f"screen + print + booklet:   {together:.3f} s")
    print(f"ratio:                      {together / screen:.2f} (budget 1.60)")


if __name__ == "__main__":
    main()
