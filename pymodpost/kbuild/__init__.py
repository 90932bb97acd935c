"""Working with kbuild's own build directories: staging a moved module's objects and ``.cmd``
files where modpost looks for them, and compiling a ``.mod.c`` with the real kbuild."""
