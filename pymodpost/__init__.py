"""pymodpost: the last stage of the Linux module build, and the kernel's module loader, in Python.

The pipeline is ELF layer -> modpost -> linker -> loader; each stage lives in its own
sub-package and exposes plain functions returning dataclasses.
"""

__version__ = "0.1.0"
