"""Intake Workstation: `python main.py --help` lists every command."""

from __future__ import annotations

import multiprocessing
import sys

if __name__ == "__main__":
    # In the bundle, reading workers are started by re-running this executable (the spawn
    # method); this lets such a child become a worker instead of parsing a command line.
    multiprocessing.freeze_support()
    # Imported here, not above: a spawned reading worker runs this file too (as __mp_main__)
    # and needs none of the commands' modules, which would cost it about 90 MB.
    from cli.app import run

    sys.exit(run())
