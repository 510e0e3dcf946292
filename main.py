"""Intake Workstation: `python main.py --help` lists every command."""

from __future__ import annotations

import multiprocessing
import sys

from cli.app import run

if __name__ == "__main__":
    # In the bundle, reading workers are started by re-running this executable (the spawn
    # method); this lets such a child become a worker instead of parsing a command line.
    multiprocessing.freeze_support()
    sys.exit(run())
