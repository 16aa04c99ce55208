#!/usr/bin/env python3
"""Build every edition of every interview in content/ into dist/. See README.md."""

import sys

from exporters.cli import main

if __name__ == "__main__":
    sys.exit(main(prog="make.py"))
