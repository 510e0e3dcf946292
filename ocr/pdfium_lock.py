"""One lock for PDFium in a process: the library is not safe to call from two threads at once.

Intake reads documents in worker processes, one at a time each; the calls that run on threads
of one process (taking a file in, showing a letter) hold this lock while PDFium works.
"""

from __future__ import annotations

import threading

PDFIUM = threading.RLock()
