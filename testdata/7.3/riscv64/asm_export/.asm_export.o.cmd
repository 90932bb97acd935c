savedcmd_asm_export.o := riscv64-linux-gnu-ld -melf64lriscv -z noexecstack --no-warn-rwx-segments   -r -o asm_export.o @asm_export.mod 
