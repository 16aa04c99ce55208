"""``python -m exporters``: the same command line as ``interview-press`` and ``make.py``."""

import sys

from .cli import main

sys.exit(main(prog="python -m exporters"))
