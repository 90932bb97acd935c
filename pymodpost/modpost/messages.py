"""The texts of modpost's per-module messages, in each kernel's wording.

Up to 6.12 every message names the module its own way (``"sym" [dir/mod.ko]``, ``module mod``,
``in dir/mod.o``); 7.3 prints them through mod_warn()/mod_error(), which put ``dir/mod.ko: ``
(``vmlinux: `` for vmlinux) in front of a reworded text.  The dialect's
``ModpostRules.message_style`` names the table.  Fields: ``name`` (the module's path without
``.o``), ``base`` (its last component), ``file`` (the object file), ``shown`` (``name`` with
``.ko`` unless vmlinux), ``sym``, ``ns``, ``prev`` (where a symbol was exported before).
"""

from __future__ import annotations

CLASSIC = {
    "exported-twice": "{name}: '{sym}' exported twice. Previous export was in {prev}\n",
    "missing-license": "missing MODULE_LICENSE() in {file}\n",
    "missing-description": "missing MODULE_DESCRIPTION() in {file}\n",
    "common-symbol": "\"{sym}\" [{name}] is COMMON symbol\n",
    "undefined": "\"{sym}\" [{name}.ko] undefined!\n",
    "exported-without-definition": "\"{sym}\" [{name}.ko] was exported without definition\n",
    "namespace-not-imported": "module {base} uses symbol {sym} from namespace {ns}, but does not import it.\n",
    "gpl-only-symbol": "GPL-incompatible module {base}.ko uses GPL-only symbol '{sym}'\n",
    "module-name-too-long": "module name is too long [{name}.ko]\n",
    "export-without-crc": "EXPORT symbol \"{sym}\" [{shown}] version generation failed, symbol will not be "
                          "versioned.\nIs \"{sym}\" prototyped in <asm/asm-prototypes.h>?\n",
    "no-crc": "\"{sym}\" [{name}.ko] has no CRC!\n",
    "symbol-name-too-long": "too long symbol \"{sym}\" [{name}.ko]\n",
}

#: 7.3: mod_warn()/mod_error() prefix every one with "{shown}: "
MOD_PREFIXED = {
    "exported-twice": "symbol '{sym}' exported twice. Previous export was in {prev}\n",
    "missing-license": "missing MODULE_LICENSE()\n",
    "missing-description": "missing MODULE_DESCRIPTION()\n",
    "common-symbol": "'{sym}' is COMMON symbol\n",
    "undefined": "symbol '{sym}' undefined!\n",
    "exported-without-definition": "symbol '{sym}' was exported without definition\n",
    "namespace-not-imported": "module uses symbol '{sym}' from namespace '{ns}', but does not import it.\n",
    "gpl-only-symbol": "GPL-incompatible module uses GPL-only symbol '{sym}'\n",
    "module-name-too-long": "module name is too long\n",
    "export-without-crc": "EXPORT symbol '{sym}' version generation failed, symbol will not be versioned.\n"
                          "Is '{sym}' prototyped in <asm/asm-prototypes.h>?\n",
    "no-crc": "symbol '{sym}' has no CRC!\n",
    "symbol-name-too-long": "too long symbol '{sym}'\n",
    "module-namespace-import": "explicitly importing namespace '{ns}' is not allowed.\n",
}
MOD_PREFIXED = {k: "{shown}: " + v for k, v in MOD_PREFIXED.items()}

STYLES = {"classic": CLASSIC, "mod-prefixed": MOD_PREFIXED}
