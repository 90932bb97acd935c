"""Kernel dialects: one object per supported kernel version, holding every version difference.

::

    from pymodpost.dialect import by_name, for_release
    d = by_name("6.1-debian")
    d.modpost.optstring          # modpost's getopt string
    d.loader.missing_version_fatal
    for_release("6.1.0-56-amd64").name   # "6.1-debian"
"""

from pymodpost.dialect.detect import (
    DEFAULT,
    DIALECTS,
    ENV_VAR,
    DialectError,
    by_name,
    for_release,
    for_tree,
    for_vermagic,
    for_version,
    from_environment,
    release_version,
    supported_names,
)
from pymodpost.dialect.model import Dialect, LinkRules, LoaderRules, ModpostRules

__all__ = ["DEFAULT", "DIALECTS", "ENV_VAR", "Dialect", "DialectError", "LinkRules", "LoaderRules",
           "ModpostRules", "by_name", "for_release", "for_tree", "for_vermagic", "for_version",
           "from_environment", "release_version", "supported_names"]
