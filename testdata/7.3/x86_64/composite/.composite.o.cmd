savedcmd_composite.o := ld -m elf_x86_64 -z noexecstack --no-warn-rwx-segments   -r -o composite.o @composite.mod  ; /root/.cache/pymodpost/x86_64-7.3/build/tools/objtool/objtool --hacks=jump_label --hacks=noinstr --hacks=skylake --ibt --prefix=16 --orc --retpoline --rethunk --static-call --uaccess  --link  --module composite.o

composite.o: $(wildcard /root/.cache/pymodpost/x86_64-7.3/build/tools/objtool/objtool)
