"""kmod 30's modinfo re-created: reading a module file as libkmod does, its appended signature
(with our own DER decoder), and module name/alias look-up in a modules directory."""
