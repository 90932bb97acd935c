"""The linker's private ELF numbers agree with the ELF layer's complete tables."""

from pymodpost.elf import constants
from pymodpost.link import elfdefs


def test_every_linker_constant_matches_the_elf_layer():
    names = [n for n in dir(elfdefs) if n.isupper()]
    assert len(names) > 30
    for name in names:
        assert getattr(elfdefs, name) == getattr(constants, name), name
