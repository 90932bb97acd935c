savedcmd_modules.order := {   echo riscv_relocs.o; :; } > modules.order
