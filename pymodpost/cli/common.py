"""What every command-line front end shares: turning errors into one line and an exit status.

Kept free of heavy imports: ``pymodpost --help`` must start fast.
"""

from __future__ import annotations

import sys
from typing import Callable

from pymodpost.errors import PymodpostError


def run_guarded(body: Callable[[], int | None], prefix: str) -> int:
    """Run ``body``; report a :class:`PymodpostError` as ``<prefix><message>`` on stderr.

    ``prefix`` is the style of the tool being mirrored, e.g. ``"ld: "`` or
    ``"pymodpost: error: "``.  Interrupts and closed pipes end quietly with the
    conventional statuses instead of a traceback.
    """
    try:
        status = body()
        return 0 if status is None else status
    except PymodpostError as e:
        sys.stderr.write(f"{prefix}{e.message}\n")
        return e.exit_status
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        return 130
    except BrokenPipeError:
        # the reader (e.g. `| head`) went away; nothing more to say
        try:
            sys.stdout = None  # type: ignore[assignment]
        finally:
            return 141
