savedcmd_/tmp/pymodpost-kbuild/6.12/x86_64/composite/composite.o := x86_64-linux-gnu-ld -m elf_x86_64 -z noexecstack --no-warn-rwx-segments   -r -o /tmp/pymodpost-kbuild/6.12/x86_64/composite/composite.o @/tmp/pymodpost-kbuild/6.12/x86_64/composite/composite.mod  ; ./tools/objtool/objtool --hacks=jump_label --hacks=noinstr --hacks=skylake --ibt --orc --retpoline --rethunk --sls --static-call --uaccess --prefix=16  --link  --module /tmp/pymodpost-kbuild/6.12/x86_64/composite/composite.o

/tmp/pymodpost-kbuild/6.12/x86_64/composite/composite.o: $(wildcard ./tools/objtool/objtool)
