"""Which Debian amd64 headers tree a test uses (testdata/regen/pins.py decides for everyone).

* Tests bound to recorded outputs (fixtures, recorded real-modpost answers) need the pinned
  tree -- :func:`pinned_x86_tree`; without it they skip (fail under PYMODPOST_REQUIRE_TIERS)
  naming the exact package, e.g. "package linux-headers-6.1.0-56-amd64 is not installed";
  :func:`pinned_x86_modules` the same for the pinned image's modules.
* Live comparisons (the real tool and pymodpost run side by side on the same inputs) use
  :func:`live_x86_tree`: the pinned tree when installed, else the newest installed Debian 6.1
  ABI -- never another kernel series such as 6.12, whatever sorts last in /usr/src.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from tests.conftest import TESTDATA, require

_spec = importlib.util.spec_from_file_location("pymodpost_pins", TESTDATA / "regen" / "pins.py")
pins = sys.modules.setdefault("pymodpost_pins", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(pins)


def pinned_x86_tree(kernel: str = "6.1") -> Path:
    pin = pins.pin_for(kernel)
    reason = pins.missing(pin)
    require(reason is None and pin.tree.is_dir(), reason or f"{pin.tree}: not found")
    return pin.tree


def pinned_x86_modules(kernel: str = "6.1") -> Path:
    """/lib/modules/<abi>/kernel of the pinned linux-image-<abi>-unsigned (Debian's own .ko,
    whose vermagic and layout the tests bound to them record); a skip (a failure under
    PYMODPOST_REQUIRE_TIERS) naming the package when it is not installed."""
    pin = pins.pin_for(kernel)
    reason = pins.missing(pin, pin.image)
    tree = Path("/lib/modules") / pin.abi / "kernel"
    require(reason is None and tree.is_dir(), reason or f"{tree}: not found")
    return tree


def live_x86_tree(kernel: str = "6.1") -> Path:
    tree = pins.live_x86_tree(kernel)
    require(tree is not None, f"no Debian amd64 {kernel} headers tree: "
            f"{pins.missing(pins.pin_for(kernel))}")
    return tree
