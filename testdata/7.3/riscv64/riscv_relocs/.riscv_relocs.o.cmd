savedcmd_riscv_relocs.o := riscv64-linux-gnu-ld -melf64lriscv -z noexecstack --no-warn-rwx-segments   -r -o riscv_relocs.o @riscv_relocs.mod 
