savedcmd_composite.o := riscv64-linux-gnu-ld -melf64lriscv -z noexecstack --no-warn-rwx-segments   -r -o composite.o @composite.mod 
